using System.Collections.Generic;
using System.Linq;
using DtsCrossAccount.Json;

namespace DtsCrossAccount.Tencent
{
    /// <summary>
    /// What differs between a job's configuration (DescribeSyncJobs SyncJobInfo: SrcInfo/DstInfo without secrets, Objects,
    /// Options) and the request. Passwords and temporary keys are never echoed back, so they cannot be compared.
    /// </summary>
    internal static class TencentSyncDiff
    {
        public static List<string> Differences(TencentSyncSpec spec, TencentDts.SyncJob job)
        {
            var diffs = new List<string>();
            var info = job.Info;
            var src = TencentDts.Endpoint(info, "Src");
            var dst = TencentDts.Endpoint(info, "Dst");
            if (src == null && dst == null) return diffs; // never configured: nothing to compare
            Compare(diffs, "source instance", src?.GetString("InstanceId"), spec.Source.Endpoint.InstanceId);
            Compare(diffs, "source database user", src?.GetString("User"), spec.Source.Endpoint.UserName);
            Compare(diffs, "source account", src?.GetString("Account") ?? "", spec.Source.CrossAccount ? spec.Source.AccountId : "");
            Compare(diffs, "source role", src?.GetString("AccountRole") ?? "", spec.Source.CrossAccount ? spec.Source.RoleName : "");
            Compare(diffs, "source external ID", Present(src?.GetString("RoleExternalId")), Present(spec.Source.CrossAccount ? spec.Source.Endpoint.ExternalId : null));
            Compare(diffs, "target instance", dst?.GetString("InstanceId"), spec.Destination.Endpoint.InstanceId);
            Compare(diffs, "target database user", dst?.GetString("User"), spec.Destination.Endpoint.UserName);
            if (spec.Source.Cluster)
            {
                // SyncJobInfo has no SrcConnectType: the set connection is the one whose SrcInfos carry set nodes.
                var sets = TencentDts.SetNodes(info, "Src");
                Compare(diffs, "source TDSQL connection", sets.Count > 0 ? "set" : "proxy", spec.Source.TdsqlConnection);
                Compare(diffs, "source TDSQL sets", string.Join(", ", sets),
                    string.Join(", ", spec.Source.TdsqlSets.Select(x => x.SetId + "=" + x.Ip + ":" + x.Port)));
            }
            var options = info.GetObject("Options");
            var asked = spec.Options ?? new TencentSyncOptions();
            Compare(diffs, "initialization", options?.GetString("InitType"), spec.InitType);
            // Step 5 of the guide: a job configured before these options existed carries the API defaults.
            Compare(diffs, "conflict handling", TencentSyncOptions.DescribeConflict(options) ?? "ReportError", asked.DescribeConflict());
            Compare(diffs, "same-named target tables", options?.GetString("DealOfExistSameTable") ?? "ReportErrorAfterCheck", asked.DealOfExistSameTable);
            Compare(diffs, "operations", TencentSyncOptions.DescribeOperations((options?.GetArray("OpTypes") ?? new List<object>()).OfType<string>(), options?.GetObjects("DdlOptions")),
                asked.DescribeOperations());
            var objects = info.GetObject("Objects");
            string had = objects == null ? null : Describe(objects);
            string askedObjects = Describe(spec.Objects);
            if (had != askedObjects) diffs.Add("objects " + (had ?? "(none)") + " (asked: " + askedObjects + ")");
            return diffs;
        }

        /// <summary>"shop, crm.leads" — whole databases and db.table, sorted; other members the cloud may add are ignored.</summary>
        private static string Describe(JsonObject objects)
        {
            var names = new List<string>();
            foreach (var db in objects.GetObjects("Databases"))
            {
                string name = db.GetString("DbName");
                if (db.GetString("DbMode") == "All") { names.Add(name); continue; }
                foreach (var table in db.GetObjects("Tables")) names.Add(name + "." + table.GetString("TableName"));
            }
            names.Sort(System.StringComparer.Ordinal);
            return string.Join(", ", names);
        }

        // The external ID is compared by presence only: it is not a secret, but it is kept out of messages.
        private static string Present(string value) => string.IsNullOrEmpty(value) ? "none" : "set";

        private static void Compare(List<string> diffs, string what, string had, string asked)
        {
            if ((had ?? "") != (asked ?? "")) diffs.Add(what + " " + (string.IsNullOrEmpty(had) ? "(none)" : had) + " (asked: " + (string.IsNullOrEmpty(asked) ? "(none)" : asked) + ")");
        }
    }
}
