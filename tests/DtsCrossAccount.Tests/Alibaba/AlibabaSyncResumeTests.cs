#nullable enable
using System.Management.Automation;
using DtsCrossAccount.Core;
using DtsCrossAccount.Emulator.Alibaba;
using DtsCrossAccount.Services;

namespace DtsCrossAccount.Tests.Alibaba;

/// <summary>
/// New-DtsSyncTask for Alibaba applied to each state a re-run can find (a job without an instance, an instance never
/// configured, a job not started, one on its way, a two-way task whose reverse direction is missing or on its way), and
/// the guard against a concurrent run between the plan and the purchase. What the user sees: the task written, the
/// error and its advice, the -Verbose lines, and what the emulator holds afterwards.
/// </summary>
public sealed class AlibabaSyncResumeTests
{
    private const string Name = "resumed";

    private static SyncTaskRequest Request(Action<SyncTaskRequest>? change = null) => AlibabaSyncHarness.Request(Name, change);

    private static SyncTaskRequest Waiting(Action<SyncTaskRequest>? change = null) => Request(r => { r.Wait = true; change?.Invoke(r); });

    /// <summary>
    /// A job bought and configured by an earlier -NoStart run, then put in <paramref name="status"/>; DTS keeps it there
    /// while the test looks (<paramref name="hold"/>) or moves on from it at its normal pace.
    /// </summary>
    private static async Task<(AlibabaSyncHarness H, AlibabaDtsInstance Job)> JobIn(string status, bool hold = true, bool twoWay = false)
    {
        var h = await AlibabaSyncHarness.StartAsync();
        h.Run(Request(r => { r.NoStart = true; r.TwoWay = twoWay; }));
        return (h, h.PutIn(Name, status, hold));
    }

    /// <summary>A two-way task whose forward job synchronizes, with its reverse direction removed (null) or put in <paramref name="reverseStatus"/>.</summary>
    private static async Task<(AlibabaSyncHarness H, AlibabaDtsInstance Forward)> TwoWayWithReverse(string? reverseStatus)
    {
        var h = await AlibabaSyncHarness.StartAsync();
        h.Run(Waiting(r => r.TwoWay = true));
        var forward = h.Job(Name);
        lock (h.State.Sync)
        {
            if (reverseStatus == null) forward.Reverse = null;
            else
            {
                forward.Reverse!.Status = reverseStatus;
                forward.Reverse.StatusSince = h.State.Clock.UtcNow;
            }
        }
        return (h, forward);
    }

    /// <summary>A job configured by a run whose purchase was refused: named, no instance yet.</summary>
    private static void ConfiguredWithoutInstance(AlibabaSyncHarness h, string name = Name)
    {
        h.Faults.Add("Alibaba", "CreateDtsInstance", "InvalidParameter.InstanceClass", times: 1, httpStatus: 400, message: "The specified instance class is not available.");
        Assert.Equal("SyncTaskIncomplete", h.Fails(AlibabaSyncHarness.Request(name, r => r.Wait = true)).ErrorId);
    }

    private static void RefuseNextConfigure(AlibabaSyncHarness h) =>
        h.Faults.Add("Alibaba", "ConfigureDtsJob", "InvalidParameter", times: 1, httpStatus: 400, message: "The specified parameter DbList is not valid.");

    // ------------------------------------------------------------------ the checks before buying

    [Fact]
    public async Task Two_way_checks_that_fail_on_a_role_say_both_accounts_must_authorize_and_a_rerun_names_the_job_it_keeps()
    {
        var (h, job) = await JobIn("NotStarted");
        await using var _h = h;
        int mark = h.CallCount;

        // A RAM user of the task account that was never granted the role: the checks try to assume it and fail.
        var twoWay = Assert.Throws<DtsCrossAccountException>(() => h.ServiceAsRamUserWithoutGrant().PlanSyncTask(Waiting(r => r.TwoWay = true)));
        var oneWay = Assert.Throws<DtsCrossAccountException>(() => h.ServiceAsRamUserWithoutGrant().PlanSyncTask(Waiting()));

        Assert.Equal(("SyncTaskPreflightFailed", ErrorCategory.PermissionDenied), (twoWay.ErrorId, twoWay.Category));
        Assert.Contains("; nothing was bought or changed. For a cross-account two-way synchronization task, both the source and destination database accounts "
            + "must complete RAM authorization separately. DTS job " + job.JobId + " is kept as it is (NotStarted). [SourceAssumeRole] ", twoWay.Message);
        Assert.Contains("; nothing was bought or changed. DTS job " + job.JobId + " is kept as it is (NotStarted). [SourceAssumeRole] ", oneWay.Message);
        Assert.Empty(h.WritesSince(mark));
    }

    [Fact]
    public async Task Two_way_checks_that_fail_on_anything_but_a_role_do_not_speak_of_authorization()
    {
        await using var h = await AlibabaSyncHarness.StartAsync();

        var error = h.Fails(Waiting(r => { r.TwoWay = true; r.Destination.InstanceId = "rm-dst9999999"; }));

        Assert.Equal("SyncTaskPreflightFailed", error.ErrorId);
        Assert.DoesNotContain("RAM authorization", error.Message);
        Assert.Contains("; nothing was bought or changed. [", error.Message);
        Assert.Empty(h.Jobs());
    }

    // ------------------------------------------------------------------ a new task

    [Fact]
    public async Task A_new_task_says_in_Verbose_where_it_looks_what_it_configures_and_what_it_buys_in_that_order()
    {
        await using var h = await AlibabaSyncHarness.StartAsync();

        var task = h.Run(Waiting());

        var lines = h.Reporter.VerboseLines;
        int look = lines.IndexOf("Looking for DTS sync job 'resumed' in cn-hangzhou.");
        int configure = lines.IndexOf("Configuring job 'resumed' in cn-hangzhou (before buying its instance).");
        int buy = lines.IndexOf("Buying the DTS sync instance of job " + task.TaskId + " in cn-hangzhou.");
        Assert.True(look >= 0 && configure > look && buy > configure, string.Join(Environment.NewLine, lines));
    }

    [Fact]
    public async Task The_plan_of_a_new_task_names_both_ends_the_objects_the_initialization_and_the_cross_account_scenario()
    {
        await using var h = await AlibabaSyncHarness.StartAsync();

        var plan = h.Service().PlanSyncTask(Request(r => r.FullDataInitialization = false));

        Assert.Equal("Configure job 'resumed': MySQL rm-src0000001 (cn-hangzhou, account " + AlibabaSyncHarness.A + ", cross-account via role ram-for-dts)"
            + " → MySQL rm-dst0000001 (cn-hangzhou, account " + AlibabaSyncHarness.B + "), objects {\"shop\":{\"name\":\"shop\",\"all\":true}}, schema + incremental"
            + " (CrossAccountSource)", plan.Changes[0]);
    }

    [Fact]
    public async Task A_two_way_task_waits_for_its_forward_job_even_without_Wait_and_ends_when_it_does_not_run()
    {
        await using var h = await AlibabaSyncHarness.StartAsync();
        // DTS keeps the forward job initializing: the reverse direction needs it running, so the run waits (without
        // -Wait) and ends at the timeout without configuring a reverse direction.
        h.Answer("DescribeDtsJobDetail", (r, handler) =>
        {
            var answer = handler(r);
            if ((string?)answer["Status"] == "Synchronizing") answer["Status"] = "Initializing";
            return answer;
        });

        var error = h.Fails(Request(r => { r.TwoWay = true; r.TimeoutSeconds = 600; }));

        Assert.Equal("SyncTaskTimeout", error.ErrorId);
        Assert.Equal(("Initializing", "NotConfigured"), (Assert.IsType<SyncTask>(error.Target).Status, Assert.IsType<SyncTask>(error.Target).ReverseStatus));
        Assert.Null(h.Job(Name).Reverse);
    }

    // ------------------------------------------------------------------ the guard against a concurrent run

    [Fact]
    public async Task A_job_configured_by_another_run_after_the_plan_stops_this_one_naming_it_and_lets_go_of_the_name()
    {
        await using var h = await AlibabaSyncHarness.StartAsync();
        var plan = h.Service().PlanSyncTask(Waiting());
        ConfiguredWithoutInstance(h);
        var theirs = h.Job(Name).JobId;
        int mark = h.CallCount;

        // The refused run's thread stays alive (as a runspace's pipeline thread does): a name lock it failed to let go
        // would stay held by a live owner.
        using var keepAlive = new ManualResetEventSlim();
        var outcome = new TaskCompletionSource<Exception?>();
        var owner = new Thread(() =>
        {
            try { plan.Apply(); outcome.SetResult(null); }
            catch (Exception e) { outcome.SetResult(e); }
            keepAlive.Wait();
        }) { IsBackground = true };
        owner.Start();
        var error = Assert.IsType<DtsCrossAccountException>(await outcome.Task);

        Assert.Equal(("SyncTaskCreatedConcurrently", ErrorCategory.ResourceBusy), (error.ErrorId, error.Category));
        Assert.Equal("Another run created DTS sync task 'resumed' (" + theirs + " (no instance, NotStarted)) while this one was planning; this run bought nothing. "
            + "Run the same New-DtsSyncTask command again (or wait for the other run) to continue with that task.", error.Message);
        Assert.Empty(h.WritesSince(mark));
        // The name's lock was let go: the next run on this machine (another thread, as another runspace would be) buys
        // for that job at once; a lock still held would make it wait until cancelled.
        using var cancel = new CancellationTokenSource(TimeSpan.FromSeconds(20));
        var next = await Task.Factory.StartNew(() => h.Run(Waiting(), cancel.Token), TaskCreationOptions.LongRunning);
        keepAlive.Set();
        Assert.Equal((theirs, "Synchronizing"), (next.TaskId, next.Status));
        Assert.Single(h.Bought());
    }

    [Fact]
    public async Task A_job_without_instance_released_and_made_anew_by_another_run_after_the_plan_is_not_configured_or_bought_for()
    {
        await using var h = await AlibabaSyncHarness.StartAsync();
        ConfiguredWithoutInstance(h);
        var ours = h.Job(Name).JobId;
        var plan = h.Service().PlanSyncTask(Waiting());
        // Another user releases that job and another run configures a new one of the same name.
        lock (h.State.Sync)
        {
            var held = h.State.Alibaba.Accounts[AlibabaSyncHarness.B].DtsInstances;
            held.Remove(held.Single(kv => kv.Value.JobId == ours).Key);
        }
        ConfiguredWithoutInstance(h);
        var theirs = h.Job(Name).JobId;
        int mark = h.CallCount;

        var error = Assert.Throws<DtsCrossAccountException>(() => plan.Apply());

        Assert.NotEqual(ours, theirs);
        Assert.Equal("SyncTaskCreatedConcurrently", error.ErrorId);
        Assert.Contains("'resumed' (" + theirs + " (no instance, NotStarted)) while this one was planning", error.Message);
        Assert.Empty(h.WritesSince(mark));
    }

    [Fact]
    public async Task A_job_without_instance_that_another_run_bought_for_after_the_plan_is_not_bought_for_again()
    {
        await using var h = await AlibabaSyncHarness.StartAsync();
        ConfiguredWithoutInstance(h);
        var plan = h.Service().PlanSyncTask(Waiting());
        var other = h.Run(Waiting());
        int mark = h.CallCount;

        var error = Assert.Throws<DtsCrossAccountException>(() => plan.Apply());

        Assert.Equal("SyncTaskCreatedConcurrently", error.ErrorId);
        Assert.Contains("'resumed' (" + other.TaskId + " (" + other.InstanceId + ", Synchronizing)) while this one was planning", error.Message);
        Assert.Empty(h.WritesSince(mark));
        Assert.Single(h.Bought());
    }

    [Fact]
    public async Task A_second_job_of_the_name_made_after_the_plan_of_a_job_without_instance_stops_the_run_naming_both()
    {
        await using var h = await AlibabaSyncHarness.StartAsync();
        ConfiguredWithoutInstance(h);
        var ours = h.Job(Name).JobId;
        var plan = h.Service().PlanSyncTask(Waiting());
        ConfiguredWithoutInstance(h, "second");
        lock (h.State.Sync) h.Job("second").JobName = Name;
        int mark = h.CallCount;

        var error = Assert.Throws<DtsCrossAccountException>(() => plan.Apply());

        Assert.Equal("SyncTaskCreatedConcurrently", error.ErrorId);
        var second = h.Jobs().Single(j => j.JobId != ours).JobId;
        // Either order: the listing decides it.
        Assert.Contains(new[]
        {
            "'resumed' (" + ours + " (no instance, NotStarted), " + second + " (no instance, NotStarted)) while",
            "'resumed' (" + second + " (no instance, NotStarted), " + ours + " (no instance, NotStarted)) while",
        }, error.Message.Contains);
        Assert.Empty(h.WritesSince(mark));
    }

    // ------------------------------------------------------------------ a job configured, no instance bought

    [Fact]
    public async Task A_job_without_instance_is_configured_again_and_bought_for_and_with_NoStart_stays_not_started()
    {
        await using var h = await AlibabaSyncHarness.StartAsync();
        ConfiguredWithoutInstance(h);
        var jobId = h.Job(Name).JobId;

        // The re-run asks for one more database: the job is configured again with it before the purchase.
        var plan = h.Service().PlanSyncTask(Request(r => { r.NoStart = true; r.Databases = new[] { "shop", "crm" }; }));
        var withStart = h.Service().PlanSyncTask(Request(r => r.Databases = new[] { "shop", "crm" }));

        Assert.Equal(new[]
        {
            "Configure job " + jobId + " 'resumed' again: MySQL rm-src0000001 (cn-hangzhou, account " + AlibabaSyncHarness.A
                + ", cross-account via role ram-for-dts) → MySQL rm-dst0000001 (cn-hangzhou, account " + AlibabaSyncHarness.B + ")",
            "Buy a pay-as-you-go DTS sync instance (small) in cn-hangzhou for job " + jobId,
        }, plan.Changes);
        Assert.Equal(plan.Changes.Append("Start the job (StartDtsJob) and wait for the DTS precheck"), withStart.Changes);
        Assert.Equal((jobId, (string?)null, "NotStarted"), (plan.Current.TaskId, plan.Current.InstanceId, plan.Current.Status));
        Assert.NotEmpty(plan.Checks);
        int mark = h.CallCount;

        var task = plan.Apply();

        var job = Assert.Single(h.Bought());
        Assert.Equal((jobId, job.InstanceId, "NotStarted", true), (task.TaskId, task.InstanceId, task.Status, task.Changed));
        Assert.Equal(new[] { "Configured job " + jobId + " again", "Bought pay-as-you-go DTS sync instance " + job.InstanceId + " for job " + jobId }, task.Changes);
        Assert.Equal("NotStarted", job.Status);
        Assert.Contains("crm", job.Config!["DbList"]);
        Assert.Empty(h.CallsSince(mark, "StartDtsJob"));
    }

    [Fact]
    public async Task A_started_job_that_differs_is_refused_even_before_its_instance_is_known()
    {
        var (h, job) = await JobIn("Synchronizing");
        await using var _h = h;
        lock (h.State.Sync) { job.InstanceId = ""; job.Purchased = false; }
        int mark = h.CallCount;

        var error = h.Fails(Waiting(r => r.Databases = new[] { "shop", "crm" }));

        Assert.Equal("SyncTaskConfigurationDiffers", error.ErrorId);
        Assert.Empty(h.WritesSince(mark));
    }

    // ------------------------------------------------------------------ an instance bought, never configured

    [Fact]
    public async Task An_instance_never_configured_is_configured_and_with_NoStart_left_not_started()
    {
        var (h, job) = await JobIn("NotConfigured");
        await using var _h = h;

        var plan = h.Service().PlanSyncTask(Request(r => r.NoStart = true));
        Assert.Equal(new[]
        {
            "Configure job 'resumed' on DTS instance " + job.InstanceId + ": MySQL rm-src0000001 (cn-hangzhou, account " + AlibabaSyncHarness.A
                + ", cross-account via role ram-for-dts) → MySQL rm-dst0000001 (cn-hangzhou, account " + AlibabaSyncHarness.B + ")",
        }, plan.Changes);
        int mark = h.CallCount;
        var task = plan.Apply();

        Assert.Equal((job.JobId, job.InstanceId, "NotStarted", true), (task.TaskId, task.InstanceId, task.Status, task.Changed));
        Assert.Equal(new[] { "Configured job " + job.JobId }, task.Changes);
        Assert.Single(h.CallsSince(mark, "ConfigureDtsJob"));
        Assert.Empty(h.CallsSince(mark, "StartDtsJob"));
    }

    [Fact]
    public async Task An_instance_never_configured_is_configured_started_and_its_reverse_direction_set_up()
    {
        var (h, job) = await JobIn("NotConfigured", hold: false, twoWay: true);
        await using var _h = h;

        var task = h.Run(Waiting(r => r.TwoWay = true));

        Assert.Equal((job.JobId, "Synchronizing"), (task.TaskId, task.Status));
        Assert.Equal("Configured job " + job.JobId, task.Changes[0]);
        var reverse = Assert.IsType<AlibabaDtsInstance>(h.Job(Name).Reverse);
        Assert.Equal((reverse.JobId, "Synchronizing"), (task.ReverseTaskId, task.ReverseStatus));
    }

    [Fact]
    public async Task A_refused_configuration_of_a_bought_instance_names_the_instance_and_says_the_rerun_continues_with_it()
    {
        var (h, job) = await JobIn("NotConfigured");
        await using var _h = h;
        RefuseNextConfigure(h);

        var error = h.Fails(Request());

        Assert.Equal(("SyncTaskIncomplete", ErrorCategory.InvalidResult), (error.ErrorId, error.Category));
        Assert.StartsWith("DTS instance " + job.InstanceId + " (job " + job.JobId + ") for task 'resumed' exists and is NotConfigured, but configuring the job failed: ", error.Message);
        Assert.Contains("The specified parameter DbList is not valid.", error.Message);
        Assert.Contains("run New-DtsSyncTask -Name 'resumed' again: it continues with this instance instead of buying another.", error.Message);
        Assert.Single(h.Bought());
    }

    // ------------------------------------------------------------------ a job not started, or whose precheck failed

    [Fact]
    public async Task A_job_not_started_asked_with_NoStart_and_other_objects_is_configured_with_them_and_stays_not_started()
    {
        var (h, job) = await JobIn("NotStarted");
        await using var _h = h;
        int mark = h.CallCount;

        var task = h.Run(Request(r => { r.NoStart = true; r.Databases = new[] { "shop", "crm" }; }));

        Assert.Equal((job.JobId, job.InstanceId, "NotStarted", true), (task.TaskId, task.InstanceId, task.Status, task.Changed));
        Assert.Equal(new[] { "Configured job " + job.JobId + " again" }, task.Changes);
        Assert.Contains("crm", h.Job(Name).Config!["DbList"]);
        Assert.Empty(h.CallsSince(mark, "StartDtsJob"));
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task A_refused_configuration_of_a_job_not_started_says_so_and_starts_nothing(bool noStart)
    {
        var (h, job) = await JobIn("NotStarted");
        await using var _h = h;
        RefuseNextConfigure(h);
        int mark = h.CallCount;

        var error = h.Fails(Request(r => { r.NoStart = noStart; r.Databases = new[] { "shop", "crm" }; }));

        Assert.Equal("SyncTaskIncomplete", error.ErrorId);
        Assert.StartsWith("DTS instance " + job.InstanceId + " (job " + job.JobId + ") for task 'resumed' exists and is NotStarted, but configuring the job again failed: ", error.Message);
        Assert.Empty(h.CallsSince(mark, "StartDtsJob"));
        Assert.Equal("NotStarted", h.Job(Name).Status);
    }

    [Fact]
    public async Task A_job_not_started_is_configured_again_then_started_and_the_plan_waits_only_when_asked()
    {
        var (h, job) = await JobIn("NotStarted", hold: false);
        await using var _h = h;

        var plan = h.Service().PlanSyncTask(Request());
        Assert.Equal(new[] { "Configure job " + job.JobId + " with the given endpoints and objects, then start it (StartDtsJob) and wait for the precheck" }, plan.Changes);
        var task = plan.Apply();

        Assert.Equal("Configured job " + job.JobId + " again", task.Changes[0]);
        Assert.Contains("Started job " + job.JobId, string.Join("\n", task.Changes));
        Assert.Single(h.Bought());
    }

    // ------------------------------------------------------------------ on its way: only waiting is left

    [Theory]
    [InlineData("Prechecking")]
    [InlineData("PreCheckPass")]
    [InlineData("Initializing")]
    public async Task A_job_on_its_way_is_waited_for_until_it_synchronizes_without_any_write_or_check(string status)
    {
        var (h, job) = await JobIn(status, hold: false);
        await using var _h = h;
        lock (h.State.Sync) job.PrecheckStartedAt ??= h.State.Clock.UtcNow;
        int mark = h.CallCount;

        var plan = h.Service().PlanSyncTask(Waiting());
        Assert.Empty(plan.Checks);
        var task = plan.Apply();

        Assert.Equal((job.JobId, "Synchronizing", false), (task.TaskId, task.Status, task.Changed));
        Assert.Empty(h.WritesSince(mark));
        // Only a job still in its precheck has the precheck followed; the others are waited for by their state alone.
        Assert.Equal(status == "Prechecking", h.CallsSince(mark, "DescribePreCheckStatus").Count > 0);
    }

    [Fact]
    public async Task A_two_way_job_on_its_way_is_waited_for_and_then_its_reverse_direction_is_checked_configured_and_started()
    {
        var (h, job) = await JobIn("Initializing", hold: false, twoWay: true);
        await using var _h = h;

        var plan = h.Service().PlanSyncTask(Waiting(r => r.TwoWay = true));

        Assert.Equal(2, plan.Changes.Count);
        Assert.Equal("Wait until job " + job.JobId + " (Initializing) is Synchronizing (at most 1800 s)", plan.Changes[0]);
        Assert.StartsWith("Once the forward job runs, configure and start the reverse direction", plan.Changes[1]);
        Assert.NotEmpty(plan.Checks);
        var task = plan.Apply();

        var reverse = Assert.IsType<AlibabaDtsInstance>(h.Job(Name).Reverse);
        Assert.Equal(("Synchronizing", reverse.JobId, "Synchronizing"), (task.Status, task.ReverseTaskId, task.ReverseStatus));
    }

    [Fact]
    public async Task A_two_way_task_in_a_state_the_command_does_not_handle_shows_its_reverse_direction_not_configured()
    {
        var (h, job) = await JobIn("Suspending", twoWay: true);
        await using var _h = h;

        var plan = h.Service().PlanSyncTask(Request(r => r.TwoWay = true));

        Assert.False(plan.HasChanges);
        Assert.Equal((job.JobId, "Suspending", (string?)null, "NotConfigured"), (plan.Current.TaskId, plan.Current.Status, plan.Current.ReverseTaskId, plan.Current.ReverseStatus));
    }

    // ------------------------------------------------------------------ two-way: the reverse direction on a re-run

    [Fact]
    public async Task A_running_two_way_task_without_its_reverse_direction_gets_it_configured_and_started_after_the_checks()
    {
        var (h, forward) = await TwoWayWithReverse(null);
        await using var _h = h;

        var plan = h.Service().PlanSyncTask(Waiting(r => r.TwoWay = true));
        Assert.StartsWith("Once the forward job runs, configure and start the reverse direction", Assert.Single(plan.Changes));
        Assert.NotEmpty(plan.Checks);
        var task = plan.Apply();

        var reverse = Assert.IsType<AlibabaDtsInstance>(h.Job(Name).Reverse);
        Assert.Equal((forward.JobId, "Synchronizing", reverse.JobId, "Synchronizing"), (task.TaskId, task.Status, task.ReverseTaskId, task.ReverseStatus));
        Assert.StartsWith("Configured the reverse direction (job " + reverse.JobId + "): ", task.Changes[0]);
        Assert.True(task.Changed);
        Assert.Single(h.Bought());
    }

    [Fact]
    public async Task A_reverse_direction_in_its_precheck_is_followed_not_configured_again()
    {
        var (h, forward) = await TwoWayWithReverse("Prechecking");
        await using var _h = h;
        var reverseId = forward.Reverse!.JobId;
        lock (h.State.Sync) forward.Reverse.PrecheckStartedAt = h.State.Clock.UtcNow;
        int mark = h.CallCount;

        var task = h.Run(Waiting(r => r.TwoWay = true));

        Assert.Empty(h.CallsSince(mark, "ConfigureDtsJob"));
        Assert.Empty(h.CallsSince(mark, "StartDtsJob"));
        Assert.NotEmpty(h.CallsSince(mark, "DescribePreCheckStatus"));
        Assert.Equal((forward.JobId, reverseId), (task.TaskId, task.ReverseTaskId));
        Assert.NotEqual("Prechecking", task.ReverseStatus);
    }

    [Theory]
    [InlineData("PreCheckPass", "PreCheckPass")]
    [InlineData("Initializing", "Initializing")]
    [InlineData("synchronizing", "Synchronizing")]
    public async Task A_reverse_direction_on_its_way_or_running_is_left_alone_and_shown_as_it_is(string status, string shown)
    {
        var (h, forward) = await TwoWayWithReverse(status);
        await using var _h = h;

        var plan = h.Service().PlanSyncTask(Request(r => r.TwoWay = true));

        Assert.False(plan.HasChanges);
        Assert.Equal((forward.Reverse!.JobId, shown), (plan.Current.ReverseTaskId, plan.Current.ReverseStatus));
    }

    [Fact]
    public async Task With_NoStart_a_reverse_direction_not_started_is_left_alone_and_a_missing_one_is_configured_without_start()
    {
        var (h, forward) = await TwoWayWithReverse("NotStarted");
        await using var _h = h;

        var kept = h.Service().PlanSyncTask(Request(r => { r.TwoWay = true; r.NoStart = true; }));
        Assert.False(kept.HasChanges);
        Assert.Equal((forward.Reverse!.JobId, "NotStarted"), (kept.Current.ReverseTaskId, kept.Current.ReverseStatus));

        lock (h.State.Sync) forward.Reverse = null;
        int mark = h.CallCount;
        var task = h.Run(Request(r => { r.TwoWay = true; r.NoStart = true; }));

        var reverse = Assert.IsType<AlibabaDtsInstance>(h.Job(Name).Reverse);
        Assert.Equal((reverse.JobId, "NotStarted"), (task.ReverseTaskId, task.ReverseStatus));
        Assert.Empty(h.CallsSince(mark, "StartDtsJob"));
    }

    [Fact]
    public async Task A_one_way_task_shows_no_reverse_direction()
    {
        var (h, _) = await JobIn("Synchronizing");
        await using var _h = h;

        var plan = h.Service().PlanSyncTask(Request());

        Assert.False(plan.HasChanges);
        Assert.Equal(((string?)null, (string?)null), (plan.Current.ReverseTaskId, plan.Current.ReverseStatus));
    }

    [Fact]
    public async Task A_job_DTS_failed_without_an_error_message_is_refused_without_an_empty_reason()
    {
        var (h, job) = await JobIn("MigrationFailed");
        await using var _h = h;

        var error = h.Fails(Waiting());

        Assert.Equal("SyncTaskFailed", error.ErrorId);
        Assert.Equal("DTS sync job " + job.JobId + " 'resumed' on instance " + job.InstanceId + " is MigrationFailed. Fix the cause and restart it in the DTS console, "
            + "or release the instance and run New-DtsSyncTask again.", error.Message);
    }

    // ------------------------------------------------------------------ what the plan names

    [Fact]
    public async Task The_plan_names_its_target_by_account_name_and_region()
    {
        await using var h = await AlibabaSyncHarness.StartAsync();

        var plan = h.Service().PlanSyncTask(Request());

        Assert.Equal("Alibaba account " + AlibabaSyncHarness.B + ", DTS sync task 'resumed' in cn-hangzhou", plan.Target);
    }

    [Fact]
    public async Task The_plan_of_a_task_within_one_account_names_no_cross_account_scenario()
    {
        await using var h = await AlibabaSyncHarness.StartAsync();

        var plan = h.Service().PlanSyncTask(Request(r =>
        {
            r.Source = new DatabaseEndpointSpec { InstanceId = "rm-dst0000002", Region = "cn-shanghai", UserName = "dts_user", Password = AlibabaSyncHarness.DbPassword };
        }));

        Assert.Equal("Configure job 'resumed': MySQL rm-dst0000002 (cn-shanghai, account " + AlibabaSyncHarness.B + ") → MySQL rm-dst0000001 (cn-hangzhou, account "
            + AlibabaSyncHarness.B + "), objects {\"shop\":{\"name\":\"shop\",\"all\":true}}, schema + full data + incremental", plan.Changes[0]);
    }

    [Fact]
    public async Task Two_jobs_of_the_name_are_named_one_after_the_other()
    {
        var (h, job) = await JobIn("Synchronizing");
        await using var _h = h;
        h.Run(AlibabaSyncHarness.Request("other", r => r.NoStart = true));
        var other = h.Job("other");
        lock (h.State.Sync) other.JobName = Name;

        var error = Assert.Throws<DtsCrossAccountException>(() => h.Service().PlanSyncTask(Waiting()));

        string ours = job.JobId + " (" + job.InstanceId + ", Synchronizing)", theirs = other.JobId + " (" + other.InstanceId + ", NotStarted)";
        Assert.Contains(new[] { "'resumed': " + ours + ", " + theirs + ". ", "'resumed': " + theirs + ", " + ours + ". " }, error.Message.Contains);
    }

    [Theory]
    [InlineData("Prechecking")]
    [InlineData("PreCheckPass")]
    [InlineData("Initializing")]
    [InlineData("Synchronizing")]
    public async Task A_started_job_asked_with_another_configuration_is_refused_naming_every_difference(string status)
    {
        var (h, job) = await JobIn(status);
        await using var _h = h;
        int mark = h.CallCount;

        var error = h.Fails(Waiting(r => { r.StructureInitialization = false; r.Databases = new[] { "shop", "crm" }; }));

        Assert.Equal("SyncTaskConfigurationDiffers", error.ErrorId);
        Assert.Contains(" is " + status + " with another configuration than this command asks: schema initialization true (asked: false); objects shop (asked: crm, shop). ", error.Message);
        Assert.Empty(h.WritesSince(mark));
    }

    [Fact]
    public async Task A_rerun_with_NoStart_names_every_difference_it_configures_again()
    {
        var (h, job) = await JobIn("NotStarted");
        await using var _h = h;

        var plan = h.Service().PlanSyncTask(Request(r => { r.NoStart = true; r.StructureInitialization = false; r.Databases = new[] { "shop", "crm" }; }));

        Assert.Equal("Configure job " + job.JobId + " again (differs: schema initialization true (asked: false); objects shop (asked: crm, shop)); it is not started (-NoStart)",
            Assert.Single(plan.Changes));
    }

    [Fact]
    public async Task A_one_way_request_for_a_running_two_way_task_shows_its_reverse_direction_as_it_is()
    {
        var (h, forward) = await TwoWayWithReverse("Synchronizing");
        await using var _h = h;

        var plan = h.Service().PlanSyncTask(Request());

        Assert.False(plan.HasChanges);
        Assert.Equal((forward.Reverse!.JobId, "Synchronizing"), (plan.Current.ReverseTaskId, plan.Current.ReverseStatus));
    }
}
