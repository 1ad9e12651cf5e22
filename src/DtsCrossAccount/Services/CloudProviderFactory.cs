using System;
using DtsCrossAccount.Alibaba;
using DtsCrossAccount.Tencent;

namespace DtsCrossAccount.Services
{
    /// <summary>The one place that knows which provider serves which cloud.</summary>
    internal static class CloudProviderFactory
    {
        public static ICloudProvider Create(CloudKind cloud, ProviderContext ctx)
        {
            switch (cloud)
            {
                case CloudKind.Tencent: return new TencentProvider(ctx);
                case CloudKind.Alibaba: return new AlibabaProvider(ctx);
                default: throw new ArgumentOutOfRangeException(nameof(cloud), cloud, "Unknown cloud.");
            }
        }
    }
}
