using System.Collections.Generic;

namespace DtsCrossAccount.Alibaba
{
    /// <summary>What is sent to CreateDtsInstance (cloud-apis.md section 6): one pay-as-you-go SYNC instance for a configured job. No cross-account field exists here (V3.2).</summary>
    internal static class AlibabaCreateDtsInstanceRequest
    {
        /// <summary>
        /// Buys the instance for a job configured first (V3.1 (b), CreateDtsInstance doc https://www.alibabacloud.com/help/en/doc-detail/208270.html):
        /// JobId takes precedence over Type, engines and regions; AutoStart false, so nothing runs before StartDtsJob.
        /// </summary>
        public static Dictionary<string, string> ForJob(AlibabaSyncSpec t, string jobId, string region) => new Dictionary<string, string>
        {
            ["JobId"] = jobId,
            ["PayType"] = "PostPaid",
            ["InstanceClass"] = t.InstanceClass,
            ["SyncArchitecture"] = t.Request.TwoWay ? "bidirectional" : "oneway",
            ["AutoStart"] = "false",
            ["Quantity"] = "1",
            ["RegionId"] = region,
        };
    }
}
