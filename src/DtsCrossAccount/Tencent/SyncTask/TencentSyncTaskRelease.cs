using System;
using System.Collections.Generic;
using System.Management.Automation;
using DtsCrossAccount.Core;
using DtsCrossAccount.Services;

namespace DtsCrossAccount.Tencent
{
    /// <summary>
    /// Remove-DtsSyncTask for Tencent: StopSyncJob (if started) → IsolateSyncJob → DestroySyncJob, waiting between them
    /// for the state the next call needs (docs 571/51786, 571/82101, 571/82102). Each step reads the job first, so a
    /// re-run after a fault finishes the release from where it stopped; a job never billed is deleted at isolation.
    /// </summary>
    internal sealed class TencentSyncTaskRelease
    {
        private static readonly HashSet<string> GoneStatuses = new HashSet<string> { "Released" };
        private static readonly HashSet<string> TransientStatuses = new HashSet<string> { "Checking", "Stopping", "Pausing", "Resuming", "Resetting" };

        private readonly TencentProvider _provider;

        public TencentSyncTaskRelease(TencentProvider provider)
        {
            _provider = provider;
        }

        private static bool Gone(TencentDts.SyncJob j) => j == null || GoneStatuses.Contains(j.Status) || j.TradeStatus == "Offlined";

        public ChangePlan<SyncTask> Plan(SyncTask task, int timeoutSeconds)
        {
            var reader = new TencentSyncTaskReader(_provider);
            var dts = reader.Dts(task.Region);
            string target = "Tencent DTS sync task " + task.TaskId + " ('" + task.Name + "') in " + task.Region;
            var job = dts.GetJob(task.TaskId);
            string caller = _provider.GetCallerIdentity(_provider.Context.Credential).AccountId;
            if (Gone(job))
            {
                var released = job == null ? task : TencentSyncTaskReader.ToTask(job, task.Region, caller);
                released.Status = "Released";
                released.Changed = false;
                released.Changes = Array.Empty<string>();
                return new ChangePlan<SyncTask>(target, released, null, null);
            }
            var current = TencentSyncTaskReader.ToTask(job, task.Region, caller);
            bool isolated = job.TradeStatus == "Isolated" || job.TradeStatus == "Isolating" || job.TradeStatus == "Offlining";
            // A job being paused or resumed (in the console) settles in a state StopSyncJob accepts, so it will be stopped too.
            bool stop = !isolated && (TencentSyncTaskStop.StoppableStates.Contains(job.Status) || job.Status == "Pausing" || job.Status == "Resuming");
            var changes = new List<string>();
            if (stop) changes.Add("Stop sync job " + job.JobId + " (" + job.Status + ", StopSyncJob) and wait until it is Stopped");
            if (!isolated) changes.Add("Isolate sync job " + job.JobId + " (IsolateSyncJob; billing stops, a job never billed is deleted at once)");
            changes.Add("Destroy sync job " + job.JobId + " (DestroySyncJob) and wait until DescribeSyncJobs no longer lists it");

            return new ChangePlan<SyncTask>(target, current, changes, () =>
            {
                if (job.PayMode == "PrePay")
                    _provider.Context.Reporter.Warning("Sync job " + job.JobId + " is a subscription (prepaid) job: isolating it ends the subscription before it expires; what is refunded follows Tencent Cloud's refund rules for DTS.");
                var done = new List<string>();
                try
                {
                    Release(dts, current, timeoutSeconds, done);
                }
                catch (Exception e) when (DtsCrossAccountException.IsFailedCall(e))
                {
                    string rerun = SyncTaskMessages.RerunRemove(CloudKind.Tencent, current);
                    // Where the job was left is found out by reading, never guessed: a step whose answer was lost may
                    // have taken effect, and a job no longer listed has been released, whatever the error said.
                    var (read, now) = dts.TryGetJob(job.JobId);
                    if (read && Gone(now))
                    {
                        _provider.Context.Reporter.Verbose("Sync job " + job.JobId + " is no longer listed after this error, so it is released: " + DtsCrossAccountException.Quote(e, rerun));
                        done.Add("Released sync job " + job.JobId + " (the last step's answer was lost; DescribeSyncJobs no longer lists the job)");
                    }
                    else
                    {
                        var left = now == null ? current : TencentSyncTaskReader.ToTask(now, task.Region, caller);
                        left.Changed = done.Count > 0;
                        left.Changes = done.ToArray();
                        throw new DtsCrossAccountException("SyncTaskReleaseInterrupted", (e as DtsCrossAccountException)?.Category ?? ErrorCategory.ConnectionError,
                            string.Format("The release of Tencent sync job {0} ('{1}') stopped with the job {2}: {3} Done so far: {4}.", job.JobId, task.Name,
                                now == null ? "in a state that could not be read" : now.Status + " (billing " + now.TradeStatus + ")", DtsCrossAccountException.Quote(e, rerun),
                                done.Count == 0 ? "nothing" : string.Join("; ", done)),
                            left, e, remedy: rerun);
                    }
                }
                current.Status = "Released";
                current.BillingStatus = null;
                current.DelaySeconds = null;
                current.Changed = done.Count > 0;
                current.Changes = done.ToArray();
                return current;
            }) { Caution = stop ? TencentSyncTaskReader.WhyStopIsNotSafe(job) : null };
        }

        /// <summary>One state-driven loop: read, make the one call the state needs, wait for its effect, read again.</summary>
        private void Release(TencentDts dts, SyncTask task, int timeoutSeconds, List<string> done)
        {
            var wait = new TencentSyncJobWaiter(_provider.Context, dts, timeoutSeconds);
            string rerun = SyncTaskMessages.RerunRemove(CloudKind.Tencent, task);
            string id = task.TaskId;
            // The answer of the last wait is the job's state: the next step starts from it instead of reading it again.
            // The first step reads afresh, since the plan's read came before any -Confirm prompt.
            TencentDts.SyncJob known = null;
            bool fresh = false;
            for (int round = 0; round < 8; round++)
            {
                _provider.Context.Reporter.Cancellation.ThrowIfCancellationRequested();
                var job = fresh ? known : dts.GetJob(id);
                fresh = false;
                if (Gone(job)) return;
                if (job.TradeStatus == "Isolated")
                {
                    _provider.Context.Reporter.Verbose("Destroying isolated sync job " + id + ".");
                    dts.DestroySyncJob(id);
                    done.Add("Destroyed sync job " + id);
                    wait.Until(id, "job " + id + " is no longer listed", Gone, rerun);
                    return;
                }
                if (job.TradeStatus == "Isolating" || job.TradeStatus == "Offlining")
                {
                    known = wait.Until(id, "job " + id + " is isolated", j => Gone(j) || j.TradeStatus == "Isolated", rerun);
                    fresh = true;
                    continue;
                }
                if (TransientStatuses.Contains(job.Status))
                {
                    string from = job.Status;
                    known = wait.Until(id, "job " + id + " leaves " + from, j => Gone(j) || j.Status != from, rerun);
                    fresh = true;
                    continue;
                }
                if (TencentSyncTaskStop.StoppableStates.Contains(job.Status))
                {
                    _provider.Context.Reporter.Verbose("Stopping sync job " + id + " (" + job.Status + ").");
                    dts.StopSyncJob(id);
                    done.Add("Stopped sync job " + id);
                    known = wait.Until(id, "job " + id + " is Stopped", j => Gone(j) || j.Status == "Stopped", rerun);
                    fresh = true;
                    continue;
                }
                _provider.Context.Reporter.Verbose("Isolating sync job " + id + " (" + job.Status + ").");
                dts.IsolateSyncJob(id);
                done.Add("Isolated sync job " + id + (job.TradeStatus == "NotBilled" ? " (never billed: deleted at once)" : ""));
                known = wait.Until(id, "job " + id + " is isolated", j => Gone(j) || j.TradeStatus == "Isolated", rerun);
                fresh = true;
            }
            throw new DtsCrossAccountException("SyncTaskReleaseStuck", ErrorCategory.InvalidResult,
                "Sync job " + id + " did not reach a state that can be released after 8 steps.", id, remedy: rerun);
        }
    }
}
