using System;
using System.Collections.Generic;
using System.Linq;

namespace DtsCrossAccount.Tencent
{
    /// <summary>
    /// The engines that Tencent DTS syncs across accounts ("Supported Scope" of the cross-account data sync guide):
    /// TencentDB for MySQL, TDSQL for MySQL, TDSQL-C and TencentDB for MariaDB, in any pairing; not CDWPG.
    /// Maps friendly names to the DTS API database-type values (CreateSyncJob SrcDatabaseType/DstDatabaseType).
    /// </summary>
    internal static class TencentSupportedScope
    {
        /// <summary>API values, in the order the guide lists the products.</summary>
        public static readonly IReadOnlyList<string> Engines = new[] { "mysql", "tdsqlmysql", "cynosdbmysql", "mariadb" };

        /// <summary>Product name of each API value, for messages.</summary>
        public static readonly IReadOnlyDictionary<string, string> ProductNames = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["mysql"] = "TencentDB for MySQL",
            ["tdsqlmysql"] = "TDSQL for MySQL",
            ["cynosdbmysql"] = "TDSQL-C for MySQL",
            ["mariadb"] = "TencentDB for MariaDB",
        };

        // Keys are compared after removing spaces, '-' and '_' and lower-casing, so "TDSQL-C", "tdsql_c" and "TDSQLC" match.
        private static readonly Dictionary<string, string> Aliases = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["mysql"] = "mysql", ["cdb"] = "mysql", ["tencentdbformysql"] = "mysql", ["tencentdbmysql"] = "mysql",
            ["tdsqlmysql"] = "tdsqlmysql", ["tdsqlformysql"] = "tdsqlmysql", ["tdsql"] = "tdsqlmysql", ["dcdb"] = "tdsqlmysql",
            ["cynosdbmysql"] = "cynosdbmysql", ["tdsqlc"] = "cynosdbmysql", ["tdsqlcmysql"] = "cynosdbmysql",
            ["tdsqlcformysql"] = "cynosdbmysql", ["cynosdb"] = "cynosdbmysql",
            ["mariadb"] = "mariadb", ["tencentdbformariadb"] = "mariadb", ["tencentdbmariadb"] = "mariadb",
        };

        /// <summary>The API value for a friendly name or API value; null when the engine is not in the supported scope.</summary>
        public static string Normalize(string engine)
        {
            if (string.IsNullOrWhiteSpace(engine)) return null;
            var key = new string(engine.Where(c => c != ' ' && c != '-' && c != '_').ToArray()).ToLowerInvariant();
            return Aliases.TryGetValue(key, out var value) ? value : null;
        }

        /// <summary>
        /// Other CreateSyncJob database types (SDK doc strings of SrcDatabaseType/DstDatabaseType): usable in a task whose
        /// endpoints are all in the task account, which the cross-account scope does not cover.
        /// </summary>
        public static readonly IReadOnlyList<string> SameAccountOnly = new[] { "percona", "postgresql", "tdpg", "tdstore", "mongodb", "redis", "kafka" };

        /// <summary>The API value of any database type the module can send: a scope engine, or one of <see cref="SameAccountOnly"/>.</summary>
        public static string NormalizeAny(string engine)
        {
            var scoped = Normalize(engine);
            if (scoped != null) return scoped;
            var key = (engine ?? "").Trim().ToLowerInvariant();
            return SameAccountOnly.Contains(key, StringComparer.Ordinal) ? key : null;
        }

        /// <summary>
        /// Distributed engines, configured with SrcInfos/DstInfos and NodeType cluster (ConfigureSyncJob: "分布式类型数据库 …
        /// 例如分布式数据库tdsqlmysql"); the others with SrcInfo/DstInfo and NodeType single.
        /// </summary>
        public static bool IsDistributed(string apiValue) => apiValue == "tdsqlmysql";

        public static bool InScope(string apiValue) => Engines.Contains(apiValue, StringComparer.Ordinal);

        /// <summary>"TencentDB for MySQL (mysql), TDSQL for MySQL (tdsqlmysql), …" for error messages.</summary>
        public static string Describe() =>
            string.Join(", ", Engines.Select(e => ProductNames[e] + " (" + e + ")"));
    }
}
