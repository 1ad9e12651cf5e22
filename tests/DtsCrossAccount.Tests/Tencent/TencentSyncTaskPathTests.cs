#nullable enable
using System.Management.Automation;
using DtsCrossAccount.Core;
using DtsCrossAccount.Emulator.Core;
using DtsCrossAccount.Services;

namespace DtsCrossAccount.Tests.Tencent;

/// <summary>
/// The Tencent purchase/resume path of New-DtsSyncTask below the engine (TencentSyncHarness): one job bought and never
/// two whatever fails at each step, a re-run that resumes where the last one stopped and writes nothing when all is
/// done, and the fields DTS receives as CreateSyncJob and ConfigureSyncJob document them (cloud-apis.md section 4,
/// docs/tencent-provider.md).
/// </summary>
public sealed class TencentSyncTaskPathTests
{
    private const string Name = "orders";

    [Fact]
    public async Task A_first_run_buys_one_pay_as_you_go_job_tagged_with_its_name_and_configures_it_as_documented()
    {
        await using var h = await TencentSyncHarness.StartAsync();
        var request = TencentSyncHarness.Request(Name, "shop");
        request.Tables = new[] { "crm.leads" };

        var task = h.Run(request);

        Assert.Equal("Running", task.Status);
        var job = h.OnlyJob();
        Assert.Equal(job.JobId, task.TaskId);
        Assert.True(task.Changed);
        // CreateSyncJob (571/82105): PostPay, Standard, one job, the regions and types, the name and the name tag; nothing of a subscription.
        Assert.Equal(("PostPay", "Standard", "mysql", "mysql", "ap-guangzhou", "ap-guangzhou", Name),
            (job.PayMode, job.Specification, job.SrcDatabaseType, job.DstDatabaseType, job.SrcRegion, job.DstRegion, job.JobName));
        Assert.Equal((0, 0), (job.TimeSpan, job.AutoRenew));
        // The class billed is the module's documented default (micro, the cheapest), not DTS's own default (medium).
        Assert.Equal("micro", job.InstanceClass);
        var tag = Assert.Single(job.Tags);
        Assert.Equal(("DtsCrossAccountTask", Name), (tag.TagKey, tag.TagValue));
        Assert.Equal(1, h.Applied("CreateSyncJob"));

        // ConfigureSyncJob: the cross-account source with the role's fresh keys, the own-account target without them.
        var config = job.Config!;
        Assert.Equal((job.JobId, Name, "Immediate", "cdb", "cdb", "single", "single"),
            ((string?)config["JobId"], (string?)config["JobName"], (string?)config["RunMode"], (string?)config["SrcAccessType"], (string?)config["DstAccessType"],
             (string?)config["SrcNodeType"], (string?)config["DstNodeType"]));
        var src = config["SrcInfo"]!.AsObject();
        Assert.Equal(("ap-guangzhou", "cdb-src00001", "dts_reader", TencentSyncHarness.SourcePassword, TencentSyncHarness.A, "other", "DTS-role", TencentSyncHarness.ExternalId),
            ((string?)src["Region"], (string?)src["InstanceId"], (string?)src["User"], (string?)src["Password"], (string?)src["Account"],
             (string?)src["AccountMode"], (string?)src["AccountRole"], (string?)src["RoleExternalId"]));
        var issued = h.State.Tencent.Keys.Values.Where(k => k.Token != null && k.Owner.AccountId == TencentSyncHarness.A).ToList();
        Assert.NotEmpty(issued);
        Assert.Contains(issued, k => k.Id == (string?)src["TmpSecretId"] && k.Secret == (string?)src["TmpSecretKey"] && k.Token == (string?)src["TmpToken"]);
        var dst = config["DstInfo"]!.AsObject();
        Assert.Equal(("ap-guangzhou", "cdb-dst00001", "dts_writer", TencentSyncHarness.DestinationPassword),
            ((string?)dst["Region"], (string?)dst["InstanceId"], (string?)dst["User"], (string?)dst["Password"]));
        foreach (var field in new[] { "Account", "AccountMode", "AccountRole", "RoleExternalId", "TmpSecretId", "TmpSecretKey", "TmpToken" })
            Assert.Null(dst[field]);
        Assert.Null(config["SrcConnectType"]);
        Assert.Equal("shop, crm.leads", string.Join(", ", config["Objects"]!["Databases"]!.AsArray()
            .Select(d => (string?)d!["DbName"] + ((string?)d["DbMode"] == "All" ? "" : "." + (string?)d["Tables"]![0]!["TableName"]))));

        // What the user reads: the steps done, in order, and the purchase with its class.
        Assert.Equal(4, task.Changes.Length);
        Assert.Equal("Purchased pay-as-you-go DTS sync job " + job.JobId + " ('" + Name + "', class micro)", task.Changes[0]);
        Assert.StartsWith("Configure sync job " + job.JobId + ": source cdb-src00001 of account " + TencentSyncHarness.A + " through role 'DTS-role'", task.Changes[1]);
        Assert.Equal("Run the verification of sync job " + job.JobId, task.Changes[2]);
        Assert.Equal("Start sync job " + job.JobId, task.Changes[3]);
        Assert.Equal(new[] { "CreateSyncJob", "ConfigureSyncJob", "CreateCheckSyncJob", "StartSyncJob" }, h.WritesSince(0).Where(a => a != "CreateRole" && a != "AttachRolePolicy").ToArray());
    }

    [Fact]
    public async Task A_subscription_sends_its_months_and_renewal_and_a_long_name_is_cut_to_the_tag_limit()
    {
        await using var h = await TencentSyncHarness.StartAsync();
        string name = new string('n', 128);
        var request = TencentSyncHarness.Request(name);
        request.Options = new SyncTaskOptions { Subscription = true, PeriodMonths = 3, AutoRenew = true };
        request.Options.Given.Add("PayMode");
        request.Options.Given.Add("Period");
        request.Options.Given.Add("AutoRenew");
        request.NoStart = true;
        request.Wait = false;

        var task = h.Run(request);

        var job = h.OnlyJob();
        Assert.Equal(("PrePay", 3, 1, name), (job.PayMode, job.TimeSpan, job.AutoRenew, job.JobName));
        Assert.Equal(name.Substring(0, 127), Assert.Single(job.Tags).TagValue);
        // What New-DtsSyncTask writes says what was bought, as Get-DtsSyncTask reads it back.
        Assert.Equal(("Initialized", "Subscription"), (task.Status, task.BillingMethod));
        Assert.StartsWith("Purchased prepaid 3-month (auto-renewed) DTS sync job " + job.JobId, task.Changes[0]);
    }

    [Fact]
    public async Task A_subscription_without_renewal_sends_AutoRenew_0()
    {
        await using var h = await TencentSyncHarness.StartAsync();
        var request = TencentSyncHarness.Request(Name);
        request.Options = new SyncTaskOptions { Subscription = true, PeriodMonths = 2 };
        request.Options.Given.Add("PayMode");
        request.Options.Given.Add("Period");
        request.NoStart = true;
        request.Wait = false;

        var task = h.Run(request);

        var job = h.OnlyJob();
        Assert.Equal(("PrePay", 2, 0), (job.PayMode, job.TimeSpan, job.AutoRenew));
        Assert.Equal("Subscription", task.BillingMethod);
        Assert.Equal("PayAsYouGo", h.Run(TencentSyncHarness.Request(Name + "-payg")).BillingMethod);
    }

    [Fact]
    public async Task Re_running_a_running_task_writes_nothing_and_reports_no_change()
    {
        await using var h = await TencentSyncHarness.StartAsync();
        var first = h.Run(TencentSyncHarness.Request(Name));
        Assert.Equal("Running", first.Status);
        int mark = h.CallCount;

        var plan = h.Plan(TencentSyncHarness.Request(Name));

        Assert.False(plan.HasChanges);
        Assert.Equal((first.TaskId, "Running", false), (plan.Current.TaskId, plan.Current.Status, plan.Current.Changed));
        Assert.Empty(h.WritesSince(mark));
        Assert.DoesNotContain(h.Calls.Skip(mark), c => c.Action == "AssumeRole" || c.IsWrite);
    }

    public static TheoryData<FaultKind, bool> PurchaseFaults => new()
    {
        { FaultKind.ServerError, false }, { FaultKind.ServerError, true }, { FaultKind.LostAnswer, false }, { FaultKind.Reset, false },
    };

    [Theory]
    [MemberData(nameof(PurchaseFaults))]
    public async Task A_fault_on_the_purchase_leaves_exactly_one_job_which_the_run_goes_on_with(FaultKind kind, bool afterApply)
    {
        await using var h = await TencentSyncHarness.StartAsync();
        h.Fault("CreateSyncJob", kind, afterApply: afterApply);

        var task = h.Run(TencentSyncHarness.Request(Name));

        var job = h.OnlyJob();
        Assert.Equal((job.JobId, "Running"), (task.TaskId, task.Status));
        Assert.Equal(1, h.Applied("CreateSyncJob"));
        Assert.StartsWith("Purchased pay-as-you-go DTS sync job " + job.JobId, task.Changes[0]);
    }

    [Theory]
    [InlineData("ConfigureSyncJob", FaultKind.ServerError, false)]
    [InlineData("ConfigureSyncJob", FaultKind.LostAnswer, false)]
    [InlineData("CreateCheckSyncJob", FaultKind.LostAnswer, false)]
    [InlineData("CreateCheckSyncJob", FaultKind.ServerError, true)]
    [InlineData("StartSyncJob", FaultKind.LostAnswer, false)]
    [InlineData("StartSyncJob", FaultKind.ServerError, true)]
    [InlineData("DescribeSyncJobs", FaultKind.ServerError, false)]
    [InlineData("DescribeCheckSyncJobResult", FaultKind.Reset, false)]
    public async Task A_fault_after_the_purchase_is_settled_and_the_run_ends_running_with_one_job(string action, FaultKind kind, bool afterApply)
    {
        await using var h = await TencentSyncHarness.StartAsync();
        h.Fault(action, kind, afterApply: afterApply);

        var task = h.Run(TencentSyncHarness.Request(Name));

        Assert.Equal("Running", task.Status);
        Assert.Equal(h.OnlyJob().JobId, task.TaskId);
        Assert.Equal(1, h.Applied("CreateSyncJob"));
        Assert.Equal(1, h.Applied("StartSyncJob"));
    }

    [Theory]
    [InlineData("ConfigureSyncJob", "UnInitialized")]
    [InlineData("CreateCheckSyncJob", "Initialized")]
    [InlineData("StartSyncJob", "CheckPass")]
    public async Task A_step_that_keeps_failing_stops_the_run_with_the_job_and_its_state_and_the_re_run_resumes_without_buying(string action, string state)
    {
        await using var h = await TencentSyncHarness.StartAsync();
        h.Fault(action, FaultKind.ServerError, times: 20);

        var e = Assert.Throws<DtsCrossAccountException>(() => h.Run(TencentSyncHarness.Request(Name)));

        var job = h.OnlyJob();
        Assert.Equal("SyncJobInterrupted", e.ErrorId);
        // The category of the cause: the cloud's 5xx, after the retries of a call that may be retried, or after the confirming read.
        Assert.Equal(ErrorCategory.ResourceUnavailable, e.Category);
        Assert.Contains("DTS sync job " + job.JobId + " ('" + Name + "') stopped in state '" + state + "'", e.Message);
        Assert.Contains("re-running the same New-DtsSyncTask command resumes it", e.Message);
        Assert.Contains("To release it instead: stop (if started), isolate and destroy job " + job.JobId + " (StopSyncJob, IsolateSyncJob, DestroySyncJob", e.Message);
        var failed = Assert.IsType<SyncTask>(e.Target);
        Assert.Equal((job.JobId, state, true), (failed.TaskId, failed.Status, failed.Changed));
        Assert.StartsWith("Purchased pay-as-you-go DTS sync job " + job.JobId, failed.Changes[0]);
        Assert.Equal(action == "ConfigureSyncJob" ? 1 : action == "CreateCheckSyncJob" ? 2 : 3, failed.Changes.Length);

        // A re-run while the step still fails buys nothing, and its task says whether it wrote anything: a job not yet
        // started is configured again (and verified again) before the failing step; an unconfigured one gets nothing.
        h.Server.Faults.Clear();
        h.Fault(action, FaultKind.ServerError, times: 20);
        int before = h.CallCount;
        var still = Assert.Throws<DtsCrossAccountException>(() => h.Run(TencentSyncHarness.Request(Name)));
        Assert.Equal("SyncJobInterrupted", still.ErrorId);
        var unchanged = Assert.IsType<SyncTask>(still.Target);
        Assert.Equal((job.JobId, state), (unchanged.TaskId, unchanged.Status));
        Assert.Equal(action == "ConfigureSyncJob" ? 0 : action == "CreateCheckSyncJob" ? 1 : 2, unchanged.Changes.Length);
        Assert.Equal(unchanged.Changes.Length > 0, unchanged.Changed);
        Assert.DoesNotContain(unchanged.Changes, c => c.StartsWith("Purchased"));
        Assert.DoesNotContain("CreateSyncJob", h.WritesSince(before));

        h.Server.Faults.Clear();
        int mark = h.CallCount;
        var again = h.Run(TencentSyncHarness.Request(Name));

        Assert.Equal((job.JobId, "Running", true), (again.TaskId, again.Status, again.Changed));
        Assert.Same(job, h.OnlyJob());
        Assert.DoesNotContain("CreateSyncJob", h.WritesSince(mark));
        Assert.Contains("StartSyncJob", h.WritesSince(mark));
        Assert.DoesNotContain(again.Changes, c => c.StartsWith("Purchased"));
    }

    [Fact]
    public async Task A_run_that_died_right_after_buying_is_resumed_by_name_without_buying_again()
    {
        await using var h = await TencentSyncHarness.StartAsync();
        var noStart = TencentSyncHarness.Request(Name);
        // A crash between the purchase and the configure leaves a named, unconfigured job: -NoStart with a lost configure gives the same state.
        h.Fault("ConfigureSyncJob", FaultKind.Reset, times: 20);
        Assert.Throws<DtsCrossAccountException>(() => h.Run(noStart));
        Assert.Equal("UnInitialized", h.OnlyJob().Status);
        h.Server.Faults.Clear();

        var plan = h.Plan(TencentSyncHarness.Request(Name));
        Assert.Equal(new[] { "Configure", "Run the verification", "Start" }, plan.Changes.Select(c => c.Split(' ')[0] == "Run" ? "Run the verification" : c.Split(' ')[0]));
        var task = plan.Apply();

        Assert.Equal("Running", task.Status);
        Assert.Equal(1, h.Applied("CreateSyncJob"));
    }

    [Fact]
    public async Task An_answer_without_a_job_id_is_an_error_that_says_to_look_for_the_job_by_name()
    {
        await using var h = await TencentSyncHarness.StartAsync();
        h.Server.Core.Registry.Add("Tencent", "dts", "2021-12-06", "CreateSyncJob", true, _ => new System.Text.Json.Nodes.JsonObject { ["JobIds"] = new System.Text.Json.Nodes.JsonArray() });

        var e = Assert.Throws<DtsCrossAccountException>(() => h.Run(TencentSyncHarness.Request(Name)));

        Assert.Equal(("SyncJobNotCreated", ErrorCategory.InvalidResult), (e.ErrorId, e.Category));
        Assert.Contains("checking the DTS console for a job named '" + Name + "'", e.Message);
    }

    [Theory]
    [InlineData("source", "cdb-nosuch01")]
    [InlineData("target", "cdb-nosuch02")]
    public async Task An_instance_that_is_not_listed_is_refused_before_buying_with_where_it_was_looked_for(string side, string instance)
    {
        await using var h = await TencentSyncHarness.StartAsync();
        var request = TencentSyncHarness.Request(Name);
        if (side == "source") request.Source.InstanceId = instance;
        else request.Destination.InstanceId = instance;

        var e = Assert.Throws<DtsCrossAccountException>(() => h.Run(request));

        Assert.Contains("No TencentDB for MySQL instance " + instance + " in ", e.Message);
        Assert.Contains(side == "source" ? "account " + TencentSyncHarness.A + " (listed through role 'DTS-role')" : "the task account " + TencentSyncHarness.B, e.Message);
        Assert.DoesNotContain(h.Calls, c => c.Action == "CreateSyncJob");
        Assert.Empty(h.Buyer.SyncJobs);
    }
}
