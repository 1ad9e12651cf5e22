using System.Collections.Generic;
using DtsCrossAccount.Json;

namespace DtsCrossAccount.Tencent
{
    /// <summary>
    /// What is sent to ConfigureSyncJob (cloud-apis.md section 4, V1.1, V1.2, V1.4): the endpoints with the cross-account
    /// fields and the role's temporary keys, the objects and the options. Pure mapping, no call.
    /// </summary>
    internal static class TencentConfigureSyncJobRequest
    {
        /// <param name="sourceKeys">Fresh AssumeRole keys of the source role; null when the source is in the task account.</param>
        public static JsonObject Build(TencentSyncSpec spec, string jobId, TencentSts.TemporaryKeys sourceKeys, TencentSts.TemporaryKeys destinationKeys)
        {
            return new JsonObject()
                .Set("JobId", jobId)
                .Set("JobName", spec.Name)
                .Set("RunMode", "Immediate")
                .Set("SrcAccessType", "cdb")
                .Set("DstAccessType", "cdb")
                .Set("SrcNodeType", "single")
                .Set("DstNodeType", "single")
                .Set("SrcInfo", Endpoint(spec.Source, sourceKeys))
                .Set("DstInfo", Endpoint(spec.Destination, destinationKeys))
                .Set("Objects", spec.Objects)
                .Set("Options", new JsonObject()
                    .Set("InitType", spec.InitType)
                    .Set("DealOfExistSameTable", "ReportErrorAfterCheck")
                    .Set("ConflictHandleType", "ReportError")
                    .Set("OpTypes", new List<object> { "Insert", "Update", "Delete", "DDL" }));
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
