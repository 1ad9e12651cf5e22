#nullable enable
using DtsCrossAccount.Core;
using DtsCrossAccount.Emulator;
using DtsCrossAccount.Emulator.Core;
using DtsCrossAccount.Emulator.Tencent;
using DtsCrossAccount.Services;
using DtsCrossAccount.Tests.Infrastructure;
using DtsCrossAccount.Tests.Transport;
using DtsCrossAccount.Transport;

namespace DtsCrossAccount.Tests.Tencent;

/// <summary>
/// New-DtsSyncTask for Tencent one layer below the PowerShell engine: the same service, planner and runner the cmdlet
/// calls, against an in-process emulator seeded like the flow tests, with fast retries and virtual time shared with the
/// emulator (a wait of minutes passes at once and the DTS job advances as if it had). A run costs milliseconds, so
/// every fault at every step can be tried.
/// </summary>
internal sealed class TencentSyncHarness : IAsyncDisposable
{
    public const string A = TencentFlowTests.A;
    public const string B = TencentFlowTests.B;
    public const string Region = "ap-guangzhou";
    public const string SourcePassword = "Src-Reader-Pass1";
    public const string DestinationPassword = "Dst-Writer-Pass1";
    public const string ExternalId = "orders-ext-01";

    private TencentSyncHarness(EmulatorServer server)
    {
        Server = server;
        Clock = new VirtualClock(server.State.Clock);
    }

    public EmulatorServer Server { get; }
    public VirtualClock Clock { get; }
    public EmulatorState State => Server.State;
    public PathReporter Reporter { get; private set; } = new();
    public TencentAccount Buyer => State.Tencent.Accounts[B];

    /// <summary>An emulator with the default seed and, unless <paramref name="withRole"/> is false, account A's role DTS-role trusting B.</summary>
    public static async Task<TencentSyncHarness> StartAsync(bool withRole = true)
    {
        var server = await FreshEmulator.StartAsync();
        server.State.DtsStepSeconds = 5;
        var h = new TencentSyncHarness(server);
        if (withRole)
        {
            var plan = h.Service(A).PlanRole(new RoleRequest { AccountId = A, TrustedAccountId = B, RoleName = "DTS-role", ExternalId = ExternalId });
            plan.Apply();
        }
        return h;
    }

    public ProviderContext Context(string account, CancellationToken cancel = default)
    {
        var key = State.Tencent.Keys.Values.First(k => k.Owner.AccountId == account && k.Owner.IsRoot && k.Token == null);
        Reporter = new PathReporter(cancel);
        return new ProviderContext
        {
            Credential = new CloudCredential(key.Id, key.Secret, null, "test"),
            Region = Region,
            EndpointOverride = Server.BaseUrl,
            Reporter = Reporter,
            Transport = new TransportSettings { Retry = WireEmulator.FastRetry, Limiter = RateLimiter.Unlimited, Time = Clock },
        };
    }

    public CrossAccountService Service(string account, CancellationToken cancel = default)
    {
        var ctx = Context(account, cancel);
        return new CrossAccountService(CloudProviderFactory.Create(CloudKind.Tencent, ctx), ctx);
    }

    /// <summary>The request the flow tests' New-DtsSyncTask line makes: A's cdb-src00001 through DTS-role into B's cdb-dst00001.</summary>
    public static SyncTaskRequest Request(string name, params string[] databases) => new()
    {
        Name = name,
        Source = new DatabaseEndpointSpec
        {
            AccountId = A, InstanceId = "cdb-src00001", Region = Region, Engine = "MySQL", RoleName = "DTS-role", ExternalId = ExternalId,
            UserName = "dts_reader", Password = SourcePassword,
        },
        Destination = new DatabaseEndpointSpec
        {
            InstanceId = "cdb-dst00001", Region = Region, Engine = "TencentDB-for-MySQL", UserName = "dts_writer", Password = DestinationPassword,
        },
        Databases = databases.Length == 0 ? new[] { "shop" } : databases,
        Tables = Array.Empty<string>(),
        Wait = true,
        TimeoutSeconds = 1800,
        Options = new SyncTaskOptions(),
    };

    /// <summary>Plans and applies as New-DtsSyncTask -Confirm:$false does, as account B.</summary>
    public SyncTask Run(SyncTaskRequest request, CancellationToken cancel = default)
    {
        var plan = Service(B, cancel).PlanSyncTask(request);
        return plan.HasChanges ? plan.Apply() : plan.Current;
    }

    public ChangePlan<SyncTask> Plan(SyncTaskRequest request) => Service(B).PlanSyncTask(request);

    public IReadOnlyList<CallRecord> Calls => Server.Calls.Snapshot();

    public int CallCount => Calls.Count;

    /// <summary>Calls of the action that changed state: answered OK, or applied before the injected server error or lost answer.</summary>
    public int Applied(string action) =>
        Calls.Count(c => c.Action == action && (c.Result == "OK" || c.Fault == "ServerError afterApply" || c.Fault == "lostAnswer"));

    public IReadOnlyList<string> WritesSince(int mark) =>
        Calls.Skip(mark).Where(c => c.IsWrite && c.Result == "OK").Select(c => c.Action).ToList();

    public TencentSyncJob OnlyJob() => Assert.Single(Buyer.SyncJobs.Values);

    /// <summary>
    /// Runs <paramref name="request"/> as New-DtsSyncTask does and presses Ctrl+C right after DTS answered
    /// <paramref name="action"/>: the call took effect and the run stops before its next step. Returns once the emulator
    /// has logged that call, so what a test counts from here on is the re-run's alone. Afterwards the action answers as
    /// the emulator always does, so a re-run is not interrupted.
    /// </summary>
    public void RunInterruptedAfter(string action, SyncTaskRequest request)
    {
        var op = Server.Core.Registry.Find("Tencent", "dts", action)!;
        int before = CallCount;
        using var cancel = new CancellationTokenSource();
        Server.Core.Registry.Add("Tencent", "dts", op.Version, action, op.IsWrite, r =>
        {
            var answer = op.Handler(r);
            cancel.Cancel();
            return answer;
        });
        try
        {
            Assert.ThrowsAny<OperationCanceledException>(() => Run(request, cancel.Token));
            // Ctrl+C ends the run while the emulator may still be logging the call it just answered; a count taken too
            // early would miss it and charge it to the re-run.
            Assert.True(SpinWait.SpinUntil(() => Calls.Skip(before).Any(c => c.Action == action), TimeSpan.FromSeconds(30)),
                action + " was answered but never logged");
        }
        finally
        {
            Server.Core.Registry.Add("Tencent", "dts", op.Version, action, op.IsWrite, op.Handler);
        }
    }

    public void Fault(string action, FaultKind kind, int times = 1, bool afterApply = false) =>
        Server.Faults.Add(new Fault("Tencent", action, "", 0, null) { Kind = kind, Remaining = times, AfterApply = afterApply });

    public ValueTask DisposeAsync() => Server.DisposeAsync();
}

/// <summary>What a user would see of a run: Verbose lines and progress records (activity, status, percent, completed).</summary>
internal sealed class PathReporter : IOperationReporter
{
    public PathReporter(CancellationToken cancellation = default) => Cancellation = cancellation;

    public List<string> VerboseLines { get; } = new();
    public List<(string Activity, string Status, int Percent, bool Completed)> ProgressRecords { get; } = new();

    public void Verbose(string message) => VerboseLines.Add(message);
    public void Debug(string message) { }
    public List<string> WarningLines { get; } = new();
    public void Warning(string message) => WarningLines.Add(message);
    public void Progress(string activity, string status, int percent, bool completed) => ProgressRecords.Add((activity, status, percent, completed));
    public CancellationToken Cancellation { get; }
}
