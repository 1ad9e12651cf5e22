using System;
using System.Management.Automation;
using DtsCrossAccount.Core;
using DtsCrossAccount.Services;

namespace DtsCrossAccount.Alibaba
{
    /// <summary>Waits, with progress, until an Alibaba DTS job reaches a state (or is no longer found) after a stop or a release.</summary>
    internal sealed class AlibabaSyncJobWaiter
    {
        private readonly ProviderContext _ctx;
        private readonly AlibabaDts _dts;
        private readonly int _timeoutSeconds;

        public AlibabaSyncJobWaiter(ProviderContext ctx, AlibabaDts dts, int timeoutSeconds)
        {
            _ctx = ctx;
            _dts = dts;
            _timeoutSeconds = timeoutSeconds;
        }

        /// <summary>Polls DescribeDtsJobDetail until <paramref name="reached"/> holds (null = the job is no longer found).</summary>
        public AlibabaDtsJob Until(string jobId, string what, Func<AlibabaDtsJob, bool> reached, string rerun)
        {
            string activity = "DTS job " + jobId;
            AlibabaDtsJob job = null;
            try
            {
                SyncTaskPoller.Until(_ctx.Reporter, _timeoutSeconds, () =>
                {
                    job = _dts.TryDescribeJob(jobId);
                    _ctx.Reporter.Progress(activity, "Waiting until " + what + ": " + (job == null ? "no longer found" : job.Status), -1, false);
                    return reached(job);
                }, () => new DtsCrossAccountException("SyncTaskWaitTimeout", ErrorCategory.OperationTimeout,
                    string.Format("Waited {0} s until {1}; DTS job {2} is {3}.", _timeoutSeconds, what, jobId, job == null ? "no longer found" : job.Status),
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
