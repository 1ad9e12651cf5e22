using System.Collections.Generic;
using System.Linq;
using DtsCrossAccount.Json;

namespace DtsCrossAccount.Tencent
{
    /// <summary>
    /// What is sent to ConfigureSyncJob (cloud-apis.md section 4, V1.1, V1.2, V1.4; docs/tencent-provider.md "Engines"):
    /// the endpoints with the cross-account fields and the role's temporary keys, the objects and the options. A
    /// single-node engine (MySQL, MariaDB, TDSQL-C) goes in SrcInfo/DstInfo with NodeType single; TDSQL for MySQL in
    /// SrcInfos/DstInfos with NodeType cluster, the proxy node first, and for a source SrcConnectType proxy or set.
    /// Pure mapping, no call.
    /// </summary>
    internal static class TencentConfigureSyncJobRequest
    {
        /// <param name="sourceKeys">Fresh AssumeRole keys of the source role; null when the source is in the task account.</param>
        public static JsonObject Build(TencentSyncSpec spec, string jobId, TencentSts.TemporaryKeys sourceKeys, TencentSts.TemporaryKeys destinationKeys)
        {
            var body = new JsonObject()
                .Set("JobId", jobId)
                .Set("JobName", spec.Name)
                .Set("RunMode", "Immediate")
                .Set("SrcAccessType", "cdb")
                .Set("DstAccessType", "cdb");
            AddSide(body, "Src", spec.Source, sourceKeys);
            AddSide(body, "Dst", spec.Destination, destinationKeys);
            return body
                .Set("Objects", spec.Objects)
                .Set("Options", (spec.Options ?? new TencentSyncOptions()).ToJson(spec.InitType));
        }

        private static void AddSide(JsonObject body, string prefix, TencentSyncSpec.Side side, TencentSts.TemporaryKeys keys)
        {
            if (!side.Cluster)
            {
                body.Set(prefix + "NodeType", "single").Set(prefix + "Info", Endpoint(side, keys));
                return;
            }
            // SyncDBEndpointInfos: proxy node(s) before set nodes; with the proxy connection only the proxy node.
            var nodes = new List<object> { Endpoint(side, keys).Set("Role", "proxy") };
            foreach (var set in side.TdsqlSets)
                nodes.Add(Endpoint(side, keys).Set("Role", "set").Set("SetId", set.SetId).Set("Ip", set.Ip).Set("Port", set.Port));
            body.Set(prefix + "NodeType", "cluster")
                .Set(prefix + "Infos", new JsonObject()
                    .Set("Region", side.Region)
                    .Set("AccessType", "cdb")
                    .Set("DatabaseType", side.Engine)
                    .Set("Info", nodes));
            if (prefix == "Src") body.Set("SrcConnectType", side.TdsqlConnection ?? "proxy");
        }

        /// <summary>
        /// DTS Endpoint. Cross-account (V1.1/V1.2): Account, AccountMode "other", AccountRole, RoleExternalId and the
        /// temporary keys of STS AssumeRole on that role, obtained with the task account's credentials.
        /// </summary>
        private static JsonObject Endpoint(TencentSyncSpec.Side side, TencentSts.TemporaryKeys keys)
        {
            var e = side.Endpoint;
            var info = new JsonObject()
                .Set("Region", side.Region)
                .Set("InstanceId", e.InstanceId)
                .Set("User", e.UserName)
                .Set("Password", e.Password);
            if (!side.CrossAccount) return info;
            return info
                .Set("Account", side.AccountId)
                .Set("AccountMode", "other")
                .Set("AccountRole", side.RoleName)
                .SetIfNotNull("RoleExternalId", TencentProvider.NullIfEmpty(e.ExternalId))
                .Set("TmpSecretId", keys.TmpSecretId)
                .Set("TmpSecretKey", keys.TmpSecretKey)
                .Set("TmpToken", keys.Token);
        }
    }
}
