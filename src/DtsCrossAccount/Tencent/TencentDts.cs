using System;
using System.Collections.Generic;
using System.Linq;
using DtsCrossAccount.Core;
using DtsCrossAccount.Json;
using DtsCrossAccount.Transport;

namespace DtsCrossAccount.Tencent
{
    /// <summary>The DTS 2021-12-06 data-sync actions the module uses (cloud-apis.md section 4, V1.3–V1.5).</summary>
    internal sealed class TencentDts
    {
        private const string Service = "dts";
        public const string Version = "2021-12-06";
        private readonly TencentApiClient _client;
        private readonly string _region;

        public TencentDts(TencentApiClient client, string region)
        {
            _client = client;
            _region = region;
        }

        public sealed class SyncJob
        {
            public string JobId;
            public string JobName;
            public string Status;
            public string TradeStatus;
            public string SrcInstanceId;
            public string DstInstanceId;
            public string SrcRegion;
            public string DstRegion;
            public string SrcDatabaseType;
            public string DstDatabaseType;
            public string PayMode;
            /// <summary>The SyncJobInfo as DescribeSyncJobs answered (endpoints without secrets, Objects, Options).</summary>
            public JsonObject Info;
        }

        // Jobs in these billing states are gone or going; a new job with the same name may be bought.
        private static readonly HashSet<string> GoneTradeStates = new HashSet<string>(StringComparer.Ordinal)
            { "Isolating", "Isolated", "Offlining", "Offlined" };

        /// <summary>Live jobs whose name is exactly <paramref name="jobName"/> (JobName may match fuzzily: V1.5).</summary>
        public List<SyncJob> FindJobsByName(string jobName)
        {
            var jobs = new List<SyncJob>();
            for (int offset = 0; ; offset += 100)
            {
                var r = _client.Call(Service, Version, "DescribeSyncJobs",
                    new JsonObject().Set("JobName", jobName).Set("Offset", offset).Set("Limit", 100), _region);
                var items = r.GetObjects("JobList").ToList();
                jobs.AddRange(items.Select(ToJob));
                long total = r.GetInt64("TotalCount") ?? 0;
                if (items.Count < 100 || offset + items.Count >= total) break;
            }
            return jobs.Where(j => string.Equals(j.JobName, jobName, StringComparison.Ordinal)
                                   && j.Status != "Released" && !GoneTradeStates.Contains(j.TradeStatus ?? "")).ToList();
        }

        /// <summary>Every job DescribeSyncJobs lists for the caller (paged), optionally only those whose name is exactly <paramref name="jobName"/>.</summary>
        public List<SyncJob> ListJobs(string jobName = null)
        {
            var jobs = new List<SyncJob>();
            for (int offset = 0; ; offset += 100)
            {
                var request = new JsonObject().Set("Offset", offset).Set("Limit", 100);
                if (!string.IsNullOrEmpty(jobName)) request.Set("JobName", jobName);
                var r = _client.Call(Service, Version, "DescribeSyncJobs", request, _region);
                var items = r.GetObjects("JobList").ToList();
                jobs.AddRange(items.Select(ToJob));
                long total = r.GetInt64("TotalCount") ?? 0;
                if (items.Count < 100 || offset + items.Count >= total) break;
            }
            return jobName == null ? jobs : jobs.Where(j => string.Equals(j.JobName, jobName, StringComparison.Ordinal)).ToList();
        }

        public void StopSyncJob(string jobId) =>
            _client.Call(Service, Version, "StopSyncJob", new JsonObject().Set("JobId", jobId), _region, idempotent: false);

        /// <summary>Isolates a billed job; a job that was never billed is deleted outright (IsolateSyncJob doc, 571/82101).</summary>
        public void IsolateSyncJob(string jobId) =>
            _client.Call(Service, Version, "IsolateSyncJob", new JsonObject().Set("JobId", jobId), _region, idempotent: false);

        /// <summary>Takes an isolated job offline for good; done when DescribeSyncJobs no longer lists it (DestroySyncJob doc, 571/82102).</summary>
        public void DestroySyncJob(string jobId) =>
            _client.Call(Service, Version, "DestroySyncJob", new JsonObject().Set("JobId", jobId), _region, idempotent: false);

        public SyncJob GetJob(string jobId)
        {
            var r = _client.Call(Service, Version, "DescribeSyncJobs", new JsonObject().Set("JobId", jobId), _region);
            var item = r.GetObjects("JobList").FirstOrDefault(j => j.GetString("JobId") == jobId);
            return item == null ? null : ToJob(item);
        }

        /// <summary>
        /// The job as listed now (null when no longer listed), or Read = false when even that read failed: for telling
        /// where a job was left after a failed step, where a failed read must not hide the step's own error.
        /// </summary>
        public (bool Read, SyncJob Job) TryGetJob(string jobId)
        {
            try { return (true, GetJob(jobId)); }
            catch (Exception e) when (DtsCrossAccountException.IsFailedCall(e)) { return (false, null); }
        }

        private static SyncJob ToJob(JsonObject j)
        {
            var src = Endpoint(j, "Src");
            var dst = Endpoint(j, "Dst");
            return new SyncJob
            {
                JobId = j.GetString("JobId"),
                JobName = j.GetString("JobName"),
                Status = j.GetString("Status"),
                TradeStatus = j.GetString("TradeStatus"),
                SrcInstanceId = src?.GetString("InstanceId"),
                DstInstanceId = dst?.GetString("InstanceId"),
                SrcRegion = j.GetString("SrcRegion") ?? src?.GetString("Region"),
                DstRegion = j.GetString("DstRegion") ?? dst?.GetString("Region"),
                SrcDatabaseType = j.GetString("SrcDatabaseType"),
                DstDatabaseType = j.GetString("DstDatabaseType"),
                PayMode = j.GetString("PayMode"),
                Info = j,
            };
        }

        /// <summary>
        /// The endpoint of one side of a SyncJobInfo: SrcInfo/DstInfo for a single-node engine, else the first node of
        /// SrcInfos/DstInfos (the proxy node of TDSQL for MySQL, which comes first).
        /// </summary>
        public static JsonObject Endpoint(JsonObject job, string prefix) =>
            job?.GetObject(prefix + "Info") ?? job?.GetObject(prefix + "Infos")?.GetObjects("Info").FirstOrDefault();

        /// <summary>The set nodes of a TDSQL side as "setId=ip:port", in order; empty for other engines.</summary>
        public static List<string> SetNodes(JsonObject job, string prefix) =>
            (job?.GetObject(prefix + "Infos")?.GetObjects("Info") ?? Enumerable.Empty<JsonObject>())
                .Where(n => n.GetString("Role") == "set")
                .Select(n => n.GetString("SetId") + "=" + n.GetString("Ip") + ":" + (n.GetInt64("Port")?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? n.GetString("Port")))
                .ToList();

        /// <summary>
        /// Buys one job (body: TencentCreateSyncJobRequest, which names it). Never repeated blindly: when the answer is lost
        /// or a server fault leaves the outcome unknown, the job is looked up by its name (the caller holds the name's lock
        /// and saw no job of that name before buying); only when none exists is the purchase sent again.
        /// </summary>
        public string CreateSyncJob(JsonObject request)
        {
            string name = request.GetString("JobName");
            var r = _client.Call(Service, Version, "CreateSyncJob", request, _region, idempotent: false,
                confirm: string.IsNullOrEmpty(name) ? (Func<JsonObject>)null : () => ConfirmBought(name));
            var ids = r.GetArray("JobIds");
            return ids?.OfType<string>().FirstOrDefault();
        }

        private JsonObject ConfirmBought(string name)
        {
            var found = FindJobsByName(name);
            if (found.Count == 0) return null;
            if (found.Count > 1)
                throw new DtsCrossAccountException("SyncJobNameAmbiguous", System.Management.Automation.ErrorCategory.ResourceExists,
                    "The answer to buying DTS sync job '" + name + "' was lost, and " + found.Count + " jobs now carry that name: "
                    + string.Join(", ", found.Select(j => j.JobId + " (" + j.Status + ")")) + ". Another run bought one at the same time. "
                    + "Release the extra one (StopSyncJob, IsolateSyncJob, DestroySyncJob; DTS console: Terminate, then Release), then run the command again.", name);
            return new JsonObject().Set("JobIds", new List<object> { found[0].JobId });
        }

        /// <summary>Sets the whole configuration; sending the same configuration again is harmless, so it is retried like a read.</summary>
        public void ConfigureSyncJob(JsonObject request) =>
            _client.Call(Service, Version, "ConfigureSyncJob", request, _region, idempotent: true);

        /// <summary>
        /// Starts the verification of a job just configured (Initialized). A second request while it runs is refused, so an
        /// unknown outcome is settled by reading the job: Checking or a check result means it started.
        /// </summary>
        public void CreateCheckSyncJob(string jobId) =>
            _client.Call(Service, Version, "CreateCheckSyncJob", new JsonObject().Set("JobId", jobId), _region, idempotent: false,
                confirm: () => GetJob(jobId)?.Status is string s && (s == "Checking" || s == "CheckPass" || s == "CheckNotPass") ? new JsonObject() : null);

        public JsonObject DescribeCheckSyncJobResult(string jobId) =>
            _client.Call(Service, Version, "DescribeCheckSyncJobResult", new JsonObject().Set("JobId", jobId), _region);

        /// <summary>Starts a job that passed its check (CheckPass); an unknown outcome is settled by reading whether it left CheckPass.</summary>
        public void StartSyncJob(string jobId) =>
            _client.Call(Service, Version, "StartSyncJob", new JsonObject().Set("JobId", jobId), _region, idempotent: false,
                confirm: () => GetJob(jobId)?.Status is string s && (s == "ReadyRunning" || s == "Running") ? new JsonObject() : null);

        /// <summary>
        /// The console's cross-account instance listing: the task account asks DTS for the peer's instances with the
        /// temporary keys of the role (AccountMode "other").
        /// </summary>
        public List<string> ListPeerInstances(string databaseType, TencentSts.TemporaryKeys keys)
        {
            var r = _client.Call(Service, Version, "DescribeMigrateDBInstances", new JsonObject()
                .Set("DatabaseType", databaseType)
                .Set("MigrateRole", "src")
                .Set("AccountMode", "other")
                .Set("TmpSecretId", keys.TmpSecretId)
                .Set("TmpSecretKey", keys.TmpSecretKey)
                .Set("TmpToken", keys.Token)
                .Set("Limit", 100), _region);
            return r.GetObjects("Instances").Select(i => i.GetString("InstanceId")).Where(i => i != null).ToList();
        }

        /// <summary>
        /// Whether <paramref name="instanceId"/> is listed as a <paramref name="databaseType"/> instance in this region, the way the
        /// console lists it when a task is configured: the task account's own (AccountMode self) or, with the role's
        /// temporary keys, the peer's (AccountMode other).
        /// </summary>
        public bool HasInstance(string databaseType, string migrateRole, string instanceId, TencentSts.TemporaryKeys peerKeys)
        {
            var request = new JsonObject()
                .Set("DatabaseType", databaseType)
                .Set("MigrateRole", migrateRole)
                .Set("InstanceId", instanceId)
                .Set("AccountMode", peerKeys == null ? "self" : "other")
                .Set("Limit", 100);
            if (peerKeys != null)
                request.Set("TmpSecretId", peerKeys.TmpSecretId).Set("TmpSecretKey", peerKeys.TmpSecretKey).Set("TmpToken", peerKeys.Token);
            var r = _client.Call(Service, Version, "DescribeMigrateDBInstances", request, _region);
            return r.GetObjects("Instances").Any(i => string.Equals(i.GetString("InstanceId"), instanceId, StringComparison.Ordinal));
        }
    }
}
