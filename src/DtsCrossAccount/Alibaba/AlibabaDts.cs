using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using DtsCrossAccount.Json;
using DtsCrossAccount.Transport;

namespace DtsCrossAccount.Alibaba
{
    /// <summary>A DTS job as DescribeDtsJobs / DescribeDtsJobDetail report it.</summary>
    internal sealed class AlibabaDtsJob
    {
        public string JobId;
        public string InstanceId;
        public string Name;
        public string Status;
        public string SourceInstanceId;
        public string DestinationInstanceId;
        public string SourceEngine;
        public string SourceRegion;
        public string DestinationEngine;
        public string DestinationRegion;
        public string ErrorMessage;
        /// <summary>PrePaid (subscription) or PostPaid (pay-as-you-go).</summary>
        public string PayType;
        /// <summary>Delay in milliseconds (DescribeDtsJobs / DescribeDtsJobDetail Delay); null when not reported.</summary>
        public long? DelayMs;
        /// <summary>The job as DescribeDtsJobs / DescribeDtsJobDetail answered (endpoints, DbObject, MigrationMode).</summary>
        public JsonObject Raw;
        /// <summary>"Forward" or "Reverse" (DtsJobDirection).</summary>
        public string Direction;
        /// <summary>Two-way instance: its reverse job (DescribeDtsJobs DtsJobList[].ReverseJob), null until configured.</summary>
        public AlibabaDtsJob Reverse;
    }

    /// <summary>One DescribePreCheckStatus answer (JobCode 01).</summary>
    internal sealed class AlibabaPrecheck
    {
        public string State;
        public int Total;
        public int Done;
        public List<JsonObject> Items = new List<JsonObject>();
        public bool Finished;
        public bool Failed;
    }

    /// <summary>DTS 2020-01-01 actions (cloud-apis.md §6 and V3.1–V3.6).</summary>
    internal sealed class AlibabaDts
    {
        internal const string Service = "dts";
        internal const string Version = "2020-01-01";

        private readonly AlibabaApiClient _client;
        private readonly string _region;

        public AlibabaDts(AlibabaApiClient client, string region)
        {
            _client = client;
            _region = region;
        }

        private JsonObject Call(string action, Dictionary<string, string> p, bool idempotent = true, Func<JsonObject> confirm = null) =>
            _client.Call(Service, Version, action, p, _region, idempotent, confirm);

        /// <summary>
        /// Sync jobs whose name is exactly <paramref name="name"/>. Type=name is a fuzzy match and JobType defaults to
        /// MIGRATION (V3.5), so JobType=SYNC is sent and the answer is filtered here.
        /// </summary>
        public List<AlibabaDtsJob> FindSyncJobsByName(string name)
        {
            var all = new List<AlibabaDtsJob>();
            for (int page = 1; page <= 20; page++)
            {
                var body = Call("DescribeDtsJobs", new Dictionary<string, string>
                {
                    ["Type"] = "name",
                    ["Params"] = name,
                    ["JobType"] = "SYNC",
                    ["Region"] = _region,
                    ["PageSize"] = "100",
                    ["PageNumber"] = page.ToString(CultureInfo.InvariantCulture),
                });
                var items = body.GetObjects("DtsJobList").ToList();
                // A reverse job is shown on its forward job's task (ReverseTaskId), not as a task of its own.
                all.AddRange(items.Select(ReadJob).Where(j => !Eq(j.Direction, "Reverse")));
                long total = body.GetInt64("TotalRecordCount") ?? items.Count;
                if (items.Count < 100 || all.Count >= total) break;
            }
            return all.Where(j => string.Equals(j.Name, name, StringComparison.Ordinal)).ToList();
        }

        /// <summary>Every sync job DescribeDtsJobs lists in the region (JobType=SYNC, paged); with a name, only exact matches (Type=name is fuzzy, V3.5).</summary>
        public List<AlibabaDtsJob> ListSyncJobs(string name = null)
        {
            if (!string.IsNullOrEmpty(name)) return FindSyncJobsByName(name);
            var all = new List<AlibabaDtsJob>();
            for (int page = 1; page <= 50; page++)
            {
                var body = Call("DescribeDtsJobs", new Dictionary<string, string>
                {
                    ["JobType"] = "SYNC",
                    ["Region"] = _region,
                    ["PageSize"] = "100",
                    ["PageNumber"] = page.ToString(CultureInfo.InvariantCulture),
                });
                var items = body.GetObjects("DtsJobList").ToList();
                all.AddRange(items.Select(ReadJob));
                long total = body.GetInt64("TotalRecordCount") ?? items.Count;
                if (items.Count < 100 || all.Count >= total) break;
            }
            return all;
        }

        /// <summary>DescribeDtsJobDetail, or null when DTS answers that the job does not exist (Forbidden.InstanceNotFound, V3.6).</summary>
        public AlibabaDtsJob TryDescribeJob(string jobId)
        {
            try { return DescribeJob(jobId); }
            catch (DtsCrossAccount.Core.CloudApiException e) when (e.Code == "Forbidden.InstanceNotFound") { return null; }
        }

        // The job actions below name the job by DtsJobId alone: it is their one required parameter (docs 208677, 208678,
        // 208647, 208925); DtsInstanceId is optional, and the client adds RegionId.

        /// <summary>
        /// StopDtsJob: ends a migration or sync task ("结束DTS任务", doc 208677); the console's End task. An unknown outcome
        /// is settled by reading whether the job is Finished, never by sending the stop again blindly.
        /// </summary>
        public void StopJob(string jobId) =>
            Call("StopDtsJob", new Dictionary<string, string> { ["DtsJobId"] = jobId }, idempotent: false,
                confirm: () => Eq(DescribeJob(jobId).Status, "Finished") ? Done() : null);

        /// <summary>
        /// DeleteDtsJob: releases the instance of a pay-as-you-go task; subscription instances cannot be released by API
        /// (doc api-deletedtsjob). An unknown outcome is settled by reading whether DTS still finds the job.
        /// </summary>
        public void DeleteJob(string jobId) =>
            Call("DeleteDtsJob", new Dictionary<string, string> { ["DtsJobId"] = jobId, ["JobType"] = "SYNC" }, idempotent: false,
                confirm: () => TryDescribeJob(jobId) == null ? Done() : null);

        /// <summary>What a confirm read returns when the write had taken effect.</summary>
        private static JsonObject Done() => new JsonObject().Set("Success", true);


        /// <summary>
        /// CreateDtsInstance for the configured job <c>JobId</c> (body: AlibabaCreateDtsInstanceRequest.ForJob). Never repeated
        /// blindly: when the outcome is unknown, the job named <paramref name="jobName"/> is read; if it has its instance the
        /// purchase took effect, otherwise it is sent again (a job holds at most one instance). Returns the InstanceId.
        /// </summary>
        public string CreateInstance(Dictionary<string, string> parameters, string jobName)
        {
            var jobId = parameters["JobId"];
            var body = Call("CreateDtsInstance", parameters, idempotent: false,
                confirm: () =>
                {
                    // Null (not bought: send again) while the job has no instance.
                    var instanceId = FindSyncJobsByName(jobName).Where(j => j.JobId == jobId).Select(j => j.InstanceId).FirstOrDefault(id => !string.IsNullOrEmpty(id));
                    return instanceId == null ? null : new JsonObject().Set("InstanceId", instanceId);
                });
            return Str(body, "InstanceId");
        }

        /// <summary>
        /// ConfigureDtsJob; DbList, Reserve and passwords travel in the form body. Returns the DtsJobId. Configuring a job
        /// that exists (DtsJobId or DtsInstanceId given) sets the same configuration again and is retried like a read. A
        /// new job (configure first, neither ID) is never sent twice blindly: an unknown outcome is settled by looking the
        /// name up (the caller holds the name's lock and saw no job of that name).
        /// </summary>
        public string ConfigureJob(Dictionary<string, string> parameters)
        {
            bool newJob = !parameters.ContainsKey("DtsJobId") && !parameters.ContainsKey("DtsInstanceId");
            parameters.TryGetValue("DtsJobName", out var name);
            Func<JsonObject> confirm = null;
            if (newJob && !string.IsNullOrEmpty(name))
                confirm = () =>
                {
                    var found = FindSyncJobsByName(name);
                    if (found.Count == 0) return null;
                    if (found.Count > 1)
                        throw new Core.DtsCrossAccountException("SyncTaskNameAmbiguous", System.Management.Automation.ErrorCategory.ResourceExists,
                            "The answer to configuring DTS sync job '" + name + "' was lost, and " + found.Count + " jobs now carry that name: "
                            + string.Join(", ", found.Select(j => j.JobId + " (" + (string.IsNullOrEmpty(j.InstanceId) ? "no instance" : j.InstanceId) + ", " + j.Status + ")"))
                            + ". Another run configured one at the same time. Delete the extra one (DeleteDtsJob), then run the command again.", name);
                    return new JsonObject().Set("DtsJobId", found[0].JobId);
                };
            var body = Call("ConfigureDtsJob", parameters, idempotent: !newJob, confirm: confirm);
            return Str(body, "DtsJobId");
        }

        /// <summary>Starts the precheck (reverse: the reverse direction of a two-way instance, StartDtsJob SynchronizationDirection=Reverse); an unknown outcome is settled by reading whether the job left NotStarted.</summary>
        public void StartJob(string jobId, bool reverse = false)
        {
            var p = new Dictionary<string, string> { ["DtsJobId"] = jobId };
            if (reverse) p["SynchronizationDirection"] = "Reverse";
            Call("StartDtsJob", p, idempotent: false,
                confirm: () =>
                {
                    var status = DescribeJob(jobId).Status;
                    return string.IsNullOrEmpty(status) || Eq(status, "NotStarted") || Eq(status, "NotConfigured") ? null : Done();
                });
        }

        public AlibabaPrecheck DescribePrecheck(string jobId)
        {
            var body = Call("DescribePreCheckStatus", new Dictionary<string, string>
            {
                ["DtsJobId"] = jobId,
                ["JobCode"] = "01",
                // One page of 100 (the default is 20; PageNo defaults to 1).
                ["PageSize"] = "100",
            });
            var r = new AlibabaPrecheck { State = Str(body, "State") };
            r.Items = body.GetObjects("JobProgress").ToList();
            r.Total = (int)(body.GetInt64("Total") ?? r.Items.Count);
            r.Done = r.Items.Count(i => IsTerminalItem(Str(i, "State")));
            long errorItems = body.GetInt64("ErrorItem") ?? 0;
            bool anyItemFailed = r.Items.Any(i => Eq(Str(i, "State"), "Failed"));
            r.Failed = Eq(r.State, "Failed") || errorItems > 0 || anyItemFailed;
            r.Finished = Eq(r.State, "Finished") || Eq(r.State, "Failed") || Eq(r.State, "Catched")
                || (r.Items.Count > 0 && r.Done == r.Items.Count && !Eq(r.State, "Checking") && !Eq(r.State, "NotStarted"));
            return r;
        }

        public AlibabaDtsJob DescribeJob(string jobId) =>
            ReadJob(Call("DescribeDtsJobDetail", new Dictionary<string, string> { ["DtsJobId"] = jobId }));

        private static bool IsTerminalItem(string state) => Eq(state, "Success") || Eq(state, "Failed") || Eq(state, "Warning");

        internal static bool Eq(string a, string b) => string.Equals(a, b, StringComparison.OrdinalIgnoreCase);

        private static AlibabaDtsJob ReadJob(JsonObject o)
        {
            return new AlibabaDtsJob
            {
                JobId = Str(o, "DtsJobId"),
                InstanceId = Str(o, "DtsInstanceID"),
                Name = Str(o, "DtsJobName"),
                Status = Str(o, "Status"),
                SourceInstanceId = Str(Obj(o, "SourceEndpoint"), "InstanceID"),
                DestinationInstanceId = Str(Obj(o, "DestinationEndpoint"), "InstanceID"),
                SourceEngine = Str(Obj(o, "SourceEndpoint"), "EngineName"),
                SourceRegion = Str(Obj(o, "SourceEndpoint"), "Region"),
                DestinationEngine = Str(Obj(o, "DestinationEndpoint"), "EngineName"),
                DestinationRegion = Str(Obj(o, "DestinationEndpoint"), "Region"),
                ErrorMessage = Str(o, "ErrorMessage"),
                PayType = Str(o, "PayType"),
                DelayMs = o.GetInt64("Delay"),
                Raw = o,
                Direction = Str(o, "DtsJobDirection"),
                Reverse = Obj(o, "ReverseJob") is JsonObject r && !string.IsNullOrEmpty(Str(r, "DtsJobId")) ? ReadJob(r) : null,
            };
        }

        /// <summary>Member by name, any case (DTS spells DtsInstanceId / DtsInstanceID differently per action).</summary>
        internal static string Str(JsonObject o, string name)
        {
            if (o == null || !o.TryGetIgnoreCase(name, out var v) || v == null) return null;
            // A number or a boolean as its JSON text.
            return v as string ?? Json.Json.Serialize(v);
        }

        internal static JsonObject Obj(JsonObject o, string name) =>
            o != null && o.TryGetIgnoreCase(name, out var v) ? v as JsonObject : null;
    }
}
