#nullable enable
using DtsCrossAccount.Core;
using DtsCrossAccount.Emulator.Tencent;
using DtsCrossAccount.Services;

namespace DtsCrossAccount.Tests.Tencent;

/// <summary>
/// The other reads of the Tencent DTS client, below the engine (TencentSyncHarness): Get-DtsSyncTask lists every job
/// over DescribeSyncJobs' pages and, by name, exactly that name; Test-DtsCrossAccountAccess lists the peer's instances
/// with the role's temporary keys, of the engine asked for.
/// </summary>
public sealed class TencentSyncTaskPathReadTests
{
    private static CrossAccountService Service(TencentSyncHarness h) => h.Service(TencentSyncHarness.B);

    private static void AddJobs(TencentSyncHarness h, string prefix, int count)
    {
        var now = h.State.Clock.UtcNow;
        for (int i = 0; i < count; i++)
        {
            var id = "sync-" + prefix + i.ToString("D5");
            h.Buyer.SyncJobs[id] = new TencentSyncJob
            {
                JobId = id, Seq = 1000 + i, JobName = prefix + "-" + i, PayMode = "PostPay", SrcDatabaseType = "mysql", SrcRegion = TencentSyncHarness.Region,
                DstDatabaseType = "mysql", DstRegion = TencentSyncHarness.Region, CreateTime = now.AddMinutes(1 + i), Status = "Running",
            };
        }
    }

    [Fact]
    public async Task Get_lists_every_job_over_all_pages_and_by_name_only_that_name()
    {
        await using var h = await TencentSyncHarness.StartAsync();
        var first = h.Run(TencentSyncHarness.Request("orders"));
        AddJobs(h, "orders", 200); // the oldest job comes last: on the third page
        var ctx = h.Context(TencentSyncHarness.B);
        var tasks = new SyncTaskService(new CrossAccountService(CloudProviderFactory.Create(CloudKind.Tencent, ctx), ctx), ctx);

        var all = tasks.Get(new SyncTaskSelector { Region = TencentSyncHarness.Region });
        var named = tasks.Get(new SyncTaskSelector { Region = TencentSyncHarness.Region, Name = "orders" });

        Assert.Equal(201, all.Count);
        Assert.Equal(201, all.Select(t => t.TaskId).Distinct().Count());
        Assert.Contains(all, t => t.TaskId == first.TaskId);
        var task = Assert.Single(named);
        Assert.Equal(first.TaskId, task.TaskId);
        // What DescribeSyncJobs lists of the job: the endpoints (without secrets), regions, engines and billing.
        Assert.Equal(("cdb-src00001", "cdb-dst00001", "ap-guangzhou", "ap-guangzhou", "mysql", "mysql", "PayAsYouGo", "Normal", "Running"),
            (task.SourceInstanceId, task.DestinationInstanceId, task.SourceRegion, task.DestinationRegion, task.SourceEngine, task.DestinationEngine,
             task.BillingMethod, task.BillingStatus, task.Status));
        Assert.Equal(("orders", TencentSyncHarness.A, "DTS-role"), (task.Name, task.SourceAccountId, task.SourceRoleName));
    }

    [Fact]
    public async Task A_re_run_among_exactly_a_page_of_similar_names_reads_that_one_page()
    {
        await using var h = await TencentSyncHarness.StartAsync();
        var first = h.Run(TencentSyncHarness.Request("orders"));
        AddJobs(h, "orders", 99); // with the task, 100 jobs whose names contain "orders": one full page, the total
        int mark = h.CallCount;

        var plan = h.Plan(TencentSyncHarness.Request("orders"));

        Assert.False(plan.HasChanges);
        Assert.Equal(first.TaskId, plan.Current.TaskId);
        Assert.Single(h.Calls.Skip(mark), c => c.Action == "DescribeSyncJobs");
    }

    [Fact]
    public async Task Get_of_a_job_bought_but_never_configured_shows_its_regions_and_engines()
    {
        await using var h = await TencentSyncHarness.StartAsync();
        using (var cancel = new CancellationTokenSource())
        {
            // Ctrl+C right after the purchase: DTS lists the job without endpoints.
            var create = h.Server.Core.Registry.Find("Tencent", "dts", "CreateSyncJob")!;
            h.Server.Core.Registry.Add("Tencent", "dts", create.Version, "CreateSyncJob", true, r => { var a = create.Handler(r); cancel.Cancel(); return a; });
            Assert.ThrowsAny<OperationCanceledException>(() => h.Run(TencentSyncHarness.Request("orders"), cancel.Token));
        }
        var ctx = h.Context(TencentSyncHarness.B);
        var tasks = new SyncTaskService(new CrossAccountService(CloudProviderFactory.Create(CloudKind.Tencent, ctx), ctx), ctx);

        var task = Assert.Single(tasks.Get(new SyncTaskSelector { Region = TencentSyncHarness.Region, Name = "orders" }));

        Assert.Equal(("UnInitialized", "ap-guangzhou", "ap-guangzhou", "mysql", "mysql"),
            (task.Status, task.SourceRegion, task.DestinationRegion, task.SourceEngine, task.DestinationEngine));
        Assert.Null(task.SourceInstanceId);
        // No endpoint yet, so no account either: the caller's account is not put in for an end DTS does not know.
        Assert.Equal(((string?)null, (string?)null, (string?)null), (task.SourceAccountId, task.DestinationAccountId, task.SourceRoleName));
    }

    [Fact]
    public async Task Get_of_exactly_one_page_of_jobs_lists_them_all_once()
    {
        await using var h = await TencentSyncHarness.StartAsync();
        AddJobs(h, "page", 100);
        var ctx = h.Context(TencentSyncHarness.B);
        var tasks = new SyncTaskService(new CrossAccountService(CloudProviderFactory.Create(CloudKind.Tencent, ctx), ctx), ctx);

        var all = tasks.Get(new SyncTaskSelector { Region = TencentSyncHarness.Region });

        Assert.Equal(100, all.Select(t => t.TaskId).Distinct().Count());
        Assert.Equal(100, all.Count);
        Assert.Single(h.Calls, c => c.Action == "DescribeSyncJobs"); // a full last page that holds the total asks for no empty one
    }

    [Theory]
    [InlineData(null, "MySQL", "cdb-src00001")]
    [InlineData("TDSQL", "TDSQL for MySQL", "tdsqlshard-src01")]
    public async Task The_access_check_lists_the_peers_instances_of_the_engine_with_the_roles_keys(string? engine, string product, string instance)
    {
        await using var h = await TencentSyncHarness.StartAsync();

        var check = Service(h).TestAccess(new AccessCheckRequest
        {
            RoleAccountId = TencentSyncHarness.A, RoleName = "DTS-role", ExternalId = TencentSyncHarness.ExternalId, Region = TencentSyncHarness.Region, Engine = engine,
        });

        var list = Assert.Single(check.Checks, c => c.Name == "ListInstances");
        Assert.Equal(CheckResult.Passed, list.Result);
        Assert.StartsWith("1 ", list.Message);
        Assert.Contains(product, list.Message);
        Assert.EndsWith("of account " + TencentSyncHarness.A + " in " + TencentSyncHarness.Region + ": " + instance + ".", list.Message);
    }
}
