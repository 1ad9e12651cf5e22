using System;
using System.Collections.Generic;
using System.Linq;

namespace DtsCrossAccount.Tencent
{
    /// <summary>
    /// Tencent Cloud region IDs, kept offline so -Region can be validated before any call and tab-completed instantly.
    /// Source: the region list on the Tencent Cloud API "Common Params" pages (docs/tencent-provider.md).
    /// </summary>
    internal static class TencentRegions
    {
        public static readonly IReadOnlyList<string> All = new[]
        {
            "ap-guangzhou", "ap-shanghai", "ap-beijing", "ap-chengdu", "ap-chongqing", "ap-nanjing",
            "ap-shanghai-fsi", "ap-shenzhen-fsi", "ap-beijing-fsi",
            "ap-hongkong", "ap-taipei", "ap-singapore", "ap-tokyo", "ap-seoul", "ap-bangkok", "ap-mumbai", "ap-jakarta",
            "na-siliconvalley", "na-ashburn", "na-toronto", "eu-frankfurt", "sa-saopaulo",
        };

        /// <summary>STS is global; the official SDKs send this region with AssumeRole.</summary>
        public const string StsRegion = "ap-guangzhou";

        public static bool IsKnown(string region) =>
            region != null && All.Contains(region, StringComparer.Ordinal);
    }
}
