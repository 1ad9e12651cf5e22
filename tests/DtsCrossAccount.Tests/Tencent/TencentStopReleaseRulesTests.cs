#nullable enable
using System.Management.Automation;
using DtsCrossAccount.Core;
using DtsCrossAccount.Emulator.Core;
using DtsCrossAccount.Emulator.Tencent;
using DtsCrossAccount.Services;

namespace DtsCrossAccount.Tests.Tencent;

/// <summary>
/// Stop-DtsSyncTask and Remove-DtsSyncTask for Tencent from each state a job can be in: the plan lines and the caution
/// -Confirm shows, the steps a release takes from there (stop, isolate, destroy) as the emulator records them, and the
/// refusals. Below the engine (<see cref="TencentSyncHarness"/>), in virtual time.
/// </summary>
public sealed class TencentStopReleaseRulesTests
{
    private static string Unique() => "rules-" + Guid.NewGuid().ToString("N")[..12];

    private static SyncTaskService Tasks(TencentSyncHarness h)
    {
        var ctx = h.Context(TencentSyncHarness.B);
        return new SyncTaskService(new CrossAccountService(CloudProviderFactory.Create(CloudKind.Tencent, ctx), ctx), ctx);
    }

    private static SyncTaskSelector Id(string taskId) => new() { TaskId = taskId, Region = TencentSyncHarness.Region, TimeoutSeconds = 1800 };

    /// <summary>A running job, then put in <paramref name="status"/> / <paramref name="trade"/> with the lag given; DTS moves on from there at its pace.</summary>
    private static async Task<(TencentSyncHarness H, TencentSyncJob Job)> JobIn(string? status = null, string? trade = null, long lag = 0, long gap = 0, bool subscription = false)
    {
        var h = await TencentSyncHarness.StartAsync();
        var request = TencentSyncHarness.Request(Unique());
        if (subscription) request.Options = new SyncTaskOptions { Subscription = true, PeriodMonths = 1 };
        h.Run(request);
        var job = h.OnlyJob();
        lock (h.State.Sync)
        {
            if (status != null) job.Status = status;
            if (trade != null) job.TradeStatus = trade;
            job.SecondsBehindMaster = lag;
            job.MasterSlaveDistance = gap;
        }
        return (h, job);
    }

    private static IEnumerable<string> WritesOf(TencentSyncHarness h, int mark) =>
        h.Calls.Skip(mark).Where(c => c.IsWrite && c.Result == "OK").Select(c => c.Action);

    /// <summary>What the release waited for, in order, as its progress records name it (each wait once).</summary>
    private static List<string> WaitsOf(TencentSyncHarness h)
    {
        var waits = new List<string>();
        foreach (var p in h.Reporter.ProgressRecords.Where(p => !p.Completed))
        {
            string what = p.Status[..p.Status.IndexOf(": ", StringComparison.Ordinal)];
            if (waits.Count == 0 || waits[^1] != what) waits.Add(what);
        }
        return waits;
    }

    /// <summary>
    /// No read twice: after the release's first read of the job (the plan's came before any -Confirm prompt), every
    /// DescribeSyncJobs is a wait's poll, which shows as progress; the next step starts from the last poll's answer.
    /// </summary>
    private static void EveryReadAfterTheFirstIsAWaitPoll(TencentSyncHarness h, int mark)
    {
        int reads = h.Calls.Skip(mark).Count(c => c.Action == "DescribeSyncJobs");
        int polls = h.Reporter.ProgressRecords.Count(p => !p.Completed);
        Assert.True(polls > 0, "the release waited for nothing");
        Assert.Equal(1 + polls, reads);
    }

    private static ICloudProvider Provider(TencentSyncHarness h) => CloudProviderFactory.Create(CloudKind.Tencent, h.Context(TencentSyncHarness.B));

    /// <summary>Answers <paramref name="action"/> through <paramref name="handler"/>, which gets the emulator's own handler.</summary>
    private static void Around(TencentSyncHarness h, string action, Func<ApiHandler, ApiHandler> handler)
    {
        var op = h.Server.Core.Registry.Find("Tencent", "dts", action)!;
        h.Server.Core.Registry.Add("Tencent", "dts", op.Version, action, op.IsWrite, handler(op.Handler));
    }

    // ------------------------------------------------------------------ release

    [Fact]
    public async Task Releasing_a_running_job_stops_isolates_and_destroys_it_in_that_order_and_reports_each_step()
    {
        var (h, job) = await JobIn();
        await using var _h = h;
        var plan = Tasks(h).PlanRemove(Id(job.JobId));
        int mark = h.CallCount;

        Assert.Equal(new[]
        {
            "Stop sync job " + job.JobId + " (Running, StopSyncJob) and wait until it is Stopped",
            "Isolate sync job " + job.JobId + " (IsolateSyncJob; billing stops, a job never billed is deleted at once)",
            "Destroy sync job " + job.JobId + " (DestroySyncJob) and wait until DescribeSyncJobs no longer lists it",
        }, plan.Changes);
        Assert.Equal("Tencent DTS sync task " + job.JobId + " ('" + job.JobName + "') in " + TencentSyncHarness.Region, plan.Target);
        Assert.Null(plan.Caution);
        var released = plan.Apply();

        Assert.Equal(new[] { "StopSyncJob", "IsolateSyncJob", "DestroySyncJob" }, WritesOf(h, mark));
        Assert.Equal(("Released", true, (string?)null), (released.Status, released.Changed, released.BillingStatus));
        Assert.Equal(new[] { "Stopped sync job " + job.JobId, "Isolated sync job " + job.JobId, "Destroyed sync job " + job.JobId }, released.Changes);
        Assert.Equal(new[] { "Stopping sync job " + job.JobId + " (Running).", "Isolating sync job " + job.JobId + " (Stopped).", "Destroying isolated sync job " + job.JobId + "." },
            h.Reporter.VerboseLines.Where(l => l.EndsWith(job.JobId + ".", StringComparison.Ordinal) || l.Contains(job.JobId + " (", StringComparison.Ordinal)));
        Assert.Equal(new[] { "Waiting until job " + job.JobId + " is Stopped", "Waiting until job " + job.JobId + " is isolated", "Waiting until job " + job.JobId + " is no longer listed" },
            WaitsOf(h));
        EveryReadAfterTheFirstIsAWaitPoll(h, mark);
    }

    [Fact]
    public async Task Releasing_a_stopped_job_isolates_and_destroys_it_without_stopping_again()
    {
        var (h, job) = await JobIn("Stopped");
        await using var _h = h;
        var plan = Tasks(h).PlanRemove(Id(job.JobId));
        int mark = h.CallCount;

        Assert.Equal(2, plan.Changes.Count);
        Assert.StartsWith("Isolate sync job ", plan.Changes[0]);
        Assert.Null(plan.Caution);
        plan.Apply();

        Assert.Equal(new[] { "IsolateSyncJob", "DestroySyncJob" }, WritesOf(h, mark));
    }

    [Theory]
    [InlineData("Isolated")]
    [InlineData("Isolating")]
    public async Task Releasing_an_isolated_job_only_destroys_it(string trade)
    {
        var (h, job) = await JobIn("Stopped", trade);
        await using var _h = h;
        lock (h.State.Sync) job.InTransitionSince = h.State.Clock.UtcNow;
        var plan = Tasks(h).PlanRemove(Id(job.JobId));
        int mark = h.CallCount;

        Assert.Equal(new[] { "Destroy sync job " + job.JobId + " (DestroySyncJob) and wait until DescribeSyncJobs no longer lists it" }, plan.Changes);
        var released = plan.Apply();

        Assert.Equal(new[] { "DestroySyncJob" }, WritesOf(h, mark));
        Assert.Equal(new[] { "Destroyed sync job " + job.JobId }, released.Changes);
        Assert.Equal((trade == "Isolating" ? new[] { "Waiting until job " + job.JobId + " is isolated" } : Array.Empty<string>())
            .Append("Waiting until job " + job.JobId + " is no longer listed"), WaitsOf(h));
        EveryReadAfterTheFirstIsAWaitPoll(h, mark);
    }

    [Theory]
    [InlineData("Released", "Normal")]
    [InlineData("Stopped", "Offlined")]
    public async Task A_job_already_released_is_nothing_to_do(string status, string trade)
    {
        var (h, job) = await JobIn(status, trade);
        await using var _h = h;

        var plan = Tasks(h).PlanRemove(Id(job.JobId));

        Assert.False(plan.HasChanges);
        Assert.Equal((job.JobId, "Released", false), (plan.Current.TaskId, plan.Current.Status, plan.Current.Changed));
    }

    [Theory]
    [InlineData("Stopping")]
    [InlineData("Resetting")]
    public async Task Releasing_a_job_that_is_stopping_or_being_reset_waits_until_it_is_done_then_isolates_it(string passing)
    {
        var (h, job) = await JobIn(passing);
        await using var _h = h;
        lock (h.State.Sync)
        {
            if (passing == "Stopping") job.StopRequestedAt = h.State.Clock.UtcNow;
            else job.InTransitionSince = h.State.Clock.UtcNow;
        }
        var plan = Tasks(h).PlanRemove(Id(job.JobId));
        int mark = h.CallCount;

        var released = plan.Apply();

        // IsolateSyncJob refuses a job while it stops or is reset; once Stopped, or reset (not configured, but billed
        // before), it is isolated.
        Assert.Equal(new[] { "IsolateSyncJob", "DestroySyncJob" }, WritesOf(h, mark));
        Assert.Equal("Released", released.Status);
        Assert.Equal(new[] { "Waiting until job " + job.JobId + " leaves " + passing, "Waiting until job " + job.JobId + " is isolated", "Waiting until job " + job.JobId + " is no longer listed" },
            WaitsOf(h));
        EveryReadAfterTheFirstIsAWaitPoll(h, mark);
    }

    [Theory]
    [InlineData("Pausing")]
    [InlineData("Resuming")]
    public async Task Releasing_a_job_being_paused_or_resumed_in_the_console_waits_until_it_settles_then_stops_it_before_isolating(string passing)
    {
        var (h, job) = await JobIn(passing);
        await using var _h = h;
        lock (h.State.Sync) job.InTransitionSince = h.State.Clock.UtcNow;
        var plan = Tasks(h).PlanRemove(Id(job.JobId));
        int mark = h.CallCount;

        Assert.Equal("Stop sync job " + job.JobId + " (" + passing + ", StopSyncJob) and wait until it is Stopped", plan.Changes[0]);
        var released = plan.Apply();

        // IsolateSyncJob refuses a job that is pausing, paused or resuming: once it has settled (Paused or Running), it
        // is stopped first.
        Assert.Equal(new[] { "StopSyncJob", "IsolateSyncJob", "DestroySyncJob" }, WritesOf(h, mark));
        Assert.Equal(("Released", "Stopped sync job " + job.JobId), (released.Status, released.Changes[0]));
        Assert.Equal("Waiting until job " + job.JobId + " leaves " + passing, WaitsOf(h)[0]);
        EveryReadAfterTheFirstIsAWaitPoll(h, mark);
    }

    [Fact]
    public async Task A_job_being_destroyed_already_is_only_waited_for_and_nothing_is_sent()
    {
        var (h, job) = await JobIn("Stopped", "Offlining");
        await using var _h = h;
        lock (h.State.Sync) job.InTransitionSince = h.State.Clock.UtcNow;
        var plan = Tasks(h).PlanRemove(Id(job.JobId));
        int mark = h.CallCount;

        Assert.Equal(new[] { "Destroy sync job " + job.JobId + " (DestroySyncJob) and wait until DescribeSyncJobs no longer lists it" }, plan.Changes);
        var released = plan.Apply();

        Assert.Empty(WritesOf(h, mark));
        Assert.Equal(("Released", false), (released.Status, released.Changed));
        Assert.Equal(new[] { "Waiting until job " + job.JobId + " is isolated" }, WaitsOf(h));
    }

    [Fact]
    public async Task A_job_that_never_settles_is_given_up_after_eight_steps_with_nothing_sent_and_says_to_run_again()
    {
        var (h, job) = await JobIn("Checking", "NotBilled");
        await using var _h = h;
        lock (h.State.Sync) { job.CheckStartedAt = null; job.StopRequestedAt = null; }
        // Every listing shows the job in the other passing state (a DTS fault; the states never settle on their own).
        Around(h, "DescribeSyncJobs", inner => r =>
        {
            job.Status = job.Status == "Checking" ? "Stopping" : "Checking";
            return inner(r);
        });
        var plan = Tasks(h).PlanRemove(Id(job.JobId));
        int mark = h.CallCount;

        var error = Assert.Throws<DtsCrossAccountException>(() => plan.Apply());

        Assert.Equal("SyncTaskReleaseInterrupted", error.ErrorId);
        // The next step is said once, at the end, not also inside the quoted cause.
        Assert.Equal("The release of Tencent sync job " + job.JobId + " ('" + job.JobName + "') stopped with the job Checking (billing NotBilled): Sync job " + job.JobId
            + " did not reach a state that can be released after 8 steps. Done so far: nothing. " + error.Remedy, error.Message);
        Assert.Contains("Remove-DtsSyncTask", error.Remedy);
        Assert.Equal("SyncTaskReleaseStuck", Assert.IsType<DtsCrossAccountException>(error.InnerException).ErrorId);
        Assert.Empty(WritesOf(h, mark));
        // The first read, one poll per wait (each sees the other state at once), and the read that says where it was left.
        Assert.Equal(1 + 8 + 1, h.Calls.Skip(mark).Count(c => c.Action == "DescribeSyncJobs"));
    }

    [Fact]
    public async Task Releasing_a_job_in_its_verification_waits_for_the_verification_then_isolates_it()
    {
        var (h, job) = await JobIn("Checking", "NotBilled");
        await using var _h = h;
        lock (h.State.Sync) job.CheckStartedAt = h.State.Clock.UtcNow;
        var plan = Tasks(h).PlanRemove(Id(job.JobId));
        int mark = h.CallCount;

        Assert.Equal(2, plan.Changes.Count);
        var released = plan.Apply();

        Assert.Equal("IsolateSyncJob", WritesOf(h, mark).First());
        Assert.Contains(h.Reporter.ProgressRecords, p => p.Status.StartsWith("Waiting until job " + job.JobId + " leaves Checking", StringComparison.Ordinal));
        Assert.Equal("Isolated sync job " + job.JobId + " (never billed: deleted at once)", released.Changes[0]);
    }

    [Fact]
    public async Task Releasing_a_subscription_job_warns_that_isolation_ends_the_subscription()
    {
        var (h, job) = await JobIn(subscription: true);
        await using var _h = h;

        Tasks(h).PlanRemove(Id(job.JobId)).Apply();

        Assert.Equal(new[] { "Sync job " + job.JobId + " is a subscription (prepaid) job: isolating it ends the subscription before it expires; what is refunded follows "
            + "Tencent Cloud's refund rules for DTS." }, h.Reporter.WarningLines);
    }

    [Fact]
    public async Task A_release_refused_by_the_cloud_says_where_the_job_was_left_and_what_was_done()
    {
        var (h, job) = await JobIn();
        await using var _h = h;
        h.Server.Faults.Add("Tencent", "DestroySyncJob", "FailedOperation", times: 1, httpStatus: 200, message: "The job cannot be destroyed now.");
        var plan = Tasks(h).PlanRemove(Id(job.JobId));

        var error = Assert.Throws<DtsCrossAccountException>(() => plan.Apply());

        Assert.Equal("SyncTaskReleaseInterrupted", error.ErrorId);
        Assert.StartsWith("The release of Tencent sync job " + job.JobId + " ('" + job.JobName + "') stopped with the job Stopped (billing Isolated): ", error.Message);
        Assert.Contains(" Done so far: Stopped sync job " + job.JobId + "; Isolated sync job " + job.JobId + ".", error.Message);
        var left = Assert.IsType<SyncTask>(error.Target);
        Assert.Equal((true, "Stopped"), (left.Changed, left.Status));
    }

    [Fact]
    public async Task A_release_refused_after_the_stop_reports_the_job_as_read_then_and_keeps_the_clouds_category()
    {
        var (h, job) = await JobIn();
        await using var _h = h;
        h.Server.Faults.Add("Tencent", "IsolateSyncJob", "OperationDenied.OperationDeniedError", times: 1, httpStatus: 200, message: "The job cannot be isolated now.");

        var error = Assert.Throws<DtsCrossAccountException>(() => Tasks(h).PlanRemove(Id(job.JobId)).Apply());

        Assert.StartsWith("The release of Tencent sync job " + job.JobId + " ('" + job.JobName + "') stopped with the job Stopped (billing Normal): ", error.Message);
        Assert.NotEqual(ErrorCategory.ConnectionError, error.Category);
        Assert.Equal(((DtsCrossAccountException)error.InnerException!).Category, error.Category);
        var left = Assert.IsType<SyncTask>(error.Target);
        Assert.Equal(("Stopped", "Normal", true), (left.Status, left.BillingStatus, left.Changed));
        Assert.Equal(new[] { "Stopped sync job " + job.JobId }, left.Changes);
    }

    [Fact]
    public async Task A_release_whose_job_cannot_be_read_after_the_error_says_its_state_is_unknown_not_released()
    {
        var (h, job) = await JobIn("Stopped");
        await using var _h = h;
        // IsolateSyncJob is refused, and from then on listing the job fails too.
        Around(h, "IsolateSyncJob", inner => r =>
        {
            h.Server.Faults.Add("Tencent", "DescribeSyncJobs", "UnauthorizedOperation", times: 5, httpStatus: 200, message: "You are not authorized to list sync jobs.");
            throw new ApiError("OperationDenied.OperationDeniedError", "The job cannot be isolated now.");
        });

        var error = Assert.Throws<DtsCrossAccountException>(() => Tasks(h).PlanRemove(Id(job.JobId)).Apply());

        Assert.StartsWith("The release of Tencent sync job " + job.JobId + " ('" + job.JobName + "') stopped with the job in a state that could not be read: ", error.Message);
        var left = Assert.IsType<SyncTask>(error.Target);
        Assert.Equal(("Stopped", false), (left.Status, left.Changed));
        Assert.True(h.Buyer.SyncJobs.ContainsKey(job.JobId));
    }

    [Theory]
    [InlineData("DestroySyncJob", 3)]
    [InlineData("IsolateSyncJob", 1)]
    public async Task A_last_step_whose_answer_is_lost_is_found_done_by_reading_and_the_release_succeeds(string action, int steps)
    {
        // A job never started is deleted by IsolateSyncJob itself (never billed); a started one needs DestroySyncJob.
        var (h, job) = await JobIn(action == "DestroySyncJob" ? null : "Initialized", action == "DestroySyncJob" ? null : "NotBilled");
        await using var _h = h;
        if (action == "IsolateSyncJob") lock (h.State.Sync) job.StartedAt = null;
        h.Fault(action, FaultKind.LostAnswer);
        var plan = Tasks(h).PlanRemove(Id(job.JobId));
        int mark = h.CallCount;

        var released = plan.Apply();

        Assert.Equal(("Released", true), (released.Status, released.Changed));
        Assert.Equal(steps, released.Changes.Length);
        Assert.Equal("Released sync job " + job.JobId + " (the last step's answer was lost; DescribeSyncJobs no longer lists the job)", released.Changes[^1]);
        Assert.Equal(1, h.Calls.Skip(mark).Count(c => c.Action == action));
        Assert.False(h.Buyer.SyncJobs.ContainsKey(job.JobId));
        Assert.Contains(h.Reporter.VerboseLines, l => l.StartsWith("Sync job " + job.JobId + " is no longer listed after this error, so it is released: Tencent dts " + action + " failed: ", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("Running", 12L, 4096L, "sync job {0} is 12 s (4096 bytes) behind the source; the destination has not caught up yet")]
    [InlineData("Running", 0L, 4096L, "sync job {0} is 0 s (4096 bytes) behind the source; the destination has not caught up yet")]
    [InlineData("Running", 12L, 0L, "sync job {0} is 12 s (0 bytes) behind the source; the destination has not caught up yet")]
    [InlineData("Paused", 0L, 0L, "sync job {0} is Paused, not Running with zero lag, so the destination may not hold all the data yet")]
    public async Task Stopping_or_releasing_a_job_that_has_not_caught_up_carries_a_caution_that_says_why(string status, long lag, long gap, string caution)
    {
        var (h, job) = await JobIn(status, lag: lag, gap: gap);
        await using var _h = h;

        var stop = Tasks(h).PlanStop(Id(job.JobId));
        var release = Tasks(h).PlanRemove(Id(job.JobId));

        Assert.Equal(string.Format(caution, job.JobId), stop.Caution);
        Assert.Equal(string.Format(caution, job.JobId), release.Caution);
    }

    // ------------------------------------------------------------------ stop

    [Fact]
    public async Task Stopping_names_the_job_and_reports_it_stopped()
    {
        var (h, job) = await JobIn();
        await using var _h = h;

        var plan = Tasks(h).PlanStop(Id(job.JobId));
        Assert.Equal(new[] { "Stop sync job " + job.JobId + " (StopSyncJob) and wait until it is Stopped" }, plan.Changes);
        Assert.Equal("Tencent DTS sync task " + job.JobId + " ('" + job.JobName + "') in " + TencentSyncHarness.Region, plan.Target);
        var stopped = plan.Apply();

        Assert.Equal(("Stopped", true, (double?)null), (stopped.Status, stopped.Changed, stopped.DelaySeconds));
        Assert.Equal(new[] { "Stopped sync job " + job.JobId }, stopped.Changes);
    }

    [Fact]
    public async Task A_job_released_by_someone_else_while_the_stop_waits_is_reported_released()
    {
        var (h, job) = await JobIn();
        await using var _h = h;
        Around(h, "StopSyncJob", inner => r =>
        {
            var answer = inner(r);
            h.Buyer.SyncJobs.Remove(job.JobId);
            return answer;
        });

        var stopped = Tasks(h).PlanStop(Id(job.JobId)).Apply();

        Assert.Equal(("Released", true), (stopped.Status, stopped.Changed));
        Assert.Equal(new[] { "Waiting until job " + job.JobId + " is Stopped" }, WaitsOf(h));
    }

    [Theory]
    [InlineData("Stopped")]
    [InlineData("Stopping")]
    public async Task A_job_stopped_or_stopping_is_left_as_it_is(string status)
    {
        var (h, job) = await JobIn(status);
        await using var _h = h;

        var plan = Tasks(h).PlanStop(Id(job.JobId));

        Assert.False(plan.HasChanges);
        Assert.Equal(status, plan.Current.Status);
    }

    [Fact]
    public async Task A_job_never_started_cannot_be_stopped_and_is_told_how_to_release_it()
    {
        var (h, job) = await JobIn("Initialized");
        await using var _h = h;
        int mark = h.CallCount;

        var error = Assert.Throws<DtsCrossAccountException>(() => Tasks(h).PlanStop(Id(job.JobId)));

        Assert.Equal(("SyncTaskNotStoppable", ErrorCategory.InvalidOperation), (error.ErrorId, error.Category));
        Assert.StartsWith("Tencent sync task " + job.JobId + " ('" + job.JobName + "') is Initialized: only a started job (Running, ReadyRunning, Paused, ResumableErr) can be stopped. "
            + "Nothing was changed.", error.Message);
        Assert.Empty(WritesOf(h, mark));
    }

    [Theory]
    [InlineData("ReadyRunning")]
    [InlineData("Paused")]
    [InlineData("ResumableErr")]
    public async Task A_started_job_in_any_state_StopSyncJob_accepts_can_be_stopped(string status)
    {
        var (h, job) = await JobIn(status);
        await using var _h = h;
        // A job started just now: DTS has not moved it on to Running by the time it is read.
        lock (h.State.Sync) job.StartedAt = h.State.Clock.UtcNow;

        var plan = Tasks(h).PlanStop(Id(job.JobId));

        Assert.Equal(status, plan.Current.Status);
        Assert.Equal(new[] { "Stop sync job " + job.JobId + " (StopSyncJob) and wait until it is Stopped" }, plan.Changes);
    }

    [Fact]
    public async Task A_release_refused_at_its_first_step_says_nothing_was_done_and_reports_the_task_unchanged()
    {
        var (h, job) = await JobIn("Stopped");
        await using var _h = h;
        h.Server.Faults.Add("Tencent", "IsolateSyncJob", "FailedOperation", times: 1, httpStatus: 200, message: "The job cannot be isolated now.");

        var error = Assert.Throws<DtsCrossAccountException>(() => Tasks(h).PlanRemove(Id(job.JobId)).Apply());

        Assert.StartsWith("The release of Tencent sync job " + job.JobId + " ('" + job.JobName + "') stopped with the job Stopped (billing Normal): ", error.Message);
        Assert.Contains(" Done so far: nothing.", error.Message);
        var left = Assert.IsType<SyncTask>(error.Target);
        Assert.Equal((false, 0), (left.Changed, left.Changes.Length));
    }

    [Fact]
    public async Task A_job_released_by_someone_else_after_the_plan_is_reported_released_and_unchanged()
    {
        var (h, job) = await JobIn("Stopped");
        await using var _h = h;
        var plan = Tasks(h).PlanRemove(Id(job.JobId));
        lock (h.State.Sync) h.Buyer.SyncJobs.Remove(job.JobId);
        int mark = h.CallCount;

        var released = plan.Apply();

        Assert.Equal(("Released", false), (released.Status, released.Changed));
        Assert.Empty(WritesOf(h, mark));
    }

    // ------------------------------------------------------------------ a task object older than the job's state

    [Fact]
    public async Task A_task_whose_job_is_gone_by_the_time_it_is_planned_is_nothing_to_release_and_keeps_what_was_known()
    {
        var (h, job) = await JobIn("Stopped");
        await using var _h = h;
        var task = Assert.Single(Tasks(h).Get(Id(job.JobId)));
        lock (h.State.Sync) h.Buyer.SyncJobs.Remove(job.JobId);
        int mark = h.CallCount;

        var plan = Provider(h).PlanRemoveSyncTask(task, 600);

        Assert.False(plan.HasChanges);
        Assert.Equal((job.JobId, job.JobName, "Released", false), (plan.Current.TaskId, plan.Current.Name, plan.Current.Status, plan.Current.Changed));
        Assert.Empty(WritesOf(h, mark));
    }

    [Fact]
    public async Task A_task_whose_job_was_destroyed_meanwhile_is_reported_as_the_cloud_lists_it_now()
    {
        var (h, job) = await JobIn();
        await using var _h = h;
        var task = Assert.Single(Tasks(h).Get(Id(job.JobId)));
        lock (h.State.Sync) { job.Status = "Stopped"; job.TradeStatus = "Offlined"; }

        var plan = Provider(h).PlanRemoveSyncTask(task, 600);

        Assert.False(plan.HasChanges);
        Assert.Equal(("Released", "Offlined", (double?)null), (plan.Current.Status, plan.Current.BillingStatus, plan.Current.DelaySeconds));
    }

    [Fact]
    public async Task Stopping_a_task_whose_job_is_gone_by_the_time_it_is_planned_says_it_no_longer_exists_and_sends_nothing()
    {
        var (h, job) = await JobIn();
        await using var _h = h;
        var task = Assert.Single(Tasks(h).Get(Id(job.JobId)));
        lock (h.State.Sync) h.Buyer.SyncJobs.Remove(job.JobId);
        int mark = h.CallCount;

        var error = Assert.Throws<DtsCrossAccountException>(() => Provider(h).PlanStopSyncTask(task, 600));

        Assert.Contains(job.JobId, error.Message);
        Assert.Equal(ErrorCategory.ObjectNotFound, error.Category);
        Assert.Empty(WritesOf(h, mark));
    }
}
