using System.Management.Automation;
using System.Text.Json.Nodes;
using DtsCrossAccount.Core;
using DtsCrossAccount.Emulator.Core;
using DtsCrossAccount.Tests.Infrastructure;
using DtsCrossAccount.Services;

namespace DtsCrossAccount.Tests.Alibaba;

/// <summary>
/// What New-DtsSyncTask shows while it follows an Alibaba job (progress of the DTS precheck and of the job), how it ends
/// when DTS reports the job failed or cannot be read, and what it sends for self-managed endpoints and object lists.
/// Below the PowerShell engine, in virtual time (<see cref="AlibabaSyncHarness"/>).
/// </summary>
public sealed class AlibabaSyncRunnerTests
{
    private const string A = AlibabaSyncHarness.A, B = AlibabaSyncHarness.B;

    private static SyncTaskRequest Waiting(string name, Action<SyncTaskRequest>? change = null) =>
        AlibabaSyncHarness.Request(name, r => { r.Wait = true; change?.Invoke(r); });

    [Fact]
    public async Task The_precheck_and_the_wait_for_the_job_each_show_progress_and_close_it()
    {
        await using var h = await AlibabaSyncHarness.StartAsync();

        var task = h.Run(Waiting("shown"));

        var jobId = task.TaskId;
        var records = h.Reporter.ProgressRecords.ToList();
        var precheck = records.Where(p => p.Activity == "DTS precheck of job " + jobId).ToList();
        Assert.NotEmpty(precheck);
        // While DTS checks: items done of the total (percent of them); at the end: every item done, then closed.
        var total = task.Checks.Length - h.Service().PlanSyncTask(Waiting("other")).Checks.Count;
        Assert.True(total > 0);
        Assert.Contains(precheck, p => p.Status == total + " of " + total + " check items done (Finished)" && p.Percent == 100 && !p.Completed);
        Assert.Contains(precheck, p => p.Status == "0 of " + total + " check items done (Checking)" && p.Percent == 0 && !p.Completed);
        Assert.Equal(("done", 100, true), (precheck[^1].Status, precheck[^1].Percent, precheck[^1].Completed));

        var wait = records.Where(p => p.Activity == "DTS job " + jobId + " 'shown'").ToList();
        Assert.NotEmpty(wait);
        Assert.Contains(wait, p => p.Status == "Initializing" && p.Percent == -1);
        Assert.Contains(wait, p => p.Status == "Synchronizing");
        Assert.Equal(("done", 100, true), (wait[^1].Status, wait[^1].Percent, wait[^1].Completed));
        // Only the last record of each closes its progress bar (a completed record hides it).
        Assert.All(precheck.SkipLast(1).Concat(wait.SkipLast(1)), p => Assert.False(p.Completed));
    }

    /// <summary>A DescribePreCheckStatus answer (JobCode 01): the overall state, and each item with its own state (V3.4).</summary>
    private static JsonObject PrecheckAnswer(string state, params (string Name, string State, string Message, string Fix)[] items) => new()
    {
        ["Success"] = true,
        ["State"] = state,
        ["Total"] = items.Length,
        ["ErrorItem"] = items.Count(i => i.State == "Failed"),
        ["JobProgress"] = new JsonArray(items.Select(i => (JsonNode)new JsonObject
        {
            ["Item"] = "CHECK_" + i.Name.Length, ["Names"] = i.Name, ["State"] = i.State, ["ErrMsg"] = i.Message, ["RepairMethod"] = i.Fix,
        }).ToArray()),
    };

    private const string Connectivity = "Check the connectivity of the source database", Privileges = "Check the privileges of the source database account",
        Version = "Check the version of the source database", Objects = "Check the existence of the objects to sync";

    /// <summary>What the harness request's cross-account source adds to a failed precheck (the role to test).</summary>
    private const string SourceRoleHint = "To see whether a cross-account role is the cause, run for each side: (source) Test-DtsCrossAccountAccess -Cloud Alibaba "
        + "-RoleAccountId " + A + " -RoleName ram-for-dts -TrustedAccountId " + B + " -OwnerProfileName <root profile of " + A + ">. ";

    [Fact]
    public async Task The_precheck_shows_the_share_of_items_done_and_reports_every_failed_item_once_all_items_are_done()
    {
        await using var h = await AlibabaSyncHarness.StartAsync();
        // DTS answers before its precheck has begun (no state, no items), then finishes items one by one; the overall
        // State still says Checking once every item has its result.
        int polls = 0;
        h.Answer("DescribePreCheckStatus", (r, real) => ++polls switch
        {
            1 => new JsonObject { ["Success"] = true, ["JobProgress"] = new JsonArray() },
            2 => PrecheckAnswer("Checking", (Connectivity, "Success", "", ""), (Privileges, "Checking", "", ""), (Version, "Checking", "", ""), (Objects, "Checking", "", "")),
            3 => PrecheckAnswer("Checking", (Connectivity, "Success", "", ""), (Privileges, "Failed", "The account dts_user lacks REPLICATION SLAVE.", "Grant REPLICATION SLAVE and REPLICATION CLIENT to dts_user."),
                (Version, "Checking", "", ""), (Objects, "Checking", "", "")),
            _ => PrecheckAnswer("Checking", (Connectivity, "Success", "", ""), (Privileges, "Failed", "The account dts_user lacks REPLICATION SLAVE.", "Grant REPLICATION SLAVE and REPLICATION CLIENT to dts_user."),
                (Version, "Warning", "MySQL 5.6 is near its end of support.", "Upgrade the source."), (Objects, "Failed", "Table shop.orders does not exist in the source.", "")),
        });

        var error = h.Fails(Waiting("itemized"));

        var job = Assert.Single(h.Bought());
        Assert.Equal("SyncTaskPrecheckFailed", error.ErrorId);
        Assert.Equal("The DTS precheck of job " + job.JobId + " 'itemized' (instance " + job.InstanceId + ", now PrecheckFailed) failed 2 item(s): "
            + "[" + Privileges + "] The account dts_user lacks REPLICATION SLAVE. Fix: Grant REPLICATION SLAVE and REPLICATION CLIENT to dts_user. "
            + "[" + Objects + "] Table shop.orders does not exist in the source. "
            + SourceRoleHint
            + "After fixing, run New-DtsSyncTask -Name 'itemized' again: it reruns the precheck on the same instance without buying another. "
            + "To release it instead: DeleteDtsJob on " + job.InstanceId + " (DTS console: More > Release).", error.Message);
        Assert.Equal(4, polls);
        var task = Assert.IsType<SyncTask>(error.Target);
        Assert.Equal("PrecheckFailed", task.Status);
        Assert.True(task.Changed);
        Assert.Equal(new[] { (Connectivity, CheckResult.Passed), (Privileges, CheckResult.Failed), (Version, CheckResult.Warning), (Objects, CheckResult.Failed) },
            task.Checks.TakeLast(4).Select(c => (c.Name, c.Result)));
        // Write-Progress: no percentage before DTS says how many items there are, then the share of items done.
        Assert.Equal(new[]
        {
            ("0 of 0 check items done (Checking)", -1, false),
            ("1 of 4 check items done (Checking)", 25, false),
            ("2 of 4 check items done (Checking)", 50, false),
            ("4 of 4 check items done (Checking)", 100, false),
            ("done", 100, true),
        }, h.Reporter.ProgressRecords.Where(p => p.Activity == "DTS precheck of job " + job.JobId).Select(p => (p.Status, p.Percent, p.Completed)));
    }

    [Fact]
    public async Task A_precheck_of_more_items_than_one_default_page_is_read_whole_so_a_failed_item_past_the_twentieth_is_reported()
    {
        await using var h = await AlibabaSyncHarness.StartAsync();
        // Thirty items, the failed one last; DTS answers one page of them (PageNo default 1, PageSize default 20,
        // api-describeprecheckstatus) and counts them all in Total and ErrorItem.
        var items = Enumerable.Range(1, 29).Select(i => ("Check " + i + " of the source database", "Success", "", ""))
            .Append((Objects, "Failed", "Table shop.orders does not exist in the source.", "Create it or leave it out.")).ToArray();
        h.Answer("DescribePreCheckStatus", (r, real) =>
        {
            static int Or(string? value, int byDefault) => string.IsNullOrEmpty(value) ? byDefault : int.Parse(value, System.Globalization.CultureInfo.InvariantCulture);
            int size = Or(r.Param("PageSize"), 20), page = Or(r.Param("PageNo"), 1);
            var answer = PrecheckAnswer("Failed", items.Skip((page - 1) * size).Take(size).ToArray());
            answer["Total"] = items.Length;
            answer["ErrorItem"] = 1;
            return answer;
        });

        var error = h.Fails(Waiting("long-precheck"));

        Assert.Equal("SyncTaskPrecheckFailed", error.ErrorId);
        Assert.Contains("failed 1 item(s): [" + Objects + "] Table shop.orders does not exist in the source. Fix: Create it or leave it out.", error.Message);
        var task = Assert.IsType<SyncTask>(error.Target);
        Assert.Equal(30, task.Checks.Count(c => c.Name.EndsWith(" of the source database", StringComparison.Ordinal) || c.Name == Objects));
    }

    [Fact]
    public async Task A_precheck_DTS_reports_failed_without_items_says_so_and_how_to_go_on()
    {
        await using var h = await AlibabaSyncHarness.StartAsync();
        h.Answer("DescribePreCheckStatus", (r, real) => PrecheckAnswer("Failed"));

        var error = h.Fails(Waiting("bare"));

        var job = Assert.Single(h.Bought());
        Assert.Equal("SyncTaskPrecheckFailed", error.ErrorId);
        Assert.Equal(ErrorCategory.InvalidResult, error.Category);
        Assert.Equal("The DTS precheck of job " + job.JobId + " 'bare' (instance " + job.InstanceId + ", now PrecheckFailed) failed 0 item(s): "
            + "DTS reported the precheck as failed without item details (state Failed). "
            + SourceRoleHint
            + "After fixing, run New-DtsSyncTask -Name 'bare' again: it reruns the precheck on the same instance without buying another. "
            + "To release it instead: DeleteDtsJob on " + job.InstanceId + " (DTS console: More > Release).", error.Message);
        Assert.Contains(h.Reporter.ProgressRecords, p => p.Activity == "DTS precheck of job " + job.JobId && p.Status == "0 of 0 check items done (Failed)" && p.Percent == -1);
    }

    public static TheoryData<string> Phases => new() { "precheck", "job" };

    /// <summary>
    /// DTS moves on <paramref name="seconds"/> after the wait began; the run notices within three quarters of that
    /// (polls start 0.2 s apart and grow by half up to 5 s), so a short precheck or start does not keep the user waiting.
    /// </summary>
    [Theory]
    [InlineData("precheck", 2)]
    [InlineData("precheck", 3)]
    [InlineData("job", 2)]
    [InlineData("job", 3)]
    public async Task What_DTS_reports_is_seen_soon_after_it_happens(string phase, int seconds)
    {
        await using var h = await AlibabaSyncHarness.StartAsync();
        var clock = h.UseManualClock();
        DateTimeOffset? began = null, seen = null;
        if (phase == "precheck")
        {
            h.State.DtsStepSeconds = 1e6;   // DTS holds the job until the test lets it move
            h.Answer("DescribePreCheckStatus", (r, real) =>
            {
                began ??= clock.UtcNow;
                if (seen == null && clock.UtcNow >= began.Value.AddSeconds(seconds)) { seen = clock.UtcNow; h.State.DtsStepSeconds = 0; }
                return real(r);
            });
        }
        else
        {
            h.State.DtsStepSeconds = 0;
            h.Answer("DescribeDtsJobDetail", (r, real) =>
            {
                if (began == null) { began = clock.UtcNow; h.State.DtsStepSeconds = 1e6; }
                if (seen == null && clock.UtcNow >= began.Value.AddSeconds(seconds)) { seen = clock.UtcNow; h.Job("prompt").Status = "Synchronizing"; }
                return real(r);
            });
        }

        var task = h.Run(Waiting("prompt"));

        Assert.Equal("Synchronizing", task.Status);
        Assert.NotNull(seen);
        var late = seen!.Value - began!.Value.AddSeconds(seconds);
        Assert.True(late <= TimeSpan.FromSeconds(seconds * 0.75), phase + " seen " + late.TotalSeconds + " s late");
    }

    /// <summary>
    /// A poll that comes exactly at -TimeoutSeconds (here after a slow answer) and finds the job not there yet ends the
    /// wait: the user gave that many seconds, and the command does not sleep and poll once more beyond them.
    /// </summary>
    [Theory]
    [MemberData(nameof(Phases))]
    public async Task A_poll_at_exactly_the_deadline_ends_the_wait_there(string phase)
    {
        await using var h = await AlibabaSyncHarness.StartAsync();
        var clock = h.UseManualClock();
        const int timeout = 10;
        DateTimeOffset? first = null;
        int polls = 0;
        JsonObject Slow(ApiRequest r, ApiHandler real)
        {
            if (first == null) { first = clock.UtcNow; h.State.DtsStepSeconds = 1e6; }
            if (++polls == 2) clock.Advance(first.Value.AddSeconds(timeout) - clock.UtcNow);
            return real(r);
        }
        if (phase == "precheck") h.Answer("DescribePreCheckStatus", Slow);
        else { h.State.DtsStepSeconds = 0; h.Answer("DescribeDtsJobDetail", Slow); }

        var error = h.Fails(Waiting("punctual", r => r.TimeoutSeconds = timeout));

        var job = Assert.Single(h.Bought());
        var state = phase == "precheck" ? "Prechecking" : "PreCheckPass";
        Assert.Equal("SyncTaskTimeout", error.ErrorId);
        Assert.Equal("DTS job " + job.JobId + " 'punctual' on instance " + job.InstanceId + " is still " + state + " after 10 s. It keeps running; "
            + "run New-DtsSyncTask -Name 'punctual' -Wait again (or with a larger -TimeoutSeconds) to keep waiting.", error.Message);
        Assert.Equal(2, polls);
        Assert.Equal(first!.Value.AddSeconds(timeout), clock.UtcNow);
    }

    [Fact]
    public async Task A_long_precheck_is_polled_at_most_every_five_seconds_and_no_faster_once_it_has_run_a_while()
    {
        await using var h = await AlibabaSyncHarness.StartAsync();
        h.State.DtsStepSeconds = 300;

        h.Run(Waiting("patient", r => r.TimeoutSeconds = 3600));

        // 300 s of precheck: first polls 0.2 s apart, growing by half up to 5 s, then every 5 s (about 70 polls).
        var polls = h.CallsSince(0, "DescribePreCheckStatus").Count;
        Assert.InRange(polls, 60, 80);
    }

    public static TheoryData<string> FailedStates => new() { "Failed", "InitializeFailed", "PrecheckFailed", "MigrationFailed" };

    [Theory]
    [MemberData(nameof(FailedStates))]
    public async Task A_job_that_DTS_reports_failed_after_the_precheck_ends_the_run_with_its_state_and_error(string state)
    {
        await using var h = await AlibabaSyncHarness.StartAsync();
        // DTS fails the job once its precheck passed (the error quotes the database password, as some engine errors do).
        var describe = h.Server.Core.Registry.Find("Alibaba", "dts", "DescribeDtsJobDetail")!;
        h.Server.Core.Registry.Add("Alibaba", "dts", describe.Version, "DescribeDtsJobDetail", false, r =>
        {
            var job = h.Job("failing");
            if (job.Status is "PreCheckPass" or "Initializing")
            {
                job.Status = state;
                job.ErrorMessage = "Access denied for user 'dts_user' using password '" + AlibabaSyncHarness.DbPassword + "'";
            }
            return describe.Handler(r);
        });

        var error = h.Fails(Waiting("failing"));

        var bought = Assert.Single(h.Bought());
        Assert.Equal("SyncTaskFailed", error.ErrorId);
        Assert.Equal(ErrorCategory.InvalidResult, error.Category);
        Assert.StartsWith("DTS sync job " + bought.JobId + " 'failing' on instance " + bought.InstanceId + " is " + state + ": Access denied for user 'dts_user'", error.Message);
        Assert.EndsWith(". Fix the cause and restart it in the DTS console.", error.Message);
        Assert.DoesNotContain(AlibabaSyncHarness.DbPassword, error.Message);
        var task = Assert.IsType<SyncTask>(error.Target);
        Assert.Equal(state, task.Status);
        Assert.True(task.Changed);
        Assert.Contains("Precheck of job " + bought.JobId + " passed", task.Changes);
    }

    [Fact]
    public async Task A_job_state_DTS_answers_in_lower_case_is_reported_in_the_documented_spelling()
    {
        await using var h = await AlibabaSyncHarness.StartAsync();
        var describe = h.Server.Core.Registry.Find("Alibaba", "dts", "DescribeDtsJobDetail")!;
        h.Server.Core.Registry.Add("Alibaba", "dts", describe.Version, "DescribeDtsJobDetail", false, r =>
        {
            var answer = describe.Handler(r);
            if (answer is JsonObject o && o["Status"]?.GetValue<string>() == "Synchronizing") o["Status"] = "synchronizing";
            return answer;
        });

        var task = h.Run(Waiting("lower"));

        Assert.Equal("Synchronizing", task.Status);
        Assert.Equal("Job " + task.TaskId + " is Synchronizing", task.Changes[^1]);
    }

    [Fact]
    public async Task A_task_without_incremental_sync_is_waited_for_until_DTS_finishes_the_initial_load_and_a_rerun_accepts_it_as_done()
    {
        await using var h = await AlibabaSyncHarness.StartAsync();
        // -Initialization Structure,FullData -Wait: DTS ends such a job Finished after the full load; it never synchronizes.
        var request = Waiting("load-only", r => { r.IncrementalSync = false; r.TimeoutSeconds = 600; });
        Assert.Contains("Wait until the job is Finished (at most 600 s)", h.Service().PlanSyncTask(request).Changes);

        var task = h.Run(request);

        Assert.Equal("Finished", task.Status);
        Assert.Equal("Finished", h.Job("load-only").Status);
        Assert.Equal("Job " + task.TaskId + " is Finished (initial load done; no incremental sync was asked)", task.Changes[^1]);
        Assert.True(task.Changed);
        Assert.Single(h.Bought());

        // A re-run finds the job where the user asked it to end: nothing to do, nothing to warn about.
        int mark = h.CallCount;
        var again = h.Run(request);
        Assert.Equal(("Finished", false), (again.Status, again.Changed));
        Assert.Empty(again.Changes);
        Assert.Empty(h.WritesSince(mark));
        Assert.Empty(h.Reporter.WarningLines);
    }

    [Fact]
    public async Task Two_way_sync_without_incremental_sync_is_refused_before_anything_is_bought()
    {
        await using var h = await AlibabaSyncHarness.StartAsync();
        int mark = h.CallCount;

        var error = h.Fails(AlibabaSyncHarness.Request("both-ways", r => { r.TwoWay = true; r.IncrementalSync = false; }));

        Assert.Equal("TwoWayNeedsIncremental", error.ErrorId);
        Assert.Equal(ErrorCategory.InvalidArgument, error.Category);
        Assert.Contains("include Incremental in -Initialization", error.Message);
        Assert.Empty(h.WritesSince(mark));
        Assert.Empty(h.Jobs());
    }

    [Fact]
    public async Task A_job_DTS_reports_failed_without_an_error_while_a_rerun_only_waits_says_so_and_that_the_rerun_changed_nothing()
    {
        await using var h = await AlibabaSyncHarness.StartAsync();
        h.Run(AlibabaSyncHarness.Request("quiet"));
        var job = h.Job("quiet");
        Assert.Equal("PreCheckPass", job.Status);
        var plan = h.Service().PlanSyncTask(Waiting("quiet"));
        // DTS fails the job after the plan was made, without an error message.
        h.Answer("DescribeDtsJobDetail", (r, real) => { h.Job("quiet").Status = "Failed"; h.Job("quiet").ErrorMessage = ""; return real(r); });
        int mark = h.CallCount;

        var error = Assert.Throws<DtsCrossAccountException>(() => plan.Apply());

        Assert.Equal("SyncTaskFailed", error.ErrorId);
        Assert.Equal("DTS sync job " + job.JobId + " 'quiet' on instance " + job.InstanceId + " is Failed. Fix the cause and restart it in the DTS console.", error.Message);
        var task = Assert.IsType<SyncTask>(error.Target);
        Assert.Equal("Failed", task.Status);
        Assert.False(task.Changed);
        Assert.Empty(task.Changes);
        Assert.Empty(h.WritesSince(mark));
    }

    [Fact]
    public async Task Without_wait_a_job_DTS_already_reports_synchronizing_is_shown_so_and_the_changes_end_with_the_precheck()
    {
        await using var h = await AlibabaSyncHarness.StartAsync();
        h.Answer("DescribeDtsJobDetail", (r, real) =>
        {
            var job = h.Job("quick");
            if (job.Status == "PreCheckPass") job.Status = "Synchronizing";
            return real(r);
        });

        var task = h.Run(AlibabaSyncHarness.Request("quick"));

        var bought = Assert.Single(h.Bought());
        Assert.Equal("Synchronizing", task.Status);
        Assert.True(task.Changed);
        // Without -Wait the run waited for nothing after the precheck: what it did ends there; the status says the rest.
        Assert.Equal(new[]
        {
            "Configured job " + bought.JobId + " 'quick' (no instance yet)",
            "Bought pay-as-you-go DTS sync instance " + bought.InstanceId + " for job " + bought.JobId,
            "Started job " + bought.JobId,
            "Precheck of job " + bought.JobId + " passed",
        }, task.Changes);
    }

    public static TheoryData<string, string, string> UnreadableSteps => new()
    {
        { "DescribePreCheckStatus", "Prechecking", "reading the precheck failed" },
        { "DescribeDtsJobDetail", "unknown", "reading the job state failed" },
    };

    [Theory]
    [MemberData(nameof(UnreadableSteps))]
    public async Task A_read_that_keeps_failing_after_the_start_names_the_instance_and_how_to_continue(string action, string state, string what)
    {
        await using var h = await AlibabaSyncHarness.StartAsync();
        h.Faults.Add("Alibaba", action, "InternalError", times: 50, httpStatus: 500, message: "The request processing has failed due to some unknown error.");

        var error = h.Fails(Waiting("unread"));

        var job = Assert.Single(h.Bought());
        Assert.Equal("SyncTaskIncomplete", error.ErrorId);
        Assert.StartsWith("DTS instance " + job.InstanceId + " (job " + job.JobId + ") for task 'unread' exists and is " + state + ", but " + what + ": ", error.Message);
        Assert.Contains("Fix the cause and run New-DtsSyncTask -Name 'unread' again: it continues with this instance instead of buying another.", error.Message);
        var task = Assert.IsType<SyncTask>(error.Target);
        Assert.Equal(state, task.Status);
        Assert.True(task.Changed);
        Assert.Contains("Started job " + job.JobId, task.Changes);
    }

    [Fact]
    public async Task A_job_bought_by_another_run_between_the_plan_and_the_purchase_is_not_bought_again()
    {
        await using var h = await AlibabaSyncHarness.StartAsync();
        var plan = h.Service().PlanSyncTask(Waiting("raced"));
        var other = h.Run(Waiting("raced"));
        int mark = h.CallCount;

        var error = Assert.Throws<DtsCrossAccountException>(() => plan.Apply());

        Assert.Equal("SyncTaskCreatedConcurrently", error.ErrorId);
        Assert.Equal(ErrorCategory.ResourceBusy, error.Category);
        Assert.Equal("Another run created DTS sync task 'raced' (" + other.TaskId + " (" + other.InstanceId + ", Synchronizing)) while this one was planning; this run bought nothing. "
            + "Run the same New-DtsSyncTask command again (or wait for the other run) to continue with that task.", error.Message);
        Assert.Empty(h.WritesSince(mark));
        Assert.Single(h.Bought());
    }

    [Fact]
    public async Task A_self_managed_source_is_configured_with_its_address_and_a_rerun_that_moves_it_is_refused()
    {
        await using var h = await AlibabaSyncHarness.StartAsync();
        static void Express(SyncTaskRequest r, string ip, int port)
        {
            r.Source.InstanceId = null;
            r.Source.ConnectionType = "ExpressConnect";
            r.Source.Engine = "Oracle";
            r.Source.VpcId = "vpc-a0000003";
            r.Source.IPAddress = ip;
            r.Source.Port = port;
            r.Source.VSwitchId = "vsw-a0000001";
            r.Source.OracleSid = "ORCL";
        }

        var task = h.Run(Waiting("express", r => Express(r, "172.16.0.30", 1521)));

        Assert.Equal("Synchronizing", task.Status);
        var config = Assert.Single(h.Jobs()).Config!;
        Assert.Equal(("EXPRESS", "vpc-a0000003", "ORACLE"), (config["SourceEndpointInstanceType"], config["SourceEndpointInstanceID"], config["SourceEndpointEngineName"]));
        Assert.Equal(("172.16.0.30", "1521", "vsw-a0000001", "ORCL"), (config["SourceEndpointIP"], config["SourceEndpointPort"], config["SourceEndpointVSwitchID"], config["SourceEndpointOracleSID"]));
        Assert.False(config.ContainsKey("DestinationEndpointIP"));
        Assert.False(config.ContainsKey("DestinationEndpointPort"));
        Assert.False(config.ContainsKey("DestinationEndpointVSwitchID"));

        int mark = h.CallCount;
        var moved = Assert.Throws<DtsCrossAccountException>(() => h.Service().PlanSyncTask(Waiting("express", r => Express(r, "172.16.0.31", 1522))));
        Assert.Equal("SyncTaskConfigurationDiffers", moved.ErrorId);
        Assert.Contains("source address 172.16.0.30 (asked: 172.16.0.31)", moved.Message);
        Assert.Contains("source port 1521 (asked: 1522)", moved.Message);
        Assert.Empty(h.WritesSince(mark));

        var same = h.Service().PlanSyncTask(Waiting("express", r => Express(r, "172.16.0.30", 1521)));
        Assert.False(same.HasChanges);
    }

    [Fact]
    public async Task A_source_reached_through_CEN_carries_the_CEN_instance_in_Reserve_with_any_extra_Reserve_keys()
    {
        await using var h = await AlibabaSyncHarness.StartAsync();
        var redis = new DtsCrossAccount.Emulator.Alibaba.AlibabaDbInstance { InstanceId = "r-dst0000001", Engine = "Redis", Region = "cn-hangzhou", InstanceType = "REDIS" };
        lock (h.State.Sync) h.State.Alibaba.Accounts[B].Instances.Add(redis);

        h.Run(Waiting("cen", r =>
        {
            r.Source.InstanceId = null;
            r.Source.ConnectionType = "Cen";
            r.Source.Engine = "Redis";
            r.Source.VpcId = "vpc-a0000002";
            r.Source.CenId = "cen-a0000001";
            r.Source.IPAddress = "10.1.2.3";
            r.Source.Port = 6379;
            r.Destination.Engine = "Redis";
            r.Destination.InstanceId = "r-dst0000001";
            r.Extra = new Dictionary<string, string>
            {
                ["reserve.maxRetryTime"] = "720",
                ["SourceEndpointDatabaseName"] = "0",
                ["DestinationEndpointDataBaseName"] = "1",
                ["DelayNotice"] = "true",
            };
        }));

        var config = Assert.Single(h.Jobs()).Config!;
        var reserve = JsonNode.Parse(config["Reserve"])!.AsObject();
        Assert.Equal("none", reserve["autoStartModulesAfterConfig"]!.GetValue<string>());
        Assert.Equal("cen-a0000001", reserve["srcInstanceId"]!.GetValue<string>());
        Assert.Null(reserve["destInstanceId"]);
        Assert.Equal("720", reserve["maxRetryTime"]!.GetValue<string>());
        Assert.Equal(("0", "1"), (config["SourceEndpointDatabaseName"], config["DestinationEndpointDataBaseName"]));
        Assert.False(config.ContainsKey("DelayNotice"));
        // Only the Reserve.* extra keys go into Reserve, and no CEN key for the destination, which is reached directly.
        Assert.Equal(new[] { "autoStartModulesAfterConfig", "maxRetryTime", "srcInstanceId" }, reserve.Select(m => m.Key).OrderBy(k => k, StringComparer.Ordinal));
    }

    [Fact]
    public async Task A_table_of_a_database_synced_whole_is_not_listed_again()
    {
        await using var h = await AlibabaSyncHarness.StartAsync();

        h.Run(AlibabaSyncHarness.Request("whole", r =>
        {
            r.NoStart = true;
            r.Databases = new[] { "shop" };
            r.Tables = new[] { "shop.orders", "crm.leads" };
        }));

        var dbList = JsonNode.Parse(Assert.Single(h.Jobs()).Config!["DbList"])!.AsObject();
        Assert.Equal(new[] { "shop", "crm" }, dbList.Select(m => m.Key));
        Assert.Equal("{\"name\":\"shop\",\"all\":true}", dbList["shop"]!.ToJsonString());
        Assert.Equal(new[] { "leads" }, dbList["crm"]!["Table"]!.AsObject().Select(m => m.Key));
    }

    [Fact]
    public async Task The_objects_and_the_initialization_asked_are_configured_as_DTS_documents_them()
    {
        await using var h = await AlibabaSyncHarness.StartAsync();

        h.Run(AlibabaSyncHarness.Request("partial", r =>
        {
            r.NoStart = true;
            r.StructureInitialization = false;
            r.IncrementalSync = false;
            r.Databases = new[] { "crm" };
            r.Tables = new[] { "shop.orders", "shop.items" };
        }));

        var config = Assert.Single(h.Jobs()).Config!;
        Assert.Equal(("false", "true", "false"), (config["StructureInitialization"], config["DataInitialization"], config["DataSynchronization"]));
        Assert.Equal("{\"crm\":{\"name\":\"crm\",\"all\":true},\"shop\":{\"name\":\"shop\",\"all\":false,\"Table\":{\"orders\":{\"name\":\"orders\",\"all\":true},\"items\":{\"name\":\"items\",\"all\":true}}}}",
            JsonNode.Parse(config["DbList"])!.ToJsonString());
    }

    [Fact]
    public async Task A_task_without_databases_or_tables_is_refused_before_any_call()
    {
        await using var h = await AlibabaSyncHarness.StartAsync();
        int mark = h.CallCount;

        var error = Assert.Throws<DtsCrossAccountException>(() => h.Service().PlanSyncTask(AlibabaSyncHarness.Request("nothing", r => { r.Databases = Array.Empty<string>(); r.Tables = Array.Empty<string>(); })));

        Assert.Equal("SyncObjectsRequired", error.ErrorId);
        Assert.Equal(ErrorCategory.InvalidArgument, error.Category);
        Assert.Equal("Choose what to synchronize: -Database <name[]> and/or -Table <database.table[]>.", error.Message);
        Assert.Equal("Database", error.Target);
        Assert.Equal(mark, h.CallCount);
    }

    [Theory]
    [InlineData(".orders")]
    [InlineData("shop.")]
    public async Task A_table_name_without_its_database_or_table_part_is_refused_before_any_call(string table)
    {
        await using var h = await AlibabaSyncHarness.StartAsync();
        int mark = h.CallCount;

        var error = Assert.Throws<DtsCrossAccountException>(() => h.Service().PlanSyncTask(AlibabaSyncHarness.Request("badtable", r => r.Tables = new[] { table })));

        Assert.Equal("InvalidTableName", error.ErrorId);
        Assert.Equal("'" + table + "' is not in the form database.table, for example shop.orders.", error.Message);
        Assert.Equal("Table", error.Target);
        Assert.Equal(mark, h.CallCount);
    }

    [Fact]
    public async Task A_two_way_task_buys_a_bidirectional_instance()
    {
        await using var h = await AlibabaSyncHarness.StartAsync();

        h.Run(AlibabaSyncHarness.Request("both", r => { r.TwoWay = true; r.NoStart = true; }));

        Assert.Equal("bidirectional", Assert.Single(h.Bought()).SyncArchitecture);
    }

    [Fact]
    public async Task A_two_way_task_starts_its_second_direction_as_the_reverse_link_and_a_rerun_finds_it_under_its_forward_job()
    {
        await using var h = await AlibabaSyncHarness.StartAsync();
        var starts = new List<(string? JobId, string? Direction)>();
        h.Answer("StartDtsJob", (r, handler) => { starts.Add((r.Param("DtsJobId"), r.Param("SynchronizationDirection"))); return handler(r); });

        var task = h.Run(Waiting("both-ways", r => r.TwoWay = true));

        var forward = h.Job("both-ways");
        var reverse = Assert.IsType<DtsCrossAccount.Emulator.Alibaba.AlibabaDtsInstance>(forward.Reverse);
        Assert.Equal(("Synchronizing", "Synchronizing"), (forward.Status, reverse.Status));
        Assert.Equal((forward.JobId, reverse.JobId, "Synchronizing"), (task.TaskId, task.ReverseTaskId, task.ReverseStatus));
        // The API reference: SynchronizationDirection=Reverse starts the reverse link of a two-way instance (default Forward).
        Assert.Equal(new (string?, string?)[] { (forward.JobId, null), (reverse.JobId, "Reverse") }, starts);

        int mark = h.CallCount;
        var again = h.Run(Waiting("both-ways", r => r.TwoWay = true));

        Assert.Empty(h.WritesSince(mark));
        Assert.False(again.Changed);
        Assert.Equal((forward.JobId, reverse.JobId, "Synchronizing"), (again.TaskId, again.ReverseTaskId, again.ReverseStatus));
    }

    [Fact]
    public async Task A_MongoDB_task_names_its_one_database_at_both_ends_and_a_destination_reached_through_CEN_carries_the_CEN_instance()
    {
        await using var h = await AlibabaSyncHarness.StartAsync();
        var mongo = new DtsCrossAccount.Emulator.Alibaba.AlibabaDbInstance { InstanceId = "dds-src0000001", Engine = "mongodb", Region = "cn-hangzhou", InstanceType = "MONGODB" };
        mongo.Databases["shop"] = new List<string> { "orders" };
        lock (h.State.Sync) h.State.Alibaba.Accounts[A].Instances.Add(mongo);

        var task = h.Run(Waiting("mongo-cen", r =>
        {
            r.Source.Engine = "MongoDB";
            r.Source.InstanceId = "dds-src0000001";
            r.Destination.InstanceId = null;
            r.Destination.Engine = "MongoDB";
            r.Destination.ConnectionType = "Cen";
            r.Destination.VpcId = "vpc-b0000002";
            r.Destination.CenId = "cen-b0000001";
            r.Destination.IPAddress = "10.2.3.4";
            r.Destination.Port = 27017;
        }));

        Assert.Equal("Synchronizing", task.Status);
        var config = Assert.Single(h.Jobs()).Config!;
        // MongoDB ends are configured with the database their objects belong to (doc 208399; note DataBaseName at the destination).
        Assert.Equal(("shop", "shop"), (config["SourceEndpointDatabaseName"], config["DestinationEndpointDataBaseName"]));
        Assert.Equal(("MONGODB", "CEN", "vpc-b0000002"), (config["SourceEndpointInstanceType"], config["DestinationEndpointInstanceType"], config["DestinationEndpointInstanceID"]));
        var reserve = JsonNode.Parse(config["Reserve"])!.AsObject();
        Assert.Equal(new[] { "autoStartModulesAfterConfig", "destInstanceId" }, reserve.Select(m => m.Key).OrderBy(k => k, StringComparer.Ordinal));
        Assert.Equal("cen-b0000001", reserve["destInstanceId"]!.GetValue<string>());
    }

    [Fact]
    public async Task A_MySQL_task_sends_no_database_name_for_either_end()
    {
        await using var h = await AlibabaSyncHarness.StartAsync();

        h.Run(Waiting("mysql-names"));

        var config = Assert.Single(h.Jobs()).Config!;
        Assert.Equal("MYSQL", config["SourceEndpointEngineName"]);
        Assert.DoesNotContain(config.Keys, k => k.Contains("DatabaseName", StringComparison.OrdinalIgnoreCase));
    }
}
