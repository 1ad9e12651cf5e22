using System.Management.Automation;
using DtsCrossAccount.Core;
using DtsCrossAccount.Emulator.Core;
using DtsCrossAccount.Services;

namespace DtsCrossAccount.Tests.Alibaba;

/// <summary>
/// Stop-DtsSyncTask and Remove-DtsSyncTask for Alibaba wait, with progress, until DTS reports the task ended or no longer
/// finds it; a wait that runs out says how long it waited, what state DTS reports and how to keep waiting.
/// Below the PowerShell engine, in virtual time (<see cref="AlibabaSyncHarness"/>).
/// </summary>
public sealed class AlibabaStopReleaseWaitTests
{
    private static SyncTaskSelector Named(string name, int timeoutSeconds = 600) =>
        new() { Name = name, Region = "cn-hangzhou", TimeoutSeconds = timeoutSeconds };

    private static async Task<(AlibabaSyncHarness H, string JobId)> Running(string name)
    {
        var h = await AlibabaSyncHarness.StartAsync();
        var task = h.Run(AlibabaSyncHarness.Request(name, r => r.Wait = true));
        Assert.Equal("Synchronizing", task.Status);
        return (h, task.TaskId);
    }

    [Fact]
    public async Task Stopping_ends_the_job_and_shows_the_wait_until_DTS_reports_it_finished()
    {
        var (h, jobId) = await Running("ending");
        await using var _ = h;
        var tasks = h.Tasks();

        var stopped = tasks.PlanStop(Named("ending")).Apply();

        Assert.Equal("Finished", h.Job("ending").Status);
        Assert.Equal("Finished", stopped.Status);
        Assert.True(stopped.Changed);
        Assert.Equal(new[] { "Ended DTS job " + jobId }, stopped.Changes);
        var progress = h.Reporter.ProgressRecords.Where(p => p.Activity == "DTS job " + jobId).ToList();
        Assert.NotEmpty(progress);
        Assert.Contains(progress, p => p.Status == "Waiting until job " + jobId + " is Finished: Finished" && !p.Completed);
        Assert.Equal(("Done", 100, true), (progress[^1].Status, progress[^1].Percent, progress[^1].Completed));
        Assert.All(progress.SkipLast(1), p => Assert.False(p.Completed));
    }

    [Fact]
    public async Task A_stop_that_DTS_takes_longer_for_than_the_timeout_says_how_long_what_state_and_how_to_keep_waiting()
    {
        var (h, jobId) = await Running("lagging");
        await using var _ = h;
        h.AcceptedButNotYetDone("StopDtsJob");
        var tasks = h.Tasks();

        var error = Assert.Throws<DtsCrossAccountException>(() => tasks.PlanStop(Named("lagging", timeoutSeconds: 30)).Apply());

        Assert.Equal("SyncTaskWaitTimeout", error.ErrorId);
        Assert.Equal(ErrorCategory.OperationTimeout, error.Category);
        Assert.StartsWith("Waited 30 s until job " + jobId + " is Finished; DTS job " + jobId + " is Synchronizing.", error.Message);
        Assert.Equal(jobId, error.Target);
        Assert.StartsWith("Run Stop-DtsSyncTask ", error.Remedy);
        Assert.Contains("again to keep waiting; it does not stop the task twice.", error.Remedy);
        Assert.True(h.Clock.Slept >= TimeSpan.FromSeconds(30));
        var progress = h.Reporter.ProgressRecords.Where(p => p.Activity == "DTS job " + jobId).ToList();
        Assert.NotEmpty(progress);
        Assert.Contains(progress, p => p.Status == "Waiting until job " + jobId + " is Finished: Synchronizing" && p.Percent == -1);
        Assert.Equal(("Done", 100, true), (progress[^1].Status, progress[^1].Percent, progress[^1].Completed));
    }

    [Fact]
    public async Task Removing_releases_the_instance_and_waits_until_DTS_no_longer_finds_the_job()
    {
        var (h, jobId) = await Running("released");
        await using var _ = h;
        var instanceId = h.Job("released").InstanceId;
        var tasks = h.Tasks();

        var removed = tasks.PlanRemove(Named("released")).Apply();

        Assert.Empty(h.Jobs());
        Assert.Equal("Released", removed.Status);
        Assert.Equal(new[] { "Released instance " + instanceId + " of job " + jobId }, removed.Changes);
        var progress = h.Reporter.ProgressRecords.Where(p => p.Activity == "DTS job " + jobId).ToList();
        Assert.NotEmpty(progress);
        Assert.Contains(progress, p => p.Status == "Waiting until job " + jobId + " is released: no longer found" && !p.Completed);
        Assert.Equal(("Done", 100, true), (progress[^1].Status, progress[^1].Percent, progress[^1].Completed));
    }

    [Fact]
    public async Task A_release_that_DTS_takes_longer_for_than_the_timeout_says_what_was_done_and_what_DTS_still_reports()
    {
        var (h, jobId) = await Running("sticky");
        await using var _ = h;
        var job = h.Job("sticky");
        h.AcceptedButNotYetDone("DeleteDtsJob");
        var tasks = h.Tasks();

        var error = Assert.Throws<DtsCrossAccountException>(() => tasks.PlanRemove(Named("sticky", timeoutSeconds: 20)).Apply());

        Assert.Equal("SyncTaskReleaseInterrupted", error.ErrorId);
        Assert.Equal(ErrorCategory.OperationTimeout, error.Category);
        Assert.Contains("Waited 20 s until job " + jobId + " is released; DTS job " + jobId + " is Synchronizing.", error.Message);
        Assert.Contains("Done so far: Released instance " + job.InstanceId + " of job " + jobId + ".", error.Message);
        // The wait's own next step is the release's: said once, at the end.
        Assert.EndsWith("Done so far: Released instance " + job.InstanceId + " of job " + jobId + ". " + error.Remedy, error.Message);
        Assert.Single(System.Text.RegularExpressions.Regex.Matches(error.Message, "Run Remove-DtsSyncTask "));
    }

    public static TheoryData<string> UnknownOutcomes => new(AlibabaSyncHarness.UnknownOutcomes);

    private static Fault FaultOf(string action, string how) => AlibabaSyncHarness.UnknownOutcome(action, how);

    /// <summary>How many times the write reached DTS: once more when the first attempt never took effect.</summary>
    private static int Sends(string how) => how is "server error before" or "reset" ? 2 : 1;

    [Theory]
    [MemberData(nameof(UnknownOutcomes))]
    public async Task An_unknown_outcome_of_ending_the_task_is_settled_by_reading_and_the_stop_is_never_sent_again_once_it_took_effect(string how)
    {
        var (h, jobId) = await Running("ending-" + how.Replace(' ', '-'));
        await using var _ = h;
        h.Faults.Add(FaultOf("StopDtsJob", how));
        int mark = h.CallCount;

        var stopped = h.Tasks().PlanStop(Named("ending-" + how.Replace(' ', '-'))).Apply();

        Assert.Equal("Finished", h.Job("ending-" + how.Replace(' ', '-')).Status);
        Assert.Equal("Finished", stopped.Status);
        Assert.Equal(new[] { "Ended DTS job " + jobId }, stopped.Changes);
        Assert.Equal(Sends(how), h.CallsSince(mark, "StopDtsJob").Count);
    }

    [Theory]
    [MemberData(nameof(UnknownOutcomes))]
    public async Task An_unknown_outcome_of_the_release_is_settled_by_reading_and_the_release_is_never_sent_again_once_it_took_effect(string how)
    {
        var name = "released-" + how.Replace(' ', '-');
        var (h, jobId) = await Running(name);
        await using var _ = h;
        var instanceId = h.Job(name).InstanceId;
        h.Faults.Add(FaultOf("DeleteDtsJob", how));
        int mark = h.CallCount;

        var removed = h.Tasks().PlanRemove(Named(name)).Apply();

        Assert.Empty(h.Jobs());
        Assert.Equal("Released", removed.Status);
        Assert.Equal(new[] { "Released instance " + instanceId + " of job " + jobId }, removed.Changes);
        Assert.Equal(Sends(how), h.CallsSince(mark, "DeleteDtsJob").Count);
    }
}
