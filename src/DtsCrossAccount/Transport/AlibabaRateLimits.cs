using System;
using System.Collections.Generic;

namespace DtsCrossAccount.Transport
{
    /// <summary>
    /// Alibaba Cloud's documented per-action limits (requests per second, counted per region + API + main account; the RAM
    /// and STS quota tables and the DTS API pages, listed in docs/alibaba-provider.md "Rate limits"). Actions without a row
    /// have no published limit.
    /// </summary>
    internal static class AlibabaRateLimits
    {
        private static readonly Dictionary<string, int> Limits = new Dictionary<string, int>(StringComparer.Ordinal)
        {
            ["ram/CreateRole"] = 20,
            ["ram/GetRole"] = 100,
            ["ram/AttachPolicyToRole"] = 10,
            ["ram/ListPoliciesForRole"] = 100,
            ["ram/ListPoliciesForUser"] = 100,
            ["ram/GetUser"] = 100,
            ["ram/DeleteRole"] = 20,
            ["ram/DetachPolicyFromRole"] = 10,
            ["sts/AssumeRole"] = 100,
            ["sts/GetCallerIdentity"] = 100,
            ["dts/DescribeDtsJobs"] = 20,
            ["dts/DescribeDtsJobDetail"] = 40,
        };

        /// <summary>Requests per second, or 0 when no limit is published.</summary>
        public static int For(string service, string action) =>
            Limits.TryGetValue(service + "/" + action, out var n) ? n : 0;
    }
}
