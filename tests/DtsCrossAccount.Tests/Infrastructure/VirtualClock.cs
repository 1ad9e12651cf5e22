using DtsCrossAccount.Emulator.Core;
using DtsCrossAccount.Transport;

namespace DtsCrossAccount.Tests.Infrastructure;

/// <summary>
/// Virtual time shared by the module and its emulator: a wait moves the emulator's clock forward at once (so DTS jobs
/// advance as if the time had passed) and returns; the module signs with the same time, so signatures stay fresh.
/// </summary>
internal sealed class VirtualClock : IClock
{
    private readonly EmulatorClock _emulator;
    private long _sleptTicks;

    public VirtualClock(EmulatorClock emulator) => _emulator = emulator;

    public DateTimeOffset UtcNow => _emulator.UtcNow;

    /// <summary>The virtual time spent waiting.</summary>
    public TimeSpan Slept => TimeSpan.FromTicks(Interlocked.Read(ref _sleptTicks));

    public void Sleep(TimeSpan delay, CancellationToken cancel)
    {
        cancel.ThrowIfCancellationRequested();
        if (delay <= TimeSpan.Zero) return;
        Interlocked.Add(ref _sleptTicks, delay.Ticks);
        _emulator.Advance(delay);
    }
}
