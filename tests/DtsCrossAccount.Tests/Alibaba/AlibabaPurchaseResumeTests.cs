using System.Management.Automation;
using System.Text.Json.Nodes;
using DtsCrossAccount.Core;
using DtsCrossAccount.Emulator.Core;
using DtsCrossAccount.Services;

namespace DtsCrossAccount.Tests.Alibaba;

/// <summary>
/// The Alibaba purchase and resume path of New-DtsSyncTask (configure → buy → start → precheck → Synchronizing), run
/// below the PowerShell engine against the emulator (<see cref="AlibabaSyncHarness"/>): one instance is bought, never
/// two, whatever answer is lost or fails at each step; a re-run continues where the last one stopped and writes nothing
/// once the task runs; what is sent is what the DTS API reference documents (cloud-apis.md section 6, docs/alibaba-provider.md).
/// </summary>
public sealed class AlibabaPurchaseResumeTests
{
    private const string A = AlibabaSyncHarness.A;

    private static SyncTaskRequest Waiting(string name, Action<SyncTaskRequest>? change = null) =>
        AlibabaSyncHarness.Request(name, r => { r.Wait = true; change?.Invoke(r); });

    [Fact]
    public async Task A_first_run_configures_one_job_buys_one_instance_for_it_and_waits_until_it_synchronizes()
    {
        await using var h = await AlibabaSyncHarness.StartAsync();

        var task = h.Run(Waiting("orders", r => r.InstanceClass = "Medium"));

        var job = Assert.Single(h.Bought());
        Assert.Equal("orders", job.JobName);
        Assert.Equal("Synchronizing", job.Status);
        Assert.Equal(job.JobId, task.TaskId);
        Assert.Equal(job.InstanceId, task.InstanceId);
        Assert.Equal("Synchronizing", task.Status);
        Assert.True(task.Changed);
        Assert.Equal(new[]
        {
            "Configured job " + job.JobId + " 'orders' (no instance yet)",
            "Bought pay-as-you-go DTS sync instance " + job.InstanceId + " for job " + job.JobId,
            "Started job " + job.JobId,
            "Precheck of job " + job.JobId + " passed",
            "Job " + job.JobId + " is Synchronizing",
        }, task.Changes);
        // The checks before buying come first, then every item of the DTS precheck, each as DTS reported it.
        Assert.NotEmpty(task.Checks);
        Assert.Equal("Scope", task.Checks[0].Name);
        Assert.Contains(task.Checks, c => c.Name == "DtsServiceAuthorized" && c.Result == CheckResult.Passed);
        Assert.Contains(task.Checks, c => c.Name == "Check the connectivity of the source database" && c.Result == CheckResult.Passed && c.Message == "Passed.");
        Assert.Contains(task.Checks, c => c.Name == "DTS service role authorization check" && c.Result == CheckResult.Passed);
        Assert.DoesNotContain(task.Checks, c => c.Result == CheckResult.Failed);
        // The progress the user saw named the precheck and the job.
        Assert.Contains(h.Reporter.VerboseLines, l => l == "Starting job " + job.JobId + " (the precheck runs first).");
    }

    [Fact]
    public async Task The_purchase_is_pay_as_you_go_with_the_class_and_direction_asked_and_nothing_starts_before_StartDtsJob()
    {
        await using var h = await AlibabaSyncHarness.StartAsync();

        h.Run(AlibabaSyncHarness.Request("classy", r => { r.InstanceClass = "Medium"; r.NoStart = true; }));

        var job = Assert.Single(h.Bought());
        Assert.Equal("PostPaid", job.PayType);
        Assert.Equal("medium", job.InstanceClass);
        Assert.Equal("oneway", job.SyncArchitecture);
        Assert.Equal("NotStarted", job.Status);
    }

    [Fact]
    public async Task The_job_is_configured_with_the_documented_fields_and_the_cross_account_owner_and_role_on_the_source_only()
    {
        await using var h = await AlibabaSyncHarness.StartAsync();

        h.Run(AlibabaSyncHarness.Request("fields", r =>
        {
            r.NoStart = true;
            r.Databases = new[] { "crm" };
            r.Tables = new[] { "shop.orders" };
            r.FullDataInitialization = false;
        }));

        var config = Assert.Single(h.Jobs()).Config!;
        Assert.Equal("fields", config["DtsJobName"]);
        Assert.Equal("SYNC", config["JobType"]);
        Assert.Equal("cn-hangzhou", config["RegionId"]);
        Assert.Equal("true", config["StructureInitialization"]);
        Assert.Equal("false", config["DataInitialization"]);
        Assert.Equal("true", config["DataSynchronization"]);
        Assert.Equal("RDS", config["SourceEndpointInstanceType"]);
        Assert.Equal("rm-src0000001", config["SourceEndpointInstanceID"]);
        Assert.Equal("cn-hangzhou", config["SourceEndpointRegion"]);
        Assert.Equal("RDS", config["DestinationEndpointInstanceType"]);
        Assert.Equal("rm-dst0000001", config["DestinationEndpointInstanceID"]);
        Assert.Equal("dts_user", config["SourceEndpointUserName"]);
        Assert.Equal(AlibabaSyncHarness.DbPassword, config["DestinationEndpointPassword"]);
        Assert.Equal(A, config["SourceEndpointOwnerID"]);
        Assert.Equal("ram-for-dts", config["SourceEndpointRole"]);
        Assert.False(config.ContainsKey("DestinationEndpointOwnerID"));
        Assert.False(config.ContainsKey("DestinationEndpointRole"));
        // DbList as in "Objects of DTS tasks": a whole database, and a database synced table by table.
        var dbList = JsonNode.Parse(config["DbList"])!.AsObject();
        Assert.True(dbList["crm"]!["all"]!.GetValue<bool>());
        Assert.False(dbList["shop"]!["all"]!.GetValue<bool>());
        Assert.True(dbList["shop"]!["Table"]!["orders"]!["all"]!.GetValue<bool>());
        Assert.Equal("none", JsonNode.Parse(config["Reserve"])!["autoStartModulesAfterConfig"]!.GetValue<string>());
    }

    [Fact]
    public async Task A_rerun_of_a_synchronizing_task_writes_nothing_and_reports_it_unchanged()
    {
        await using var h = await AlibabaSyncHarness.StartAsync();
        var first = h.Run(Waiting("again"));

        int mark = h.CallCount;
        var plan = h.Service().PlanSyncTask(Waiting("again"));
        Assert.False(plan.HasChanges);
        var again = plan.Current;

        Assert.Empty(h.WritesSince(mark));
        Assert.False(again.Changed);
        Assert.Equal(first.TaskId, again.TaskId);
        Assert.Equal(first.InstanceId, again.InstanceId);
        Assert.Equal("Synchronizing", again.Status);
        Assert.Single(h.Bought());
        Assert.Empty(h.Reporter.WarningLines);
    }

    public static TheoryData<string> UnknownOutcomes => new(AlibabaSyncHarness.UnknownOutcomes);

    private static Fault FaultOf(string action, string how) => AlibabaSyncHarness.UnknownOutcome(action, how);

    [Theory]
    [MemberData(nameof(UnknownOutcomes))]
    public async Task An_unknown_outcome_of_the_purchase_buys_one_instance_never_two(string how)
    {
        await using var h = await AlibabaSyncHarness.StartAsync();
        h.Faults.Add(FaultOf("CreateDtsInstance", how));

        var task = h.Run(Waiting("once"));

        var job = Assert.Single(h.Bought());
        Assert.Equal(job.InstanceId, task.InstanceId);
        Assert.Equal("Synchronizing", task.Status);
        Assert.Contains("Bought pay-as-you-go DTS sync instance " + job.InstanceId + " for job " + job.JobId, task.Changes);
    }

    [Theory]
    [MemberData(nameof(UnknownOutcomes))]
    public async Task An_unknown_outcome_of_configuring_a_new_job_leaves_one_job_of_that_name(string how)
    {
        await using var h = await AlibabaSyncHarness.StartAsync();
        h.Faults.Add(FaultOf("ConfigureDtsJob", how));

        var task = h.Run(Waiting("named"));

        var job = Assert.Single(h.Jobs());
        Assert.True(job.Purchased);
        Assert.Equal(job.JobId, task.TaskId);
        Assert.Equal("Synchronizing", task.Status);
    }

    [Theory]
    [MemberData(nameof(UnknownOutcomes))]
    public async Task An_unknown_outcome_of_the_start_still_reaches_synchronizing_on_the_one_instance(string how)
    {
        await using var h = await AlibabaSyncHarness.StartAsync();
        h.Faults.Add(FaultOf("StartDtsJob", how));

        var task = h.Run(Waiting("started"));

        var job = Assert.Single(h.Bought());
        Assert.Equal("Synchronizing", task.Status);
        Assert.Contains("Started job " + job.JobId, task.Changes);
    }

    [Fact]
    public async Task A_refused_purchase_leaves_the_named_job_and_the_rerun_buys_for_that_job()
    {
        await using var h = await AlibabaSyncHarness.StartAsync();
        h.Faults.Add("Alibaba", "CreateDtsInstance", "InvalidParameter.InstanceClass", times: 1, httpStatus: 400, message: "The specified instance class is not available.");

        var error = h.Fails(Waiting("refused"));

        Assert.Equal("SyncTaskIncomplete", error.ErrorId);
        Assert.Equal(ErrorCategory.InvalidResult, error.Category);
        var unbought = Assert.Single(h.Jobs());
        Assert.False(unbought.Purchased);
        Assert.Contains("Job " + unbought.JobId + " 'refused' is configured, but buying its DTS instance failed", error.Message);
        Assert.Contains("The specified instance class is not available.", error.Message);
        Assert.Contains("Nothing was bought.", error.Message);
        Assert.Contains("run New-DtsSyncTask -Name 'refused' again: it buys the instance for this job", error.Message);
        var failed = Assert.IsType<SyncTask>(error.Target);
        Assert.Equal(unbought.JobId, failed.TaskId);
        Assert.Null(failed.InstanceId);
        Assert.Equal("NotStarted", failed.Status);
        Assert.True(failed.Changed);
        Assert.Equal(new[] { "Configured job " + unbought.JobId + " 'refused' (no instance yet)" }, failed.Changes);
        Assert.NotEmpty(failed.Checks);
        Assert.Equal("Scope", failed.Checks[0].Name);

        var plan = h.Service().PlanSyncTask(Waiting("refused"));
        Assert.Contains(plan.Changes, c => c.StartsWith("Configure job " + unbought.JobId + " 'refused' again", StringComparison.Ordinal));
        Assert.Contains(plan.Changes, c => c == "Buy a pay-as-you-go DTS sync instance (small) in cn-hangzhou for job " + unbought.JobId);
        var task = plan.Apply();

        var job = Assert.Single(h.Jobs());
        Assert.True(job.Purchased);
        Assert.Equal(unbought.JobId, job.JobId);
        Assert.Equal(job.JobId, task.TaskId);
        Assert.Equal("Synchronizing", task.Status);
        Assert.Equal("Configured job " + job.JobId + " again", task.Changes[0]);
    }

    [Fact]
    public async Task A_failed_start_names_the_bought_instance_and_the_rerun_starts_it_without_buying()
    {
        await using var h = await AlibabaSyncHarness.StartAsync();
        // Every attempt fails before it runs, until the retries give up.
        h.Faults.Add("Alibaba", "StartDtsJob", "InternalError", times: 5, httpStatus: 500);

        var error = h.Fails(Waiting("restart"));

        var job = Assert.Single(h.Bought());
        Assert.Equal("SyncTaskIncomplete", error.ErrorId);
        Assert.StartsWith("DTS instance " + job.InstanceId + " (job " + job.JobId + ") for task 'restart' exists and is NotStarted, but starting the job failed: ", error.Message);
        Assert.Contains("it continues with this instance instead of buying another. To release it instead: DeleteDtsJob on " + job.InstanceId, error.Message);
        var failed = Assert.IsType<SyncTask>(error.Target);
        Assert.True(failed.Changed);
        Assert.Equal(job.InstanceId, failed.InstanceId);
        Assert.Contains("Bought pay-as-you-go DTS sync instance " + job.InstanceId + " for job " + job.JobId, failed.Changes);

        int mark = h.CallCount;
        var plan = h.Service().PlanSyncTask(Waiting("restart"));
        Assert.Contains(plan.Changes, c => c.StartsWith("Configure job " + job.JobId + " with the given endpoints and objects, then start it", StringComparison.Ordinal));
        var task = plan.Apply();

        Assert.Single(h.Bought());
        Assert.Empty(h.CallsSince(mark, "CreateDtsInstance"));
        Assert.Equal("Synchronizing", task.Status);
        Assert.Equal(new[] { "Configured job " + job.JobId + " again", "Started job " + job.JobId, "Precheck of job " + job.JobId + " passed", "Job " + job.JobId + " is Synchronizing" }, task.Changes);
    }

    [Fact]
    public async Task A_failed_DTS_precheck_lists_each_failed_item_and_the_rerun_checks_again_on_the_same_instance()
    {
        // The root key of B cannot assume A's role before buying (STS refuses root keys), so a missing role is first
        // seen by the DTS precheck after the purchase.
        await using var h = await AlibabaSyncHarness.StartAsync();
        lock (h.State.Sync) h.State.Alibaba.Accounts[A].Roles.Remove("ram-for-dts");

        var error = h.Fails(Waiting("checked"));

        var job = Assert.Single(h.Bought());
        Assert.Equal("PrecheckFailed", job.Status);
        Assert.Equal("SyncTaskPrecheckFailed", error.ErrorId);
        Assert.Equal(ErrorCategory.InvalidResult, error.Category);
        var failed = Assert.IsType<SyncTask>(error.Target);
        Assert.Equal("PrecheckFailed", failed.Status);
        var failedItems = failed.Checks.Where(c => c.Result == CheckResult.Failed).ToList();
        Assert.NotEmpty(failedItems);
        Assert.StartsWith("The DTS precheck of job " + job.JobId + " 'checked' (instance " + job.InstanceId + ", now PrecheckFailed) failed " + failedItems.Count + " item(s): ", error.Message);
        foreach (var item in failedItems) Assert.Contains("[" + item.Name + "] " + item.Message + " Fix: " + item.Remedy, error.Message);
        Assert.All(failedItems, i => Assert.False(string.IsNullOrEmpty(i.Remedy)));
        Assert.Contains("ram-for-dts", error.Message);
        Assert.Contains("it reruns the precheck on the same instance without buying another", error.Message);
        Assert.Contains("DeleteDtsJob on " + job.InstanceId, error.Message);

        int mark = h.CallCount;
        h.Service(A).PlanRole(new RoleRequest { AccountId = A, TrustedAccountId = AlibabaSyncHarness.B, RoleName = "ram-for-dts" }).Apply();
        var plan = h.Service().PlanSyncTask(Waiting("checked"));
        Assert.Contains(plan.Changes, c => c.Contains("run its DTS precheck again", StringComparison.Ordinal));
        var task = plan.Apply();

        Assert.Single(h.Bought());
        Assert.Empty(h.CallsSince(mark, "CreateDtsInstance"));
        Assert.Equal("Synchronizing", task.Status);
        Assert.Equal(job.InstanceId, task.InstanceId);
    }

    [Theory]
    [InlineData(5)]    // runs out during the DTS precheck
    [InlineData(15)]   // runs out after the precheck, before Synchronizing
    public async Task A_wait_that_runs_out_says_how_long_and_the_rerun_keeps_waiting_without_writing(int timeoutSeconds)
    {
        await using var h = await AlibabaSyncHarness.StartAsync();
        h.State.DtsStepSeconds = 10;

        var error = h.Fails(Waiting("slow", r => r.TimeoutSeconds = timeoutSeconds));

        var job = Assert.Single(h.Bought());
        Assert.Equal("SyncTaskTimeout", error.ErrorId);
        Assert.Equal(ErrorCategory.OperationTimeout, error.Category);
        Assert.Matches(@"^DTS job " + job.JobId + " 'slow' on instance " + job.InstanceId + " is still " + job.Status + " after " + timeoutSeconds
            + @" s\. It keeps running; run New-DtsSyncTask -Name 'slow' -Wait again \(or with a larger -TimeoutSeconds\) to keep waiting\.$", error.Message);
        Assert.NotEqual("Synchronizing", job.Status);
        Assert.True(h.Clock.Slept >= TimeSpan.FromSeconds(timeoutSeconds));
        if (timeoutSeconds < h.State.DtsStepSeconds)
        {
            // -TimeoutSeconds holds for each wait (the help's wording), the precheck's too: the error comes within one
            // poll (5 s at most) of it, while DTS is still prechecking, not after the precheck ends.
            Assert.True(h.Clock.Slept <= TimeSpan.FromSeconds(timeoutSeconds + 5), "waited " + h.Clock.Slept);
            Assert.Equal("Prechecking", job.Status);
        }
        var failed = Assert.IsType<SyncTask>(error.Target);
        Assert.True(failed.Changed);
        Assert.Equal(job.InstanceId, failed.InstanceId);

        int mark = h.CallCount;
        var plan = h.Service().PlanSyncTask(Waiting("slow"));
        Assert.Contains(plan.Changes, c => c.StartsWith("Wait until job " + job.JobId, StringComparison.Ordinal));
        var task = plan.Apply();
        Assert.Empty(h.WritesSince(mark));
        Assert.Equal("Synchronizing", task.Status);
        Assert.False(task.Changed);
    }

    [Fact]
    public async Task A_rerun_that_only_waits_and_runs_out_or_cannot_read_the_job_says_so_and_that_it_changed_nothing()
    {
        await using var h = await AlibabaSyncHarness.StartAsync();
        h.Run(AlibabaSyncHarness.Request("idle"));
        var job = h.Job("idle");
        Assert.Equal("PreCheckPass", job.Status);
        h.State.DtsStepSeconds = 1000;   // DTS takes its time to initialize

        var timedOut = h.Fails(Waiting("idle", r => r.TimeoutSeconds = 5));

        Assert.Equal("SyncTaskTimeout", timedOut.ErrorId);
        Assert.Equal("DTS job " + job.JobId + " 'idle' on instance " + job.InstanceId + " is still PreCheckPass after 5 s. It keeps running; "
            + "run New-DtsSyncTask -Name 'idle' -Wait again (or with a larger -TimeoutSeconds) to keep waiting.", timedOut.Message);
        var waited = Assert.IsType<SyncTask>(timedOut.Target);
        Assert.Equal(("PreCheckPass", false), (waited.Status, waited.Changed));
        Assert.Empty(waited.Changes);

        var plan = h.Service().PlanSyncTask(Waiting("idle"));
        h.Faults.Add("Alibaba", "DescribeDtsJobDetail", "InternalError", times: 50, httpStatus: 500, message: "The request processing has failed due to some unknown error.");
        var unread = Assert.Throws<DtsCrossAccountException>(() => plan.Apply());

        Assert.Equal("SyncTaskIncomplete", unread.ErrorId);
        Assert.StartsWith("DTS instance " + job.InstanceId + " (job " + job.JobId + ") for task 'idle' exists and is unknown, but reading the job state failed: ", unread.Message);
        Assert.EndsWith(" Fix the cause and run New-DtsSyncTask -Name 'idle' again: it continues with this instance instead of buying another. "
            + "To release it instead: DeleteDtsJob on " + job.InstanceId + " (DTS console: More > Release).", unread.Message);
        var read = Assert.IsType<SyncTask>(unread.Target);
        Assert.Equal(("unknown", false), (read.Status, read.Changed));
        Assert.Empty(read.Changes);
        Assert.Single(h.Bought());
    }

    [Fact]
    public async Task A_rerun_of_a_running_task_created_without_schema_initialization_writes_nothing()
    {
        await using var h = await AlibabaSyncHarness.StartAsync();
        static void Without(SyncTaskRequest r) { r.Wait = true; r.StructureInitialization = false; }
        var first = h.Run(AlibabaSyncHarness.Request("lean", Without));
        Assert.Equal("Synchronizing", first.Status);

        int mark = h.CallCount;
        var plan = h.Service().PlanSyncTask(AlibabaSyncHarness.Request("lean", Without));

        Assert.False(plan.HasChanges);
        Assert.Empty(h.WritesSince(mark));
    }

    [Fact]
    public async Task Without_wait_the_run_ends_after_the_precheck_and_reports_the_state_DTS_gives()
    {
        await using var h = await AlibabaSyncHarness.StartAsync();

        var task = h.Run(AlibabaSyncHarness.Request("nowait"));

        var job = Assert.Single(h.Bought());
        Assert.NotEqual("Synchronizing", task.Status);
        Assert.Equal(job.Status, task.Status, ignoreCase: true);
        Assert.Contains("Precheck of job " + job.JobId + " passed", task.Changes);
        Assert.DoesNotContain(task.Changes, c => c.EndsWith("is Synchronizing", StringComparison.Ordinal));
    }

    public static TheoryData<string, string> Differing => new()
    {
        { "objects", "objects shop (asked: shop.orders)" },
        { "two databases", "objects shop (asked: crm, shop)" },
        { "schema", "schema initialization true (asked: false)" },
        { "full data", "full data initialization true (asked: false)" },
        { "incremental", "incremental sync true (asked: false)" },
        { "role", "source role ram-for-dts (asked: other-role)" },
        { "user", "destination database user dts_user (asked: other_user)" },
        { "same account", "source account " + A + " (asked: (none))" },
        { "other account", "destination account (none) (asked: " + A + ")" },
    };

    private static void Change(SyncTaskRequest r, string what)
    {
        switch (what)
        {
            case "objects": r.Databases = Array.Empty<string>(); r.Tables = new[] { "shop.orders" }; break;
            case "two databases": r.Databases = new[] { "shop", "crm" }; break;
            case "schema": r.StructureInitialization = false; break;
            case "full data": r.FullDataInitialization = false; break;
            case "incremental": r.IncrementalSync = false; break;
            case "role": r.Source.RoleName = "other-role"; break;
            case "user": r.Destination.UserName = "other_user"; break;
            case "same account": r.Source.AccountId = null; break;
            case "other account": r.Destination.AccountId = A; break;
            default: throw new ArgumentOutOfRangeException(nameof(what));
        }
    }

    [Theory]
    [MemberData(nameof(Differing))]
    public async Task A_started_task_asked_for_differently_is_refused_with_what_differs_and_nothing_is_written(string what, string difference)
    {
        await using var h = await AlibabaSyncHarness.StartAsync();
        h.Run(Waiting("diff"));
        var job = Assert.Single(h.Bought());

        int mark = h.CallCount;
        var error = Assert.Throws<DtsCrossAccountException>(() => h.Service().PlanSyncTask(Waiting("diff", r => Change(r, what))));

        Assert.Equal("SyncTaskConfigurationDiffers", error.ErrorId);
        Assert.Equal(ErrorCategory.InvalidOperation, error.Category);
        Assert.StartsWith("DTS sync job " + job.JobId + " 'diff' (instance " + job.InstanceId + ") is Synchronizing with another configuration than this command asks: ", error.Message);
        Assert.Contains(difference, error.Message);
        Assert.Contains("DeleteDtsJob on " + job.InstanceId, error.Message);
        Assert.Empty(h.WritesSince(mark));
    }

    [Fact]
    public async Task A_started_task_asked_for_with_the_role_name_in_other_letter_case_is_the_same_task()
    {
        // RAM role names ignore case (RAM answers them in lower case), so the same role written otherwise is the same task.
        await using var h = await AlibabaSyncHarness.StartAsync();
        h.Run(Waiting("order", r => r.Tables = new[] { "crm.leads" }));

        int mark = h.CallCount;
        var plan = h.Service().PlanSyncTask(Waiting("order", r =>
        {
            r.Tables = new[] { "crm.leads" };
            r.Source.RoleName = "RAM-For-DTS";
        }));

        Assert.False(plan.HasChanges);
        Assert.Empty(h.WritesSince(mark));
    }

    [Fact]
    public async Task A_role_name_given_for_a_side_in_the_task_account_is_not_asked_of_the_running_task()
    {
        // The destination is in the task account: DTS reaches it without a role, so a role named for it changes nothing.
        await using var h = await AlibabaSyncHarness.StartAsync();
        h.Run(Waiting("ownside"));

        int mark = h.CallCount;
        var plan = h.Service().PlanSyncTask(Waiting("ownside", r => r.Destination.RoleName = "some-role"));

        Assert.False(plan.HasChanges);
        Assert.Empty(h.WritesSince(mark));
    }

    [Fact]
    public async Task Failed_checks_before_buying_buy_nothing_and_list_every_failure_with_its_fix()
    {
        await using var h = await AlibabaSyncHarness.StartAsync();
        int mark = h.CallCount;

        var error = h.Fails(Waiting("nowhere", r => r.Destination.InstanceId = "rm-dst9999999"));

        Assert.Equal("SyncTaskPreflightFailed", error.ErrorId);
        Assert.Equal(ErrorCategory.ObjectNotFound, error.Category);
        Assert.Empty(h.WritesSince(mark));
        Assert.Empty(h.Jobs());
        var task = Assert.IsType<SyncTask>(error.Target);
        Assert.Equal("PreflightFailed", task.Status);
        Assert.False(task.Changed);
        Assert.Empty(task.Changes);
        var failed = Assert.Single(task.Checks, c => c.Result == CheckResult.Failed);
        Assert.StartsWith("The checks before buying DTS sync task 'nowhere' failed 1 of " + task.Checks.Length + "; nothing was bought or changed. ", error.Message);
        Assert.Contains("[" + failed.Name + "] " + failed.Message + " Fix: " + failed.Remedy, error.Message);
        Assert.EndsWith("Fix these and run the same New-DtsSyncTask command again (the SyncTask in the output lists every check).", error.Message);
    }

    [Fact]
    public async Task Checks_before_buying_that_fail_on_authorization_are_a_permission_error()
    {
        await using var h = await AlibabaSyncHarness.StartAsync();
        lock (h.State.Sync) h.State.Alibaba.Accounts[AlibabaSyncHarness.B].DtsServiceRoleAuthorized = false;
        int mark = h.CallCount;

        var error = h.Fails(Waiting("unauthorized"));

        Assert.Equal("SyncTaskPreflightFailed", error.ErrorId);
        Assert.Equal(ErrorCategory.PermissionDenied, error.Category);
        Assert.Empty(h.WritesSince(mark));
    }

    [Fact]
    public async Task The_plan_shown_before_buying_says_which_checks_passed_and_which_were_skipped()
    {
        await using var h = await AlibabaSyncHarness.StartAsync();

        var plan = h.Service().PlanSyncTask(Waiting("described"));

        Assert.NotEmpty(plan.Checks);
        var passed = plan.Checks.Where(c => c.Result == CheckResult.Passed).Select(c => c.Name).ToList();
        // Root keys of B: the role of A and A's instance are left to the DTS precheck.
        var skipped = plan.Checks.Where(c => c.Result == CheckResult.Skipped).Select(c => c.Name).ToList();
        Assert.Equal(new[] { "SourceAssumeRole", "SourceInstance" }, skipped);
        Assert.EndsWith("; checks before buying: " + passed.Count + " of " + plan.Checks.Count + " passed (" + string.Join(", ", passed) + "; SourceAssumeRole skipped, SourceInstance skipped)", plan.Describe());
        Assert.Empty(h.Jobs());
    }

    [Fact]
    public async Task NoStart_configures_and_buys_without_starting_and_the_rerun_starts_the_same_instance()
    {
        await using var h = await AlibabaSyncHarness.StartAsync();

        var configured = h.Run(AlibabaSyncHarness.Request("later", r => r.NoStart = true));
        var job = Assert.Single(h.Bought());
        Assert.Equal("NotStarted", job.Status);
        Assert.Equal("NotStarted", configured.Status);
        Assert.Empty(h.CallsSince(0, "StartDtsJob"));

        // The same -NoStart again: nothing to do.
        int mark = h.CallCount;
        var same = h.Service().PlanSyncTask(AlibabaSyncHarness.Request("later", r => r.NoStart = true));
        Assert.False(same.HasChanges);
        Assert.Empty(h.WritesSince(mark));

        // -NoStart with other objects: configured again, still not started.
        var changed = h.Service().PlanSyncTask(AlibabaSyncHarness.Request("later", r => { r.NoStart = true; r.Databases = new[] { "crm" }; }));
        Assert.Contains(changed.Changes, c => c.Contains("objects shop (asked: crm)", StringComparison.Ordinal) && c.EndsWith("it is not started (-NoStart)", StringComparison.Ordinal));
        var reconfigured = changed.Apply();
        Assert.Equal("NotStarted", reconfigured.Status);
        Assert.Equal(new[] { "Configured job " + job.JobId + " again" }, reconfigured.Changes);
        Assert.Contains("\"crm\"", Assert.Single(h.Jobs()).Config!["DbList"]);
        Assert.Empty(h.CallsSince(0, "StartDtsJob"));

        var started = h.Run(Waiting("later", r => r.Databases = new[] { "crm" }));
        Assert.Equal("Synchronizing", started.Status);
        Assert.Single(h.Bought());
        Assert.Equal(job.InstanceId, started.InstanceId);
    }
}
