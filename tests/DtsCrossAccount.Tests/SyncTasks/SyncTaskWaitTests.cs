using System.Management.Automation;
using DtsCrossAccount.Tests.Infrastructure;
using DtsCrossAccount.Tests.Tencent;

namespace DtsCrossAccount.Tests.SyncTasks;

/// <summary>Get-DtsSyncTask -Wait on a task that really takes time to start (each emulator step lasts 1 s).</summary>
public sealed class SyncTaskWaitTests
{
    [Fact]
    public async Task Wait_follows_a_started_task_until_it_runs_with_progress_and_times_out_naming_the_status()
    {
        await using var s = await ModuleSession.StartAsync(dtsStepSeconds: 1.0);
        Assert.Empty(s.Run(TencentFlowTests.CreateRole).Errors);
        // Without -Wait, New-DtsSyncTask returns once StartSyncJob is accepted: the job is ReadyRunning for a second.
        var started = s.Run("$task = & { " + TencentFlowTests.SyncTask("tencent-b", "wait-task", "-Database shop") + " }; $task");
        Assert.Empty(started.Errors);
        Assert.NotEqual("Running", started.Single<SyncTask>().Status);

        var waited = s.Run("$task | Get-DtsSyncTask -ProfileName tencent-b -Wait -TimeoutSeconds 60");
        Assert.Empty(waited.Errors);
        Assert.Equal("Running", waited.Single<SyncTask>().Status);
        var progress = waited.Progress.Where(p => p.Activity.StartsWith("Waiting for DTS sync task", StringComparison.Ordinal)).ToList();
        Assert.NotEmpty(progress);
        Assert.Contains(progress, p => p.StatusDescription.Contains("waiting for Running", StringComparison.Ordinal));
        Assert.Equal(ProgressRecordType.Completed, progress[^1].RecordType);

        // Terminating: try/catch catches it and the next statement of the try block does not run.
        var timedOut = s.Run("try { $task | Get-DtsSyncTask -ProfileName tencent-b -Wait -Status Stopped -TimeoutSeconds 10; 'went on' } catch { $_ }");
        var e = Assert.IsType<ErrorRecord>(Assert.Single(timedOut.Output).BaseObject);
        Assert.Equal("SyncTaskWaitTimeout", e.FullyQualifiedErrorId.Split(',')[0]);
        Assert.Equal(ErrorCategory.OperationTimeout, e.CategoryInfo.Category);
        Assert.Contains("it is 'Running'", e.Exception.Message);
        Assert.Contains("-TimeoutSeconds 20", e.ErrorDetails.RecommendedAction);
    }
}
