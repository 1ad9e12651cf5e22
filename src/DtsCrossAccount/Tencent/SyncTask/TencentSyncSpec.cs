using System;
using System.Linq;
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

        internal static DtsCrossAccountException Invalid(string id, string message, object target) =>
            new DtsCrossAccountException(id, ErrorCategory.InvalidArgument, message, target);
    }
}
