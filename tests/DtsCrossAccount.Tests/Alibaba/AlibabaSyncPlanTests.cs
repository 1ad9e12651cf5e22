#nullable enable
using System.Management.Automation;
using DtsCrossAccount.Core;
using DtsCrossAccount.Services;

namespace DtsCrossAccount.Tests.Alibaba;

/// <summary>
/// What New-DtsSyncTask for Alibaba shows before it writes (the -WhatIf / -Confirm text: the plan's changes) and what it
/// refuses, for a new task and for each state a re-run can find. Below the engine (<see cref="AlibabaSyncHarness"/>); the
/// plan is read, never applied, unless the test says so.
/// </summary>
public sealed class AlibabaSyncPlanTests
{
    private const string Name = "planned";

    /// <summary>A job bought and configured by an earlier run (-NoStart), then held by DTS in <paramref name="status"/>.</summary>
    private static async Task<(AlibabaSyncHarness H, string JobId, string InstanceId)> JobIn(string status, string errorMessage = "")
    {
        var h = await AlibabaSyncHarness.StartAsync();
        h.Run(AlibabaSyncHarness.Request(Name, r => r.NoStart = true));
        var job = h.PutIn(Name, status);
        lock (h.State.Sync) job.ErrorMessage = errorMessage;
        return (h, job.JobId!, job.InstanceId);
    }

    private static SyncTaskRequest Waiting(Action<SyncTaskRequest>? change = null) =>
        AlibabaSyncHarness.Request(Name, r => { r.Wait = true; change?.Invoke(r); });

    [Fact]
    public async Task The_plan_of_a_new_task_configures_buys_starts_and_waits_and_is_checked_before_anything_is_bought()
    {
        await using var h = await AlibabaSyncHarness.StartAsync();

        var plan = h.Service().PlanSyncTask(Waiting());

        Assert.Equal(4, plan.Changes.Count);
        Assert.StartsWith("Configure job 'planned': ", plan.Changes[0]);
        Assert.Equal("Buy a pay-as-you-go DTS sync instance (small, one-way) in cn-hangzhou for this job", plan.Changes[1]);
        Assert.Equal("Start the job (StartDtsJob) and wait for the DTS precheck", plan.Changes[2]);
        Assert.Equal("Wait until the job is Synchronizing (at most 1800 s)", plan.Changes[3]);
        Assert.Equal(((string?)null, "NotCreated"), (plan.Current.TaskId, plan.Current.Status));
        Assert.NotEmpty(plan.Checks);
        Assert.Equal(plan.Checks, plan.Current.Checks);
        Assert.Empty(h.Jobs());
    }

    [Theory]
    [InlineData("NotStarted", "start it")]
    [InlineData("PrecheckFailed", "run its DTS precheck again")]
    public async Task A_rerun_of_a_job_not_started_or_whose_precheck_failed_configures_it_again_then_starts_and_waits(string status, string then)
    {
        var (h, jobId, _) = await JobIn(status);
        await using var _h = h;

        var plan = h.Service().PlanSyncTask(Waiting());

        Assert.Equal(new[]
        {
            "Configure job " + jobId + " with the given endpoints and objects, then " + then + " (StartDtsJob) and wait for the precheck",
            "Wait until the job is Synchronizing (at most 1800 s)",
        }, plan.Changes);
        Assert.Equal((jobId, status), (plan.Current.TaskId, plan.Current.Status));
        Assert.NotEmpty(plan.Checks);
    }

    [Fact]
    public async Task A_rerun_with_NoStart_configures_again_only_what_differs_and_starts_nothing()
    {
        var (h, jobId, _) = await JobIn("NotStarted");
        await using var _h = h;

        var same = h.Service().PlanSyncTask(AlibabaSyncHarness.Request(Name, r => r.NoStart = true));
        var other = h.Service().PlanSyncTask(AlibabaSyncHarness.Request(Name, r => { r.NoStart = true; r.Databases = new[] { "shop", "crm" }; }));

        Assert.False(same.HasChanges);
        Assert.Equal((jobId, "NotStarted", false), (same.Current.TaskId, same.Current.Status, same.Current.Changed));
        var change = Assert.Single(other.Changes);
        Assert.StartsWith("Configure job " + jobId + " again (differs: ", change);
        Assert.EndsWith("); it is not started (-NoStart)", change);
        Assert.NotEmpty(other.Checks);
    }

    [Theory]
    [InlineData("Prechecking")]
    [InlineData("PreCheckPass")]
    [InlineData("Initializing")]
    public async Task A_rerun_of_a_job_on_its_way_only_waits_when_asked_to_wait(string status)
    {
        var (h, jobId, instanceId) = await JobIn(status);
        await using var _h = h;

        var waiting = h.Service().PlanSyncTask(Waiting());
        var notWaiting = h.Service().PlanSyncTask(AlibabaSyncHarness.Request(Name));

        Assert.Equal(new[] { "Wait until job " + jobId + " (" + status + ") is Synchronizing (at most 1800 s)" }, waiting.Changes);
        Assert.False(notWaiting.HasChanges);
        Assert.Equal((jobId, instanceId, status), (notWaiting.Current.TaskId, notWaiting.Current.InstanceId, notWaiting.Current.Status));
    }

    [Theory]
    [InlineData("Failed")]
    [InlineData("InitializeFailed")]
    public async Task A_rerun_of_a_failed_job_is_refused_with_what_DTS_says_and_what_to_do(string status)
    {
        var (h, jobId, instanceId) = await JobIn(status, "DTS-070211: Connect Source DB failed.");
        await using var _h = h;

        var error = Assert.Throws<DtsCrossAccountException>(() => h.Service().PlanSyncTask(Waiting()));

        Assert.Equal(("SyncTaskFailed", ErrorCategory.InvalidResult), (error.ErrorId, error.Category));
        Assert.Equal("DTS sync job " + jobId + " 'planned' on instance " + instanceId + " is " + status + ": DTS-070211: Connect Source DB failed.. "
            + "Fix the cause and restart it in the DTS console, or release the instance and run New-DtsSyncTask again.", error.Message);
        Assert.Equal((jobId, status), (Assert.IsType<SyncTask>(error.Target).TaskId, Assert.IsType<SyncTask>(error.Target).Status));
    }

    [Fact]
    public async Task A_rerun_in_a_state_the_command_does_not_handle_changes_nothing_and_warns()
    {
        var (h, jobId, _) = await JobIn("Suspending");
        await using var _h = h;

        var plan = h.Service().PlanSyncTask(Waiting());

        Assert.False(plan.HasChanges);
        Assert.Equal((jobId, "Suspending"), (plan.Current.TaskId, plan.Current.Status));
        Assert.Equal(new[] { "DTS sync job " + jobId + " 'planned' is Suspending; nothing was changed." }, h.Reporter.WarningLines);
    }

    [Fact]
    public async Task A_started_job_asked_with_another_configuration_is_refused_and_says_how_to_go_on()
    {
        var (h, jobId, instanceId) = await JobIn("Synchronizing");
        await using var _h = h;

        var error = Assert.Throws<DtsCrossAccountException>(() => h.Service().PlanSyncTask(Waiting(r => r.Databases = new[] { "shop", "crm" })));

        Assert.Equal(("SyncTaskConfigurationDiffers", ErrorCategory.InvalidOperation, (object)jobId), (error.ErrorId, error.Category, error.Target));
        Assert.StartsWith("DTS sync job " + jobId + " 'planned' (instance " + instanceId + ") is Synchronizing with another configuration than this command asks: ", error.Message);
        Assert.Contains(". A started job is not reconfigured. To go on: run the command as it was first given to keep the job; or release it (", error.Message);
        Assert.EndsWith(") and run this command again to create it anew; or choose another -Name.", error.Message);
    }

    [Fact]
    public async Task A_name_taken_by_a_job_of_other_instances_or_by_two_jobs_is_refused_naming_them()
    {
        var (h, jobId, instanceId) = await JobIn("Synchronizing");
        await using var _h = h;

        var mismatch = Assert.Throws<DtsCrossAccountException>(() => h.Service().PlanSyncTask(Waiting(r => r.Destination.InstanceId = "rm-dst0000002")));

        Assert.Equal(("SyncTaskMismatch", ErrorCategory.ResourceExists), (mismatch.ErrorId, mismatch.Category));
        Assert.Equal("DTS sync job 'planned' (" + jobId + ", instance " + instanceId + ", Synchronizing) already exists with a different destination rm-dst0000001 "
            + "(asked: rm-dst0000002). It was not changed; use another -Name for a new task.", mismatch.Message);

        // A second job of the same name (configured by another run, no instance).
        h.Run(AlibabaSyncHarness.Request("other", r => r.NoStart = true));
        lock (h.State.Sync) h.Job("other").JobName = Name;
        var twice = Assert.Throws<DtsCrossAccountException>(() => h.Service().PlanSyncTask(Waiting()));
        Assert.Equal(("SyncTaskNameAmbiguous", ErrorCategory.ResourceExists), (twice.ErrorId, twice.Category));
        Assert.StartsWith("More than one DTS sync job in cn-hangzhou is named 'planned': ", twice.Message);
        Assert.Contains(jobId + " (" + instanceId + ", Synchronizing)", twice.Message);
        Assert.EndsWith(". Rename or release the extra ones in the DTS console, or pick another -Name.", twice.Message);
    }

    [Fact]
    public async Task With_NoStart_a_new_task_is_configured_and_bought_and_stays_NotStarted_saying_so()
    {
        await using var h = await AlibabaSyncHarness.StartAsync();
        var request = AlibabaSyncHarness.Request(Name, r => r.NoStart = true);

        var plan = h.Service().PlanSyncTask(request);
        Assert.Equal(2, plan.Changes.Count);
        Assert.StartsWith("Configure job 'planned': ", plan.Changes[0]);
        Assert.Equal("Buy a pay-as-you-go DTS sync instance (small, one-way) in cn-hangzhou for this job", plan.Changes[1]);
        var task = plan.Apply();

        var job = Assert.Single(h.Bought());
        Assert.Equal(("NotStarted", job.JobId, job.InstanceId), (task.Status, task.TaskId, task.InstanceId));
        Assert.Contains("-NoStart: job " + job.JobId + " is configured and stays NotStarted; the DTS precheck and the sync start when the command runs without -NoStart.",
            h.Reporter.VerboseLines);
        Assert.Empty(h.CallsSince(0, "StartDtsJob"));
    }

    [Fact]
    public async Task The_plan_of_a_two_way_task_buys_a_two_way_instance_and_names_the_reverse_direction()
    {
        await using var h = await AlibabaSyncHarness.StartAsync();

        var plan = h.Service().PlanSyncTask(Waiting(r => r.TwoWay = true));

        Assert.Equal("Buy a pay-as-you-go DTS sync instance (small, two-way) in cn-hangzhou for this job", plan.Changes[1]);
        Assert.StartsWith("Once the forward job runs, configure and start the reverse direction on the same DTS instance "
            + "(ConfigureDtsJob / StartDtsJob SynchronizationDirection=Reverse, incremental only): ", plan.Changes[^1]);
    }

    [Fact]
    public async Task A_rerun_of_an_instance_bought_but_never_configured_configures_it_then_starts()
    {
        var (h, _, instanceId) = await JobIn("NotConfigured");
        await using var _h = h;

        var plan = h.Service().PlanSyncTask(AlibabaSyncHarness.Request(Name));

        Assert.Equal(2, plan.Changes.Count);
        Assert.StartsWith("Configure job 'planned' on DTS instance " + instanceId + ": ", plan.Changes[0]);
        Assert.Equal("Start the job (StartDtsJob) and wait for the DTS precheck", plan.Changes[1]);
        Assert.NotEmpty(plan.Checks);
    }

    [Fact]
    public async Task A_name_taken_by_a_job_of_another_source_and_destination_names_both()
    {
        var (h, jobId, instanceId) = await JobIn("Synchronizing");
        await using var _h = h;

        var mismatch = Assert.Throws<DtsCrossAccountException>(() => h.Service().PlanSyncTask(Waiting(r =>
        {
            r.Source.InstanceId = "rm-src0000002";
            r.Destination.InstanceId = "rm-dst0000002";
        })));

        Assert.Equal("DTS sync job 'planned' (" + jobId + ", instance " + instanceId + ", Synchronizing) already exists with a different source rm-src0000001 "
            + "(asked: rm-src0000002) and destination rm-dst0000001 (asked: rm-dst0000002). It was not changed; use another -Name for a new task.", mismatch.Message);
    }
}
