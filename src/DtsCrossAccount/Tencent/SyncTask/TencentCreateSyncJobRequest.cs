using DtsCrossAccount.Json;

namespace DtsCrossAccount.Tencent
{
    /// <summary>What is sent to CreateSyncJob (cloud-apis.md section 4): one pay-as-you-go Standard job named after the task.</summary>
    internal static class TencentCreateSyncJobRequest
    {
        public static JsonObject Build(TencentSyncSpec spec) => new JsonObject()
            .Set("PayMode", "PostPay")
            .Set("SrcDatabaseType", spec.Source.Engine)
            .Set("SrcRegion", spec.Source.Region)
            .Set("DstDatabaseType", spec.Destination.Engine)
            .Set("DstRegion", spec.Destination.Region)
            .Set("Specification", "Standard")
            .Set("Count", 1)
            .Set("InstanceClass", spec.InstanceClass)
            .Set("JobName", spec.Name);
    }
}
