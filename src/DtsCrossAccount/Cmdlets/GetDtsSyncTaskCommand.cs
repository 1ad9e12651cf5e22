using System;
using System.Management.Automation;
using DtsCrossAccount.Core;
using DtsCrossAccount.Services;

namespace DtsCrossAccount.Cmdlets
{
    /// <summary>
    /// Reads sync tasks as the cloud reports them now: one by -Name, -TaskId or from the pipeline, or every task of the
    /// caller's account in -Region. -Wait polls one task until it reaches -Status, with progress.
    /// </summary>
    [Cmdlet(VerbsCommon.Get, "DtsSyncTask", DefaultParameterSetName = ListSet, HelpUri = ProjectLinks.Docs + "Get-DtsSyncTask.md")]
    [OutputType(typeof(SyncTask))]
    public sealed class GetDtsSyncTaskCommand : SyncTaskCmdletBase
    {
        private const string ListSet = "List";

        /// <summary>Wait until the task reaches -Status (default: the state the task settles in once started).</summary>
        [Parameter]
        public SwitchParameter Wait { get; set; }

        /// <summary>The status -Wait waits for, as the cloud names it (e.g. Running, Stopped, Synchronizing, Finished).</summary>
        [Parameter]
        [ValidateNotNullOrEmpty]
        [ArgumentCompleter(typeof(SyncTaskStatusCompleter))]
        public string Status { get; set; }

        [Parameter]
        [ValidateRange(10, 86400)]
        public int TimeoutSeconds { get; set; } = 1800;

        protected override void ProcessRecord()
        {
            Run(() =>
            {
                // Every refusal comes before the first call: the selector, then what -Wait and -Status ask for.
                var selector = Selector();
                var sync = CreateSyncTaskService();
                sync.Validate(selector);
                if (!string.IsNullOrEmpty(Status))
                    InputText.RequireAsciiToken(Status, "-Status", 32, "InvalidStatus", Cloud == CloudKind.Tencent ? "Running" : "Synchronizing");
                if (!string.IsNullOrEmpty(Status) && !Wait)
                    throw new DtsCrossAccountException("StatusWithoutWait", ErrorCategory.InvalidArgument,
                        "-Status is the status -Wait waits for; without -Wait it would be ignored.", "Status",
                        remedy: "Add -Wait, or filter what Get-DtsSyncTask lists with Where-Object Status -eq '" + Status + "'.");
                if (Wait && ParameterSetName == ListSet)
                    throw new DtsCrossAccountException("WaitWithoutTask", ErrorCategory.InvalidArgument,
                        "-Wait follows one task, but no task was named.", "Wait",
                        remedy: "Name the task with -Name or -TaskId, or pipe it in from New-DtsSyncTask -NoStart.");
                if (ParameterSetName == ListSet)
                {
                    foreach (var task in sync.Get(selector)) WriteObject(task);
                    return;
                }
                var found = sync.FindOne(selector) ?? throw sync.NotFound(selector);
                if (!Wait)
                {
                    WriteObject(found);
                    return;
                }
                SyncTask reached;
                try
                {
                    // Without -Status the service waits for the state the task settles in (its configuration decides).
                    reached = sync.WaitFor(found, Status, TimeoutSeconds);
                }
                catch (DtsCrossAccountException e) when (e.ErrorId == "SyncTaskWaitTimeout")
                {
                    // A script that waits must not go on as if the task had arrived: the timeout stops it.
                    ThrowTerminatingError(ToErrorRecord(e));
                    return;
                }
                WriteObject(reached);
            });
        }
    }
}
