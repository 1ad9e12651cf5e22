using System;
using System.Collections.Generic;
using System.Management.Automation;
using DtsCrossAccount.Core;
using DtsCrossAccount.Services;

namespace DtsCrossAccount.Alibaba
{
    /// <summary>
    /// Remove-DtsSyncTask for Alibaba: DeleteDtsJob releases the instance of a pay-as-you-go task, then the job is read
    /// until DTS no longer finds it. A subscription (PrePaid) instance cannot be released by API (DeleteDtsJob doc:
    /// unsubscribe instead), so it is refused with what to do, before any write.
    /// </summary>
    internal sealed class AlibabaSyncTaskRelease
    {
        private readonly AlibabaProvider _provider;
        private readonly ProviderContext _ctx;

        public AlibabaSyncTaskRelease(AlibabaProvider provider, ProviderContext ctx)
        {
            _provider = provider;
            _ctx = ctx;
        }

        public ChangePlan<SyncTask> Plan(SyncTask task, int timeoutSeconds)
        {
            var reader = new AlibabaSyncTaskReader(_provider, _ctx);
            var dts = reader.Dts(task.Region);
            string target = "Alibaba DTS sync task " + task.TaskId + " ('" + task.Name + "') in " + task.Region;
            var job = dts.TryDescribeJob(task.TaskId);
            if (job == null)
            {
                task.Status = "Released";
                task.Changed = false;
                task.Changes = Array.Empty<string>();
                return new ChangePlan<SyncTask>(target, task, null, null);
            }
            var current = AlibabaSyncTaskReader.ToTask(job, task.Region, reader.CallerAccount);
            if (job.PayType == "PrePaid")
                throw SyncTaskMessages.Subscription(CloudKind.Alibaba, current,
                    "Unsubscribe the instance in the Alibaba Cloud console (Expenses > Orders > Unsubscribe, or the DTS console's instance list: More > Unsubscribe), "
                    + "or turn off auto-renewal and let it expire; then run Remove-DtsSyncTask -Cloud Alibaba -Region " + task.Region + " -TaskId " + task.TaskId + " to confirm it is gone.");
            bool running = AlibabaSyncTaskStop.StoppableStates.Contains(job.Status);
            string what = string.IsNullOrEmpty(job.InstanceId) ? "job " + job.JobId + " (configured, no instance bought)" : "instance " + job.InstanceId + " of job " + job.JobId;
            var changes = new List<string> { "Release " + what + " (DeleteDtsJob, " + job.Status + ") and wait until DTS no longer finds it" };
            return new ChangePlan<SyncTask>(target, current, changes, () =>
            {
                var done = new List<string>();
                try
                {
                    dts.DeleteJob(job.JobId);
                    done.Add("Released " + what);
                    new AlibabaSyncJobWaiter(_ctx, dts, timeoutSeconds)
                        .Until(job.JobId, "job " + job.JobId + " is released", j => j == null, SyncTaskMessages.RerunRemove(CloudKind.Alibaba, current));
                }
                catch (Exception e) when (DtsCrossAccountException.IsFailedCall(e))
                {
                    current.Changed = done.Count > 0;
                    current.Changes = done.ToArray();
                    string rerun = SyncTaskMessages.RerunRemove(CloudKind.Alibaba, current);
                    throw new DtsCrossAccountException("SyncTaskReleaseInterrupted", (e as DtsCrossAccountException)?.Category ?? ErrorCategory.ConnectionError,
                        string.Format("The release of Alibaba DTS job {0} ('{1}') stopped: {2} Done so far: {3}.", job.JobId, task.Name, DtsCrossAccountException.Quote(e, rerun),
                            done.Count == 0 ? "nothing" : string.Join("; ", done)),
                        current, e, remedy: rerun);
                }
                current.Status = "Released";
                current.DelaySeconds = null;
                current.Changed = true;
                current.Changes = done.ToArray();
                return current;
            }) { Caution = running ? AlibabaSyncTaskReader.WhyStopIsNotSafe(job) : null };
        }
    }
}
