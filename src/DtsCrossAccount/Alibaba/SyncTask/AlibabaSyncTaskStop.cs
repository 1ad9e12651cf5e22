using System;
using System.Collections.Generic;
using DtsCrossAccount.Core;
using DtsCrossAccount.Services;

namespace DtsCrossAccount.Alibaba
{
    /// <summary>
    /// Stop-DtsSyncTask for Alibaba: StopDtsJob, the documented "end a task" of DTS 2020-01-01 (doc 208677; SuspendDtsJob
    /// only pauses a task, which StartDtsJob resumes), then wait until the job is Finished.
    /// </summary>
    internal sealed class AlibabaSyncTaskStop
    {
        /// <summary>States of a task that runs (or is on its way to running) and can therefore be ended.</summary>
        internal static readonly HashSet<string> StoppableStates = new HashSet<string>(StringComparer.OrdinalIgnoreCase)
            { "Prechecking", "PreCheckPass", "Initializing", "Synchronizing", "Retrying", "Suspending" };

        private readonly AlibabaProvider _provider;
        private readonly ProviderContext _ctx;

        public AlibabaSyncTaskStop(AlibabaProvider provider, ProviderContext ctx)
        {
            _provider = provider;
            _ctx = ctx;
        }

        public ChangePlan<SyncTask> Plan(SyncTask task, int timeoutSeconds)
        {
            var reader = new AlibabaSyncTaskReader(_provider, _ctx);
            var dts = reader.Dts(task.Region);
            string target = "Alibaba DTS sync task " + task.TaskId + " ('" + task.Name + "') in " + task.Region;
            var job = dts.TryDescribeJob(task.TaskId) ?? throw SyncTaskMessages.Gone(CloudKind.Alibaba, task);
            var current = AlibabaSyncTaskReader.ToTask(job, task.Region, reader.CallerAccount);
            if (AlibabaDts.Eq(job.Status, "Finished")) return new ChangePlan<SyncTask>(target, current, null, null);
            if (!StoppableStates.Contains(job.Status))
                throw SyncTaskMessages.NotStoppable(CloudKind.Alibaba, current, "only a task that has been started (Prechecking, Initializing, Synchronizing, ...) can be ended");

            var changes = new List<string> { "End DTS job " + job.JobId + " (StopDtsJob) and wait until it is Finished" };
            return new ChangePlan<SyncTask>(target, current, changes, () =>
            {
                dts.StopJob(job.JobId);
                var after = new AlibabaSyncJobWaiter(_ctx, dts, timeoutSeconds)
                    .Until(job.JobId, "job " + job.JobId + " is Finished", j => j == null || AlibabaDts.Eq(j.Status, "Finished"), SyncTaskMessages.RerunStop(CloudKind.Alibaba, current));
                current.Status = after?.Status ?? "Finished";
                current.DelaySeconds = null;
                current.Changed = true;
                current.Changes = new[] { "Ended DTS job " + job.JobId };
                return current;
            }) { Caution = AlibabaSyncTaskReader.WhyStopIsNotSafe(job) };
        }
    }
}
