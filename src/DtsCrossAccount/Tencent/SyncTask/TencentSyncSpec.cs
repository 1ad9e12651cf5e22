using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Text.RegularExpressions;
using System.Management.Automation;
using DtsCrossAccount.Core;
using DtsCrossAccount.Json;
using DtsCrossAccount.Services;

namespace DtsCrossAccount.Tencent
{
    /// <summary>A New-DtsSyncTask request for Tencent after validation: everything later steps need, checked before any call.</summary>
    internal sealed class TencentSyncSpec
    {
        public string Name;
        public string TaskAccount;
        public Side Source;
        public Side Destination;
        public string InitType;
        public string InstanceClass;
        public JsonObject Objects;
        /// <summary>Step 5 options and the purchase.</summary>
        public TencentSyncOptions Options;
        public bool NoStart;
        public bool Wait;
        public int TimeoutSeconds;

        internal sealed class Side
        {
            public DatabaseEndpointSpec Endpoint;
            public string Engine;
            public string Region;
            public string AccountId;
            public string RoleName;
            public bool CrossAccount;
            /// <summary>TDSQL for MySQL source: "proxy" or "set" (ConfigureSyncJob SrcConnectType); null for other engines.</summary>
            public string TdsqlConnection;
            /// <summary>The set connection's shards, in the order given (the first starts the shard-key range at 0).</summary>
            public List<TdsqlSet> TdsqlSets = new List<TdsqlSet>();
            /// <summary>Distributed engines (TDSQL for MySQL) are sent as SrcInfos/DstInfos with NodeType cluster.</summary>
            public bool Cluster => TencentSupportedScope.IsDistributed(Engine);
        }

        internal sealed class TdsqlSet
        {
            public string SetId;
            public string Ip;
            public int Port;
        }
    }

    /// <summary>Resolves and validates a request into a <see cref="TencentSyncSpec"/> with no call.</summary>
    internal sealed class TencentSyncSpecResolver
    {
        private static readonly string[] InstanceClasses = { "micro", "small", "medium", "large" };
        private const string DefaultInstanceClass = "micro";

        private readonly TencentProvider _provider;

        public TencentSyncSpecResolver(TencentProvider provider)
        {
            _provider = provider;
        }

        /// <summary>With no Caller yet (before the service resolved it) the account checks are left out.</summary>
        public TencentSyncSpec Resolve(SyncTaskRequest request)
        {
            if (string.IsNullOrWhiteSpace(request.Name))
                throw Invalid("SyncTaskNameMissing", "-Name is required for Tencent: it is the DTS job name by which a re-run finds and resumes the task.", null);
            if (request.Source == null || request.Destination == null)
                throw Invalid("SyncTaskEndpointMissing", "Both the source and the destination database must be given.", null);
            if (!request.IncrementalSync)
                throw Invalid("TencentSyncNeedsIncremental",
                    "Tencent DTS data sync always replicates incremental changes: include Incremental in -Initialization " +
                    "(for example -Initialization Structure,FullData,Incremental, or just Incremental to skip the initial load).", request.Name);

            string taskAccount = request.Caller?.AccountId;
            var spec = new TencentSyncSpec
            {
                Name = request.Name,
                TaskAccount = taskAccount,
                Source = ResolveSide(request.Source, "Source", taskAccount),
                Destination = ResolveSide(request.Destination, "Destination", taskAccount),
                InitType = request.StructureInitialization
                    ? (request.FullDataInitialization ? "Full" : "Structure")
                    : (request.FullDataInitialization ? "Data" : "None"),
                NoStart = request.NoStart,
                Wait = request.Wait,
                TimeoutSeconds = request.TimeoutSeconds > 0 ? request.TimeoutSeconds : 1800,
            };
            if (spec.Destination.CrossAccount)
                throw Invalid("TencentTargetMustBeTaskAccount",
                    string.Format("Tencent cross-account sync copies from another account's source into an instance of the account that creates the task, " +
                                  "but target {0} belongs to account {1} and the credentials to account {2}. Run New-DtsSyncTask with credentials of account {1} " +
                                  "(its root or a sub-account), with the role in the source account trusting root account {1}.",
                        spec.Destination.Endpoint.InstanceId, spec.Destination.AccountId, taskAccount), spec.Destination.Endpoint.InstanceId);

            // Supported Scope ("cross-account data sync is supported between ...") limits a cross-account task, both of its
            // engines; a task with both endpoints in the task account is not cross-account and is not limited by it.
            // Before "who am I" a side with an explicit account ID may or may not be another account: checked at Plan.
            if (spec.Source.CrossAccount || spec.Destination.CrossAccount)
            {
                foreach (var side in new[] { ("Source", spec.Source), ("Destination", spec.Destination) })
                    if (!TencentSupportedScope.InScope(side.Item2.Engine))
                        throw Invalid("UnsupportedTencentEngine",
                            string.Format("-{0}Engine '{1}' is not supported for Tencent cross-account data sync. The guide's Supported Scope is: " +
                                          "\"Cross-account data sync is supported between TencentDB for MySQL, TDSQL for MySQL, TDSQL-C, and TencentDB for MariaDB " +
                                          "instances, but not between MySQL and CDWPG instances.\" Use one of: {2}.", side.Item1, side.Item2.Endpoint.Engine, TencentSupportedScope.Describe()),
                            side.Item2.Endpoint.Engine);
            }

            spec.InstanceClass = string.IsNullOrEmpty(request.InstanceClass) ? DefaultInstanceClass : request.InstanceClass.ToLowerInvariant();
            if (!InstanceClasses.Contains(spec.InstanceClass))
                throw Invalid("InvalidTencentInstanceClass",
                    string.Format("-InstanceClass '{0}' is not a Tencent DTS sync job class; use one of {1}.", request.InstanceClass, string.Join(", ", InstanceClasses)), request.InstanceClass);
            spec.Objects = TencentSyncObjects.Build(request.Databases, request.Tables);
            spec.Options = TencentSyncOptions.Resolve(request.Options);
            ResolveTdsql(spec.Source, "Source");
            if (spec.Destination.Endpoint.TdsqlConnection != null || (spec.Destination.Endpoint.TdsqlSets?.Length ?? 0) > 0)
                throw Invalid("TdsqlConnectionIsForTheSource",
                    "The TDSQL connection (proxy or set) is chosen for the source only (ConfigureSyncJob SrcConnectType); a TDSQL for MySQL target is reached through its proxy.", null);
            return spec;
        }

        private TencentSyncSpec.Side ResolveSide(DatabaseEndpointSpec e, string side, string taskAccount)
        {
            string engine = e.Engine == null ? "mysql" : TencentSupportedScope.NormalizeAny(e.Engine);
            if (engine == null)
                throw Invalid("UnsupportedTencentEngine",
                    string.Format("-{0}Engine '{1}' is not a Tencent DTS database type the module knows. The guide's Supported Scope is: " +
                                  "\"Cross-account data sync is supported between TencentDB for MySQL, TDSQL for MySQL, TDSQL-C, and TencentDB for MariaDB " +
                                  "instances, but not between MySQL and CDWPG instances.\" Use one of: {2} (within one account also: {3}).",
                        side, e.Engine, TencentSupportedScope.Describe(), string.Join(", ", TencentSupportedScope.SameAccountOnly)), e.Engine);
            string region = e.Region ?? _provider.Context.Region;
            if (string.IsNullOrEmpty(region))
                throw Invalid("TencentRegionMissing", string.Format("Give -{0}Region or -Region (for example ap-guangzhou).", side), null);
            _provider.ValidateRegion(region, side + "Region");
            if (string.IsNullOrEmpty(e.InstanceId))
                throw Invalid("InstanceIdMissing", string.Format("Give -{0}InstanceId (for example cdb-abcd1234).", side), null);
            if (string.IsNullOrEmpty(e.UserName) || string.IsNullOrEmpty(e.Password))
                throw Invalid("DatabaseCredentialMissing",
                    string.Format("Give -{0}DatabaseCredential: DTS signs in to {1} with a database account to copy the data.", side, e.InstanceId), e.InstanceId);
            string account = e.AccountId ?? taskAccount;
            if (account != null) _provider.ValidateAccountId(account, side + "AccountId");
            bool cross = e.IsCrossAccount || (taskAccount != null && account != taskAccount);
            string roleName = e.RoleName ?? (cross ? _provider.DefaultRoleName : null);
            if (cross) _provider.ValidateRoleName(roleName, side + "RoleName");
            return new TencentSyncSpec.Side { Endpoint = e, Engine = engine, Region = region, AccountId = account, RoleName = roleName, CrossAccount = cross };
        }

        // A set: its ID (set_1234567890_1 in the TDSQL console), an IPv4 address and a port.
        private static readonly Regex SetPattern = new Regex(@"\A(?<id>[A-Za-z0-9_-]{1,64})=(?<ip>[0-9]{1,3}(?:\.[0-9]{1,3}){3}):(?<port>[0-9]{1,5})\z", RegexOptions.CultureInvariant);

        /// <summary>
        /// SrcConnectType (required for a tdsqlmysql source): proxy = through the TDSQL proxy, only the proxy node is sent;
        /// set = straight to each shard, the proxy node and every set node, the first set being the shard whose
        /// shard-key range starts at 0 (SyncDBEndpointInfos.Info).
        /// </summary>
        private static void ResolveTdsql(TencentSyncSpec.Side side, string prefix)
        {
            var e = side.Endpoint;
            bool givenConnection = e.TdsqlConnection != null, givenSets = (e.TdsqlSets?.Length ?? 0) > 0;
            if (side.Engine != "tdsqlmysql")
            {
                if (givenConnection || givenSets)
                    throw Invalid("TdsqlConnectionForOtherEngine",
                        string.Format("-{0}TdsqlConnection and -{0}TdsqlSet are for a TDSQL for MySQL source (-{0}Engine TDSQL); the source here is {1}.",
                            prefix, TencentSupportedScope.ProductNames.TryGetValue(side.Engine, out var product) ? product : side.Engine), null);
                return;
            }
            string connection = (e.TdsqlConnection ?? "proxy").ToLowerInvariant();
            if (connection != "proxy" && connection != "set")
                throw Invalid("InvalidTdsqlConnection", string.Format("-{0}TdsqlConnection '{1}' is not proxy or set.", prefix, InputText.Show(e.TdsqlConnection)), e.TdsqlConnection);
            side.TdsqlConnection = connection;
            if (connection == "proxy")
            {
                if (givenSets)
                    throw Invalid("TdsqlSetsWithProxy",
                        string.Format("-{0}TdsqlSet lists shards for the set connection; with the proxy connection DTS reaches them through the proxy. Add -{0}TdsqlConnection Set, or leave the sets out.", prefix), null);
                return;
            }
            if (!givenSets)
                throw Invalid("TdsqlSetsMissing",
                    string.Format("-{0}TdsqlConnection Set connects to each shard: list them with -{0}TdsqlSet 'setId=ip:port', first the shard whose shard-key range starts at 0 " +
                                  "(IDs and addresses from the TDSQL console's shard list).", prefix), null);
            foreach (var text in e.TdsqlSets)
            {
                var m = text == null ? null : SetPattern.Match(text);
                bool ok = m != null && m.Success
                    && m.Groups["ip"].Value.Split('.').All(o => int.Parse(o, CultureInfo.InvariantCulture) <= 255)
                    && int.TryParse(m.Groups["port"].Value, NumberStyles.None, CultureInfo.InvariantCulture, out int port) && port >= 1 && port <= 65535;
                if (!ok)
                    throw Invalid("InvalidTdsqlSet",
                        string.Format("-{0}TdsqlSet '{1}' is not 'setId=ip:port' (for example set_1700000000_1=10.0.0.12:3306).{2}", prefix, InputText.Show(text), InputText.WhatIsWrong(text, 90)), text);
                if (side.TdsqlSets.Any(s => s.SetId == m.Groups["id"].Value))
                    throw Invalid("DuplicateTdsqlSet", string.Format("-{0}TdsqlSet names set {1} twice.", prefix, m.Groups["id"].Value), text);
                side.TdsqlSets.Add(new TencentSyncSpec.TdsqlSet { SetId = m.Groups["id"].Value, Ip = m.Groups["ip"].Value, Port = int.Parse(m.Groups["port"].Value, CultureInfo.InvariantCulture) });
            }
        }

        internal static DtsCrossAccountException Invalid(string id, string message, object target) =>
            new DtsCrossAccountException(id, ErrorCategory.InvalidArgument, message, target);
    }
}
