using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Linq;
using System.Management.Automation;
using DtsCrossAccount.Core;
using DtsCrossAccount.Json;
using DtsCrossAccount.Services;

namespace DtsCrossAccount.Alibaba
{
    /// <summary>
    /// What is sent to ConfigureDtsJob (cloud-apis.md section 6, V3.1, V3.2): endpoints with the cross-account OwnerID and
    /// Role, the objects (DbList) and Reserve. Pure mapping, no call.
    /// </summary>
    internal static class AlibabaConfigureDtsJobRequest
    {
        /// <param name="instanceId">Null in the configure-first flow: DTS creates the job and its name before anything is bought.</param>
        /// <param name="jobId">Set to configure an existing job again.</param>
        public static Dictionary<string, string> Build(AlibabaSyncSpec t, string instanceId, string jobId = null)
        {
            var r = t.Request;
            var p = new Dictionary<string, string>
            {
                ["DtsJobName"] = r.Name,
                ["JobType"] = "SYNC",
                ["StructureInitialization"] = r.StructureInitialization ? "true" : "false",
                ["DataInitialization"] = r.FullDataInitialization ? "true" : "false",
                ["DataSynchronization"] = r.IncrementalSync ? "true" : "false",
                ["DbList"] = t.DbList,
                ["Reserve"] = t.Reserve,
            };
            if (!string.IsNullOrEmpty(instanceId)) p["DtsInstanceId"] = instanceId;
            if (!string.IsNullOrEmpty(jobId)) p["DtsJobId"] = jobId;
            AddEndpoint(p, t.Source);
            AddEndpoint(p, t.Destination);
            if (r.Extra != null)
            {
                // Pass-through for endpoint details the cmdlet has no parameter for (IP, port, VSwitch of non-instance connections).
                foreach (var kv in r.Extra.Where(k => k.Key.StartsWith("SourceEndpoint", StringComparison.Ordinal) || k.Key.StartsWith("DestinationEndpoint", StringComparison.Ordinal)))
                    p[kv.Key] = kv.Value;
            }
            return p;
        }

        private static void AddEndpoint(Dictionary<string, string> p, AlibabaSyncSpec.Side e)
        {
            var x = e.Prefix + "Endpoint";
            p[x + "InstanceType"] = AlibabaSupportMatrix.InstanceType(e.Engine, e.Connection);
            p[x + "InstanceID"] = e.WireInstanceId;
            p[x + "EngineName"] = e.Engine.ConfigureEngineName;
            p[x + "Region"] = e.Region;
            // Self-managed databases (doc 208399): IP for EXPRESS/DG/CEN, port for every self-managed type, the shipping
            // vSwitch for the source only (there is no DestinationEndpointVSwitchID), the SID of a non-RAC Oracle database.
            if (e.Spec.IPAddress != null) p[x + "IP"] = e.Spec.IPAddress;
            if (e.Spec.Port.HasValue) p[x + "Port"] = e.Spec.Port.Value.ToString(System.Globalization.CultureInfo.InvariantCulture);
            if (e.Spec.VSwitchId != null && e.Prefix == "Source") p["SourceEndpointVSwitchID"] = e.Spec.VSwitchId;
            if (e.Spec.OracleSid != null) p[x + "OracleSID"] = e.Spec.OracleSid;
            // Note the API's spelling: SourceEndpointDatabaseName but DestinationEndpointDataBaseName.
            if (e.DatabaseName != null) p[e.Prefix == "Source" ? "SourceEndpointDatabaseName" : "DestinationEndpointDataBaseName"] = e.DatabaseName;
            p[x + "UserName"] = e.Spec.UserName;
            p[x + "Password"] = e.Spec.Password;
            if (e.CrossAccount)
            {
                p[x + "OwnerID"] = e.AccountId;
                p[x + "Role"] = e.RoleName;
            }
        }

        /// <summary>DbList as in "Objects of DTS tasks": whole databases {"db":{"name":"db","all":true}}, tables under "Table".</summary>
        internal static string BuildDbList(string[] databases, string[] tables)
        {
            var list = new JsonObject();
            foreach (var db in (databases ?? new string[0]).Where(d => !string.IsNullOrWhiteSpace(d)))
                list.Set(db, new JsonObject().Set("name", db).Set("all", true));
            foreach (var entry in (tables ?? new string[0]).Where(x => !string.IsNullOrWhiteSpace(x)))
            {
                var dot = entry.IndexOf('.');
                if (dot <= 0 || dot == entry.Length - 1)
                    throw AlibabaProvider.Invalid("InvalidTableName", "Table", "'" + entry + "' is not in the form database.table, for example shop.orders.");
                var db = entry.Substring(0, dot);
                var table = entry.Substring(dot + 1);
                var dbObject = list.GetObject(db);
                if (dbObject == null)
                {
                    dbObject = new JsonObject().Set("name", db).Set("all", false).Set("Table", new JsonObject());
                    list.Set(db, dbObject);
                }
                if (dbObject.GetBoolean("all") == true) continue;   // the whole database is already selected
                dbObject.GetObject("Table").Set(table, new JsonObject().Set("name", table).Set("all", true));
            }
            if (list.Count == 0)
                throw AlibabaProvider.Invalid("SyncObjectsRequired", "Database", "Choose what to synchronize: -Database <name[]> and/or -Table <database.table[]>.");
            return Json.Json.Serialize(list);
        }

        /// <summary>Reserve: nothing starts by itself (StartDtsJob is called explicitly); extra keys come from Extra "Reserve.&lt;key&gt;".</summary>
        internal static string BuildReserve(IDictionary<string, string> extra, AlibabaSyncSpec t = null)
        {
            var reserve = new JsonObject().Set("autoStartModulesAfterConfig", "none");
            // A database reached through CEN: the CEN instance ID goes in Reserve (doc 208399 and the Reserve parameter
            // page: srcInstanceId / destInstanceId, SDK example {"srcInstanceId": "cen-9kqshqum*******"}).
            if (t?.Source.Connection == AlibabaConnectionType.Cen) reserve.Set("srcInstanceId", t.Source.Spec.CenId);
            if (t?.Destination.Connection == AlibabaConnectionType.Cen) reserve.Set("destInstanceId", t.Destination.Spec.CenId);
            if (extra != null)
            {
                foreach (var kv in extra.Where(k => k.Key.StartsWith("Reserve.", StringComparison.OrdinalIgnoreCase)))
                    reserve.Set(kv.Key.Substring("Reserve.".Length), kv.Value);
            }
            return Json.Json.Serialize(reserve);
        }
    }
}
