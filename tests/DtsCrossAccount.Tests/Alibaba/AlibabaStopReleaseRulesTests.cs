#nullable enable
using System.Management.Automation;
using DtsCrossAccount.Core;
using DtsCrossAccount.Emulator.Alibaba;
using DtsCrossAccount.Services;

namespace DtsCrossAccount.Tests.Alibaba;

/// <summary>
/// What Stop-DtsSyncTask and Remove-DtsSyncTask for Alibaba decide from the task's state before any write: the plan line
/// and the caution -Confirm shows (is the destination caught up?), a task that cannot be ended, one already ended or
/// gone, and a subscription that the API cannot release. Below the engine (<see cref="AlibabaSyncHarness"/>).
/// </summary>
public sealed class AlibabaStopReleaseRulesTests
{
    private const string Name = "ruled";

    private static SyncTaskSelector Named() => new() { Name = Name, Region = "cn-hangzhou", TimeoutSeconds = 600 };

    /// <summary>A task run until it synchronizes, then held by DTS in <paramref name="status"/> with <paramref name="delayMs"/>.</summary>
    private static async Task<(AlibabaSyncHarness H, AlibabaDtsInstance Job)> TaskIn(string status, long delayMs = 0, string payType = "PostPaid")
    {
        var h = await AlibabaSyncHarness.StartAsync();
        h.Run(AlibabaSyncHarness.Request(Name, r => r.Wait = true));
        var job = h.PutIn(Name, status);
        lock (h.State.Sync)
        {
            job.DelayMs = delayMs;
            job.PayType = payType;
        }
        return (h, job);
    }

    [Fact]
    public async Task Ending_a_task_caught_up_with_its_source_is_planned_without_a_caution()
    {
        var (h, job) = await TaskIn("Synchronizing");
        await using var _h = h;

        var plan = h.Tasks().PlanStop(Named());

        Assert.Equal(new[] { "End DTS job " + job.JobId + " (StopDtsJob) and wait until it is Finished" }, plan.Changes);
        Assert.Null(plan.Caution);
        Assert.Equal("Alibaba DTS sync task " + job.JobId + " ('ruled') in cn-hangzhou", plan.Target);
    }

    [Theory]
    [InlineData("Synchronizing", 2500L, "DTS job {0} is 2.5 s behind the source; the destination has not caught up yet")]
    [InlineData("Initializing", 0L, "DTS job {0} is Initializing, not Synchronizing with zero delay, so the destination may not hold all the data yet")]
    public async Task Ending_or_releasing_a_task_that_has_not_caught_up_carries_a_caution_that_says_why(string status, long delayMs, string caution)
    {
        var (h, job) = await TaskIn(status, delayMs);
        await using var _h = h;

        var stop = h.Tasks().PlanStop(Named());
        var release = h.Tasks().PlanRemove(Named());

        Assert.Equal(string.Format(caution, job.JobId), stop.Caution);
        Assert.Equal(string.Format(caution, job.JobId), release.Caution);
        Assert.Equal(status == "Synchronizing" ? 2.5 : null, stop.Current.DelaySeconds);
    }

    [Fact]
    public async Task A_task_that_does_not_report_its_delay_is_not_called_caught_up()
    {
        var (h, job) = await TaskIn("Synchronizing");
        await using var _h = h;
        h.Answer("DescribeDtsJobDetail", (r, handler) => { var answer = handler(r); answer.Remove("Delay"); return answer; });

        var plan = h.Tasks().PlanStop(Named());

        Assert.Equal("DTS job " + job.JobId + " does not report its delay, so it cannot be shown that the destination has caught up", plan.Caution);
    }

    [Fact]
    public async Task A_task_never_started_cannot_be_ended_and_is_told_how_to_release_it_instead()
    {
        var (h, job) = await TaskIn("NotStarted");
        await using var _h = h;
        int mark = h.CallCount;

        var error = Assert.Throws<DtsCrossAccountException>(() => h.Tasks().PlanStop(Named()));

        Assert.Equal(("SyncTaskNotStoppable", ErrorCategory.InvalidOperation), (error.ErrorId, error.Category));
        // The message ends with the remedy (the error record's RecommendedAction too).
        Assert.StartsWith("Alibaba sync task " + job.JobId + " ('ruled') is NotStarted: only a task that has been started (Prechecking, Initializing, Synchronizing, ...) can be ended. "
            + "Nothing was changed. " + error.Remedy, error.Message);
        Assert.StartsWith("To release a task that never ran, use Remove-DtsSyncTask ", error.Remedy);
        Assert.Empty(h.WritesSince(mark));
    }

    [Fact]
    public async Task A_task_already_ended_is_left_as_it_is()
    {
        var (h, job) = await TaskIn("Finished");
        await using var _h = h;

        var plan = h.Tasks().PlanStop(Named());

        Assert.False(plan.HasChanges);
        Assert.Equal((job.JobId, "Finished", false), (plan.Current.TaskId, plan.Current.Status, plan.Current.Changed));
    }

    [Fact]
    public async Task A_task_released_between_the_lookup_and_the_stop_is_reported_gone_and_its_release_is_nothing_to_do()
    {
        var (h, job) = await TaskIn("Synchronizing");
        await using var _h = h;
        // The name lookup still lists it; the job read that follows no longer finds it.
        h.Answer("DescribeDtsJobDetail", (r, handler) => throw new DtsCrossAccount.Emulator.Core.ApiError("Forbidden.InstanceNotFound", "The specified instance is not found.", 404));
        int mark = h.CallCount;

        var gone = Assert.Throws<DtsCrossAccountException>(() => h.Tasks().PlanStop(Named()));
        var release = h.Tasks().PlanRemove(Named());

        Assert.Equal(("SyncTaskNotFound", ErrorCategory.ObjectNotFound), (gone.ErrorId, gone.Category));
        Assert.Equal("Alibaba sync task " + job.JobId + " ('ruled') is no longer listed in cn-hangzhou: it was released. "
            + "List the tasks of the region with: Get-DtsSyncTask -Cloud Alibaba -Region cn-hangzhou.", gone.Message);
        Assert.False(release.HasChanges);
        Assert.Equal(("Released", false), (release.Current.Status, release.Current.Changed));
        Assert.Empty(h.WritesSince(mark));
    }

    [Fact]
    public async Task A_subscription_task_is_not_released_by_the_API_and_the_user_is_told_how_to_unsubscribe()
    {
        var (h, job) = await TaskIn("Synchronizing", payType: "PrePaid");
        await using var _h = h;
        int mark = h.CallCount;

        var error = Assert.Throws<DtsCrossAccountException>(() => h.Tasks().PlanRemove(Named()));

        Assert.Equal(("SyncTaskIsSubscription", ErrorCategory.InvalidOperation), (error.ErrorId, error.Category));
        Assert.StartsWith("Alibaba sync task " + job.JobId + " ('ruled') is a subscription (prepaid) task: ", error.Message);
        Assert.Contains(" It was left as it is (Synchronizing). " + error.Remedy, error.Message);
        Assert.Equal("Unsubscribe the instance in the Alibaba Cloud console (Expenses > Orders > Unsubscribe, or the DTS console's instance list: More > Unsubscribe), "
            + "or turn off auto-renewal and let it expire; then run Remove-DtsSyncTask -Cloud Alibaba -Region cn-hangzhou -TaskId " + job.JobId + " to confirm it is gone.", error.Remedy);
        Assert.Equal("Subscription", Assert.IsType<SyncTask>(error.Target).BillingMethod);
        Assert.Empty(h.WritesSince(mark));
        Assert.Single(h.Bought());
    }

    [Fact]
    public async Task Releasing_names_the_instance_and_the_state_and_a_task_never_started_carries_no_caution()
    {
        var (h, job) = await TaskIn("NotStarted");
        await using var _h = h;

        var plan = h.Tasks().PlanRemove(Named());

        Assert.Equal(new[] { "Release instance " + job.InstanceId + " of job " + job.JobId + " (DeleteDtsJob, NotStarted) and wait until DTS no longer finds it" }, plan.Changes);
        Assert.Null(plan.Caution);
        Assert.Equal("Alibaba DTS sync task " + job.JobId + " ('ruled') in cn-hangzhou", plan.Target);
    }

    [Theory]
    [InlineData("Prechecking")]
    [InlineData("PreCheckPass")]
    [InlineData("Retrying")]
    [InlineData("Suspending")]
    public async Task A_task_started_but_not_yet_synchronizing_can_be_ended(string status)
    {
        var (h, job) = await TaskIn(status);
        await using var _h = h;

        var plan = h.Tasks().PlanStop(Named());

        Assert.Equal(new[] { "End DTS job " + job.JobId + " (StopDtsJob) and wait until it is Finished" }, plan.Changes);
    }

    [Fact]
    public async Task A_release_reports_what_it_did_and_one_refused_before_anything_was_done_says_nothing_was()
    {
        var (h, job) = await TaskIn("NotStarted");
        await using var _h = h;
        h.Faults.Add("Alibaba", "DeleteDtsJob", "OperationDenied", times: 1, httpStatus: 403, message: "The operation is not permitted now.");

        var refused = Assert.Throws<DtsCrossAccountException>(() => h.Tasks().PlanRemove(Named()).Apply());
        var released = h.Tasks().PlanRemove(Named()).Apply();

        Assert.Equal("SyncTaskReleaseInterrupted", refused.ErrorId);
        Assert.Contains(" Done so far: nothing.", refused.Message);
        var left = Assert.IsType<SyncTask>(refused.Target);
        Assert.Equal((false, 0), (left.Changed, left.Changes.Length));
        Assert.Equal(("Released", true), (released.Status, released.Changed));
        Assert.Equal(new[] { "Released instance " + job.InstanceId + " of job " + job.JobId }, released.Changes);
    }

    [Fact]
    public async Task A_release_DTS_is_slow_to_finish_says_it_was_sent_and_reports_the_task_changed()
    {
        var (h, job) = await TaskIn("NotStarted");
        await using var _h = h;
        h.AcceptedButNotYetDone("DeleteDtsJob");

        var error = Assert.Throws<DtsCrossAccountException>(() => h.Tasks().PlanRemove(new SyncTaskSelector { Name = Name, Region = "cn-hangzhou", TimeoutSeconds = 30 }).Apply());

        Assert.Contains(" Done so far: Released instance " + job.InstanceId + " of job " + job.JobId + ".", error.Message);
        var left = Assert.IsType<SyncTask>(error.Target);
        Assert.True(left.Changed);
    }
}
