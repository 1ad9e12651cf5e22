using DtsCrossAccount.Emulator.Alibaba;
using DtsCrossAccount.Emulator.Tencent;

namespace DtsCrossAccount.Emulator.Core;

/// <summary>The emulator without its HTTP server: state, registered actions, call log, faults, and the two clouds' frontends.</summary>
public sealed class EmulatorCore
{
    public EmulatorCore(string? seedJson = null)
    {
        Seed.Load(State, seedJson ?? Seed.DefaultSeedJson());
        TencentApis.Register(Registry);
        AlibabaApis.Register(Registry);
    }

    public EmulatorState State { get; } = new();
    public ApiRegistry Registry { get; } = new();
    public CallLog Calls { get; } = new();
    public FaultInjector Faults { get; } = new();
    public RateLimits Limits { get; } = new();

    private readonly object _calls = new();

    /// <summary>Routes a request to the cloud whose wire protocol it speaks.</summary>
    public RawResponse Handle(RawRequest request)
    {
        // One call at a time, as each cloud API call is atomic: concurrent runs (parallel runspaces) must not see the
        // state's dictionaries half-changed.
        lock (_calls)
        {
            if (IsTencent(request)) return TencentFrontend.Handle(request, this);
            if (IsAlibaba(request)) return AlibabaFrontend.Handle(request, this);
        }
        return new RawResponse(400, "application/json",
            "{\"Code\":\"UnknownProtocol\",\"Message\":\"The request is neither a Tencent Cloud API 3.0 request nor an Alibaba Cloud RPC request.\"}");
    }

    private static bool IsTencent(RawRequest r) =>
        r.Header("X-TC-Action") != null || (r.Header("Authorization")?.StartsWith("TC3-", StringComparison.Ordinal) ?? false);

    private static bool IsAlibaba(RawRequest r) =>
        r.Header("x-acs-action") != null || r.QueryString.Contains("Action=", StringComparison.Ordinal) ||
        (r.Header("Authorization")?.StartsWith("ACS3-", StringComparison.Ordinal) ?? false) ||
        (r.Header("Content-Type")?.StartsWith("application/x-www-form-urlencoded", StringComparison.Ordinal) ?? false);
}
