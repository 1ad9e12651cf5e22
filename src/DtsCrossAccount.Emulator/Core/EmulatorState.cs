using DtsCrossAccount.Emulator.Alibaba;
using DtsCrossAccount.Emulator.Tencent;

namespace DtsCrossAccount.Emulator.Core;

/// <summary>The whole emulated world. Handlers run under Sync, one request at a time, as the clouds appear to a single caller.</summary>
public sealed class EmulatorState
{
    public object Sync { get; } = new();
    public EmulatorClock Clock { get; } = new();
    public TencentWorld Tencent { get; } = new();
    public AlibabaWorld Alibaba { get; } = new();
    /// <summary>Seconds a DTS check/precheck or start takes before its next state is visible (0 = at the next poll).</summary>
    public double DtsStepSeconds { get; set; } = 0.2;
}
