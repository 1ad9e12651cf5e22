using System.Collections.Generic;

namespace DtsCrossAccount.Services
{
    // Cloud-neutral inputs of the service layer. Cmdlets fill them from bound parameters; providers read them.

    internal sealed class RoleRequest
    {
        /// <summary>Who is calling (resolved once by the service layer before any write).</summary>
        public CallerIdentity Caller;
        /// <summary>The account that owns the role (the database owner).</summary>
        public string AccountId;
        /// <summary>The account that creates the DTS task.</summary>
        public string TrustedAccountId;
        public string RoleName;
        public string ExternalId;
        public string Description;
        /// <summary>Alibaba scenario planning: labels copied to the output.</summary>
        public string Scenario;
        public string Endpoint;
    }

    internal sealed class TrustPolicyRequest
    {
        /// <summary>Who is calling (resolved once by the service layer before any write).</summary>
        public CallerIdentity Caller;
        public string AccountId;
        public string RoleName;
        public string TrustedAccountId;
        public string ExternalId;
    }

    internal sealed class GrantRequest
    {
        /// <summary>Who is calling (resolved once by the service layer before any write).</summary>
        public CallerIdentity Caller;
        /// <summary>The task account (root) in which the policy is created; the caller's account.</summary>
        public string AccountId;
        /// <summary>Tencent: sub-account UIN. Alibaba: RAM user name.</summary>
        public string SubAccount;
        /// <summary>The account that owns the role (database owner).</summary>
        public string RoleAccountId;
        public string RoleName;
        /// <summary>Optional; the provider derives a stable default from the role.</summary>
        public string PolicyName;
    }

    internal sealed class RemoveRoleRequest
    {
        /// <summary>Who is calling (resolved once by the service layer before any write).</summary>
        public CallerIdentity Caller;
        /// <summary>The account that owns the role (the database owner).</summary>
        public string AccountId;
        public string RoleName;
        /// <summary>Also detach policies New-DtsCrossAccountRole did not attach, and delete the role anyway.</summary>
        public bool Force;
    }

    internal sealed class AccessCheckRequest
    {
        /// <summary>Who is calling (resolved once by the service layer before any write).</summary>
        public CallerIdentity Caller;
        public string RoleAccountId;
        public string RoleName;
        public string ExternalId;
        public string Region;
        /// <summary>The account expected to create the task (optional; defaults to the caller's account).</summary>
        public string TrustedAccountId;
        /// <summary>The peer database type to list (Tencent); null = the cloud's default.</summary>
        public string Engine;
    }

    internal sealed class DatabaseEndpointSpec
    {
        public string AccountId;
        public string InstanceId;
        public string Region;
        public string Engine;
        /// <summary>Alibaba connection type (seed table); Tencent: null = cloud database.</summary>
        public string ConnectionType;
        public string RoleName;
        public string ExternalId;
        public string UserName;
        /// <summary>Database password; kept out of every message.</summary>
        internal string Password;
        /// <summary>True when AccountId differs from the task account.</summary>
        public bool IsCrossAccount;
        /// <summary>Tencent TDSQL for MySQL source: how DTS reaches the shards (proxy or set); null = proxy.</summary>
        public string TdsqlConnection;
        /// <summary>Tencent TDSQL for MySQL source with the set connection: "setId=ip:port" per shard, first the shard whose shard-key range starts at 0.</summary>
        public string[] TdsqlSets;

        // How a self-managed database is reached (Alibaba connection types other than a cloud instance); null = not given.
        public string IPAddress;
        public int? Port;
        public string VpcId;
        public string VSwitchId;
        public string EcsInstanceId;
        public string CenId;
        public string GatewayId;
        public string OracleSid;
    }

    internal sealed class SyncTaskRequest
    {
        /// <summary>Who is calling (resolved once by the service layer before any write).</summary>
        public CallerIdentity Caller;
        public string Name;
        public DatabaseEndpointSpec Source;
        public DatabaseEndpointSpec Destination;
        public string[] Databases;
        /// <summary>Tables as "database.table"; their databases are synced table by table.</summary>
        public string[] Tables;
        public bool StructureInitialization = true;
        public bool FullDataInitialization = true;
        public bool IncrementalSync = true;
        public bool TwoWay;
        public bool NoStart;
        public bool Wait;
        public int TimeoutSeconds = 1800;
        public string InstanceClass;
        public IDictionary<string, string> Extra;
        /// <summary>Sync options and purchase (step 5 of the Tencent guide, PayMode); null = the cloud's defaults.</summary>
        public SyncTaskOptions Options;
    }
}

namespace DtsCrossAccount.Services
{
    /// <summary>Which sync task(s) Get-/Stop-/Remove-DtsSyncTask mean: by ID, by exact name, or (neither) all in the region.</summary>
    internal sealed class SyncTaskSelector
    {
        public string TaskId;
        public string Name;
        public string Region;
        /// <summary>How long Stop/Remove wait for the cloud to reach each state they need (seconds).</summary>
        public int TimeoutSeconds = 600;

        public override string ToString() =>
            !string.IsNullOrEmpty(TaskId) ? "task " + TaskId : !string.IsNullOrEmpty(Name) ? "task '" + Name + "'" : "tasks";
    }
}
