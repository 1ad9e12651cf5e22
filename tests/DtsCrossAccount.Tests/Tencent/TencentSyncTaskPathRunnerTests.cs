#nullable enable
using System.Management.Automation;
using System.Text.Json.Nodes;
using DtsCrossAccount.Core;
using DtsCrossAccount.Emulator.Core;
using DtsCrossAccount.Emulator.Tencent;

namespace DtsCrossAccount.Tests.Tencent;

/// <summary>
/// How a Tencent run follows the job after buying it, below the engine (TencentSyncHarness): a verification that does
/// not pass lists every finding with its fix, a job that fails to start or takes too long names its state and the
/// way on, a re-run picks up a verification or a start already under way, and only live jobs of exactly that name
/// count as the task, however many jobs DTS lists.
/// </summary>
public sealed class TencentSyncTaskPathRunnerTests
{
    private const string Name = "orders";

    /// <summary>Replaces an emulator action by one that calls the original and then changes its answer or the job.</summary>
    private static void Wrap(TencentSyncHarness h, string action, Func<ApiRequest, JsonObject, JsonObject> after)
    {
        var op = h.Server.Core.Registry.Find("Tencent", "dts", action)!;
        h.Server.Core.Registry.Add("Tencent", "dts", op.Version, action, op.IsWrite, r => after(r, op.Handler(r)));
    }

    [Fact]
    public async Task A_verification_that_does_not_pass_lists_every_finding_with_its_fix_and_the_fixed_re_run_verifies_again()
    {
        await using var h = await TencentSyncHarness.StartAsync();
        var request = TencentSyncHarness.Request(Name, "shop", "nosuchdb", "nosuchdb2");

        var e = Assert.Throws<DtsCrossAccountException>(() => h.Run(request));

        var job = h.OnlyJob();
        Assert.Equal(("SyncJobCheckNotPass", ErrorCategory.InvalidResult), (e.ErrorId, e.Category));
        Assert.Contains("The DTS verification of sync job " + job.JobId + " ('" + Name + "') did not pass; the job is in state 'CheckNotPass'. " +
                        "Sync object check: Database nosuchdb does not exist on source instance cdb-src00001. Fix: Select databases that exist on the source instance. " +
                        "See https://www.tencentcloud.com/document/product/571/42551 " +
                        "Sync object check: Database nosuchdb2 does not exist on source instance cdb-src00001. Fix: Select databases that exist on the source instance. " +
                        "See https://www.tencentcloud.com/document/product/571/42551 Fix these and re-run", e.Message);
        Assert.Contains("it configures job " + job.JobId + " again", e.Message);
        Assert.Contains("DestroySyncJob", e.Message);
        var task = Assert.IsType<SyncTask>(e.Target);
        Assert.Equal((job.JobId, "CheckNotPass", true), (task.TaskId, task.Status, task.Changed));
        var findings = task.Checks.Where(c => c.Result == CheckResult.Failed).ToList();
        Assert.Equal(2, findings.Count);
        var finding = findings[0];
        Assert.Equal(("Sync object check", CheckResult.Failed), (finding.Name, finding.Result));
        Assert.Equal("Select databases that exist on the source instance. See https://www.tencentcloud.com/document/product/571/42551", finding.Remedy);
        Assert.Equal(2, task.Changes.Length); // bought and configured; the verification it ran is the error itself
        Assert.Contains(h.Reporter.ProgressRecords, p => p.Activity == "DTS verification" && p.Status == "Sync job " + job.JobId + ": running, step 1 of 3" && p.Percent == 10 && !p.Completed);
        Assert.Contains(h.Reporter.ProgressRecords, p => p.Activity == "DTS verification" && p.Status == "Sync job " + job.JobId + ": failed, step 3 of 3" && p.Percent == 100);
        Assert.Equal(("DTS verification", "Done", 100, true), h.Reporter.ProgressRecords.Last());

        var plan = h.Plan(TencentSyncHarness.Request(Name, "shop"));
        Assert.Contains("Re-run the verification of sync job " + job.JobId + " (it did not pass last time)", plan.Changes);
        Assert.Equal("Running", plan.Apply().Status);
        Assert.Equal(1, h.Applied("CreateSyncJob"));
    }

    [Fact]
    public async Task Warnings_of_a_verification_that_passes_come_with_the_task_and_its_fix()
    {
        await using var h = await TencentSyncHarness.StartAsync();
        Wrap(h, "DescribeCheckSyncJobResult", (_, answer) =>
        {
            foreach (var step in answer["StepInfos"]!.AsArray().OfType<JsonObject>().Where(s => (string?)s["StepId"] == "CheckInstance"))
            {
                step["Warnings"] = new JsonArray(
                    new JsonObject { ["Code"] = "W1", ["Message"] = "binlog_row_image is not FULL", ["Solution"] = "Set it to FULL.", ["HelpDoc"] = "" },
                    new JsonObject { ["Code"] = "W2", ["HelpDoc"] = "https://help.example/w2" },
                    new JsonObject { ["Code"] = "W3" });
                step.Remove("StepName");
            }
            // Counters the answer may leave out: the progress then shows none rather than failing.
            answer.Remove("StepCur");
            answer.Remove("StepCount");
            answer.Remove("Progress");
            return answer;
        });

        var task = h.Run(TencentSyncHarness.Request(Name));

        Assert.Contains(h.Reporter.ProgressRecords, p => p.Activity == "DTS verification" && p.Status == "Sync job " + task.TaskId + ": running, step 0 of 0" && p.Percent == 0);

        Assert.Equal("Running", task.Status);
        var warnings = task.Checks.Where(c => c.Result == CheckResult.Warning).ToList();
        Assert.Equal(3, warnings.Count);
        Assert.All(warnings, w => Assert.Equal("CheckInstance", w.Name)); // no StepName: the step's ID names it
        Assert.Equal(("binlog_row_image is not FULL", "Set it to FULL."), (warnings[0].Message, warnings[0].Remedy));
        Assert.Equal(("W2", "See https://help.example/w2"), (warnings[1].Message, warnings[1].Remedy));
        Assert.Equal(("W3", (string?)null), (warnings[2].Message, warnings[2].Remedy));
    }

    [Fact]
    public async Task A_finding_without_a_fix_is_listed_without_one_and_a_fix_without_a_link_is_shown_as_given()
    {
        await using var h = await TencentSyncHarness.StartAsync();
        Wrap(h, "DescribeCheckSyncJobResult", (_, answer) =>
        {
            var errors = answer["StepInfos"]!.AsArray().OfType<JsonObject>().SelectMany(s => s["Errors"]!.AsArray().OfType<JsonObject>()).ToList();
            if (errors.Count == 2)
            {
                errors[0].Remove("Solution");
                errors[0].Remove("HelpDoc");
                errors[1]["HelpDoc"] = "";
            }
            return answer;
        });

        var e = Assert.Throws<DtsCrossAccountException>(() => h.Run(TencentSyncHarness.Request(Name, "nosuchdb", "nosuchdb2")));

        Assert.Equal("SyncJobCheckNotPass", e.ErrorId);
        Assert.Contains("the job is in state 'CheckNotPass'. " +
                        "Sync object check: Database nosuchdb does not exist on source instance cdb-src00001. " +
                        "Sync object check: Database nosuchdb2 does not exist on source instance cdb-src00001. Fix: Select databases that exist on the source instance. " +
                        "Fix these and re-run", e.Message);
        var findings = Assert.IsType<SyncTask>(e.Target).Checks.Where(c => c.Result == CheckResult.Failed).ToList();
        Assert.Equal(2, findings.Count);
        Assert.Equal(((string?)null, "Select databases that exist on the source instance."), (findings[0].Remedy, findings[1].Remedy));
    }

    [Fact]
    public async Task A_verification_that_does_not_pass_keeps_its_warnings_on_the_task_beside_the_findings()
    {
        await using var h = await TencentSyncHarness.StartAsync();
        Wrap(h, "DescribeCheckSyncJobResult", (_, answer) =>
        {
            foreach (var step in answer["StepInfos"]!.AsArray().OfType<JsonObject>().Where(s => (string?)s["StepId"] == "CheckInstance"))
                step["Warnings"] = new JsonArray(new JsonObject { ["Code"] = "W1", ["Message"] = "binlog_row_image is not FULL", ["Solution"] = "Set it to FULL." });
            return answer;
        });

        var e = Assert.Throws<DtsCrossAccountException>(() => h.Run(TencentSyncHarness.Request(Name, "nosuchdb")));

        var task = Assert.IsType<SyncTask>(e.Target);
        Assert.Equal("CheckNotPass", task.Status);
        var warning = Assert.Single(task.Checks, c => c.Result == CheckResult.Warning);
        Assert.Equal(("Source and target instance check", "binlog_row_image is not FULL", "Set it to FULL."), (warning.Name, warning.Message, warning.Remedy));
        Assert.Single(task.Checks, c => c.Result == CheckResult.Failed);
        Assert.DoesNotContain("binlog_row_image", e.Message); // the error lists what stops the task; the warning rides on the task
    }

    [Fact]
    public async Task A_re_run_that_finds_the_verification_under_way_waits_for_it_and_if_it_fails_says_it_changed_nothing()
    {
        await using var h = await TencentSyncHarness.StartAsync();
        var request = TencentSyncHarness.Request(Name, "nosuchdb");
        // The first run is stopped with Ctrl+C right after it asked DTS to verify.
        h.RunInterruptedAfter("CreateCheckSyncJob", request);
        var job = h.OnlyJob();
        Assert.Equal("Checking", job.Status);
        int mark = h.CallCount;

        var plan = h.Plan(request);
        Assert.Equal(new[] { "Wait for the running verification of sync job " + job.JobId, "Start sync job " + job.JobId }, plan.Changes);
        var e = Assert.Throws<DtsCrossAccountException>(() => plan.Apply());

        Assert.Equal("SyncJobCheckNotPass", e.ErrorId);
        Assert.Contains("Database nosuchdb does not exist", e.Message);
        var task = Assert.IsType<SyncTask>(e.Target);
        Assert.Equal((job.JobId, "CheckNotPass", false), (task.TaskId, task.Status, task.Changed));
        Assert.Empty(task.Changes);
        Assert.Empty(h.WritesSince(mark));
        Assert.Equal(1, h.Calls.Count(c => c.Action == "CreateCheckSyncJob"));
    }

    [Fact]
    public async Task A_re_run_that_finds_the_start_under_way_and_sees_it_fail_says_it_changed_nothing()
    {
        await using var h = await TencentSyncHarness.StartAsync();
        var request = TencentSyncHarness.Request(Name);
        // The first run is stopped with Ctrl+C right after it asked DTS to start.
        h.RunInterruptedAfter("StartSyncJob", request);
        var job = h.OnlyJob();
        Assert.Equal("ReadyRunning", job.Status);
        int mark = h.CallCount;
        var plan = h.Plan(request);
        Assert.Equal(new[] { "Wait until sync job " + job.JobId + " is Running (it is ReadyRunning)" }, plan.Changes);
        // DTS answers ReadyRunning once more, then the start fails.
        Wrap(h, "DescribeSyncJobs", (_, answer) => { job.Status = "Failed"; return answer; });

        var e = Assert.Throws<DtsCrossAccountException>(() => plan.Apply());

        Assert.Equal("SyncJobFailedToStart", e.ErrorId);
        var task = Assert.IsType<SyncTask>(e.Target);
        Assert.Equal((job.JobId, "Failed", false), (task.TaskId, task.Status, task.Changed));
        Assert.Empty(task.Changes);
        Assert.Empty(h.WritesSince(mark));
    }

    [Fact]
    public async Task A_finding_without_a_message_is_shown_by_its_code()
    {
        await using var h = await TencentSyncHarness.StartAsync();
        Wrap(h, "DescribeCheckSyncJobResult", (_, answer) =>
        {
            foreach (var step in answer["StepInfos"]!.AsArray().OfType<JsonObject>())
                foreach (var error in step["Errors"]!.AsArray().OfType<JsonObject>())
                    error.Remove("Message");
            return answer;
        });

        var e = Assert.Throws<DtsCrossAccountException>(() => h.Run(TencentSyncHarness.Request(Name, "nosuchdb")));

        Assert.Contains("Sync object check: ResourceNotFound Fix: Select databases", e.Message);
        Assert.Equal("ResourceNotFound", Assert.Single(Assert.IsType<SyncTask>(e.Target).Checks, c => c.Result == CheckResult.Failed).Message);
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task A_verification_failed_without_details_still_says_what_failed(bool stepFailed)
    {
        await using var h = await TencentSyncHarness.StartAsync();
        Wrap(h, "DescribeCheckSyncJobResult", (_, answer) =>
        {
            if ((string?)answer["Status"] != "success") return answer;
            answer["Status"] = "failed";
            var step = answer["StepInfos"]!.AsArray().OfType<JsonObject>().First();
            if (stepFailed) step["Status"] = "failed";
            step.Remove("StepName");
            step.Remove("StepId");
            return answer;
        });

        var e = Assert.Throws<DtsCrossAccountException>(() => h.Run(TencentSyncHarness.Request(Name)));

        Assert.Equal("SyncJobCheckNotPass", e.ErrorId);
        var task = Assert.IsType<SyncTask>(e.Target);
        if (stepFailed)
        {
            Assert.Contains("Step 1: The step failed without details.", e.Message);
            Assert.Equal("Step 1", Assert.Single(task.Checks, c => c.Result == CheckResult.Failed).Name);
        }
        else
        {
            Assert.Contains("Verification: DTS reported the verification as failed without details.", e.Message);
            Assert.Equal("Verification", Assert.Single(task.Checks, c => c.Result == CheckResult.Failed).Name);
        }
    }

    [Theory]
    [InlineData("Failed")]
    [InlineData("Stopped")]
    [InlineData("ResumableErr")]
    [InlineData("CheckNotPass")]
    public async Task A_job_that_goes_elsewhere_than_Running_after_start_stops_the_wait_with_its_state(string state)
    {
        await using var h = await TencentSyncHarness.StartAsync();
        Wrap(h, "StartSyncJob", (r, answer) =>
        {
            h.OnlyJob().Status = state;
            return answer;
        });

        var e = Assert.Throws<DtsCrossAccountException>(() => h.Run(TencentSyncHarness.Request(Name)));

        var job = h.OnlyJob();
        Assert.Equal(("SyncJobFailedToStart", ErrorCategory.InvalidResult), (e.ErrorId, e.Category));
        Assert.Contains("DTS sync job " + job.JobId + " ('" + Name + "') went to state '" + state + "' instead of Running. See the job in the DTS console; " +
                        "re-running the same New-DtsSyncTask command continues only from UnInitialized, Initialized, CheckNotPass or CheckPass.", e.Message);
        var task = Assert.IsType<SyncTask>(e.Target);
        Assert.Equal((state, true), (task.Status, task.Changed));
        Assert.Equal(4, task.Changes.Length); // bought, configured, verified, started
        Assert.Contains(h.Reporter.ProgressRecords, p => p.Activity == "Starting DTS sync job" && p.Status == "Sync job " + job.JobId + ": " + state);
        Assert.Equal(("Starting DTS sync job", "Done", 100, true), h.Reporter.ProgressRecords.Last());
    }

    [Theory]
    [InlineData("CreateCheckSyncJob", 5, "shop")]       // read back while Checking
    [InlineData("CreateCheckSyncJob", 0, "shop")]       // read back once it passed
    [InlineData("CreateCheckSyncJob", 0, "nosuchdb")]   // read back once it did not pass
    [InlineData("StartSyncJob", 5, "shop")]             // read back while ReadyRunning
    [InlineData("StartSyncJob", 0, "shop")]             // read back once Running
    public async Task A_lost_answer_on_a_step_that_went_through_is_settled_by_reading_the_job_and_not_sent_again(string action, int stepSeconds, string database)
    {
        await using var h = await TencentSyncHarness.StartAsync();
        h.State.DtsStepSeconds = stepSeconds;
        h.Fault(action, FaultKind.LostAnswer);

        var outcome = Record.Exception(() => h.Run(TencentSyncHarness.Request(Name, database)));

        Assert.Equal(1, h.Calls.Count(c => c.Action == action));
        if (database == "shop") Assert.Null(outcome);
        else Assert.Equal("SyncJobCheckNotPass", Assert.IsType<DtsCrossAccountException>(outcome).ErrorId);
    }

    [Fact]
    public async Task A_run_stopped_while_even_the_job_cannot_be_read_says_its_state_is_unknown()
    {
        await using var h = await TencentSyncHarness.StartAsync();
        Wrap(h, "CreateSyncJob", (_, answer) =>
        {
            h.Fault("ConfigureSyncJob", FaultKind.ServerError, times: 20);
            h.Fault("DescribeSyncJobs", FaultKind.ServerError, times: 100);
            return answer;
        });

        var e = Assert.Throws<DtsCrossAccountException>(() => h.Run(TencentSyncHarness.Request(Name)));

        Assert.Equal("SyncJobInterrupted", e.ErrorId);
        Assert.Contains("DTS sync job " + h.OnlyJob().JobId + " ('" + Name + "') stopped in state 'unknown'", e.Message);
        Assert.Equal("unknown", Assert.IsType<SyncTask>(e.Target).Status);
    }

    [Fact]
    public async Task A_started_job_is_followed_until_Running_with_progress()
    {
        await using var h = await TencentSyncHarness.StartAsync();

        var task = h.Run(TencentSyncHarness.Request(Name));

        Assert.Equal("Running", task.Status);
        // A record marked completed would take the bar off the screen while the wait goes on.
        var waiting = h.Reporter.ProgressRecords.Where(p => p.Activity == "Starting DTS sync job" && p.Status != "Done").ToList();
        Assert.NotEmpty(waiting);
        Assert.Contains(waiting, p => p.Status == "Sync job " + task.TaskId + ": ReadyRunning" && p.Percent == -1);
        Assert.All(waiting, p => Assert.False(p.Completed));
        Assert.Contains(h.Reporter.VerboseLines, v => v == "Purchasing DTS sync job '" + Name + "'.");
        Assert.Contains(h.Reporter.VerboseLines, v => v == "Configuring sync job " + task.TaskId + ".");
        Assert.Contains(h.Reporter.VerboseLines, v => v == "Starting sync job " + task.TaskId + ".");
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task A_wait_longer_than_the_timeout_names_the_wait_and_the_state_and_the_re_run_keeps_waiting(bool duringVerification)
    {
        await using var h = await TencentSyncHarness.StartAsync();
        var request = TencentSyncHarness.Request(Name);
        request.TimeoutSeconds = 60;
        if (duringVerification) h.State.DtsStepSeconds = 3600;
        else Wrap(h, "StartSyncJob", (_, answer) => { h.State.DtsStepSeconds = 3600; return answer; });

        var e = Assert.Throws<DtsCrossAccountException>(() => h.Run(request));

        var job = h.OnlyJob();
        string state = duringVerification ? "Checking" : "ReadyRunning";
        Assert.Equal(("SyncJobTimeout", ErrorCategory.OperationTimeout), (e.ErrorId, e.Category));
        Assert.Contains("Waited 60 s for the " + (duringVerification ? "verification" : "start") + " of DTS sync job " + job.JobId + " ('" + Name + "'); the job is in state '" + state + "'.", e.Message);
        Assert.Contains("with a larger -TimeoutSeconds", e.Message);
        var task = Assert.IsType<SyncTask>(e.Target);
        Assert.Equal((job.JobId, state), (task.TaskId, task.Status));
        Assert.True(task.Changed);
        Assert.StartsWith("Purchased", task.Changes[0]);

        // The re-run takes up the wait where it was (DTS still busy a minute later): no second verification or start.
        h.State.DtsStepSeconds = 100;
        int mark = h.CallCount;
        var plan = h.Plan(TencentSyncHarness.Request(Name));
        Assert.Equal(duringVerification
                ? new[] { "Wait for the running verification of sync job " + job.JobId, "Start sync job " + job.JobId }
                : new[] { "Wait until sync job " + job.JobId + " is Running (it is ReadyRunning)" },
            plan.Changes);
        var resumed = plan.Apply();
        Assert.Equal("Running", resumed.Status);
        Assert.Equal(duringVerification, resumed.Changed); // a wait alone changes nothing
        Assert.Equal(duringVerification ? new[] { "StartSyncJob" } : Array.Empty<string>(), h.WritesSince(mark).Where(a => a != "AssumeRole"));
    }

    [Fact]
    public async Task A_resumed_wait_that_times_out_again_reports_no_change()
    {
        await using var h = await TencentSyncHarness.StartAsync();
        var request = TencentSyncHarness.Request(Name);
        request.Wait = false;
        h.Run(request);
        h.State.DtsStepSeconds = 3600; // ReadyRunning for an hour
        var job = h.OnlyJob();
        job.Status = "ReadyRunning";
        job.StartedAt = h.State.Clock.UtcNow;
        var wait = TencentSyncHarness.Request(Name);
        wait.TimeoutSeconds = 60;

        var e = Assert.Throws<DtsCrossAccountException>(() => h.Run(wait));

        Assert.Equal("SyncJobTimeout", e.ErrorId);
        var task = Assert.IsType<SyncTask>(e.Target);
        Assert.Equal(("ReadyRunning", false), (task.Status, task.Changed));
        Assert.Empty(task.Changes);
    }

    [Fact]
    public async Task Without_wait_a_started_job_is_returned_as_DTS_lists_it_and_its_re_run_has_nothing_to_do()
    {
        await using var h = await TencentSyncHarness.StartAsync();
        var request = TencentSyncHarness.Request(Name);
        request.Wait = false;

        var task = h.Run(request);

        Assert.Equal("ReadyRunning", task.Status);
        Assert.DoesNotContain(h.Reporter.ProgressRecords, p => p.Activity == "Starting DTS sync job");
        Assert.False(h.Plan(request).HasChanges);
    }

    [Fact]
    public async Task NoStart_stops_after_configuring_and_its_re_run_changes_only_what_differs()
    {
        await using var h = await TencentSyncHarness.StartAsync();
        var request = TencentSyncHarness.Request(Name);
        request.NoStart = true;
        request.Wait = false;

        var task = h.Run(request);

        Assert.Equal("Initialized", task.Status);
        Assert.Equal(new[] { "CreateSyncJob", "ConfigureSyncJob" }, h.WritesSince(0).Where(a => a is not ("CreateRole" or "AttachRolePolicy")));
        Assert.False(h.Plan(request).HasChanges);
        request.Databases = new[] { "crm" };
        var changed = h.Plan(request);
        Assert.Equal(new[] { "Configure" }, changed.Changes.Select(c => c.Split(' ')[0]));
        Assert.Equal("Initialized", changed.Apply().Status);
    }

    [Theory]
    [InlineData("Stopped")]
    [InlineData("Paused")]
    public async Task A_job_in_a_state_a_run_cannot_continue_from_is_left_alone_with_the_reason(string state)
    {
        await using var h = await TencentSyncHarness.StartAsync();
        var first = h.Run(TencentSyncHarness.Request(Name));
        h.OnlyJob().Status = state;
        int mark = h.CallCount;

        var e = Assert.Throws<DtsCrossAccountException>(() => h.Plan(TencentSyncHarness.Request(Name)));

        Assert.Equal("SyncJobNotResumable", e.ErrorId);
        Assert.Contains("DTS sync job " + first.TaskId + " ('" + Name + "') is in state '" + state + "'", e.Message);
        Assert.Empty(h.WritesSince(mark));
    }

    [Theory]
    [InlineData("Isolating", null)]
    [InlineData("Isolated", null)]
    [InlineData("Offlining", null)]
    [InlineData("Offlined", null)]
    [InlineData("Normal", "Released")]
    public async Task A_job_of_that_name_being_released_is_not_the_task_a_new_one_is_bought(string tradeStatus, string? status)
    {
        await using var h = await TencentSyncHarness.StartAsync();
        var first = h.Run(TencentSyncHarness.Request(Name));
        var old = h.OnlyJob();
        old.TradeStatus = tradeStatus;
        if (status != null) old.Status = status;

        var second = h.Run(TencentSyncHarness.Request(Name));

        Assert.NotEqual(first.TaskId, second.TaskId);
        Assert.Equal(2, h.Buyer.SyncJobs.Count);
        Assert.Equal(2, h.Applied("CreateSyncJob"));
    }

    [Fact]
    public async Task The_task_is_found_by_its_exact_name_among_more_than_a_page_of_jobs_with_longer_names()
    {
        await using var h = await TencentSyncHarness.StartAsync();
        var first = h.Run(TencentSyncHarness.Request(Name));
        var template = h.OnlyJob();
        // 230 newer jobs whose names contain the task's (DescribeSyncJobs matches JobName loosely and lists the newest first, 100 a page).
        for (int i = 0; i < 230; i++)
        {
            var id = "sync-zz" + i.ToString("D6");
            h.Buyer.SyncJobs[id] = new TencentSyncJob
            {
                JobId = id, Seq = 1000 + i, JobName = Name + "-" + i, PayMode = "PostPay", SrcDatabaseType = "mysql", SrcRegion = TencentSyncHarness.Region,
                DstDatabaseType = "mysql", DstRegion = TencentSyncHarness.Region, CreateTime = template.CreateTime.AddMinutes(1 + i), Status = "Running",
            };
        }
        int mark = h.CallCount;

        var plan = h.Plan(TencentSyncHarness.Request(Name));

        Assert.False(plan.HasChanges, string.Join("; ", plan.Changes));
        Assert.Equal(first.TaskId, plan.Current.TaskId);
        Assert.Empty(h.WritesSince(mark));
        Assert.Equal(3, h.Calls.Skip(mark).Count(c => c.Action == "DescribeSyncJobs"));
    }

    [Fact]
    public async Task Two_live_jobs_of_that_name_are_refused_before_any_write()
    {
        await using var h = await TencentSyncHarness.StartAsync();
        h.Run(TencentSyncHarness.Request(Name));
        var only = h.OnlyJob();
        h.Buyer.SyncJobs["sync-twin0001"] = new TencentSyncJob
        {
            JobId = "sync-twin0001", Seq = 99, JobName = Name, PayMode = "PostPay", SrcDatabaseType = "mysql", SrcRegion = TencentSyncHarness.Region,
            DstDatabaseType = "mysql", DstRegion = TencentSyncHarness.Region, CreateTime = only.CreateTime.AddMinutes(1),
        };
        int mark = h.CallCount;

        var e = Assert.Throws<DtsCrossAccountException>(() => h.Plan(TencentSyncHarness.Request(Name)));

        Assert.Equal("DuplicateSyncJobName", e.ErrorId);
        Assert.Contains(only.JobId + " (Running)", e.Message);
        Assert.Contains("sync-twin0001 (UnInitialized)", e.Message);
        Assert.Empty(h.WritesSince(mark));
    }

    [Fact]
    public async Task A_lost_purchase_answer_when_another_run_bought_the_same_name_meanwhile_names_both_jobs_and_buys_no_third()
    {
        await using var h = await TencentSyncHarness.StartAsync();
        Wrap(h, "CreateSyncJob", (r, answer) =>
        {
            var twin = h.Buyer.SyncJobs.Values.First();
            h.Buyer.SyncJobs["sync-twin0001"] = new TencentSyncJob
            {
                JobId = "sync-twin0001", Seq = 99, JobName = Name, PayMode = "PostPay", SrcDatabaseType = "mysql", SrcRegion = TencentSyncHarness.Region,
                DstDatabaseType = "mysql", DstRegion = TencentSyncHarness.Region, CreateTime = twin.CreateTime,
            };
            return answer;
        });
        h.Fault("CreateSyncJob", FaultKind.LostAnswer);

        var e = Assert.Throws<DtsCrossAccountException>(() => h.Run(TencentSyncHarness.Request(Name)));

        Assert.Equal(("SyncJobNameAmbiguous", ErrorCategory.ResourceExists, (object)Name), (e.ErrorId, e.Category, e.Target));
        string mine = h.Buyer.SyncJobs.Keys.Single(k => k != "sync-twin0001");
        // Both jobs, in the order DTS lists them, then how to release the extra one.
        string Said(string first, string second) =>
            "The answer to buying DTS sync job '" + Name + "' was lost, and 2 jobs now carry that name: " + first + " (UnInitialized), " + second + " (UnInitialized). " +
            "Another run bought one at the same time. Release the extra one (StopSyncJob, IsolateSyncJob, DestroySyncJob; DTS console: Terminate, then Release), then run the command again.";
        Assert.Contains(e.Message, new[] { Said(mine, "sync-twin0001"), Said("sync-twin0001", mine) });
        Assert.Equal(2, h.Buyer.SyncJobs.Count);
        Assert.Equal(1, h.Calls.Count(c => c.Action == "CreateSyncJob"));
    }

    [Fact]
    public async Task Ctrl_C_right_after_the_purchase_stops_before_configuring_and_the_re_run_resumes_the_job()
    {
        await using var h = await TencentSyncHarness.StartAsync();
        h.RunInterruptedAfter("CreateSyncJob", TencentSyncHarness.Request(Name));

        Assert.Equal("UnInitialized", h.OnlyJob().Status);
        Assert.DoesNotContain(h.Calls, c => c.Action == "ConfigureSyncJob");
        Assert.Equal("Running", h.Run(TencentSyncHarness.Request(Name)).Status);
        Assert.Single(h.Buyer.SyncJobs);
    }
}
