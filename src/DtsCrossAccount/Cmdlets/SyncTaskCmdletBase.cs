using System.Management.Automation;
using DtsCrossAccount.Services;

namespace DtsCrossAccount.Cmdlets
{
    /// <summary>
    /// What Get-, Stop- and Remove-DtsSyncTask share: the task selected by -Name, -TaskId or a SyncTask from the pipeline
    /// (New-DtsSyncTask or Get-DtsSyncTask output), whose Cloud, Region and TaskId bind by property name.
    /// </summary>
    public abstract class SyncTaskCmdletBase : DtsCmdletBase
    {
        protected const string ByName = "ByName";
        protected const string ById = "ById";
        protected const string ByInputObject = "InputObject";

        /// <summary>The task's exact name (-Name of New-DtsSyncTask).</summary>
        [Parameter(ParameterSetName = ByName, Mandatory = true, Position = 0, HelpMessage = "The sync task's name, as given to New-DtsSyncTask -Name.")]
        [ValidateNotNullOrEmpty]
        [ArgumentCompleter(typeof(SyncTaskNameCompleter))]
        public string Name { get; set; }

        /// <summary>Tencent job ID (sync-…) or Alibaba DtsJobId.</summary>
        [Parameter(ParameterSetName = ById, Mandatory = true, ValueFromPipelineByPropertyName = true, HelpMessage = "The task ID: Tencent job ID (sync-...) or Alibaba DtsJobId.")]
        [ValidateNotNullOrEmpty]
        public string TaskId { get; set; }

        /// <summary>A task written by New-DtsSyncTask or Get-DtsSyncTask.</summary>
        [Parameter(ParameterSetName = ByInputObject, Mandatory = true, ValueFromPipeline = true)]
        [ValidateNotNull]
        public SyncTask InputObject { get; set; }

        /// <summary>The region the task lives in; a piped task brings its own.</summary>
        [Parameter(ValueFromPipelineByPropertyName = true)]
        [ValidateNotNullOrEmpty]
        [ArgumentCompleter(typeof(RegionCompleter))]
        public override string Region { get; set; }

        /// <summary>The selector of this pipeline item (a piped task is found by its ID; by its name when it has no ID yet).</summary>
        internal SyncTaskSelector Selector()
        {
            var selector = new SyncTaskSelector { Region = Region };
            switch (ParameterSetName)
            {
                case ByName:
                    selector.Name = Name;
                    break;
                case ById:
                    selector.TaskId = TaskId;
                    break;
                case ByInputObject:
                    if (!string.IsNullOrEmpty(InputObject.TaskId)) selector.TaskId = InputObject.TaskId;
                    else selector.Name = InputObject.Name;
                    selector.Region = Region ?? InputObject.Region;
                    break;
            }
            return selector;
        }

        internal SyncTaskService CreateSyncTaskService()
        {
            var ctx = CreateContext();
            return new SyncTaskService(CreateService(ctx), ctx);
        }

        /// <summary>
        /// Stop and Remove: a plan with a Caution (a stop the guide does not call safe yet) is refused without -Force;
        /// with -Force the user is asked (ShouldContinue) unless -Confirm:$false was given. -WhatIf always wins.
        /// </summary>
        internal SyncTask ApplyCautiously(Core.ChangePlan<SyncTask> plan, bool force, string verb, string question)
        {
            if (!plan.HasChanges)
            {
                WriteVerbose("Nothing to change: " + plan.Target + " is already as requested.");
                return plan.Current;
            }
            if (plan.Caution != null && !force)
                throw SyncTaskMessages.StopNotSafe(Cloud, plan.Current, plan.Caution, verb);
            foreach (var change in plan.Changes) WriteVerbose("Plan: " + change);
            if (!ShouldProcess(plan.Target, plan.Describe())) return null;
            if (plan.Caution != null && !ConfirmSkipped()
                && !ShouldContinue(char.ToUpperInvariant(plan.Caution[0]) + plan.Caution.Substring(1) + ". " + question, verb + ": the task has not caught up"))
                return null;
            try
            {
                return plan.Apply();
            }
            catch (Core.DtsCrossAccountException e) when (e.Target is SyncTask left)
            {
                // What was done before the fault (Changes) is part of the answer, then the error with how to finish.
                WriteObject(left);
                throw;
            }
        }

        private bool ConfirmSkipped() =>
            MyInvocation.BoundParameters.TryGetValue("Confirm", out var confirm) && confirm is SwitchParameter s && !s.IsPresent;
    }
}
