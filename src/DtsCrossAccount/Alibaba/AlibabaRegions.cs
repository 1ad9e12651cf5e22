using System;
using System.Collections.Generic;
using System.Linq;

namespace DtsCrossAccount.Alibaba
{
    /// <summary>The kind of Alibaba Cloud an account or region belongs to. DTS does not sync across kinds (seed, Limitations).</summary>
    internal enum AlibabaCloudType
    {
        Public,
        Finance,
        Government
    }

    /// <summary>
    /// Region IDs the module accepts, offline (validation and tab completion must not call the cloud).
    /// Finance and government regions are separate clouds: "Synchronization between accounts of different cloud types
    /// — such as between a Finance Cloud account and a government cloud account — is not supported." (seed).
    /// </summary>
    internal static class AlibabaRegions
    {
        internal static readonly IReadOnlyList<string> PublicRegions = new[]
        {
            "cn-hangzhou", "cn-shanghai", "cn-qingdao", "cn-beijing", "cn-zhangjiakou", "cn-huhehaote", "cn-wulanchabu",
            "cn-shenzhen", "cn-heyuan", "cn-guangzhou", "cn-chengdu", "cn-nanjing", "cn-fuzhou", "cn-wuhan-lr", "cn-hongkong",
            "ap-northeast-1", "ap-northeast-2", "ap-southeast-1", "ap-southeast-3", "ap-southeast-5", "ap-southeast-6",
            "ap-southeast-7", "us-east-1", "us-west-1", "eu-west-1", "eu-central-1", "me-east-1", "me-central-1",
        };

        internal static readonly IReadOnlyList<string> FinanceRegions = new[]
        {
            "cn-hangzhou-finance", "cn-shanghai-finance-1", "cn-shenzhen-finance-1", "cn-beijing-finance-1",
        };

        internal static readonly IReadOnlyList<string> GovernmentRegions = new[]
        {
            "cn-north-2-gov-1",
        };

        /// <summary>Every accepted region, for the -Region tab completers.</summary>
        internal static readonly IReadOnlyList<string> All = PublicRegions.Concat(FinanceRegions).Concat(GovernmentRegions).ToArray();

        internal static bool IsKnown(string region) =>
            region != null && All.Contains(region, StringComparer.OrdinalIgnoreCase);

        internal static AlibabaCloudType CloudTypeOf(string region)
        {
            if (region == null) return AlibabaCloudType.Public;
            if (FinanceRegions.Contains(region, StringComparer.OrdinalIgnoreCase)) return AlibabaCloudType.Finance;
            if (GovernmentRegions.Contains(region, StringComparer.OrdinalIgnoreCase)) return AlibabaCloudType.Government;
            return AlibabaCloudType.Public;
        }

        internal static string Describe(AlibabaCloudType type)
        {
            switch (type)
            {
                case AlibabaCloudType.Finance: return "Finance Cloud";
                case AlibabaCloudType.Government: return "government cloud";
                default: return "public cloud";
            }
        }
    }
}
