#nullable enable
using System.Management.Automation;
using DtsCrossAccount.Core;
using DtsCrossAccount.Services;

namespace DtsCrossAccount.Tests.Tencent;

/// <summary>
/// What New-DtsSyncTask for Tencent shows before it writes (the -WhatIf / -Confirm text: the plan's changes, the
/// subscription notice) and what it refuses, for a new task and for each state a re-run can find. Below the engine
/// (<see cref="TencentSyncHarness"/>); the plan is read, never applied, unless the test says so.
/// </summary>
public sealed class TencentSyncTaskPathPlanTests
{
    private const string Name = "planned";
    private const string Configure = "Configure sync job {0}: source cdb-src00001 of account " + TencentSyncHarness.A + " through role 'DTS-role' (fresh temporary keys), "
        + "target cdb-dst00001 of account " + TencentSyncHarness.B + ", initialization Full, conflicts ReportError, same-named tables ReportErrorAfterCheck, operations Insert Update Delete DDL";

    private static SyncTaskRequest Subscription(string name, int months, bool autoRenew)
    {
        var request = TencentSyncHarness.Request(name);
        request.Options = new SyncTaskOptions { Subscription = true, PeriodMonths = months, AutoRenew = autoRenew };
        request.Options.Given.Add("PayMode");
        request.Options.Given.Add("Period");
        if (autoRenew) request.Options.Given.Add("AutoRenew");
        return request;
    }

    /// <summary>A job bought and configured by an earlier run (-NoStart), then put in <paramref name="status"/>.</summary>
    private static string JobIn(TencentSyncHarness h, string status, SyncTaskRequest? first = null)
    {
        var request = first ?? TencentSyncHarness.Request(Name);
        request.NoStart = true;
        request.Wait = false;
        var task = h.Run(request);
        lock (h.State.Sync) h.OnlyJob().Status = status;
        return task.TaskId;
    }

    [Fact]
    public async Task The_plan_of_a_new_task_buys_configures_verifies_and_starts_and_is_checked_before_anything_is_bought()
    {
        await using var h = await TencentSyncHarness.StartAsync();

        var plan = h.Plan(TencentSyncHarness.Request(Name));

        Assert.Equal(new[]
        {
            "Purchase a pay-as-you-go DTS sync job 'planned' (mysql in ap-guangzhou → mysql in ap-guangzhou, class micro)",
            string.Format(Configure, "(new)"),
            "Run the verification of sync job (new)",
            "Start sync job (new)",
        }, plan.Changes);
        Assert.Equal(((string?)null, "NotCreated", true), (plan.Current.TaskId, plan.Current.Status, plan.Current.Changed));
        // The target -WhatIf and -Confirm name.
        Assert.Equal("Tencent account " + TencentSyncHarness.B + ", DTS sync task 'planned' in ap-guangzhou", plan.Target);
        Assert.NotEmpty(plan.Checks);
        Assert.Equal(plan.Checks, plan.Current.Checks);
        Assert.Null(plan.SpendingNotice);
        Assert.Empty(h.Buyer.SyncJobs);
    }

    [Theory]
    [InlineData(3, true, ", renewed automatically")]
    [InlineData(2, false, "")]
    public async Task A_subscription_is_asked_once_more_with_its_months_and_renewal_and_a_rerun_buys_nothing_so_asks_nothing(int months, bool autoRenew, string renewal)
    {
        await using var h = await TencentSyncHarness.StartAsync();

        var plan = h.Plan(Subscription(Name, months, autoRenew));

        Assert.Equal("This buys DTS sync job 'planned' (class micro) as a subscription paid in advance for " + months + " month(s)" + renewal
            + ": the months are billed even if the task is stopped early. Buy it?", plan.SpendingNotice);
        Assert.StartsWith("Purchase a prepaid " + months + "-month (" + (autoRenew ? "auto-renewed" : "not auto-renewed") + ") DTS sync job 'planned'", plan.Changes[0]);

        var id = JobIn(h, "Initialized", Subscription(Name, months, autoRenew));
        var rerun = h.Plan(Subscription(Name, months, autoRenew));
        Assert.True(rerun.HasChanges);
        Assert.Null(rerun.SpendingNotice);
        Assert.DoesNotContain(rerun.Changes, c => c.StartsWith("Purchase", StringComparison.Ordinal));
        Assert.Equal(id, rerun.Current.TaskId);
    }

    [Fact]
    public async Task A_rerun_that_asks_for_another_billing_than_the_job_was_bought_with_is_refused_and_says_which_to_use()
    {
        await using var h = await TencentSyncHarness.StartAsync();
        var id = JobIn(h, "Initialized");

        var asSubscription = Assert.Throws<DtsCrossAccountException>(() => h.Plan(Subscription(Name, 2, false)));

        Assert.Equal(("SyncJobPurchaseDiffers", ErrorCategory.InvalidOperation, (object)id), (asSubscription.ErrorId, asSubscription.Category, asSubscription.Target));
        Assert.Equal("DTS sync job " + id + " ('planned') was bought pay-as-you-go, but this command asks for prepaid 2-month (not auto-renewed). "
            + "A job's billing is not changed by this command: run it with the purchase the job has (without -PayMode, or -PayMode PayAsYouGo), "
            + "change the billing in the DTS console, or choose another -Name.", asSubscription.Message);

        await using var other = await TencentSyncHarness.StartAsync();
        var prepaid = JobIn(other, "Initialized", Subscription("prepaid", 3, true));
        var asPayAsYouGo = Assert.Throws<DtsCrossAccountException>(() => other.Plan(TencentSyncHarness.Request("prepaid")));
        Assert.Equal("DTS sync job " + prepaid + " ('prepaid') was bought as a prepaid subscription, but this command asks for pay-as-you-go. "
            + "A job's billing is not changed by this command: run it with the purchase the job has (-PayMode Subscription), "
            + "change the billing in the DTS console, or choose another -Name.", asPayAsYouGo.Message);
    }

    [Theory]
    [InlineData("UnInitialized", "Run the verification of sync job {0}")]
    [InlineData("CheckNotPass", "Re-run the verification of sync job {0} (it did not pass last time)")]
    public async Task A_rerun_before_the_verification_passed_configures_again_then_verifies_and_starts(string status, string verification)
    {
        await using var h = await TencentSyncHarness.StartAsync();
        var id = JobIn(h, status);

        var plan = h.Plan(TencentSyncHarness.Request(Name));

        Assert.Equal(new[] { string.Format(Configure, id), string.Format(verification, id), "Start sync job " + id }, plan.Changes);
        Assert.Equal((id, status, true), (plan.Current.TaskId, plan.Current.Status, plan.Current.Changed));
        Assert.NotEmpty(plan.Checks);
    }

    [Fact]
    public async Task A_rerun_during_the_verification_waits_for_it_then_starts_without_configuring_or_checking_again()
    {
        await using var h = await TencentSyncHarness.StartAsync();
        var id = JobIn(h, "Checking");

        var plan = h.Plan(TencentSyncHarness.Request(Name));

        Assert.Equal(new[] { "Wait for the running verification of sync job " + id, "Start sync job " + id }, plan.Changes);
        Assert.Empty(plan.Checks);
    }

    [Fact]
    public async Task A_rerun_of_a_job_ready_to_run_waits_until_it_runs_when_asked_to_wait_and_otherwise_has_nothing_to_do()
    {
        await using var h = await TencentSyncHarness.StartAsync();
        var id = JobIn(h, "ReadyRunning");

        var waiting = h.Plan(TencentSyncHarness.Request(Name));
        var request = TencentSyncHarness.Request(Name);
        request.Wait = false;
        var notWaiting = h.Plan(request);

        Assert.Equal(new[] { "Wait until sync job " + id + " is Running (it is ReadyRunning)" }, waiting.Changes);
        Assert.False(notWaiting.HasChanges);
        Assert.Equal((id, "ReadyRunning", false), (notWaiting.Current.TaskId, notWaiting.Current.Status, notWaiting.Current.Changed));
    }

    [Fact]
    public async Task A_new_task_whose_checks_fail_says_what_failed_and_that_nothing_was_bought()
    {
        await using var h = await TencentSyncHarness.StartAsync();
        lock (h.State.Sync) h.State.Tencent.Accounts[TencentSyncHarness.A].Roles.Clear();

        var error = Assert.Throws<DtsCrossAccountException>(() => h.Plan(TencentSyncHarness.Request(Name)));

        Assert.Equal("SyncTaskPreflightFailed", error.ErrorId);
        Assert.Matches("; nothing was bought or changed\\. \\[", error.Message);
        Assert.Empty(h.Buyer.SyncJobs);
    }

    [Fact]
    public async Task A_rerun_whose_checks_fail_says_the_job_is_kept_as_it_is()
    {
        await using var h = await TencentSyncHarness.StartAsync();
        var id = JobIn(h, "Initialized");
        // The source account's role is gone since the first run: the checks before configuring again fail.
        lock (h.State.Sync) h.State.Tencent.Accounts[TencentSyncHarness.A].Roles.Clear();

        var error = Assert.Throws<DtsCrossAccountException>(() => h.Plan(TencentSyncHarness.Request(Name)));

        Assert.Equal("SyncTaskPreflightFailed", error.ErrorId);
        Assert.Contains("Sync job " + id + " is kept as it is (Initialized). ", error.Message);
        Assert.Equal(id, Assert.IsType<SyncTask>(error.Target).TaskId);
    }

    [Theory]
    [InlineData("UnInitialized", false)]
    [InlineData("Initialized", true)]
    [InlineData("CheckNotPass", true)]
    [InlineData("CheckPass", true)]
    public async Task A_rerun_with_NoStart_before_the_start_configures_again_when_the_job_is_unconfigured_or_differs(string status, bool differs)
    {
        await using var h = await TencentSyncHarness.StartAsync();
        var id = JobIn(h, status);
        var request = differs ? TencentSyncHarness.Request(Name, "shop", "crm") : TencentSyncHarness.Request(Name);
        request.NoStart = true;

        var plan = h.Plan(request);

        Assert.Equal(new[] { string.Format(Configure, id) + (differs ? " (differs: objects shop (asked: crm, shop))" : "") }, plan.Changes);
    }

    [Fact]
    public async Task A_rerun_with_NoStart_of_a_started_job_that_differs_is_refused_and_says_how_to_go_on()
    {
        await using var h = await TencentSyncHarness.StartAsync();
        var id = JobIn(h, "Running");
        var request = TencentSyncHarness.Request(Name, "shop", "crm");
        request.NoStart = true;

        var error = Assert.Throws<DtsCrossAccountException>(() => h.Plan(request));

        Assert.Equal(("SyncTaskConfigurationDiffers", ErrorCategory.InvalidOperation, (object)id), (error.ErrorId, error.Category, error.Target));
        Assert.Equal("DTS sync job " + id + " ('planned') is Running with another configuration than this command asks: objects shop (asked: crm, shop). "
            + "A started job is not reconfigured. To go on: run the command as it was first given to keep the job; or stop and release job " + id
            + " (StopSyncJob, IsolateSyncJob, DestroySyncJob in the DTS console) and run this command again to create it anew; or choose another -Name.", error.Message);
    }

    [Fact]
    public async Task A_name_held_by_two_jobs_or_by_a_job_of_another_instance_is_refused_naming_them()
    {
        await using var h = await TencentSyncHarness.StartAsync();
        var first = JobIn(h, "Running");
        var twin = h.OnlyJob();
        lock (h.State.Sync)
            h.Buyer.SyncJobs["sync-twin0002"] = new DtsCrossAccount.Emulator.Tencent.TencentSyncJob
            {
                JobId = "sync-twin0002", Seq = twin.Seq + 1, JobName = Name, PayMode = "PostPay", SrcDatabaseType = "mysql", SrcRegion = TencentSyncHarness.Region,
                DstDatabaseType = "mysql", DstRegion = TencentSyncHarness.Region, InstanceClass = "micro", Status = "Stopped",
            };

        var two = Assert.Throws<DtsCrossAccountException>(() => h.Plan(TencentSyncHarness.Request(Name)));

        Assert.Equal(("DuplicateSyncJobName", ErrorCategory.InvalidOperation), (two.ErrorId, two.Category));
        Assert.StartsWith("2 DTS sync jobs in ap-guangzhou are named 'planned': ", two.Message);
        Assert.EndsWith(". Give -Name a name used by one job only.", two.Message);
        Assert.Matches("named 'planned': sync-[a-z0-9]+ \\((Running|Stopped)\\), sync-[a-z0-9]+ \\((Running|Stopped)\\)\\. Give", two.Message);
        Assert.Contains(first + " (Running)", two.Message);
        Assert.Contains("sync-twin0002 (Stopped)", two.Message);

        lock (h.State.Sync) h.Buyer.SyncJobs.Remove("sync-twin0002");
        var request = TencentSyncHarness.Request(Name);
        request.Source.InstanceId = "cdb-src00002";
        var other = Assert.Throws<DtsCrossAccountException>(() => h.Plan(request));
        Assert.Equal(("SyncJobNameInUse", ErrorCategory.ResourceExists, (object)first), (other.ErrorId, other.Category, other.Target));
        Assert.Equal("DTS sync job " + first + " is already named 'planned' but syncs instance cdb-src00001, not cdb-src00002. Choose another -Name.", other.Message);
    }

    [Fact]
    public async Task A_job_of_the_same_name_bought_by_another_run_after_the_plan_stops_this_one_and_lets_go_of_the_name()
    {
        await using var h = await TencentSyncHarness.StartAsync();
        var plan = h.Plan(TencentSyncHarness.Request(Name));
        // Another run buys the name between this run's plan and its purchase.
        h.Run(TencentSyncHarness.Request(Name));
        var theirs = h.OnlyJob().JobId;

        var error = Assert.Throws<DtsCrossAccountException>(() => plan.Apply());

        Assert.Equal(("SyncTaskCreatedConcurrently", ErrorCategory.ResourceBusy), (error.ErrorId, error.Category));
        Assert.Equal("Another run created DTS sync task 'planned' (" + theirs + " (Running)) while this one was planning; this run bought nothing. "
            + "Run the same New-DtsSyncTask command again (or wait for the other run) to continue with that task.", error.Message);
        Assert.Single(h.Buyer.SyncJobs);
        // The name's lock was let go: once the other job is released, the next run on this machine (another thread, as
        // another runspace would be) buys at once; a lock still held would make it wait until cancelled.
        lock (h.State.Sync) h.Buyer.SyncJobs.Clear();
        using var cancel = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        var next = await Task.Factory.StartNew(() => h.Run(TencentSyncHarness.Request(Name), cancel.Token), TaskCreationOptions.LongRunning);
        Assert.Equal((h.OnlyJob().JobId, "Running"), (next.TaskId, next.Status));
    }

    [Fact]
    public async Task Two_jobs_of_the_name_bought_by_other_runs_after_the_plan_are_both_named()
    {
        await using var h = await TencentSyncHarness.StartAsync();
        var plan = h.Plan(TencentSyncHarness.Request(Name));
        lock (h.State.Sync)
            foreach (var id in new[] { "sync-other001", "sync-other002" })
                h.Buyer.SyncJobs[id] = new DtsCrossAccount.Emulator.Tencent.TencentSyncJob
                {
                    JobId = id, Seq = id == "sync-other001" ? 50 : 51, JobName = Name, PayMode = "PostPay", SrcDatabaseType = "mysql", SrcRegion = TencentSyncHarness.Region,
                    DstDatabaseType = "mysql", DstRegion = TencentSyncHarness.Region, InstanceClass = "micro", Status = "Initialized",
                };

        var error = Assert.Throws<DtsCrossAccountException>(() => plan.Apply());

        Assert.Matches("^Another run created DTS sync task 'planned' \\(sync-other00[12] \\(Initialized\\), sync-other00[12] \\(Initialized\\)\\) while this one was planning", error.Message);
        Assert.Equal(2, h.Buyer.SyncJobs.Count);
    }

    [Fact]
    public async Task A_job_in_a_state_the_command_does_not_continue_from_is_refused_and_left_alone()
    {
        await using var h = await TencentSyncHarness.StartAsync();
        var id = JobIn(h, "Stopped");
        int mark = h.CallCount;

        var error = Assert.Throws<DtsCrossAccountException>(() => h.Plan(TencentSyncHarness.Request(Name)));

        Assert.Equal(("SyncJobNotResumable", ErrorCategory.InvalidOperation, (object)id), (error.ErrorId, error.Category, error.Target));
        Assert.Equal("DTS sync job " + id + " ('planned') is in state 'Stopped', from which this command does not continue. "
            + "Handle it in the DTS console, or choose another -Name for a new task.", error.Message);
        Assert.Empty(h.WritesSince(mark));
    }

    /// <summary>A source in the task's own account: a TDSQL-for-MySQL-compatible MariaDB instance of account B.</summary>
    private static SyncTaskRequest SameAccount()
    {
        var r = TencentSyncHarness.Request(Name, "billing");
        r.Source = new DatabaseEndpointSpec
        {
            AccountId = TencentSyncHarness.B, InstanceId = "tdsql-dst00001", Region = TencentSyncHarness.Region, Engine = "MariaDB",
            UserName = "dts_reader", Password = TencentSyncHarness.SourcePassword,
        };
        return r;
    }

    [Fact]
    public async Task A_same_account_source_is_described_without_a_role_and_a_verified_job_of_it_is_only_started()
    {
        await using var h = await TencentSyncHarness.StartAsync();

        var plan = h.Plan(SameAccount());
        Assert.Contains(plan.Changes, c => c.StartsWith("Configure sync job (new): source tdsql-dst00001 of account " + TencentSyncHarness.B + ", target ", StringComparison.Ordinal));

        // Verified and unchanged: its keys cannot have expired (it has none), so it is only started.
        var id = JobIn(h, "CheckPass", SameAccount());
        Assert.Equal(new[] { "Start sync job " + id }, h.Plan(SameAccount()).Changes);
    }

    [Fact]
    public async Task A_rerun_with_NoStart_names_every_difference()
    {
        await using var h = await TencentSyncHarness.StartAsync();
        var id = JobIn(h, "Initialized");
        var request = TencentSyncHarness.Request(Name, "shop", "crm");
        request.Tables = new[] { "erp.orders" };
        request.Options = new SyncTaskOptions { ConflictHandling = "Cover" };
        request.Options.Given.Add("ConflictHandling");
        request.NoStart = true;

        var change = Assert.Single(h.Plan(request).Changes);

        Assert.Matches(" \\(differs: [^;]+; [^;]+\\)$", change);
    }
}
