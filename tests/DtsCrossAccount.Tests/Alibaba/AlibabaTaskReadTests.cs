#nullable enable
using DtsCrossAccount.Core;
using DtsCrossAccount.Emulator.Alibaba;
using DtsCrossAccount.Services;

namespace DtsCrossAccount.Tests.Alibaba;

/// <summary>
/// Get-DtsSyncTask for Alibaba below the engine: each field of the SyncTask as read from what DTS reports (state,
/// progress of the running module, delay, billing, each end's account and role), and which tasks a selector finds.
/// </summary>
public sealed class AlibabaTaskReadTests
{
    private static readonly string A = AlibabaSyncHarness.A, B = AlibabaSyncHarness.B;

    private static SyncTaskSelector Named(string name) => new() { Name = name, Region = "cn-hangzhou" };

    private static async Task<(AlibabaSyncHarness H, AlibabaDtsInstance Job)> Synchronizing(string name = "read", Action<SyncTaskRequest>? change = null)
    {
        var h = await AlibabaSyncHarness.StartAsync();
        h.Run(AlibabaSyncHarness.Request(name, r => { r.Wait = true; change?.Invoke(r); }));
        return (h, h.Job(name));
    }

    [Fact]
    public async Task A_synchronizing_cross_account_task_shows_each_end_its_owner_and_role_its_progress_and_delay()
    {
        var (h, job) = await Synchronizing();
        await using var _h = h;
        lock (h.State.Sync) job.DelayMs = 0;

        var task = Assert.Single(h.Tasks().Get(Named("read")));

        Assert.Equal((job.JobId, job.InstanceId, "read", "cn-hangzhou", "Synchronizing", "Synchronizing"), (task.TaskId, task.InstanceId, task.Name, task.Region, task.Status, task.RunningStatus));
        Assert.Equal((A, "ram-for-dts", B, (string?)null), (task.SourceAccountId, task.SourceRoleName, task.DestinationAccountId, task.DestinationRoleName));
        Assert.Equal((100, 0.0, "PayAsYouGo"), (task.Progress, task.DelaySeconds, task.BillingMethod));
        Assert.Equal(((string?)null, (string?)null), (task.ReverseTaskId, task.ReverseStatus));
        Assert.False(task.Changed);
        Assert.Empty(task.Changes);
    }

    [Fact]
    public async Task A_task_still_loading_shows_the_initial_load_progress_and_no_delay()
    {
        var (h, job) = await Synchronizing();
        await using var _h = h;
        // DTS reports the initial load at 37 % and the incremental sync not started.
        h.Answer("DescribeDtsJobs", (r, handler) =>
        {
            var answer = handler(r);
            foreach (var j in answer["DtsJobList"]!.AsArray())
            {
                j!["Status"] = "Initializing";
                j["Delay"] = 5000;
                j["DataInitializationStatus"]!["Percent"] = "37";
                j["DataSynchronizationStatus"]!["Percent"] = "0";
            }
            return answer;
        });

        var task = Assert.Single(h.Tasks().Get(Named("read")));

        Assert.Equal(("Initializing", 37, (double?)null), (task.Status, task.Progress, task.DelaySeconds));
    }

    [Theory]
    [InlineData("250", 100)]
    [InlineData("-3", 0)]
    [InlineData("n/a", null)]
    public async Task A_progress_DTS_reports_out_of_range_is_kept_between_0_and_100_and_an_unreadable_one_is_left_out(string reported, int? shown)
    {
        var (h, _) = await Synchronizing();
        await using var _h = h;
        h.Answer("DescribeDtsJobs", (r, handler) =>
        {
            var answer = handler(r);
            foreach (var j in answer["DtsJobList"]!.AsArray()) j!["DataSynchronizationStatus"]!["Percent"] = reported;
            return answer;
        });

        Assert.Equal(shown, Assert.Single(h.Tasks().Get(Named("read"))).Progress);
    }

    [Fact]
    public async Task A_task_without_incremental_sync_runs_until_Finished_and_a_subscription_is_shown_so()
    {
        var (h, job) = await Synchronizing("once", r => r.IncrementalSync = false);
        await using var _h = h;
        lock (h.State.Sync) job.PayType = "PrePaid";

        var task = Assert.Single(h.Tasks().Get(Named("once")));

        Assert.Equal(("Finished", "Subscription"), (task.RunningStatus, task.BillingMethod));
    }

    [Fact]
    public async Task A_job_without_an_instance_shows_none_and_a_task_ID_with_another_name_is_not_that_task()
    {
        var h = await AlibabaSyncHarness.StartAsync();
        await using var _h = h;
        h.Faults.Add("Alibaba", "CreateDtsInstance", "InvalidParameter.InstanceClass", times: 1, httpStatus: 400, message: "The specified instance class is not available.");
        h.Fails(AlibabaSyncHarness.Request("unbought", r => r.Wait = true));
        var jobId = h.Job("unbought").JobId!;

        var byId = Assert.Single(h.Tasks().Get(new SyncTaskSelector { TaskId = jobId, Region = "cn-hangzhou" }));
        var byIdAndName = h.Tasks().Get(new SyncTaskSelector { TaskId = jobId, Name = "unbought", Region = "cn-hangzhou" });
        var byIdOtherName = h.Tasks().Get(new SyncTaskSelector { TaskId = jobId, Name = "other", Region = "cn-hangzhou" });
        var unknownId = h.Tasks().Get(new SyncTaskSelector { TaskId = "nosuchjob0001", Region = "cn-hangzhou" });

        Assert.Equal((jobId, (string?)null, "NotStarted"), (byId.TaskId, byId.InstanceId, byId.Status));
        Assert.Equal(jobId, Assert.Single(byIdAndName).TaskId);
        Assert.Empty(byIdOtherName);
        Assert.Empty(unknownId);
    }

    [Fact]
    public async Task Without_a_name_every_task_of_the_region_is_listed()
    {
        var (h, first) = await Synchronizing("first");
        await using var _h = h;
        h.Run(AlibabaSyncHarness.Request("second", r => r.NoStart = true));

        var all = h.Tasks().Get(new SyncTaskSelector { Region = "cn-hangzhou" });

        Assert.Equal(new[] { "first", "second" }, all.Select(t => t.Name).OrderBy(n => n, StringComparer.Ordinal));
        Assert.All(all, t => Assert.Equal(A, t.SourceAccountId));
    }

    [Fact]
    public async Task A_name_finds_only_its_task_and_a_state_DTS_reports_in_lower_case_is_shown_as_documented()
    {
        var (h, first) = await Synchronizing("first");
        await using var _h = h;
        h.Run(AlibabaSyncHarness.Request("second", r => r.NoStart = true));
        lock (h.State.Sync) first.Status = "synchronizing";

        var task = Assert.Single(h.Tasks().Get(Named("first")));

        Assert.Equal(("first", "Synchronizing"), (task.Name, task.Status));
    }

    [Fact]
    public async Task A_task_within_the_task_account_shows_that_account_for_both_ends_and_no_role()
    {
        await using var h = await AlibabaSyncHarness.StartAsync();
        h.Run(AlibabaSyncHarness.Request("own", r =>
        {
            r.NoStart = true;
            r.Source = new DatabaseEndpointSpec { InstanceId = "rm-dst0000002", Region = "cn-shanghai", UserName = "dts_user", Password = AlibabaSyncHarness.DbPassword };
        }));

        var task = Assert.Single(h.Tasks().Get(Named("own")));

        Assert.Equal((B, (string?)null, B, (string?)null), (task.SourceAccountId, task.SourceRoleName, task.DestinationAccountId, task.DestinationRoleName));
    }

    [Fact]
    public async Task A_task_created_by_a_third_account_shows_both_ends_in_their_own_accounts_with_their_roles()
    {
        await using var h = await AlibabaSyncHarness.StartAsync();
        const string C = AlibabaSyncHarness.C;
        h.RolesTrustingC("ram-for-c", "ram-for-c-dst");
        h.Service(C).PlanSyncTask(AlibabaSyncHarness.Request("third", r =>
        {
            r.NoStart = true;
            r.Source.RoleName = "ram-for-c";
            r.Destination.AccountId = B;
            r.Destination.RoleName = "ram-for-c-dst";
        })).Apply();

        var task = Assert.Single(new SyncTaskService(h.Service(C), h.Context!).Get(Named("third")));

        // Neither end is in the task account C: each is shown in the account that owns it, through that account's role.
        Assert.Equal((A, "ram-for-c", "rm-src0000001"), (task.SourceAccountId, task.SourceRoleName, task.SourceInstanceId));
        Assert.Equal((B, "ram-for-c-dst", "rm-dst0000001"), (task.DestinationAccountId, task.DestinationRoleName, task.DestinationInstanceId));
    }
}
