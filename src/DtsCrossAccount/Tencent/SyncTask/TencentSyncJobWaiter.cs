using System;
using System.Management.Automation;
using DtsCrossAccount.Core;
using DtsCrossAccount.Services;

namespace DtsCrossAccount.Tencent
{
    /// <summary>Waits, with progress, until a Tencent sync job reaches a state between the steps of a stop or a release.</summary>
    internal sealed class TencentSyncJobWaiter
    {
        private readonly ProviderContext _ctx;
        private readonly TencentDts _dts;
        private readonly int _timeoutSeconds;

        public TencentSyncJobWaiter(ProviderContext ctx, TencentDts dts, int timeoutSeconds)
        {
            _ctx = ctx;
            _dts = dts;
            _timeoutSeconds = timeoutSeconds;
        }

        /// <summary>Polls DescribeSyncJobs until <paramref name="reached"/> holds (it gets null once the job is no longer listed); returns the last answer.</summary>
        public TencentDts.SyncJob Until(string jobId, string what, Func<TencentDts.SyncJob, bool> reached, string rerun)
        {
            string activity = "DTS sync job " + jobId;
            TencentDts.SyncJob job = null;
            try
            {
                SyncTaskPoller.Until(_ctx.Reporter, _timeoutSeconds, () =>
                {
                    job = _dts.GetJob(jobId);
                    _ctx.Reporter.Progress(activity, "Waiting until " + what + ": " + (job == null ? "no longer listed" : job.Status + " / " + job.TradeStatus), -1, false);
                    return reached(job);
                }, () => new DtsCrossAccountException("SyncTaskWaitTimeout", ErrorCategory.OperationTimeout,
                    string.Format("Waited {0} s until {1}; sync job {2} is {3}.", _timeoutSeconds, what, jobId, job == null ? "no longer listed" : job.Status + " (billing " + job.TradeStatus + ")"),
                    jobId, remedy: rerun));
            }
            finally
            {
                _ctx.Reporter.Progress(activity, "Done", 100, true);
            }
            return job;
        }
    }
}
