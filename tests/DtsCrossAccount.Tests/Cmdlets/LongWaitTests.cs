using System.Management.Automation;
using DtsCrossAccount.Tests.Infrastructure;

namespace DtsCrossAccount.Tests.Cmdlets;

/// <summary>
/// Long waits show progress and end it; a wait that runs out names the task and the state it is in. The waits run in
/// virtual time shared by the module and the emulator (ModuleSession.UseVirtualClock), so a 10-second timeout takes no
/// 10 seconds here while the user-visible behaviour is the same.
/// </summary>
public sealed class LongWaitTests
{
    private const string Db = "$db = [pscredential]::new('dts_sync', [System.Net.NetworkCredential]::new('', 'p').SecurePassword)";

    private static string Task(string cloud, string extra) => cloud == "Tencent"
        ? Db + "; New-DtsCrossAccountRole -Cloud Tencent -AccountId 100000000001 -TrustedAccountId 100000000002 -ProfileName tencent-a | " +
          "New-DtsSyncTask -Name wait-demo -Region ap-guangzhou -SourceInstanceId cdb-src00001 -DestinationInstanceId cdb-dst00001 " +
          "-SourceDatabaseCredential $db -DestinationDatabaseCredential $db -Database shop -ProfileName tencent-b -Confirm:$false " + extra
        : Db + "; New-DtsCrossAccountRole -Cloud Alibaba -AccountId 1000000000000001 -TrustedAccountId 1000000000000002 -ProfileName alibaba-a | " +
          "New-DtsSyncTask -Name wait-demo -Region cn-hangzhou -SourceInstanceId rm-src0000001 -DestinationInstanceId rm-dst0000001 " +
          "-SourceDatabaseCredential $db -DestinationDatabaseCredential $db -Database shop -ProfileName alibaba-b -Confirm:$false " + extra;

    [Theory]
    [InlineData("Tencent")]
    [InlineData("Alibaba")]
    public async Task Wait_shows_progress_until_the_task_runs_and_completes_the_progress(string cloud)
    {
        await using var s = await ModuleSession.StartAsync(dtsStepSeconds: 3);
        var clock = s.UseVirtualClock();
        var r = s.Run(Task(cloud, "-Wait"));
        Assert.Empty(r.Errors);
        // Every DTS step took 3 s of the emulator's time: the polls waited them out, in virtual time.
        Assert.True(clock.Slept >= TimeSpan.FromSeconds(3), "virtual time waited: " + clock.Slept);
        Assert.Contains(r.Output.Select(o => o.BaseObject).OfType<SyncTask>().Single().Status, new[] { "Running", "Synchronizing" });
        Assert.True(r.Progress.Count(p => p.RecordType == ProgressRecordType.Processing) >= 2, "progress while waiting");
        Assert.Equal(ProgressRecordType.Completed, r.Progress.Last().RecordType);
    }

    [Theory]
    [InlineData("Tencent")]
    [InlineData("Alibaba")]
    public async Task A_wait_that_runs_out_names_the_task_and_its_state_and_a_rerun_resumes_it(string cloud)
    {
        await using var s = await ModuleSession.StartAsync(dtsStepSeconds: 3600);
        var clock = s.UseVirtualClock();
        var started = DateTime.UtcNow;
        var r = s.Run(Task(cloud, "-Wait -TimeoutSeconds 10"));
        var real = DateTime.UtcNow - started;
        // The 10 s passed (the virtual clock runs on from real time, so what the machine spent counts too), most of them
        // waited virtually with polls on the way; the real run took a fraction of them.
        Assert.True(clock.Slept + real >= TimeSpan.FromSeconds(10), "waited " + clock.Slept + " virtual + " + real + " real");
        Assert.InRange(clock.Slept, TimeSpan.FromSeconds(5), TimeSpan.FromSeconds(30));
        Assert.True(real < TimeSpan.FromSeconds(10), "real time " + real);
        Assert.True(r.Progress.Count(p => p.RecordType == ProgressRecordType.Processing) >= 2, "progress while waiting");
        var e = Assert.Single(r.Errors);
        Assert.Equal(ErrorCategory.OperationTimeout, e.CategoryInfo.Category);
        Assert.Contains("10 s", e.Exception.Message);
        string id = cloud == "Tencent"
            ? s.State.Tencent.Accounts["100000000002"].SyncJobs.Keys.Single()
            : s.State.Alibaba.Accounts["1000000000000002"].DtsInstances.Values.Single().JobId!;
        Assert.Contains(id, e.Exception.Message);
        Assert.Matches("(?i)check|precheck|state|status", e.Exception.Message);
        Assert.Equal(ProgressRecordType.Completed, r.Progress.Last().RecordType);

        // The clouds finish the step; the same command picks the task up instead of buying another.
        s.State.DtsStepSeconds = 0;
        var again = s.Run(Task(cloud, "-Wait"));
        Assert.Empty(again.Errors);
        Assert.Single(s.Calls.Snapshot(), c => c.Action is "CreateSyncJob" or "CreateDtsInstance" && c.Result == "OK");
    }

    [Fact]
    public async Task Alibaba_wait_without_status_ends_at_Finished_for_a_task_without_incremental_sync_and_an_explicit_status_still_wins()
    {
        await using var s = await ModuleSession.StartAsync(dtsStepSeconds: 3);
        var clock = s.UseVirtualClock();
        // Initial load only: DTS ends such a job Finished after the load; it never reaches Synchronizing.
        var created = s.Run("$task = & { " + Task("Alibaba", "-Initialization Structure,FullData") + " }; $task");
        Assert.Empty(created.Errors);
        Assert.NotEqual("Finished", created.Single<SyncTask>().Status);

        // No -Status: the wait ends when the job is Finished, well before the default -TimeoutSeconds (1800).
        var waited = s.Run("$task | Get-DtsSyncTask -ProfileName alibaba-b -Wait");
        Assert.Null(waited.Terminating);
        Assert.Empty(waited.Errors);
        Assert.Equal("Finished", waited.Single<SyncTask>().Status);
        Assert.Equal("Finished", s.State.Alibaba.Accounts["1000000000000002"].DtsInstances.Values.Single().Status);
        Assert.True(clock.Slept < TimeSpan.FromSeconds(1800), "virtual time waited: " + clock.Slept);
        var progress = waited.Progress.Where(p => p.Activity.StartsWith("Waiting for DTS sync task", StringComparison.Ordinal)).ToList();
        Assert.NotEmpty(progress);
        Assert.Contains(progress, p => p.StatusDescription.Contains("waiting for Finished", StringComparison.Ordinal));

        // An explicit -Status still decides: Synchronizing never comes for this job, so the wait runs out naming its state.
        var explicitStatus = s.Run("try { $task | Get-DtsSyncTask -ProfileName alibaba-b -Wait -Status Synchronizing -TimeoutSeconds 60; 'went on' } catch { $_ }");
        var e = Assert.IsType<ErrorRecord>(Assert.Single(explicitStatus.Output).BaseObject);
        Assert.Equal("SyncTaskWaitTimeout", e.FullyQualifiedErrorId.Split(',')[0]);
        Assert.Contains("reach status 'Synchronizing'; it is 'Finished'", e.Exception.Message);
    }
}
