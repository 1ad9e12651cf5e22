using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using DtsCrossAccount.Json;
using DtsCrossAccount.Services;

namespace DtsCrossAccount.Alibaba
{
    /// <summary>
    /// Get-DtsSyncTask for Alibaba: DescribeDtsJobDetail by DtsJobId, DescribeDtsJobs (JobType=SYNC) by exact name or
    /// all, mapped to SyncTask with status, progress, delay, billing and each endpoint's cross-account fields
    /// (AliyunUid, RoleName: V3.2).
    /// </summary>
    internal sealed class AlibabaSyncTaskReader
    {
        private readonly AlibabaProvider _provider;
        private readonly ProviderContext _ctx;

        public AlibabaSyncTaskReader(AlibabaProvider provider, ProviderContext ctx)
        {
            _provider = provider;
            _ctx = ctx;
        }

        internal AlibabaDts Dts(string region) => new AlibabaDts(_provider.Client(_ctx.Credential), region);

        internal string CallerAccount => _provider.GetCallerIdentity(_ctx.Credential).AccountId;

        public IReadOnlyList<SyncTask> Read(SyncTaskSelector selector)
        {
            var dts = Dts(selector.Region);
            List<AlibabaDtsJob> jobs;
            if (!string.IsNullOrEmpty(selector.TaskId))
            {
                var job = dts.TryDescribeJob(selector.TaskId);
                jobs = job == null ? new List<AlibabaDtsJob>() : new List<AlibabaDtsJob> { job };
                if (!string.IsNullOrEmpty(selector.Name)) jobs = jobs.Where(j => j.Name == selector.Name).ToList();
            }
            else
            {
                jobs = dts.ListSyncJobs(string.IsNullOrEmpty(selector.Name) ? null : selector.Name);
            }
            string caller = jobs.Count == 0 ? null : CallerAccount;
            return jobs.Select(j => ToTask(j, selector.Region, caller)).ToList();
        }

        internal static bool IsSynchronizing(AlibabaDtsJob job) => AlibabaDts.Eq(job.Status, "Synchronizing");

        /// <summary>
        /// Whether the job was configured with incremental sync (DescribeDtsJobDetail / DescribeDtsJobs MigrationMode
        /// DataSynchronization). Only an explicit false counts as without: a job not configured yet, or an answer without
        /// MigrationMode, keeps the default of New-DtsSyncTask (incremental sync on).
        /// </summary>
        internal static bool HasIncrementalSync(AlibabaDtsJob job) =>
            !AlibabaDts.Eq(AlibabaDts.Str(AlibabaDts.Obj(job.Raw, "MigrationMode"), "DataSynchronization"), "false");

        /// <summary>Ending a task is safe once it synchronizes with no delay: the destination has caught up.</summary>
        internal static string WhyStopIsNotSafe(AlibabaDtsJob job)
        {
            if (!IsSynchronizing(job))
                return string.Format("DTS job {0} is {1}, not Synchronizing with zero delay, so the destination may not hold all the data yet", job.JobId, job.Status);
            if (job.DelayMs == null || job.DelayMs < 0)
                return string.Format("DTS job {0} does not report its delay, so it cannot be shown that the destination has caught up", job.JobId);
            if (job.DelayMs > 0)
                return string.Format("DTS job {0} is {1} s behind the source; the destination has not caught up yet", job.JobId, (job.DelayMs.Value / 1000.0).ToString("0.###", CultureInfo.InvariantCulture));
            return null;
        }

        internal static SyncTask ToTask(AlibabaDtsJob j, string region, string callerAccount)
        {
            var src = AlibabaDts.Obj(j.Raw, "SourceEndpoint");
            var dst = AlibabaDts.Obj(j.Raw, "DestinationEndpoint");
            string srcOwner = AlibabaDts.Str(src, "AliyunUid");
            string dstOwner = AlibabaDts.Str(dst, "AliyunUid");
            return new SyncTask
            {
                Cloud = nameof(CloudKind.Alibaba),
                TaskId = j.JobId,
                InstanceId = string.IsNullOrEmpty(j.InstanceId) ? null : j.InstanceId,
                Name = j.Name,
                Region = region,
                Status = IsSynchronizing(j) ? "Synchronizing" : j.Status,
                RunningStatus = AlibabaSyncSpec.RunningStatusOf(HasIncrementalSync(j)),
                Progress = Percent(j),
                // Two-way: the reverse direction lives on the same instance, listed under the forward job (ReverseJob).
                ReverseTaskId = j.Reverse?.JobId,
                ReverseStatus = j.Reverse?.Status,
                DelaySeconds = IsSynchronizing(j) && j.DelayMs >= 0 ? j.DelayMs / 1000.0 : null,
                BillingMethod = j.PayType == "PrePaid" ? "Subscription" : j.PayType == "PostPaid" ? "PayAsYouGo" : j.PayType,
                SourceAccountId = string.IsNullOrEmpty(srcOwner) ? callerAccount : srcOwner,
                SourceInstanceId = j.SourceInstanceId,
                SourceRegion = j.SourceRegion,
                SourceEngine = j.SourceEngine,
                SourceRoleName = NullIfEmpty(AlibabaDts.Str(src, "RoleName")),
                DestinationAccountId = string.IsNullOrEmpty(dstOwner) ? callerAccount : dstOwner,
                DestinationInstanceId = j.DestinationInstanceId,
                DestinationRegion = j.DestinationRegion,
                DestinationEngine = j.DestinationEngine,
                DestinationRoleName = NullIfEmpty(AlibabaDts.Str(dst, "RoleName")),
                Checks = Array.Empty<CheckItem>(),
                Changed = false,
                Changes = Array.Empty<string>(),
            };
        }

        /// <summary>The percent of the module that runs now: incremental sync once synchronizing, else the initial load.</summary>
        private static int? Percent(AlibabaDtsJob j)
        {
            var module = AlibabaDts.Obj(j.Raw, IsSynchronizing(j) ? "DataSynchronizationStatus" : "DataInitializationStatus");
            string text = AlibabaDts.Str(module, "Percent");
            return int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var p) ? (int?)Math.Max(0, Math.Min(100, p)) : null;
        }

        private static string NullIfEmpty(string s) => string.IsNullOrEmpty(s) ? null : s;
    }
}
