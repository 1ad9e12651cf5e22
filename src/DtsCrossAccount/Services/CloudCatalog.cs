using System.Collections.Generic;

namespace DtsCrossAccount.Services
{
    /// <summary>Static facts for tab completion, asked of each provider without credentials or calls.</summary>
    internal static class CloudCatalog
    {
        private static ICloudProvider Provider(CloudKind cloud) => CloudProviderFactory.Create(cloud, new ProviderContext());

        public static IReadOnlyList<string> Regions(CloudKind cloud) => Provider(cloud).Regions;

        public static IReadOnlyList<string> Engines(CloudKind cloud, bool source) => Provider(cloud).Engines(source);
    }
}
