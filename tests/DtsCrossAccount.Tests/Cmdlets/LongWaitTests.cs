using System.Management.Automation;
using DtsCrossAccount.Tests.Infrastructure;

namespace DtsCrossAccount.Tests.Cmdlets;

/// <summary>Long waits show progress and end it; a wait that runs out names the task and the state it is in.</summary>
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
        await using var s = await ModuleSession.StartAsync(dtsStepSeconds: 0.3);
        var r = s.Run(Task(cloud, "-Wait"));
        Assert.Empty(r.Errors);
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
        var started = DateTime.UtcNow;
        var r = s.Run(Task(cloud, "-Wait -TimeoutSeconds 10"));
        Assert.InRange(DateTime.UtcNow - started, TimeSpan.FromSeconds(9), TimeSpan.FromSeconds(60));
        var e = Assert.Single(r.Errors);
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
}
