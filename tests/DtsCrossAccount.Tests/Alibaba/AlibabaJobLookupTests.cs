using System.Management.Automation;
using DtsCrossAccount.Core;
using DtsCrossAccount.Emulator.Alibaba;
using DtsCrossAccount.Emulator.Core;
using DtsCrossAccount.Services;

namespace DtsCrossAccount.Tests.Alibaba;

/// <summary>
/// How an Alibaba re-run finds its job among many (DescribeDtsJobs is paged and Type=name is a fuzzy match, V3.5), and
/// how Remove-DtsSyncTask and a lost answer to the first ConfigureDtsJob treat what they find. Below the PowerShell
/// engine (<see cref="AlibabaSyncHarness"/>).
/// </summary>
public sealed class AlibabaJobLookupTests
{
    private const string B = AlibabaSyncHarness.B;

    /// <summary>Adds sync jobs of the task account, newer than every job so far (DescribeDtsJobs lists the newest first).</summary>
    private static void AddJobs(AlibabaSyncHarness h, int count, Func<int, string> name)
    {
        lock (h.State.Sync)
        {
            var jobs = h.State.Alibaba.Accounts[B].DtsInstances;
            for (int i = 0; i < count; i++)
            {
                var id = "other" + i.ToString("D4");
                jobs["dts" + id] = new AlibabaDtsInstance
                {
                    InstanceId = "dts" + id, Type = "SYNC", Region = "cn-hangzhou", JobId = id, JobName = name(i), Status = "Synchronizing",
                    CreateTime = h.State.Clock.UtcNow.AddMinutes(1 + i), StatusSince = h.State.Clock.UtcNow,
                };
            }
        }
    }

    [Fact]
    public async Task A_rerun_finds_its_job_behind_more_than_a_page_of_similar_names_and_buys_nothing()
    {
        await using var h = await AlibabaSyncHarness.StartAsync();
        var first = h.Run(AlibabaSyncHarness.Request("orders", r => r.Wait = true));
        // 250 newer jobs whose names contain "orders": the fuzzy name filter lists them all first, 100 a page.
        AddJobs(h, 250, i => "orders-old-" + i);

        int mark = h.CallCount;
        var plan = h.Service().PlanSyncTask(AlibabaSyncHarness.Request("orders", r => r.Wait = true));

        Assert.False(plan.HasChanges);
        Assert.Equal(first.TaskId, plan.Current.TaskId);
        Assert.Equal("Synchronizing", plan.Current.Status);
        Assert.Empty(h.WritesSince(mark));
        Assert.Equal(3, h.CallsSince(mark, "DescribeDtsJobs").Count);
    }

    [Fact]
    public async Task Listing_every_task_of_the_region_reads_every_page()
    {
        await using var h = await AlibabaSyncHarness.StartAsync();
        AddJobs(h, 230, i => "task-" + i);

        var all = h.Tasks().Get(new SyncTaskSelector { Region = "cn-hangzhou" });

        Assert.Equal(230, all.Count);
        Assert.Equal(230, all.Select(t => t.TaskId).Distinct().Count());
    }

    /// <summary>
    /// The name lookup reads as few pages as the answer allows (DescribeDtsJobs, 20 calls per second per account): one
    /// page among many tasks of other names (Type=name filters them out), and no empty page after a last full one.
    /// </summary>
    [Theory]
    [InlineData(250, "task-", 1)]       // other names: the filter leaves one job
    [InlineData(199, "orders-old-", 2)] // with its own job exactly two full pages
    [InlineData(1950, "orders-old-", 20)] // its own job, the oldest, on the twentieth page
    public async Task A_rerun_reads_only_the_pages_of_jobs_named_like_it(int others, string prefix, int pages)
    {
        await using var h = await AlibabaSyncHarness.StartAsync();
        var first = h.Run(AlibabaSyncHarness.Request("orders", r => r.Wait = true));
        AddJobs(h, others, i => prefix + i);

        int mark = h.CallCount;
        var plan = h.Service().PlanSyncTask(AlibabaSyncHarness.Request("orders", r => r.Wait = true));

        Assert.False(plan.HasChanges);
        Assert.Equal(first.TaskId, plan.Current.TaskId);
        Assert.Equal(pages, h.CallsSince(mark, "DescribeDtsJobs").Count);
    }

    [Theory]
    [InlineData(200, 2)]
    [InlineData(4950, 50)]
    public async Task Listing_every_task_reads_each_page_once_and_no_empty_page_after_a_full_last_one(int tasks, int pages)
    {
        await using var h = await AlibabaSyncHarness.StartAsync();
        AddJobs(h, tasks, i => "task-" + i);
        int mark = h.CallCount;

        var all = h.Tasks().Get(new SyncTaskSelector { Region = "cn-hangzhou" });

        Assert.Equal(tasks, all.Select(t => t.TaskId).Distinct().Count());
        Assert.Equal(pages, h.CallsSince(mark, "DescribeDtsJobs").Count);
    }

    [Fact]
    public async Task A_task_read_by_name_shows_both_endpoints_its_billing_and_its_delay_as_DTS_reports_them()
    {
        await using var h = await AlibabaSyncHarness.StartAsync();
        h.Run(AlibabaSyncHarness.Request("shown", r => r.Wait = true));
        var job = h.Job("shown");
        lock (h.State.Sync) job.DelayMs = 1500;

        var task = Assert.Single(h.Tasks().Get(new SyncTaskSelector { Name = "shown", Region = "cn-hangzhou" }));

        var c = job.Config!;
        Assert.Equal((c["SourceEndpointInstanceID"], c["SourceEndpointRegion"], c["SourceEndpointEngineName"]), (task.SourceInstanceId, task.SourceRegion, task.SourceEngine));
        Assert.Equal((c["DestinationEndpointInstanceID"], c["DestinationEndpointRegion"], c["DestinationEndpointEngineName"]), (task.DestinationInstanceId, task.DestinationRegion, task.DestinationEngine));
        Assert.Equal(("PayAsYouGo", 1.5), (task.BillingMethod, task.DelaySeconds));
    }

    [Fact]
    public async Task A_job_left_without_an_instance_is_released_by_its_job_ID()
    {
        await using var h = await AlibabaSyncHarness.StartAsync();
        h.Faults.Add("Alibaba", "CreateDtsInstance", "InvalidParameter.InstanceClass", times: 1, httpStatus: 400, message: "The specified instance class is not available.");
        h.Fails(AlibabaSyncHarness.Request("unbought"));
        var job = Assert.Single(h.Jobs());

        var plan = h.Tasks().PlanRemove(new SyncTaskSelector { Name = "unbought", Region = "cn-hangzhou" });
        Assert.Equal(new[] { "Release job " + job.JobId + " (configured, no instance bought) (DeleteDtsJob, NotStarted) and wait until DTS no longer finds it" }, plan.Changes);
        var removed = plan.Apply();

        Assert.Empty(h.Jobs());
        Assert.Equal("Released", removed.Status);
    }

    [Fact]
    public async Task A_lost_answer_to_configuring_while_another_run_configured_the_same_name_stops_and_names_both_jobs()
    {
        await using var h = await AlibabaSyncHarness.StartAsync();
        // Another machine configures the same name at the same moment, and this run's answer is lost.
        var configure = h.Server.Core.Registry.Find("Alibaba", "dts", "ConfigureDtsJob")!;
        bool once = false;
        h.Server.Core.Registry.Add("Alibaba", "dts", configure.Version, "ConfigureDtsJob", true, r =>
        {
            if (once) return configure.Handler(r);
            once = true;
            configure.Handler(r);
            configure.Handler(r);
            throw new ApiError("InternalError", "The request processing has failed due to some unknown error.", 500);
        });

        var error = h.Fails(AlibabaSyncHarness.Request("twice"));

        var jobs = h.Jobs();
        Assert.Equal(2, jobs.Count);
        Assert.Empty(h.Bought());
        Assert.Equal("SyncTaskNameAmbiguous", error.ErrorId);
        Assert.Equal(ErrorCategory.ResourceExists, error.Category);
        // Both jobs as DescribeDtsJobs lists them (newest first), and what to do.
        Assert.Equal("The answer to configuring DTS sync job 'twice' was lost, and 2 jobs now carry that name: "
            + string.Join(", ", jobs.OrderByDescending(j => j.CreateTime).Select(j => j.JobId + " (no instance, NotStarted)"))
            + ". Another run configured one at the same time. Delete the extra one (DeleteDtsJob), then run the command again.", error.Message);
    }

    [Fact]
    public async Task When_the_other_run_also_bought_its_instance_the_lost_answer_error_names_that_instance()
    {
        await using var h = await AlibabaSyncHarness.StartAsync();
        // The other machine configures the same name and buys for its job at the same moment; this run's answer is lost.
        var configure = h.Server.Core.Registry.Find("Alibaba", "dts", "ConfigureDtsJob")!;
        var buy = h.Server.Core.Registry.Find("Alibaba", "dts", "CreateDtsInstance")!;
        bool once = false;
        h.Server.Core.Registry.Add("Alibaba", "dts", configure.Version, "ConfigureDtsJob", true, r =>
        {
            if (once) return configure.Handler(r);
            once = true;
            var other = configure.Handler(r)["DtsJobId"]!.GetValue<string>();
            buy.Handler(new ApiRequest
            {
                State = r.State, Caller = r.Caller, Key = r.Key, Cloud = r.Cloud, Service = r.Service, Action = "CreateDtsInstance",
                Version = r.Version, Region = r.Region, RequestId = "other-run",
                Parameters = new Dictionary<string, string> { ["JobId"] = other, ["PayType"] = "PostPaid", ["InstanceClass"] = "small", ["RegionId"] = "cn-hangzhou" },
            });
            configure.Handler(r);
            throw new ApiError("InternalError", "The request processing has failed due to some unknown error.", 500);
        });

        var error = h.Fails(AlibabaSyncHarness.Request("bought-twice"));

        var bought = Assert.Single(h.Bought());
        var unbought = Assert.Single(h.Jobs(), j => !j.Purchased);
        Assert.Equal("SyncTaskNameAmbiguous", error.ErrorId);
        Assert.Contains(unbought.JobId + " (no instance, NotStarted)", error.Message);
        Assert.Contains(bought.JobId + " (" + bought.InstanceId + ", " + bought.Status + ")", error.Message);
    }
}
