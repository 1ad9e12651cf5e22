#nullable enable
using DtsCrossAccount.Core;
using DtsCrossAccount.Services;

namespace DtsCrossAccount.Tests.Tencent;

/// <summary>
/// Get-DtsSyncTask for Tencent below the engine: each field of the SyncTask as read from what DescribeSyncJobs reports
/// (state, progress, lag, billing, each end's account and role), and which jobs a selector finds.
/// </summary>
public sealed class TencentTaskReadTests
{
    private const string A = TencentSyncHarness.A, B = TencentSyncHarness.B, Region = TencentSyncHarness.Region;

    private static SyncTaskService Tasks(TencentSyncHarness h)
    {
        var ctx = h.Context(B);
        return new SyncTaskService(new CrossAccountService(CloudProviderFactory.Create(CloudKind.Tencent, ctx), ctx), ctx);
    }

    private static async Task<(TencentSyncHarness H, SyncTask Made)> Running(string name = "read", bool subscription = false)
    {
        var h = await TencentSyncHarness.StartAsync();
        var request = TencentSyncHarness.Request(name);
        if (subscription) request.Options = new SyncTaskOptions { Subscription = true, PeriodMonths = 1 };
        return (h, h.Run(request));
    }

    private static SyncTask ReadOne(TencentSyncHarness h, string taskId) =>
        Assert.Single(Tasks(h).Get(new SyncTaskSelector { TaskId = taskId, Region = Region }));

    [Fact]
    public async Task A_running_cross_account_job_shows_each_end_its_owner_and_role_its_progress_lag_and_billing()
    {
        var (h, made) = await Running();
        await using var _h = h;
        lock (h.State.Sync) { h.OnlyJob().SecondsBehindMaster = 7; h.OnlyJob().MasterSlaveDistance = 2048; }

        var task = ReadOne(h, made.TaskId);

        Assert.Equal((made.TaskId, made.TaskId, "read", Region, "Running", "Running"), (task.TaskId, task.InstanceId, task.Name, task.Region, task.Status, task.RunningStatus));
        Assert.Equal((100, 7.0, "PayAsYouGo", "Normal"), (task.Progress, task.DelaySeconds, task.BillingMethod, task.BillingStatus));
        // The source is A's, read through A's role; the target is the task account's own, which DTS lists without an account.
        Assert.Equal((A, "DTS-role", B, (string?)null), (task.SourceAccountId, task.SourceRoleName, task.DestinationAccountId, task.DestinationRoleName));
        Assert.False(task.Changed);
        Assert.Empty(task.Changes);
    }

    [Fact]
    public async Task A_stopped_subscription_job_shows_no_lag_and_its_billing_as_a_subscription()
    {
        var (h, made) = await Running(subscription: true);
        await using var _h = h;
        lock (h.State.Sync) { h.OnlyJob().Status = "Stopped"; h.OnlyJob().SecondsBehindMaster = 7; }

        var task = ReadOne(h, made.TaskId);

        Assert.Equal(("Stopped", (double?)null, "Subscription"), (task.Status, task.DelaySeconds, task.BillingMethod));
    }

    [Theory]
    [InlineData(42L, 42)]
    [InlineData(150L, 100)]
    [InlineData(-5L, 0)]
    public async Task The_progress_DTS_reports_is_shown_between_0_and_100(long reported, int shown)
    {
        var (h, made) = await Running();
        await using var _h = h;
        lock (h.State.Sync) h.OnlyJob().Progress = reported;

        Assert.Equal(shown, ReadOne(h, made.TaskId).Progress);
    }

    [Fact]
    public async Task A_job_configured_elsewhere_with_its_target_in_another_account_shows_that_account_and_role()
    {
        var (h, made) = await Running();
        await using var _h = h;
        lock (h.State.Sync)
        {
            var dst = (System.Text.Json.Nodes.JsonObject)h.OnlyJob().Config!["DstInfo"]!;
            dst["AccountMode"] = "other";
            dst["Account"] = "100000000003";
            dst["AccountRole"] = "dst-role";
        }

        var task = ReadOne(h, made.TaskId);

        Assert.Equal(("100000000003", "dst-role"), (task.DestinationAccountId, task.DestinationRoleName));
        Assert.Equal((A, "DTS-role"), (task.SourceAccountId, task.SourceRoleName));
    }

    [Fact]
    public async Task A_task_ID_finds_its_job_only_under_its_own_name_and_an_unknown_ID_finds_nothing()
    {
        var (h, made) = await Running("orders");
        await using var _h = h;
        var tasks = Tasks(h);

        var byId = tasks.Get(new SyncTaskSelector { TaskId = made.TaskId, Region = Region });
        var byIdAndName = tasks.Get(new SyncTaskSelector { TaskId = made.TaskId, Name = "orders", Region = Region });
        var byIdAndOtherName = tasks.Get(new SyncTaskSelector { TaskId = made.TaskId, Name = "orders-2", Region = Region });
        var unknown = tasks.Get(new SyncTaskSelector { TaskId = "sync-00000000", Region = Region });

        Assert.Equal(made.TaskId, Assert.Single(byId).TaskId);
        Assert.Equal(made.TaskId, Assert.Single(byIdAndName).TaskId);
        Assert.Empty(byIdAndOtherName);
        Assert.Empty(unknown);
    }

    [Fact]
    public async Task A_name_finds_only_the_job_of_exactly_that_name_not_those_that_contain_it()
    {
        await using var h = await TencentSyncHarness.StartAsync();
        var orders = h.Run(TencentSyncHarness.Request("orders"));
        var longer = h.Run(TencentSyncHarness.Request("orders-eu"));

        var named = Tasks(h).Get(new SyncTaskSelector { Name = "orders", Region = Region });
        var all = Tasks(h).Get(new SyncTaskSelector { Region = Region });

        Assert.Equal(orders.TaskId, Assert.Single(named).TaskId);
        Assert.Equal(new[] { longer.TaskId, orders.TaskId }.OrderBy(x => x), all.Select(t => t.TaskId).OrderBy(x => x));
    }
}
