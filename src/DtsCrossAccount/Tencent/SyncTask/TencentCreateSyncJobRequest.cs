using DtsCrossAccount.Json;

namespace DtsCrossAccount.Tencent
{
    /// <summary>
    /// What is sent to CreateSyncJob (cloud-apis.md section 4): one pay-as-you-go Standard job, named after the task and
    /// tagged with it at purchase, so the purchase carries the name from its first moment (a crash right after it still
    /// leaves a job the next run finds by name).
    /// </summary>
    internal static class TencentCreateSyncJobRequest
    {
        /// <summary>Tag key naming the task (Tags[TagItem{TagKey, TagValue}] of CreateSyncJob, TagFilters of DescribeSyncJobs).</summary>
        public const string NameTagKey = "DtsCrossAccountTask";

        public static JsonObject Build(TencentSyncSpec spec) => new JsonObject()
            .Set("PayMode", "PostPay")
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
    }
}
