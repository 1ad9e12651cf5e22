using System.Collections.Generic;
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
            var src = info?.GetObject("SrcInfo");
            var dst = info?.GetObject("DstInfo");
            if (src == null && dst == null) return diffs; // never configured: nothing to compare
            Compare(diffs, "source instance", src?.GetString("InstanceId"), spec.Source.Endpoint.InstanceId);
            Compare(diffs, "source database user", src?.GetString("User"), spec.Source.Endpoint.UserName);
            Compare(diffs, "source account", src?.GetString("Account") ?? "", spec.Source.CrossAccount ? spec.Source.AccountId : "");
            Compare(diffs, "source role", src?.GetString("AccountRole") ?? "", spec.Source.CrossAccount ? spec.Source.RoleName : "");
            Compare(diffs, "source external ID", Present(src?.GetString("RoleExternalId")), Present(spec.Source.CrossAccount ? spec.Source.Endpoint.ExternalId : null));
            Compare(diffs, "target instance", dst?.GetString("InstanceId"), spec.Destination.Endpoint.InstanceId);
            Compare(diffs, "target database user", dst?.GetString("User"), spec.Destination.Endpoint.UserName);
            Compare(diffs, "initialization", info.GetObject("Options")?.GetString("InitType"), spec.InitType);
            var objects = info.GetObject("Objects");
            string had = objects == null ? null : Describe(objects);
            string asked = Describe(spec.Objects);
            if (had != asked) diffs.Add("objects " + (had ?? "(none)") + " (asked: " + asked + ")");
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
