using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Linq;
using System.Management.Automation;
using DtsCrossAccount.Core;
using DtsCrossAccount.Json;
using DtsCrossAccount.Services;

namespace DtsCrossAccount.Alibaba
{
    /// <summary>A New-DtsSyncTask request for Alibaba after validation: every limit of the seed checked, before any call.</summary>
    internal sealed class AlibabaSyncSpec
    {
        public SyncTaskRequest Request;
        public string TaskAccountId;
        public string DtsRegion;
        public string InstanceClass;
        public Side Source;
        public Side Destination;
        public string DbList;
        public string Reserve;
        public string Scenario;
        /// <summary>Wait until the job reaches <see cref="RunningStatus"/>: -Wait, or the forward job of a two-way task (its reverse is configured once it runs).</summary>
        public bool WaitUntilRunning;
        /// <summary>
        /// Where a job that does its work ends up, which follows from the request alone: Synchronizing with incremental
        /// sync; without it DTS ends the job Finished once the initial load is done (it never synchronizes), so that is what
        /// a wait waits for and a re-run accepts.
        /// </summary>
        public string RunningStatus => RunningStatusOf(Request.IncrementalSync);

        /// <summary>The status a started job with (or without) incremental sync settles in; also what Get-DtsSyncTask -Wait waits for by default.</summary>
        internal static string RunningStatusOf(bool incrementalSync) => incrementalSync ? "Synchronizing" : "Finished";

        /// <summary>One endpoint after validation.</summary>
        internal sealed class Side
        {
            public string Label;            // "source" / "destination"
            public string Prefix;           // "Source" / "Destination"
            public DatabaseEndpointSpec Spec;
            public AlibabaEngine Engine;
            public AlibabaConnectionType Connection;
            public string AccountId;
            public string Region;
            public string RoleName;
            public bool CrossAccount;
            /// <summary>ConfigureDtsJob *EndpointDatabaseName, for the engines that need it (PostgreSQL, PolarDB-O, MongoDB).</summary>
            public string DatabaseName;
            /// <summary>ConfigureDtsJob *EndpointInstanceID: what DTS reaches the database by (instance, ECS, gateway or VPC).</summary>
            public string WireInstanceId => AlibabaEndpointReach.WireInstanceId(this);
        }
    }

    /// <summary>Resolves and validates a request into an <see cref="AlibabaSyncSpec"/> with no call; every refusal that needs none happens here.</summary>
    internal sealed class AlibabaSyncSpecResolver
    {
        private static readonly string[] InstanceClasses = { "micro", "small", "medium", "large" };
        private const string DefaultInstanceClass = "small";

        private readonly AlibabaProvider _provider;
        private readonly ProviderContext _ctx;

        public AlibabaSyncSpecResolver(AlibabaProvider provider, ProviderContext ctx)
        {
            _provider = provider;
            _ctx = ctx;
        }

        public AlibabaSyncSpec Resolve(SyncTaskRequest r)
        {
            if (string.IsNullOrWhiteSpace(r.Name))
                throw AlibabaProvider.Invalid("SyncTaskNameRequired", "Name", "Give the task a name with -Name; the name is how a re-run finds the task again.");
            if (r.Source == null || r.Destination == null)
                throw AlibabaProvider.Invalid("SyncEndpointRequired", "SourceInstanceId", "Both the source and the destination database are required (-SourceInstanceId, -DestinationInstanceId).");

            var taskAccount = r.Caller?.AccountId;
            var t = new AlibabaSyncSpec { Request = r, TaskAccountId = taskAccount };
            t.Source = ResolveEndpoint(r.Source, "source", "Source", taskAccount);
            t.Destination = ResolveEndpoint(r.Destination, "destination", "Destination", taskAccount);

            // Seed, Supported databases: "Cross-account access is determined by the combination of Database type and
            // Connection type" -- the tables list what the CROSS-ACCOUNT side may be. An endpoint in the task account's own
            // account is an ordinary DTS endpoint and is not limited by them (a PostgreSQL destination of your own is fine).
            // Before "who am I" an endpoint with an explicit account ID may or may not be cross-account; it is checked
            // again once the caller is known (Plan), still before any write.
            if (t.Source.CrossAccount) CheckCrossAccountSource(t.Source);
            if (t.Destination.CrossAccount) CheckCrossAccountDestination(t.Destination);
            if (t.Destination.CrossAccount) CheckDestinationOwnerField(t);
            // How each side is reached: the parameters its connection type needs, and none it does not take.
            AlibabaEndpointReach.Validate(t.Source, t.Destination, !string.IsNullOrEmpty(taskAccount));

            // Seed, Limitations: "Cross-account two-way synchronization is only supported between" RDS MySQL, Tair
            // Enterprise and MongoDB (replica set / sharded cluster) -- a same-account two-way task is not limited by it.
            if (r.TwoWay && (t.Source.CrossAccount || t.Destination.CrossAccount))
            {
                foreach (var e in new[] { t.Source, t.Destination })
                {
                    if (!e.Engine.TwoWay || e.Connection != AlibabaConnectionType.AlibabaCloudInstance)
                    {
                        throw AlibabaProvider.Invalid("UnsupportedTwoWayDatabase", e.Prefix + "Engine",
                            "Cross-account two-way synchronization is only supported between ApsaraDB RDS for MySQL instances or clusters, Tair (Enterprise Edition) instances, "
                            + "and ApsaraDB for MongoDB replica set or sharded cluster instances; the " + e.Label + " is " + e.Engine.SeedName + " ("
                            + AlibabaSupportMatrix.Describe(e.Connection) + "). Use -SourceEngine/-DestinationEngine MySQL, Tair or MongoDB with Alibaba Cloud instances, or drop -TwoWay.");
                    }
                }
                if (t.Source.Engine != t.Destination.Engine)
                {
                    throw AlibabaProvider.Invalid("UnsupportedTwoWayDatabase", "DestinationEngine",
                        "Cross-account two-way synchronization needs the same database type on both sides; the source is " + t.Source.Engine.SeedName + " and the destination " + t.Destination.Engine.SeedName + ".");
                }
            }

            // Seed, Limitations: no synchronization across cloud types (Finance Cloud, government cloud, public cloud).
            t.DtsRegion = t.Destination.Region;
            var types = new[] { t.Source, t.Destination }.Select(e => new { e, type = AlibabaRegions.CloudTypeOf(e.Region) }).ToList();
            var dtsType = AlibabaRegions.CloudTypeOf(t.DtsRegion);
            if (types.Any(x => x.type != types[0].type) || dtsType != types[0].type)
            {
                throw AlibabaProvider.Invalid("CrossCloudTypeSync", "DestinationRegion",
                    "Synchronization between accounts of different cloud types is not supported: the source region " + t.Source.Region + " is "
                    + AlibabaRegions.Describe(types[0].type) + " and the destination region " + t.Destination.Region + " is " + AlibabaRegions.Describe(types[1].type)
                    + ". Both databases must be in the same kind of cloud (public, Finance Cloud or government cloud), and so must the accounts.");
            }

            if (!r.StructureInitialization && !r.FullDataInitialization && !r.IncrementalSync)
                throw AlibabaProvider.Invalid("InitializationRequired", "Initialization", "Choose at least one of -Initialization Structure, FullData, Incremental.");
            if (r.TwoWay && !r.IncrementalSync)
                throw AlibabaProvider.Invalid("TwoWayNeedsIncremental", "Initialization",
                    "-TwoWay keeps changes flowing both ways, which is incremental sync: include Incremental in -Initialization (for example -Initialization Structure,FullData,Incremental).");

            t.InstanceClass = string.IsNullOrEmpty(r.InstanceClass) ? DefaultInstanceClass : r.InstanceClass.ToLowerInvariant();
            if (!InstanceClasses.Contains(t.InstanceClass))
                throw AlibabaProvider.Invalid("InvalidInstanceClass", "InstanceClass", "'" + r.InstanceClass + "' is not a DTS sync instance class. Use one of: " + string.Join(", ", InstanceClasses) + ".");

            t.DbList = AlibabaConfigureDtsJobRequest.BuildDbList(r.Databases, r.Tables);
            t.Source.DatabaseName = DatabaseNameFor(t.Source, r);
            t.Destination.DatabaseName = DatabaseNameFor(t.Destination, r);
            t.Reserve = AlibabaConfigureDtsJobRequest.BuildReserve(r.Extra, t);
            t.Scenario = AlibabaScenario.NameFor(t.Source.CrossAccount, t.Destination.CrossAccount);
            t.WaitUntilRunning = r.Wait || r.TwoWay;
            return t;
        }

        /// <summary>
        /// ConfigureDtsJob *EndpointDatabaseName is "valid and required only if" the endpoint is PolarDB for PostgreSQL
        /// (Compatible with Oracle), PostgreSQL or MongoDB (doc 208399): the one database the objects belong to, taken
        /// from -Database / -Table, which then must name exactly one database.
        /// </summary>
        private static string DatabaseNameFor(AlibabaSyncSpec.Side e, SyncTaskRequest r)
        {
            var engine = e.Engine.ConfigureEngineName;
            if (engine != "POSTGRESQL" && engine != "POLARDB_O" && engine != "MONGODB") return null;
            var names = (r.Databases ?? new string[0]).Concat((r.Tables ?? new string[0]).Select(x => x.IndexOf('.') > 0 ? x.Substring(0, x.IndexOf('.')) : x))
                .Where(n => !string.IsNullOrWhiteSpace(n)).Distinct(StringComparer.Ordinal).ToList();
            if (names.Count == 1) return names[0];
            throw AlibabaProvider.Invalid("SingleDatabaseRequired", "Database",
                "A " + e.Engine.SeedName + " " + e.Label + " is configured with the one database its objects belong to (DTS " + e.Prefix + "EndpointDatabaseName); "
                + "-Database and -Table name " + (names.Count == 0 ? "none" : string.Join(", ", names)) + ". Sync one database per task: create one task per database.");
        }

        /// <summary>The seed's "Source databases" table: database type × connection type of a cross-account source.</summary>
        private static void CheckCrossAccountSource(AlibabaSyncSpec.Side source)
        {
            if (source.Engine.SourceConnections.Count == 0)
            {
                throw AlibabaProvider.Invalid("UnsupportedSourceDatabase", "SourceEngine",
                    "Cross-account DTS does not support " + source.Engine.SeedName + " as a source database in another account (" + source.AccountId + "). Supported cross-account sources (connection types): "
                    + AlibabaSupportMatrix.DescribeSources() + ". A source in the task account itself is not limited by this table.");
            }
            if (!source.Engine.SourceConnections.Contains(source.Connection))
            {
                throw AlibabaProvider.Invalid("UnsupportedSourceConnectionType", "SourceConnectionType",
                    "A " + source.Engine.SeedName + " source in another account cannot be reached as '" + AlibabaSupportMatrix.Describe(source.Connection) + "'. Use -SourceConnectionType "
                    + string.Join(" | ", source.Engine.SourceConnections.Select(c => c.ToString())) + ".");
            }
        }

        /// <summary>The seed's "Destination databases" table: what a destination in another account may be (always an Alibaba Cloud instance).</summary>
        private static void CheckCrossAccountDestination(AlibabaSyncSpec.Side destination)
        {
            if (!destination.Engine.Destination)
            {
                throw AlibabaProvider.Invalid("UnsupportedDestinationDatabase", "DestinationEngine",
                    "Cross-account DTS does not support " + destination.Engine.SeedName + " as a destination database in another account (" + destination.AccountId + "). Supported cross-account destinations: "
                    + string.Join(", ", AlibabaSupportMatrix.DestinationEngineNames) + " (each as an Alibaba Cloud instance). A destination in the task account itself is not limited by this table.");
            }
            if (destination.Connection != AlibabaConnectionType.AlibabaCloudInstance)
            {
                throw AlibabaProvider.Invalid("UnsupportedDestinationConnectionType", "DestinationConnectionType",
                    "A destination in another account must be an Alibaba Cloud instance (connection type AlibabaCloudInstance).");
            }
        }

        /// <summary>
        /// ConfigureDtsJob documents DestinationEndpointOwnerID only for an RDS MySQL destination ("can be configured only
        /// when the target instance is RDS MySQL"; API reference ConfigureDtsJob, doc 208399, and the official Terraform
        /// resource alicloud_dts_synchronization_job). A destination of another type in another account is refused before
        /// any call, with the guide's alternative: the destination owner creates the task (scenario 1, cross-account source).
        /// </summary>
        private static void CheckDestinationOwnerField(AlibabaSyncSpec t)
        {
            var d = t.Destination;
            if (d.Engine.Key == "MySQL" && d.Connection == AlibabaConnectionType.AlibabaCloudInstance) return;
            string sourceAccount = t.Source.CrossAccount ? t.Source.AccountId : t.TaskAccountId;
            throw AlibabaProvider.Invalid("DestinationOwnerNotSupported", "DestinationAccountId",
                "DTS takes a destination in another account (DestinationEndpointOwnerID) only for an ApsaraDB RDS for MySQL destination; the destination here is "
                + d.Engine.SeedName + " in account " + d.AccountId + ". Do it the guide's other way round (scenario 1, cross-account source database): account "
                + d.AccountId + " creates the task with the source as the cross-account side. The source owner (" + sourceAccount + ") creates the role trusting it: "
                + "New-DtsCrossAccountRole -Cloud Alibaba -AccountId " + sourceAccount + " -TrustedAccountId " + d.AccountId + " -ProfileName <profile of account " + sourceAccount + ">; "
                + "then, with account " + d.AccountId + "'s credentials: New-DtsSyncTask -Cloud Alibaba -SourceAccountId " + sourceAccount
                + " -DestinationEngine " + d.Engine.Key + " ... -ProfileName <profile of account " + d.AccountId + ">.");
        }

        private AlibabaSyncSpec.Side ResolveEndpoint(DatabaseEndpointSpec spec, string label, string prefix, string taskAccount)
        {
            var e = new AlibabaSyncSpec.Side { Label = label, Prefix = prefix, Spec = spec };
            e.Engine = AlibabaSupportMatrix.FindEngine(string.IsNullOrEmpty(spec.Engine) ? "MySQL" : spec.Engine);
            if (e.Engine == null)
            {
                throw AlibabaProvider.Invalid("UnknownEngine", prefix + "Engine",
                    "'" + spec.Engine + "' is not a database type the module knows. Use one of: " + string.Join(", ", AlibabaSupportMatrix.EngineNames) + ".");
            }
            if (!AlibabaSupportMatrix.TryParseConnectionType(spec.ConnectionType, out e.Connection))
            {
                throw AlibabaProvider.Invalid("UnknownConnectionType", prefix + "ConnectionType",
                    "'" + spec.ConnectionType + "' is not a connection type. Use one of: " + string.Join(", ", AlibabaSupportMatrix.ConnectionTypeNames) + ".");
            }
            e.Region = spec.Region ?? _ctx.Region;
            if (string.IsNullOrEmpty(e.Region))
                throw AlibabaProvider.Invalid("RegionRequired", prefix + "Region", "The " + label + " region is required: pass -" + prefix + "Region or -Region, for example cn-hangzhou.");
            _provider.ValidateRegion(e.Region, prefix + "Region");
            e.AccountId = string.IsNullOrEmpty(spec.AccountId) ? taskAccount : spec.AccountId;
            if (!string.IsNullOrEmpty(e.AccountId)) _provider.ValidateAccountId(e.AccountId, prefix + "AccountId");
            e.CrossAccount = spec.IsCrossAccount || (!string.IsNullOrEmpty(taskAccount) && !string.IsNullOrEmpty(e.AccountId) && e.AccountId != taskAccount);
            if (e.CrossAccount)
            {
                e.RoleName = string.IsNullOrEmpty(spec.RoleName) ? _provider.DefaultRoleName : spec.RoleName;
                _provider.ValidateRoleName(e.RoleName, prefix + "RoleName");
            }
            if (string.IsNullOrEmpty(spec.UserName) || string.IsNullOrEmpty(spec.Password))
            {
                throw AlibabaProvider.Invalid("DatabaseCredentialRequired", prefix + "DatabaseCredential",
                    "DTS needs a database account of the " + label + " instance: pass -" + prefix + "DatabaseCredential (user name and password of a database account with the privileges DTS requires).");
            }
            return e;
        }
    }
}
