using DtsCrossAccount.Json;

namespace DtsCrossAccount.Tencent
{
    /// <summary>
    /// What is sent to CreateSyncJob (cloud-apis.md section 4; https://cloud.tencent.com/document/api/571/82105): one
    /// Standard job, pay-as-you-go unless a subscription was asked for (PrePay with TimeSpan 1-100 months and AutoRenew
    /// 0/1, both meaningful only for PrePay), named after the task and tagged with it at purchase, so the purchase
    /// carries the name from its first moment (a crash right after it still leaves a job the next run finds by name).
    /// </summary>
    internal static class TencentCreateSyncJobRequest
    {
        /// <summary>Tag key naming the task (Tags[TagItem{TagKey, TagValue}] of CreateSyncJob, TagFilters of DescribeSyncJobs).</summary>
        public const string NameTagKey = "DtsCrossAccountTask";

        public static JsonObject Build(TencentSyncSpec spec)
        {
            var options = spec.Options ?? new TencentSyncOptions();
            var body = new JsonObject()
                .Set("PayMode", options.PayMode)
                .Set("SrcDatabaseType", spec.Source.Engine)
                .Set("SrcRegion", spec.Source.Region)
                .Set("DstDatabaseType", spec.Destination.Engine)
                .Set("DstRegion", spec.Destination.Region)
                .Set("Specification", "Standard")
                .Set("Count", 1)
                .Set("InstanceClass", spec.InstanceClass)
                .Set("JobName", spec.Name)
                .Set("Tags", new System.Collections.Generic.List<object>
                {
                    new JsonObject().Set("TagKey", NameTagKey).Set("TagValue", spec.Name.Length <= 127 ? spec.Name : spec.Name.Substring(0, 127)),
                });
            if (options.IsSubscription) body.Set("TimeSpan", options.TimeSpan).Set("AutoRenew", options.AutoRenew ? 1 : 0);
            return body;
        }
    }
}
