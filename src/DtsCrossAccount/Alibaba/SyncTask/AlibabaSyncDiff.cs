using System;
using System.Collections.Generic;
using System.Linq;
using DtsCrossAccount.Json;

namespace DtsCrossAccount.Alibaba
{
    /// <summary>
    /// What differs between a DTS job as DescribeDtsJobs reports it (endpoints with AliyunUid/RoleName/UserName, DbObject,
    /// MigrationMode; V3.2, V3.3) and the request. Passwords are never echoed back, so they cannot be compared.
    /// </summary>
    internal static class AlibabaSyncDiff
    {
        public static List<string> Differences(AlibabaSyncSpec t, AlibabaDtsJob job)
        {
            var diffs = new List<string>();
            var raw = job.Raw;
            if (raw == null) return diffs;
            foreach (var side in new[] { t.Source, t.Destination })
            {
                var e = AlibabaDts.Obj(raw, side.Prefix + "Endpoint");
                if (e == null) continue;
                Compare(diffs, side.Label + " account", AlibabaDts.Str(e, "AliyunUid"), side.CrossAccount ? side.AccountId : null);
                Compare(diffs, side.Label + " role", AlibabaDts.Str(e, "RoleName"), side.CrossAccount ? side.RoleName : null);
                Compare(diffs, side.Label + " database user", AlibabaDts.Str(e, "UserName"), side.Spec.UserName);
                if (side.Connection != AlibabaConnectionType.AlibabaCloudInstance)
                {
                    Compare(diffs, side.Label + " address", AlibabaDts.Str(e, "Ip"), side.Spec.IPAddress);
                    Compare(diffs, side.Label + " port", AlibabaDts.Str(e, "Port"), side.Spec.Port?.ToString(System.Globalization.CultureInfo.InvariantCulture));
                }
            }
            var mode = AlibabaDts.Obj(raw, "MigrationMode");
            if (mode != null)
            {
                Compare(diffs, "schema initialization", AlibabaDts.Str(mode, "StructureInitialization"), t.Request.StructureInitialization ? "true" : "false");
                Compare(diffs, "full data initialization", AlibabaDts.Str(mode, "DataInitialization"), t.Request.FullDataInitialization ? "true" : "false");
                Compare(diffs, "incremental sync", AlibabaDts.Str(mode, "DataSynchronization"), t.Request.IncrementalSync ? "true" : "false");
            }
            var dbObject = AlibabaDts.Str(raw, "DbObject");
            if (!string.IsNullOrEmpty(dbObject) && Json.Json.TryParseObject(dbObject, out var had))
            {
                string h = Describe(had), asked = Describe(Json.Json.ParseObject(t.DbList));
                if (h != asked) diffs.Add("objects " + h + " (asked: " + asked + ")");
            }
            return diffs;
        }

        /// <summary>"shop, crm.leads": whole databases and db.table from a DbList, sorted.</summary>
        private static string Describe(JsonObject dbList)
        {
            var names = new List<string>();
            foreach (var db in dbList.Members.Select(m => m.Key))
            {
                var o = dbList.GetObject(db);
                var tables = o?.GetObject("Table");
                if (o?.GetBoolean("all") == true || tables == null) names.Add(db);
                else names.AddRange(tables.Members.Select(x => db + "." + x.Key));
            }
            names.Sort(StringComparer.Ordinal);
            return string.Join(", ", names);
        }

        private static void Compare(List<string> diffs, string what, string had, string asked)
        {
            if (!string.Equals(had ?? "", asked ?? "", StringComparison.OrdinalIgnoreCase))
                diffs.Add(what + " " + (string.IsNullOrEmpty(had) ? "(none)" : had) + " (asked: " + (string.IsNullOrEmpty(asked) ? "(none)" : asked) + ")");
        }
    }
}
