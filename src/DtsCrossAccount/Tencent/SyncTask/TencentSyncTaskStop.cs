using System.Collections.Generic;
using System.Management.Automation;
using DtsCrossAccount.Core;
using DtsCrossAccount.Services;

namespace DtsCrossAccount.Tencent
{
    /// <summary>
    /// Stop-DtsSyncTask for Tencent: StopSyncJob, then wait until Stopped. The guide: "ensure that data sync has been
    /// completed before stopping the task"; the console's End task asks for a data gap of 0 MB and a lag of 0 s.
    /// </summary>
    internal sealed class TencentSyncTaskStop
    {
        /// <summary>States StopSyncJob accepts (the job's Actions list "Stop" in them).</summary>
        internal static readonly HashSet<string> StoppableStates = new HashSet<string> { "Running", "ReadyRunning", "Paused", "ResumableErr" };

        private readonly TencentProvider _provider;

        public TencentSyncTaskStop(TencentProvider provider)
        {
            _provider = provider;
        }

        public ChangePlan<SyncTask> Plan(SyncTask task, int timeoutSeconds)
        {
            var reader = new TencentSyncTaskReader(_provider);
            var dts = reader.Dts(task.Region);
            string target = "Tencent DTS sync task " + task.TaskId + " ('" + task.Name + "') in " + task.Region;
            var job = dts.GetJob(task.TaskId);
            if (job == null) throw SyncTaskMessages.Gone(CloudKind.Tencent, task);
            var current = TencentSyncTaskReader.ToTask(job, task.Region, _provider.GetCallerIdentity(_provider.Context.Credential).AccountId);
            if (job.Status == "Stopped" || job.Status == "Stopping") return new ChangePlan<SyncTask>(target, current, null, null);
            if (!StoppableStates.Contains(job.Status))
                throw SyncTaskMessages.NotStoppable(CloudKind.Tencent, current, "only a started job (Running, ReadyRunning, Paused, ResumableErr) can be stopped");

            var changes = new List<string> { "Stop sync job " + job.JobId + " (StopSyncJob) and wait until it is Stopped" };
            return new ChangePlan<SyncTask>(target, current, changes, () =>
            {
                dts.StopSyncJob(job.JobId);
                var done = new List<string> { "Stopped sync job " + job.JobId };
                var after = new TencentSyncJobWaiter(_provider.Context, dts, timeoutSeconds)
                    .Until(job.JobId, "job " + job.JobId + " is Stopped", j => j == null || j.Status == "Stopped", SyncTaskMessages.RerunStop(CloudKind.Tencent, current));
                // No longer listed: released (by someone else) while the stop was under way.
                current.Status = after?.Status ?? "Released";
                current.DelaySeconds = null;
                current.Changed = true;
                current.Changes = done.ToArray();
                return current;
            }) { Caution = TencentSyncTaskReader.WhyStopIsNotSafe(job) };
        }
    }
}
