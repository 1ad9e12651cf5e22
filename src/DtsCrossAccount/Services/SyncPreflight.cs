using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using DtsCrossAccount.Core;

namespace DtsCrossAccount.Services
{
    /// <summary>
    /// What is the same on both clouds about the read-only checks New-DtsSyncTask makes before it buys anything:
    /// a failure is one error carrying every failed check with its remedy (the CheckItems of Test-DtsCrossAccountAccess),
    /// and a pass is shown with the plan (-WhatIf, -Verbose).
    /// </summary>
    internal static class SyncPreflight
    {
        public const string FailedStatus = "PreflightFailed";

        /// <summary>Throws SyncTaskPreflightFailed (TargetObject: <paramref name="task"/> with the checks) when any check failed.</summary>
        public static void ThrowIfFailed(IReadOnlyList<CheckItem> checks, SyncTask task, string why)
        {
            var failed = checks.Where(c => c.Result == CheckResult.Failed).ToList();
            if (failed.Count == 0) return;
            task.Status = FailedStatus;
            task.Checks = checks.ToArray();
            task.Changed = false;
            task.Changes = new string[0];
            var category = failed.Any(c => c.Name.EndsWith("AssumeRole") || c.Name.EndsWith("Authorized")) ? ErrorCategory.PermissionDenied
                : failed.Any(c => c.Name.EndsWith("Instance")) ? ErrorCategory.ObjectNotFound
                : ErrorCategory.InvalidArgument;
            throw new DtsCrossAccountException("SyncTaskPreflightFailed", category,
                string.Format("The checks before buying DTS sync task '{0}' failed {1} of {2}; nothing was bought or changed. {3}{4} " +
                              "Fix these and run the same New-DtsSyncTask command again (the SyncTask in the output lists every check).",
                    task.Name, failed.Count, checks.Count, why,
                    string.Join(" ", failed.Select(f => "[" + f.Name + "] " + f.Message + (string.IsNullOrEmpty(f.Remedy) ? "" : " Fix: " + f.Remedy)))),
                task);
        }

        /// <summary>
        /// Runs a plan's writes and puts the checks before buying first in the resulting SyncTask's Checks (also on the
        /// task carried by a failure), followed by the cloud's own verification items.
        /// </summary>
        public static SyncTask WithChecks(IReadOnlyList<CheckItem> checks, System.Func<SyncTask> apply)
        {
            if (checks == null || checks.Count == 0) return apply();
            try
            {
                var task = apply();
                if (task != null) task.Checks = checks.Concat(task.Checks ?? new CheckItem[0]).ToArray();
                return task;
            }
            catch (DtsCrossAccountException e) when (e.Target is SyncTask failed)
            {
                failed.Checks = checks.Concat(failed.Checks ?? new CheckItem[0]).ToArray();
                throw;
            }
        }

        /// <summary>A concurrent run bought a task of this name between this run's plan and its purchase: nothing was bought.</summary>
        public static DtsCrossAccountException CreatedConcurrently(string name, string found) =>
            new DtsCrossAccountException("SyncTaskCreatedConcurrently", ErrorCategory.ResourceBusy,
                string.Format("Another run created DTS sync task '{0}' ({1}) while this one was planning; this run bought nothing. " +
                              "Run the same New-DtsSyncTask command again (or wait for the other run) to continue with that task.", name, found), name);

        /// <summary>One line for the ShouldProcess text: which checks passed, which were skipped and why.</summary>
        public static string Summary(IReadOnlyList<CheckItem> checks)
        {
            if (checks == null || checks.Count == 0) return null;
            var passed = checks.Where(c => c.Result == CheckResult.Passed).Select(c => c.Name).ToList();
            var other = checks.Where(c => c.Result != CheckResult.Passed).Select(c => c.Name + " " + c.Result.ToString().ToLowerInvariant()).ToList();
            return "checks before buying: " + passed.Count + " of " + checks.Count + " passed (" + string.Join(", ", passed)
                   + (other.Count == 0 ? "" : "; " + string.Join(", ", other)) + ")";
        }
    }
}
