using System.Management.Automation;

namespace DtsCrossAccount.Cmdlets
{
    /// <summary>
    /// Releases a sync task's purchase: Tencent StopSyncJob (if started), IsolateSyncJob, DestroySyncJob; Alibaba
    /// DeleteDtsJob. A task that is already gone is nothing to do (Changed = $false); a re-run finishes a release a
    /// fault interrupted; a subscription (prepaid) Alibaba task is refused with how to unsubscribe.
    /// </summary>
    [Cmdlet(VerbsCommon.Remove, "DtsSyncTask", DefaultParameterSetName = ByName, SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.High,
        HelpUri = ProjectLinks.Docs + "Remove-DtsSyncTask.md")]
    [OutputType(typeof(SyncTask))]
    public sealed class RemoveDtsSyncTaskCommand : SyncTaskCmdletBase
    {
        /// <summary>Release a task that is still running and has not caught up: you are asked to confirm (-Confirm:$false skips the question).</summary>
        [Parameter]
        public SwitchParameter Force { get; set; }

        [Parameter]
        [ValidateRange(10, 86400)]
        public int TimeoutSeconds { get; set; } = 600;

        protected override void ProcessRecord()
        {
            Run(() =>
            {
                var selector = Selector();
                selector.TimeoutSeconds = TimeoutSeconds;
                var plan = CreateSyncTaskService().PlanRemove(selector);
                var result = ApplyCautiously(plan, Force, "Remove-DtsSyncTask", "Stop and release the sync task anyway?");
                if (result != null) WriteObject(result);
            });
        }
    }
}
