#nullable enable
using DtsCrossAccount.Core;
using DtsCrossAccount.Emulator;
using DtsCrossAccount.Emulator.Alibaba;
using DtsCrossAccount.Emulator.Core;
using DtsCrossAccount.Services;
using DtsCrossAccount.Tests.Infrastructure;
using DtsCrossAccount.Tests.Transport;
using DtsCrossAccount.Transport;

namespace DtsCrossAccount.Tests.Alibaba;

/// <summary>
/// New-DtsSyncTask for Alibaba below the PowerShell engine: the same service, provider and transport the cmdlet builds,
/// against an in-process emulator in virtual time (polls and retry waits pass at once). A run here costs a second, not a
/// runspace, so every purchase and resume step can be tested against faults. What a user sees is read back from the
/// emulator (instances bought, job configuration received, the call log), never from the module's own objects alone.
/// </summary>
internal sealed class AlibabaSyncHarness : IAsyncDisposable
{
    public const string A = "1000000000000001", B = "1000000000000002";
    /// <summary>The seed's third account; its RAM user dts-operator (key LTAIEMUALIBABAUSERC031) may create a task between A and B.</summary>
    public const string C = "1000000000000003";
    public const string DbPassword = "Db-Pass-0001";

    private AlibabaSyncHarness(EmulatorServer server)
    {
        Server = server;
        Clock = new VirtualClock(server.State.Clock);
    }

    public EmulatorServer Server { get; }
    public VirtualClock Clock { get; }
    public EmulatorState State => Server.State;
    public FaultInjector Faults => Server.Faults;
    public ProgressReporter Reporter { get; private set; } = new();

    /// <summary>An emulator with the default seed and the role in account A that trusts B (as New-DtsCrossAccountRole leaves it).</summary>
    public static async Task<AlibabaSyncHarness> StartAsync()
    {
        var server = await FreshEmulator.StartAsync();
        server.State.DtsStepSeconds = 1;
        var h = new AlibabaSyncHarness(server);
        var roleService = h.Service(A);
        roleService.PlanRole(new RoleRequest { AccountId = A, TrustedAccountId = B, RoleName = "ram-for-dts" }).Apply();
        return h;
    }

    /// <summary>The request New-DtsSyncTask builds for `-SourceAccountId A -SourceInstanceId rm-src0000001 -DestinationInstanceId rm-dst0000001 -Database shop`.</summary>
    public static SyncTaskRequest Request(string name, Action<SyncTaskRequest>? change = null)
    {
        var r = new SyncTaskRequest
        {
            Name = name,
            Source = new DatabaseEndpointSpec { AccountId = A, InstanceId = "rm-src0000001", Region = "cn-hangzhou", UserName = "dts_user", Password = DbPassword },
            Destination = new DatabaseEndpointSpec { InstanceId = "rm-dst0000001", Region = "cn-hangzhou", UserName = "dts_user", Password = DbPassword },
            Databases = new[] { "shop" },
            Tables = Array.Empty<string>(),
        };
        change?.Invoke(r);
        return r;
    }

    /// <summary>The service as the cmdlets build it for the root key of <paramref name="account"/>, with a fresh reporter.</summary>
    public CrossAccountService Service(string account = B, CancellationToken cancel = default)
    {
        AccessKey key;
        lock (State.Sync) key = State.Alibaba.Keys.Values.First(k => k.Owner.IsRoot && k.Token == null && k.Owner.AccountId == account);
        return Service(key, cancel);
    }

    /// <summary>A RAM user of B never granted a role (<see cref="ServiceAsRamUser"/>): the checks try each cross-account role and fail there.</summary>
    public CrossAccountService ServiceAsRamUserWithoutGrant() => ServiceAsRamUser(granted: false);

    /// <summary>
    /// The service for a RAM user of the task account B with AliyunDTSFullAccess and, when <paramref name="granted"/>,
    /// AliyunSTSAssumeRoleAccess: the checks before buying then assume each cross-account role and list through it.
    /// </summary>
    public CrossAccountService ServiceAsRamUser(bool granted)
    {
        var key = new AccessKey
        {
            Id = "LTAIEMUTESTUSERB0099", Secret = "emuTestSecretUserB000000000099",
            Owner = new Principal { Cloud = "Alibaba", AccountId = B, Type = "RamUser", UserId = "209999999999999901", UserName = "dts-no-grant" },
        };
        lock (State.Sync)
        {
            var user = new AlibabaRamUser { UserId = key.Owner.UserId, UserName = "dts-no-grant" };
            user.Policies.Add(("System", "AliyunDTSFullAccess"));
            if (granted) user.Policies.Add(("System", "AliyunSTSAssumeRoleAccess"));
            State.Alibaba.Accounts[B].Users[user.UserName] = user;
            State.Alibaba.Keys[key.Id] = key;
        }
        return Service(key, default);
    }

    /// <summary>The service for the seed's access key <paramref name="accessKeyId"/> (a RAM user of another account, for example).</summary>
    public CrossAccountService ServiceWithKey(string accessKeyId)
    {
        AccessKey key;
        lock (State.Sync) key = State.Alibaba.Keys[accessKeyId];
        return Service(key, default);
    }

    private CrossAccountService Service(AccessKey key, CancellationToken cancel)
    {
        Reporter = new ProgressReporter { Cancellation = cancel };
        var ctx = new ProviderContext
        {
            Credential = new CloudCredential(key.Id, key.Secret, null, "test"),
            Region = "cn-hangzhou",
            EndpointOverride = Server.BaseUrl,
            Reporter = Reporter,
            Transport = new TransportSettings { Time = (IClock?)Manual ?? Clock },
        };
        Context = ctx;
        return new CrossAccountService(CloudProviderFactory.Create(CloudKind.Alibaba, ctx), ctx);
    }

    /// <summary>The third-account scenario's roles: one in A and one in B, each trusting C (DTS console: both databases in other accounts).</summary>
    public void RolesTrustingC(string sourceRole = "ram-for-c", string destinationRole = "ram-for-c")
    {
        Service(A).PlanRole(new RoleRequest { AccountId = A, TrustedAccountId = C, RoleName = sourceRole }).Apply();
        Service(B).PlanRole(new RoleRequest { AccountId = B, TrustedAccountId = C, RoleName = destinationRole }).Apply();
    }

    /// <summary>Set by <see cref="UseManualClock"/>: the module's clock for the services made after it.</summary>
    public ManualClock? Manual { get; private set; }

    /// <summary>From now on the module runs on a clock that moves only when it sleeps or the test advances it.</summary>
    public ManualClock UseManualClock() => Manual = new ManualClock(State.Clock);

    /// <summary>
    /// Replaces the emulator's handler of a DTS action; <paramref name="handler"/> gets the request and the original
    /// handler (to answer as the emulator would).
    /// </summary>
    public void Answer(string action, Func<ApiRequest, ApiHandler, System.Text.Json.Nodes.JsonObject> handler)
    {
        var op = Server.Core.Registry.Find("Alibaba", "dts", action)!;
        Server.Core.Registry.Add("Alibaba", "dts", op.Version, action, op.IsWrite, r => handler(r, op.Handler));
    }

    /// <summary>The context of the last <see cref="Service"/>.</summary>
    public ProviderContext? Context { get; private set; }

    /// <summary>Get-/Stop-/Remove-DtsSyncTask's service for the task account, with a fresh reporter.</summary>
    public SyncTaskService Tasks()
    {
        var service = Service();
        return new SyncTaskService(service, Context!);
    }

    /// <summary>Plans and applies (New-DtsSyncTask -Confirm:$false); a plan without changes returns the task as it is.</summary>
    public SyncTask Run(SyncTaskRequest request, CancellationToken cancel = default)
    {
        var plan = Service(B, cancel).PlanSyncTask(request);
        return plan.HasChanges ? plan.Apply() : plan.Current;
    }

    /// <summary>Runs and returns the error the run ended with (the cmdlet writes its SyncTask target, then the error).</summary>
    public DtsCrossAccountException Fails(SyncTaskRequest request) => Assert.Throws<DtsCrossAccountException>(() => Run(request));

    /// <summary>The DTS instances and configured-but-unbought jobs of the task account, as the emulator holds them.</summary>
    public IReadOnlyList<AlibabaDtsInstance> Jobs()
    {
        lock (State.Sync) return State.Alibaba.Accounts[B].DtsInstances.Values.ToList();
    }

    public IReadOnlyList<AlibabaDtsInstance> Bought() => Jobs().Where(j => j.Purchased).ToList();

    public int CallCount => Server.Calls.Snapshot().Count;

    /// <summary>Successful write calls (any cloud) since the given point of the call log.</summary>
    public IReadOnlyList<CallRecord> WritesSince(int mark) =>
        Server.Calls.Snapshot().Skip(mark).Where(c => c.IsWrite && c.Result == "OK").ToList();

    public IReadOnlyList<CallRecord> CallsSince(int mark, string action) =>
        Server.Calls.Snapshot().Skip(mark).Where(c => c.Cloud == "Alibaba" && c.Action == action).ToList();

    /// <summary>The job of <paramref name="name"/> as the emulator holds it.</summary>
    public AlibabaDtsInstance Job(string name) => Jobs().Single(j => j.JobName == name);

    /// <summary>
    /// Puts the job of <paramref name="name"/> in <paramref name="status"/>: DTS keeps it there while the test looks
    /// (<paramref name="hold"/>) or moves on from it at its normal pace.
    /// </summary>
    public AlibabaDtsInstance PutIn(string name, string status, bool hold = true)
    {
        var job = Job(name);
        lock (State.Sync)
        {
            job.Status = status;
            job.StatusSince = hold ? State.Clock.UtcNow.AddDays(1) : State.Clock.UtcNow;
        }
        return job;
    }

    public ValueTask DisposeAsync() => Server.DisposeAsync();

    /// <summary>The ways a write's outcome stays unknown to the module: a 5xx before or after DTS applied it, a lost answer, a reset.</summary>
    public static readonly string[] UnknownOutcomes = { "server error before", "server error after", "lost answer", "reset" };

    /// <summary>The next <paramref name="action"/> call ends as <paramref name="how"/> (one of <see cref="UnknownOutcomes"/>).</summary>
    public static Fault UnknownOutcome(string action, string how) => how switch
    {
        "server error before" => new Fault("Alibaba", action, "InternalError", 500, "The request processing has failed due to some unknown error.") { Kind = FaultKind.ServerError, Remaining = 1 },
        "server error after" => new Fault("Alibaba", action, "InternalError", 500, "The request processing has failed due to some unknown error.") { Kind = FaultKind.ServerError, Remaining = 1, AfterApply = true },
        "lost answer" => new Fault("Alibaba", action, "", 0, null) { Kind = FaultKind.LostAnswer, Remaining = 1 },
        _ => new Fault("Alibaba", action, "", 0, null) { Kind = FaultKind.Reset, Remaining = 1 },
    };

    /// <summary>
    /// DTS accepts <paramref name="action"/> (Success) but the job stays as it is for now: an end or a release that DTS
    /// takes longer for than the command waits.
    /// </summary>
    public void AcceptedButNotYetDone(string action)
    {
        var op = Server.Core.Registry.Find("Alibaba", "dts", action)!;
        Server.Core.Registry.Add("Alibaba", "dts", op.Version, action, true, _ => new System.Text.Json.Nodes.JsonObject { ["Success"] = true });
    }
}

/// <summary>Every line and progress record the module reports (what -Verbose, -Debug, warnings and Write-Progress show).</summary>
internal sealed class ProgressReporter : IOperationReporter
{
    public List<string> VerboseLines { get; } = new();
    public List<string> DebugLines { get; } = new();
    public List<string> WarningLines { get; } = new();
    public List<(string Activity, string Status, int Percent, bool Completed)> ProgressRecords { get; } = new();
    public void Verbose(string message) => VerboseLines.Add(message);
    public void Debug(string message) => DebugLines.Add(message);
    public void Warning(string message) => WarningLines.Add(message);
    public void Progress(string activity, string status, int percent, bool completed) => ProgressRecords.Add((activity, status, percent, completed));
    /// <summary>Ctrl+C as the cmdlet passes it (a wait for another run's lock on the task name ends with it).</summary>
    public CancellationToken Cancellation { get; init; }
}
