using System;
using System.Collections.Generic;

namespace DtsCrossAccount.Services
{
    /// <summary>Static facts for tab completion, asked of each provider without credentials or calls.</summary>
    internal static class CloudCatalog
    {
        public static IReadOnlyList<string> Regions(CloudKind cloud) => Array.Empty<string>();

        public static IReadOnlyList<string> Engines(CloudKind cloud, bool source) => Array.Empty<string>();
    }
}
