using System;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using System.Text.RegularExpressions;
using DtsCrossAccount.Core;

namespace DtsCrossAccount.Services
{
    /// <summary>
    /// The cloud-neutral half of Get-, Stop- and Remove-DtsSyncTask: checks the selector with no call, finds exactly one
    /// task (by ID, or by exact name), waits for a status with progress, and turns "not there" into the answer each
    /// verb needs (Get: not found; Stop: not found; Remove: nothing to do).
    /// </summary>
    internal sealed class SyncTaskService
    {
        // DTS task IDs of both clouds (sync-xxxxxxxx, l3m1213ye7l…) are ASCII letters, digits, '-' and '_'.
        private static readonly Regex TaskIdPattern = InputText.Whole("[A-Za-z0-9][A-Za-z0-9_-]{0,63}");
        private readonly CrossAccountService _service;
        private readonly ProviderContext _ctx;

        public SyncTaskService(CrossAccountService service, ProviderContext ctx)
        {
            _service = service;
            _ctx = ctx;
        }

        private ICloudProvider Provider => _service.Provider;

        /// <summary>Every refusal that needs no call.</summary>
        public void Validate(SyncTaskSelector selector)
        {
            if (string.IsNullOrEmpty(selector.Region))
                throw new DtsCrossAccountException("SyncTaskRegionMissing", ErrorCategory.InvalidArgument,
                    "The region of the sync task is not known.", "Region",
                    remedy: "Give -Region (the region the task was created in, for example " + (Provider.Cloud == CloudKind.Tencent ? "ap-guangzhou" : "cn-hangzhou")
                            + "), or pipe in the task from New-DtsSyncTask or Get-DtsSyncTask.");
            Provider.ValidateRegion(selector.Region, "-Region");
            if (!string.IsNullOrEmpty(selector.TaskId) && !TaskIdPattern.IsMatch(selector.TaskId))
                throw new DtsCrossAccountException("InvalidTaskId", ErrorCategory.InvalidArgument,
                    string.Format("-TaskId '{0}' is not a DTS task ID: task IDs are 1 to 64 ASCII letters, digits, '-' and '_' (for example sync-abcd1234 or l3m1213ye7l1a2b).{1}",
                        InputText.Show(selector.TaskId), InputText.WhatIsWrong(selector.TaskId, 64)), selector.TaskId,
                    remedy: "Copy the ID from the TaskId column of Get-DtsSyncTask, or select the task by -Name.");
            if (!string.IsNullOrEmpty(selector.Name)) Provider.ValidateTaskName(selector.Name, "-Name");
        }

        public IReadOnlyList<SyncTask> Get(SyncTaskSelector selector)
        {
            Validate(selector);
            return Provider.GetSyncTasks(selector);
        }

        /// <summary>The one task the selector names, or null when there is none.</summary>
        public SyncTask FindOne(SyncTaskSelector selector)
        {
            var found = Get(selector);
            if (found.Count > 1)
                throw new DtsCrossAccountException("SyncTaskNameAmbiguous", ErrorCategory.InvalidArgument,
                    string.Format("{0} {1} sync tasks in {2} are named '{3}': {4}.", found.Count, Provider.Cloud, selector.Region, selector.Name,
                        string.Join(", ", found.Select(t => t.TaskId + " (" + t.Status + ")"))), selector.Name,
                    remedy: "Select one by -TaskId, for example: Get-DtsSyncTask -Cloud " + Provider.Cloud + " -Region " + selector.Region + " -TaskId " + found[0].TaskId);
            return found.FirstOrDefault();
        }

        public DtsCrossAccountException NotFound(SyncTaskSelector selector) =>
            new DtsCrossAccountException("SyncTaskNotFound", ErrorCategory.ObjectNotFound,
                string.Format("No {0} sync task {1} exists in {2} for account {3} (a released task is no longer listed).",
                    Provider.Cloud, !string.IsNullOrEmpty(selector.TaskId) ? selector.TaskId : "named '" + selector.Name + "'", selector.Region, _service.Caller.AccountId),
                !string.IsNullOrEmpty(selector.TaskId) ? selector.TaskId : selector.Name,
                remedy: "List the tasks of the region with: Get-DtsSyncTask -Cloud " + Provider.Cloud + " -Region " + selector.Region
                        + " (check -Region, and that -ProfileName names the account that created the task).");

        /// <summary>
        /// Polls the task until its status is <paramref name="status"/> (case-insensitive), with progress; a clear error on
        /// timeout. With no status, waits for the status the task settles in once started, which its provider read from the
        /// task's configuration (<see cref="SyncTask.RunningStatus"/>).
        /// </summary>
        public SyncTask WaitFor(SyncTask task, string status, int timeoutSeconds)
        {
            if (string.IsNullOrEmpty(status))
                status = task.RunningStatus ?? throw new InvalidOperationException("The " + Provider.Cloud + " reader did not say which status task " + task.TaskId + " settles in.");
            string activity = "Waiting for DTS sync task " + task.TaskId;
            var selector = new SyncTaskSelector { TaskId = task.TaskId, Region = task.Region };
            var current = task;
            var started = _ctx.Clock.UtcNow;
            try
            {
                SyncTaskPoller.Until(_ctx, timeoutSeconds, () =>
                {
                    current = Provider.GetSyncTasks(selector).FirstOrDefault()
                        ?? throw new DtsCrossAccountException("SyncTaskGone", ErrorCategory.ObjectNotFound,
                            string.Format("{0} sync task {1} ('{2}') was released while waiting for status '{3}'.", Provider.Cloud, task.TaskId, task.Name, status), task.TaskId,
                            remedy: "Create it again with New-DtsSyncTask, or list what exists with Get-DtsSyncTask -Cloud " + Provider.Cloud + " -Region " + task.Region + ".");
                    int elapsed = (int)(_ctx.Clock.UtcNow - started).TotalSeconds;
                    _ctx.Reporter.Progress(activity, string.Format("'{0}' is {1}{2}; waiting for {3} ({4} of at most {5} s)", current.Name, current.Status,
                            current.Progress.HasValue ? " " + current.Progress + "%" : "", status, elapsed, timeoutSeconds),
                        current.Progress ?? -1, false);
                    return string.Equals(current.Status, status, StringComparison.OrdinalIgnoreCase);
                }, () => new DtsCrossAccountException("SyncTaskWaitTimeout", ErrorCategory.OperationTimeout,
                    string.Format("Waited {0} s for {1} sync task {2} ('{3}') to reach status '{4}'; it is '{5}'.", timeoutSeconds, Provider.Cloud, task.TaskId, task.Name, status, current.Status),
                    current,
                    remedy: "Run Get-DtsSyncTask -Cloud " + Provider.Cloud + " -Region " + task.Region + " -TaskId " + task.TaskId + " -Wait -Status " + status
                            + " -TimeoutSeconds " + Math.Min(86400, timeoutSeconds * 2) + " to keep waiting, or look at the task in the DTS console if it does not move."));
            }
            finally
            {
                _ctx.Reporter.Progress(activity, "Done", 100, true);
            }
            return current;
        }

        public ChangePlan<SyncTask> PlanStop(SyncTaskSelector selector)
        {
            var task = FindOne(selector) ?? throw NotFound(selector);
            return Provider.PlanStopSyncTask(task, selector.TimeoutSeconds);
        }

        /// <summary>A task that is not there (never made, or already released) is nothing to do: Changed = false, Status NotFound.</summary>
        public ChangePlan<SyncTask> PlanRemove(SyncTaskSelector selector)
        {
            var task = FindOne(selector);
            if (task == null)
            {
                _ctx.Reporter.Verbose(string.Format("No {0} sync task {1} in {2}: nothing to release (already released, or never created).",
                    Provider.Cloud, !string.IsNullOrEmpty(selector.TaskId) ? selector.TaskId : "named '" + selector.Name + "'", selector.Region));
                var absent = new SyncTask
                {
                    Cloud = Provider.Cloud.ToString(), TaskId = selector.TaskId, Name = selector.Name, Region = selector.Region,
                    Status = "NotFound", Checks = Array.Empty<CheckItem>(), Changed = false, Changes = Array.Empty<string>(),
                };
                return new ChangePlan<SyncTask>(Provider.Cloud + " sync " + selector + " in " + selector.Region, absent, null, null);
            }
            return Provider.PlanRemoveSyncTask(task, selector.TimeoutSeconds);
        }
    }
}
