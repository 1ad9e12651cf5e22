using System;
using System.Collections.Generic;
using System.Linq;
using DtsCrossAccount.Json;
using DtsCrossAccount.Services;

namespace DtsCrossAccount.Tencent
{
    /// <summary>
    /// Get-DtsSyncTask for Tencent: DescribeSyncJobs by JobId, by exact JobName (the filter may match fuzzily, V1.5) or
    /// all, mapped to SyncTask with status, progress, delay, billing and each endpoint's cross-account fields.
    /// </summary>
    internal sealed class TencentSyncTaskReader
    {
        private readonly TencentProvider _provider;

        public TencentSyncTaskReader(TencentProvider provider)
        {
            _provider = provider;
        }

        internal TencentDts Dts(string region) => new TencentDts(_provider.Client(_provider.Context.Credential), region);

        public IReadOnlyList<SyncTask> Read(SyncTaskSelector selector)
        {
            var dts = Dts(selector.Region);
            List<TencentDts.SyncJob> jobs;
            if (!string.IsNullOrEmpty(selector.TaskId))
            {
                var job = dts.GetJob(selector.TaskId);
                jobs = job == null ? new List<TencentDts.SyncJob>() : new List<TencentDts.SyncJob> { job };
                if (!string.IsNullOrEmpty(selector.Name)) jobs = jobs.Where(j => j.JobName == selector.Name).ToList();
            }
            else
            {
                jobs = dts.ListJobs(string.IsNullOrEmpty(selector.Name) ? null : selector.Name);
            }
            string caller = jobs.Count == 0 ? null : _provider.GetCallerIdentity(_provider.Context.Credential).AccountId;
            return jobs.Select(j => ToTask(j, selector.Region, caller)).ToList();
        }

        /// <summary>The guide: stop only once the sync is complete; the console's "End task" asks for a data gap of 0 MB and a lag of 0 s.</summary>
        internal static string WhyStopIsNotSafe(TencentDts.SyncJob job)
        {
            var detail = job.Info?.GetObject("Detail");
            long? lag = detail?.GetInt64("SecondsBehindMaster");
            long? gap = detail?.GetInt64("MasterSlaveDistance");
            if (job.Status != "Running")
                return string.Format("sync job {0} is {1}, not Running with zero lag, so the destination may not hold all the data yet", job.JobId, job.Status);
            if (lag == null || gap == null)
                return string.Format("sync job {0} does not report its lag, so it cannot be shown that the destination has caught up", job.JobId);
            if (lag > 0 || gap > 0)
                return string.Format("sync job {0} is {1} s ({2} bytes) behind the source; the destination has not caught up yet", job.JobId, lag, gap);
            return null;
        }

        internal static SyncTask ToTask(TencentDts.SyncJob j, string region, string callerAccount)
        {
            var detail = j.Info?.GetObject("Detail");
            var src = j.Info?.GetObject("SrcInfo");
            var dst = j.Info?.GetObject("DstInfo");
            long? progress = detail?.GetInt64("Progress");
            long? lag = detail?.GetInt64("SecondsBehindMaster");
            return new SyncTask
            {
                Cloud = nameof(CloudKind.Tencent),
                TaskId = j.JobId,
                InstanceId = j.JobId,
                Name = j.JobName,
                Region = region,
                Status = j.Status,
                // Tencent data sync always replicates incremental changes, so a started job settles in Running.
                RunningStatus = "Running",
                Progress = progress.HasValue ? (int?)Math.Max(0, Math.Min(100, progress.Value)) : null,
                DelaySeconds = j.Status == "Running" && lag.HasValue ? (double?)lag.Value : null,
                BillingMethod = BillingMethodOf(j.PayMode),
                BillingStatus = j.TradeStatus,
                SourceAccountId = Account(src, callerAccount),
                SourceInstanceId = j.SrcInstanceId,
                SourceRegion = j.SrcRegion,
                SourceEngine = j.SrcDatabaseType,
                SourceRoleName = IsOther(src) ? src.GetString("AccountRole") : null,
                DestinationAccountId = Account(dst, callerAccount),
                DestinationInstanceId = j.DstInstanceId,
                DestinationRegion = j.DstRegion,
                DestinationEngine = j.DstDatabaseType,
                DestinationRoleName = IsOther(dst) ? dst.GetString("AccountRole") : null,
                Checks = Array.Empty<CheckItem>(),
                Changed = false,
                Changes = Array.Empty<string>(),
            };
        }

        /// <summary>SyncTask.BillingMethod for a CreateSyncJob / DescribeSyncJobs PayMode; an unknown mode as the cloud sent it.</summary>
        internal static string BillingMethodOf(string payMode) =>
            payMode == "PrePay" ? "Subscription" : payMode == "PostPay" ? "PayAsYouGo" : payMode;

        private static bool IsOther(JsonObject endpoint) => endpoint?.GetString("AccountMode") == "other";

        // An unconfigured job has no endpoints yet: no account to report.
        private static string Account(JsonObject endpoint, string caller) =>
            endpoint == null ? null : IsOther(endpoint) ? endpoint.GetString("Account") : caller;
    }
}
