using DtsCrossAccount.Tests.Infrastructure;
#nullable enable
using System.Text.Json.Nodes;
using DtsCrossAccount.Core;
using DtsCrossAccount.Emulator;
using DtsCrossAccount.Emulator.Core;
using DtsCrossAccount.Transport;

namespace DtsCrossAccount.Tests.Transport;

/// <summary>
/// A real emulator on loopback with test-only actions, so the wire layer is tested without the cloud handlers.
/// Each test gets its own server (clock, nonces, faults and call log are per server).
/// </summary>
internal sealed class WireEmulator : IAsyncDisposable
{
    public const string TencentRead = "WireTestWhoAmI";
    public const string TencentWrite = "WireTestWrite";
    public const string AlibabaRead = "WireTestWhoAmI";
    public const string AlibabaWrite = "WireTestWrite";
    public const string AlibabaDtsFailure = "WireTestDtsFailure";

    private WireEmulator(EmulatorServer server) => Server = server;

    public EmulatorServer Server { get; }
    public int TencentWrites;
    public int AlibabaWrites;

    public static async Task<WireEmulator> StartAsync()
    {
        var server = await FreshEmulator.StartAsync();
        var e = new WireEmulator(server);
        var registry = server.Core.Registry;
        registry.Add("Tencent", "sts", "2018-08-13", TencentRead, false, r => new JsonObject
        {
            ["AccountId"] = r.Caller.AccountId,
            ["Region"] = r.Region,
            ["Echo"] = r.Body?["Echo"]?.DeepClone(),
        });
        registry.Add("Tencent", "cam", "2019-01-16", TencentWrite, true, r =>
        {
            e.TencentWrites++;
            return new JsonObject { ["Done"] = true };
        });
        registry.Add("Alibaba", "sts", "2015-04-01", AlibabaRead, false, r =>
        {
            var parameters = new JsonObject();
            foreach (var p in r.Parameters!) parameters[p.Key] = p.Value;
            return new JsonObject { ["AccountId"] = r.Caller.AccountId, ["Region"] = r.Region, ["Parameters"] = parameters };
        });
        registry.Add("Alibaba", "ram", "2015-05-01", AlibabaWrite, true, r =>
        {
            e.AlibabaWrites++;
            return new JsonObject { ["Done"] = true };
        });
        // DTS reports some failures as HTTP 200 with Success=false (cloud-apis.md 2d).
        registry.Add("Alibaba", "dts", "2020-01-01", AlibabaDtsFailure, false, r => new JsonObject
        {
            ["Success"] = false,
            ["ErrCode"] = "InvalidParameter",
            ["ErrMessage"] = "The parameter %s is invalid.",
            ["DynamicMessage"] = "DbList",
            ["HttpStatusCode"] = 400,
        });
        return e;
    }

    public EmulatorState State => Server.State;

    public AccessKey TencentRootKey => State.Tencent.Keys.Values.First(k => k.Owner.IsRoot && k.Token == null);
    public AccessKey AlibabaRootKey => State.Alibaba.Keys.Values.First(k => k.Owner.IsRoot && k.Token == null);

    /// <summary>Adds a temporary key (as STS AssumeRole would) owned by the given key's principal.</summary>
    public AccessKey AddTemporaryKey(bool tencent, AccessKey owner, TimeSpan lifetime)
    {
        var key = new AccessKey
        {
            Id = (tencent ? "AKIDTMPWIRE" : "STS.WIRE") + Guid.NewGuid().ToString("N")[..12],
            Secret = "tmpSecret" + Guid.NewGuid().ToString("N"),
            Token = "tmpToken" + Guid.NewGuid().ToString("N") + Guid.NewGuid().ToString("N"),
            ExpiresAt = State.Clock.UtcNow + lifetime,
            Owner = owner.Owner,
        };
        lock (State.Sync) (tencent ? State.Tencent.Keys : State.Alibaba.Keys)[key.Id] = key;
        return key;
    }

    public static CloudCredential Credential(AccessKey key, string? secret = null, string? token = null) =>
        new(key.Id, secret ?? key.Secret, token, "test");

    public static RetryPolicy FastRetry => new() { MaxAttempts = 4, BaseDelay = TimeSpan.FromMilliseconds(1), MaxDelay = TimeSpan.FromMilliseconds(5), Timeout = TimeSpan.FromSeconds(10) };

    /// <summary>Fast retries and the process-wide limiter, as a provider context would pass them.</summary>
    public static TransportSettings FastSettings(RateLimiter? limiter = null, Func<DateTimeOffset>? clock = null) => new()
    {
        Retry = FastRetry, Limiter = limiter ?? RateLimiter.Shared, Clock = clock ?? (() => DateTimeOffset.UtcNow),
    };

    public TencentApiClient Tencent(CloudCredential credential, IOperationReporter? reporter = null, TransportSettings? settings = null) =>
        new(credential, new EndpointResolver(Server.BaseUrl), reporter ?? NullReporter.Instance, settings ?? FastSettings());

    public AlibabaApiClient Alibaba(CloudCredential credential, IOperationReporter? reporter = null, TransportSettings? settings = null) =>
        new(credential, new EndpointResolver(Server.BaseUrl), reporter ?? NullReporter.Instance, settings ?? FastSettings());

    public IReadOnlyList<CallRecord> CallsOf(string cloud, string action) =>
        Server.Calls.Snapshot().Where(c => c.Cloud == cloud && c.Action == action).ToList();

    public ValueTask DisposeAsync() => Server.DisposeAsync();
}

/// <summary>Keeps every line the wire layer reports.</summary>
internal sealed class RecordingReporter : IOperationReporter
{
    public RecordingReporter(CancellationToken cancellation = default) => Cancellation = cancellation;

    public List<string> VerboseLines { get; } = new();
    public List<string> DebugLines { get; } = new();
    public List<string> WarningLines { get; } = new();
    public IEnumerable<string> All => VerboseLines.Concat(DebugLines).Concat(WarningLines);

    public void Verbose(string message) => VerboseLines.Add(message);
    public void Debug(string message) => DebugLines.Add(message);
    public void Warning(string message) => WarningLines.Add(message);
    public void Progress(string activity, string status, int percent, bool completed) { }
    public CancellationToken Cancellation { get; }
}
