using System.Management.Automation;

namespace DtsCrossAccount.Cmdlets
{
    /// <summary>
    /// Stops (ends) a sync task: Tencent StopSyncJob, Alibaba StopDtsJob, then waits until it is stopped. Refused while
    /// the task has not caught up (the Tencent guide: stop only once data sync is complete); -Force asks, then stops.
    /// </summary>
    [Cmdlet(VerbsLifecycle.Stop, "DtsSyncTask", DefaultParameterSetName = ByName, SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.High,
        HelpUri = ProjectLinks.Docs + "Stop-DtsSyncTask.md")]
    [OutputType(typeof(SyncTask))]
    public sealed class StopDtsSyncTaskCommand : SyncTaskCmdletBase
    {
        /// <summary>Stop even though the task has not caught up: you are asked to confirm (-Confirm:$false skips the question).</summary>
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
                var plan = CreateSyncTaskService().PlanStop(selector);
                var result = ApplyCautiously(plan, Force, "Stop-DtsSyncTask", "Stop the sync task anyway?");
                if (result != null) WriteObject(result);
            });
        }
    }
}
