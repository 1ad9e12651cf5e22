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

            // Seed, Supported databases: source = database type × connection type; destination = its own list.
            if (t.Source.Engine.SourceConnections.Count == 0)
            {
                throw AlibabaProvider.Invalid("UnsupportedSourceDatabase", "SourceEngine",
                    "Cross-account DTS does not support " + t.Source.Engine.SeedName + " as a source database. Supported sources (connection types): " + AlibabaSupportMatrix.DescribeSources() + ".");
            }
            if (!t.Source.Engine.SourceConnections.Contains(t.Source.Connection))
            {
                throw AlibabaProvider.Invalid("UnsupportedSourceConnectionType", "SourceConnectionType",
                    "A " + t.Source.Engine.SeedName + " source cannot be reached as '" + AlibabaSupportMatrix.Describe(t.Source.Connection) + "' in a cross-account task. Use -SourceConnectionType "
                    + string.Join(" | ", t.Source.Engine.SourceConnections.Select(c => c.ToString())) + ".");
            }
            if (!t.Destination.Engine.Destination)
            {
                throw AlibabaProvider.Invalid("UnsupportedDestinationDatabase", "DestinationEngine",
                    "Cross-account DTS does not support " + t.Destination.Engine.SeedName + " as a destination database. Supported destinations: "
                    + string.Join(", ", AlibabaSupportMatrix.DestinationEngineNames) + " (each as an Alibaba Cloud instance).");
            }
            if (t.Destination.Connection != AlibabaConnectionType.AlibabaCloudInstance)
            {
                throw AlibabaProvider.Invalid("UnsupportedDestinationConnectionType", "DestinationEngine",
                    "A cross-account destination must be an Alibaba Cloud instance (connection type AlibabaCloudInstance).");
            }

            // Seed, Limitations: two-way only between RDS MySQL, Tair Enterprise and MongoDB (replica set / sharded cluster).
            if (r.TwoWay)
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
                        "Two-way synchronization needs the same database type on both sides; the source is " + t.Source.Engine.SeedName + " and the destination " + t.Destination.Engine.SeedName + ".");
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

            t.InstanceClass = string.IsNullOrEmpty(r.InstanceClass) ? DefaultInstanceClass : r.InstanceClass.ToLowerInvariant();
            if (!InstanceClasses.Contains(t.InstanceClass))
                throw AlibabaProvider.Invalid("InvalidInstanceClass", "InstanceClass", "'" + r.InstanceClass + "' is not a DTS sync instance class. Use one of: " + string.Join(", ", InstanceClasses) + ".");

            t.DbList = AlibabaConfigureDtsJobRequest.BuildDbList(r.Databases, r.Tables);
            t.Reserve = AlibabaConfigureDtsJobRequest.BuildReserve(r.Extra);
            t.Scenario = AlibabaScenario.NameFor(t.Source.CrossAccount, t.Destination.CrossAccount);
            return t;
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
            if (string.IsNullOrEmpty(spec.InstanceId))
                throw AlibabaProvider.Invalid("InstanceIdRequired", prefix + "InstanceId", "The " + label + " instance ID is required (-" + prefix + "InstanceId), for example rm-bp1xxxxxxxx.");
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
