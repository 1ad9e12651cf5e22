using System;
using System.Collections.Generic;
using System.Linq;

namespace DtsCrossAccount.Alibaba
{
    /// <summary>How DTS reaches a database (the seed's "Connection type" column).</summary>
    internal enum AlibabaConnectionType
    {
        AlibabaCloudInstance,
        ExpressConnect,
        SelfManagedOnEcs,
        Cen,
        DatabaseGateway
    }

    /// <summary>One row of the support table: a database type, how it may be reached, and its DTS API names.</summary>
    internal sealed class AlibabaEngine
    {
        public AlibabaEngine(string key, string seedName, string createEngineName, string configureEngineName, string cloudInstanceType,
            AlibabaConnectionType[] sourceConnections, bool destination, bool twoWay, params string[] aliases)
        {
            Key = key;
            SeedName = seedName;
            CreateEngineName = createEngineName;
            ConfigureEngineName = configureEngineName;
            CloudInstanceType = cloudInstanceType;
            SourceConnections = sourceConnections ?? new AlibabaConnectionType[0];
            Destination = destination;
            TwoWay = twoWay;
            Aliases = aliases ?? new string[0];
        }

        /// <summary>The value users pass to -SourceEngine / -DestinationEngine.</summary>
        public string Key { get; }
        /// <summary>The name in the seed's table.</summary>
        public string SeedName { get; }
        /// <summary>CreateDtsInstance SourceEndpointEngineName / DestinationEndpointEngineName.</summary>
        public string CreateEngineName { get; }
        /// <summary>ConfigureDtsJob SourceEndpointEngineName / DestinationEndpointEngineName.</summary>
        public string ConfigureEngineName { get; }
        /// <summary>ConfigureDtsJob *EndpointInstanceType when reached as an Alibaba Cloud instance.</summary>
        public string CloudInstanceType { get; }
        /// <summary>Connection types allowed for a cross-account SOURCE; empty = not supported as a source.</summary>
        public IReadOnlyList<AlibabaConnectionType> SourceConnections { get; }
        /// <summary>Supported as a cross-account destination (always as an Alibaba Cloud instance).</summary>
        public bool Destination { get; }
        /// <summary>May take part in a cross-account two-way synchronization.</summary>
        public bool TwoWay { get; }
        public IReadOnlyList<string> Aliases { get; }

        public bool Matches(string name) =>
            string.Equals(Normalize(name), Normalize(Key), StringComparison.Ordinal)
            || string.Equals(Normalize(name), Normalize(SeedName), StringComparison.Ordinal)
            || Aliases.Any(a => string.Equals(Normalize(name), Normalize(a), StringComparison.Ordinal));

        internal static string Normalize(string s) =>
            new string((s ?? "").Where(char.IsLetterOrDigit).ToArray()).ToLowerInvariant();
    }

    /// <summary>
    /// The ONE table of what cross-account DTS supports, transcribed from the seed document
    /// (Alibaba Cloud, "Configure RAM authorization for cross-account DTS tasks": Limitations, Supported databases).
    /// API engine names and instance types come from the DTS 2020-01-01 CreateDtsInstance / ConfigureDtsJob parameter
    /// docs; rows marked "guess" in docs/alibaba-provider.md have no documented API value.
    /// </summary>
    internal static class AlibabaSupportMatrix
    {
        private const AlibabaConnectionType Cloud = AlibabaConnectionType.AlibabaCloudInstance;
        private const AlibabaConnectionType Express = AlibabaConnectionType.ExpressConnect;
        private const AlibabaConnectionType Ecs = AlibabaConnectionType.SelfManagedOnEcs;
        private const AlibabaConnectionType Cen = AlibabaConnectionType.Cen;
        private const AlibabaConnectionType Dg = AlibabaConnectionType.DatabaseGateway;

        // Source column = the seed's "Source databases" table; Destination = its "Destination databases" table;
        // TwoWay = its Limitations list (RDS MySQL, Tair Enterprise Edition, MongoDB replica set / sharded cluster).
        internal static readonly IReadOnlyList<AlibabaEngine> Engines = new[]
        {
            new AlibabaEngine("MySQL", "MySQL", "MySQL", "MYSQL", "RDS", new[] { Cloud, Express, Ecs }, true, true, "RDS MySQL", "ApsaraDB RDS for MySQL"),
            new AlibabaEngine("PolarDBMySQL", "PolarDB for MySQL", "PolarDB", "PolarDB", "PolarDB", new[] { Cloud }, true, false),
            new AlibabaEngine("Redis", "Tair/Redis", "Redis", "REDIS", "REDIS", new[] { Cloud, Express, Ecs, Cen, Dg }, true, false, "ApsaraDB for Redis"),
            new AlibabaEngine("Tair", "Tair (Enterprise Edition)", "Redis", "REDIS", "REDIS", new[] { Cloud, Express, Ecs, Cen, Dg }, true, true, "TairEnterprise"),
            new AlibabaEngine("SQLServer", "SQL Server", "MSSQL", "MSSQL", "RDS", new[] { Cloud, Express }, false, false, "MSSQL"),
            new AlibabaEngine("PostgreSQL", "PostgreSQL", "PostgreSQL", "POSTGRESQL", "RDS", new[] { Cloud, Express }, false, false, "PgSQL"),
            new AlibabaEngine("MongoDB", "MongoDB", "mongodb", "MONGODB", "MONGODB", new[] { Cloud, Express, Ecs, Cen }, true, true),
            new AlibabaEngine("Oracle", "Oracle", "oracle", "ORACLE", null, new[] { Express }, false, false),
            new AlibabaEngine("PolarDBOracle", "PolarDB (Compatible with Oracle)", "polardb_o", "POLARDB_O", "POLARDB_O", new[] { Cloud, Express }, false, false, "PolarDB-O"),
            new AlibabaEngine("PolarDBPostgreSQL", "PolarDB for PostgreSQL", "polardb_pg", "POLARDB_PG", "POLARDB_PG", new[] { Cloud }, false, false),
            new AlibabaEngine("PolarDBX1", "PolarDB-X 1.0", "DRDS", "POLARDBX10", "DISTRIBUTED_POLARDBX10", new[] { Cloud }, false, false, "DRDS"),
            new AlibabaEngine("PolarDBX2", "PolarDB-X 2.0", "POLARDBX20", "POLARDBX20", "POLARDBX20", new[] { Cloud }, false, false),
            new AlibabaEngine("DB2iSeries", "DB2 for iSeries (AS/400)", "as400", "AS400", null, new[] { Express }, false, false, "AS400"),
            new AlibabaEngine("DB2LUW", "DB2 for LUW", "DB2", "DB2", null, new[] { Express, Ecs }, false, false, "DB2"),
            new AlibabaEngine("MariaDB", "MariaDB", "MariaDB", "MARIADB", "RDS", new[] { Cloud, Express, Ecs }, false, false),
            new AlibabaEngine("OceanBaseMySQL", "ApsaraDB OceanBase for MySQL", "OceanBase", "OCEANBASE", "OCEANBASE", new[] { Cloud, Express, Ecs }, false, false, "OceanBase"),
            new AlibabaEngine("SLS", "SLS", "SLS", "SLS", "SLS", new[] { Cloud }, false, false, "LogService"),
            new AlibabaEngine("AnalyticDBMySQL", "AnalyticDB for MySQL 3.0", "ADB30", "ADB30", "ADS", new[] { Cloud }, true, false, "ADB30", "AnalyticDB"),
            new AlibabaEngine("Kafka", "Kafka", "kafka", "KAFKA", "KAFKA", new[] { Cloud, Express, Ecs }, false, false),
            new AlibabaEngine("ClickHouse", "ClickHouse", "ClickHouse", "CLICKHOUSE", "CLICKHOUSE", new AlibabaConnectionType[0], true, false),
            new AlibabaEngine("SelectDB", "SelectDB", "SelectDB", "SELECTDB", "SELECTDB", new AlibabaConnectionType[0], true, false),
        };

        /// <summary>Values for -SourceEngine / -DestinationEngine tab completion.</summary>
        internal static readonly IReadOnlyList<string> EngineNames = Engines.Select(e => e.Key).ToArray();
        internal static readonly IReadOnlyList<string> SourceEngineNames = Engines.Where(e => e.SourceConnections.Count > 0).Select(e => e.Key).ToArray();
        internal static readonly IReadOnlyList<string> DestinationEngineNames = Engines.Where(e => e.Destination).Select(e => e.Key).ToArray();

        /// <summary>Values for -SourceConnectionType tab completion.</summary>
        internal static readonly IReadOnlyList<string> ConnectionTypeNames = Enum.GetNames(typeof(AlibabaConnectionType));

        internal static AlibabaEngine FindEngine(string name) =>
            string.IsNullOrWhiteSpace(name) ? null : Engines.FirstOrDefault(e => e.Matches(name));

        /// <summary>Accepts the enum names, the seed's wording and the ConfigureDtsJob instance types (EXPRESS, ECS, CEN, DG).</summary>
        internal static bool TryParseConnectionType(string value, out AlibabaConnectionType type)
        {
            type = AlibabaConnectionType.AlibabaCloudInstance;
            if (string.IsNullOrWhiteSpace(value)) return true;
            var n = AlibabaEngine.Normalize(value);
            foreach (AlibabaConnectionType t in Enum.GetValues(typeof(AlibabaConnectionType)))
            {
                if (AlibabaEngine.Normalize(t.ToString()) == n || AlibabaEngine.Normalize(Describe(t)) == n) { type = t; return true; }
            }
            switch (n)
            {
                case "cloud": case "cloudinstance": case "instance": case "rds": type = Cloud; return true;
                case "express": case "vpn": case "vpngateway": case "smartaccessgateway": case "sag": type = Express; return true;
                case "ecs": case "selfmanaged": case "selfmanageddatabaseonecs": type = Ecs; return true;
                case "cloudenterprisenetwork": type = Cen; return true;
                case "dg": case "gateway": type = Dg; return true;
            }
            return false;
        }

        /// <summary>The seed's wording of a connection type.</summary>
        internal static string Describe(AlibabaConnectionType type)
        {
            switch (type)
            {
                case AlibabaConnectionType.ExpressConnect: return "Express Connect, VPN Gateway, or Smart Access Gateway";
                case AlibabaConnectionType.SelfManagedOnEcs: return "Self-managed Database on ECS";
                case AlibabaConnectionType.Cen: return "Cloud Enterprise Network (CEN)";
                case AlibabaConnectionType.DatabaseGateway: return "Database Gateway";
                default: return "Alibaba Cloud Instance";
            }
        }

        /// <summary>ConfigureDtsJob *EndpointInstanceType for an engine reached through a connection type.</summary>
        internal static string InstanceType(AlibabaEngine engine, AlibabaConnectionType type)
        {
            switch (type)
            {
                case AlibabaConnectionType.ExpressConnect: return "EXPRESS";
                case AlibabaConnectionType.SelfManagedOnEcs: return "ECS";
                case AlibabaConnectionType.Cen: return "CEN";
                case AlibabaConnectionType.DatabaseGateway: return "DG";
                default: return engine.CloudInstanceType;
            }
        }

        /// <summary>One line per source row of the table, for error messages.</summary>
        internal static string DescribeSources() =>
            string.Join("; ", Engines.Where(e => e.SourceConnections.Count > 0)
                .Select(e => e.Key + " (" + string.Join(", ", e.SourceConnections.Select(c => c.ToString())) + ")"));
    }
}
