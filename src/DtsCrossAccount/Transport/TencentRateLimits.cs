using System;
using System.Collections.Generic;

namespace DtsCrossAccount.Transport
{
    /// <summary>
    /// Tencent Cloud's documented per-action request limits (requests per second, counted per API + region + sub-account;
    /// each action's API page, listed in docs/tencent-provider.md "Rate limits"). Actions without a row are not limited here.
    /// </summary>
    internal static class TencentRateLimits
    {
        private static readonly Dictionary<string, int> Limits = new Dictionary<string, int>(StringComparer.Ordinal)
        {
            ["cam/CreateRole"] = 2,
            ["cam/GetRole"] = 20,
            ["cam/UpdateAssumeRolePolicy"] = 3,
            ["cam/AttachRolePolicy"] = 3,
            ["cam/ListAttachedRolePolicies"] = 10,
            ["cam/DescribeRoleList"] = 10,
            ["cam/CreatePolicy"] = 10,
            ["cam/GetPolicy"] = 20,
            ["cam/ListPolicies"] = 20,
            ["cam/AttachUserPolicy"] = 10,
            ["cam/ListAttachedUserPolicies"] = 20,
            ["cam/DescribeSubAccounts"] = 20,
            ["cam/GetUser"] = 20,
            ["cam/DeleteRole"] = 3,
            ["cam/DetachRolePolicy"] = 3,
            ["cam/DeletePolicy"] = 10,
            ["cam/DetachUserPolicy"] = 10,
            ["cam/ListEntitiesForPolicy"] = 20,
            ["sts/AssumeRole"] = 600,
            ["sts/GetCallerIdentity"] = 20,
            ["dts/CreateSyncJob"] = 20,
            ["dts/ConfigureSyncJob"] = 20,
            ["dts/CreateCheckSyncJob"] = 20,
            ["dts/DescribeCheckSyncJobResult"] = 20,
            ["dts/StartSyncJob"] = 20,
            // The API page says 100/s, the English overview 20/s: keep to the lower figure.
            ["dts/DescribeSyncJobs"] = 20,
            ["dts/StopSyncJob"] = 20,
            ["dts/IsolateSyncJob"] = 20,
            ["dts/DestroySyncJob"] = 20,
        };

        /// <summary>Requests per second, or 0 when no limit is documented.</summary>
        public static int For(string service, string action) =>
            Limits.TryGetValue(service + "/" + action, out var n) ? n : 0;
    }
}
