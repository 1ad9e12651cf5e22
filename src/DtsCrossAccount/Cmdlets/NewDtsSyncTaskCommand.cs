using System;
using System.Linq;
using System.Management.Automation;
using DtsCrossAccount.Core;
using DtsCrossAccount.Services;

namespace DtsCrossAccount.Cmdlets
{
    /// <summary>
    /// Buys, configures, verifies and starts a cross-account DTS sync task, run as the task account. Re-running with the
    /// same -Name resumes a task left half-way instead of buying another.
    /// </summary>
    [Cmdlet(VerbsCommon.New, "DtsSyncTask", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.High, HelpUri = ProjectLinks.Docs + "New-DtsSyncTask.md")]
    [OutputType(typeof(SyncTask))]
    public sealed class NewDtsSyncTaskCommand : DtsCmdletBase
    {
        internal static readonly string[] InitializationValues = { "Structure", "FullData", "Incremental" };

        [Parameter(Mandatory = true, HelpMessage = "The task's name; re-running with the same name resumes the task.")]
        [ValidateNotNullOrEmpty]
        public string Name { get; set; }

        /// <summary>The role created by New-DtsCrossAccountRole in the source owner's account.</summary>
        [Parameter(ValueFromPipeline = true)]
        [ValidateNotNull]
        public CrossAccountRole SourceRole { get; set; }

        [Parameter]
        [ValidateNotNullOrEmpty]
        public string SourceAccountId { get; set; }

        /// <summary>The source database instance ID; an Alibaba self-managed source is named by its reach parameters instead.</summary>
        [Parameter]
        [ValidateNotNullOrEmpty]
        public string SourceInstanceId { get; set; }

        [Parameter]
        [ValidateNotNullOrEmpty]
        [ArgumentCompleter(typeof(RegionCompleter))]
        public string SourceRegion { get; set; }

        [Parameter]
        [ValidateNotNullOrEmpty]
        [ArgumentCompleter(typeof(EngineCompleter))]
        public string SourceEngine { get; set; }

        [Parameter]
        [ValidateNotNullOrEmpty]
        public string SourceRoleName { get; set; }

        [Parameter]
        [ValidateNotNullOrEmpty]
        public string SourceExternalId { get; set; }

        /// <summary>Alibaba connection type of the source (seed table), e.g. "Alibaba Cloud Instance".</summary>
        [Parameter]
        [ValidateNotNullOrEmpty]
        public string SourceConnectionType { get; set; }

        [Parameter]
        [Credential]
        [ValidateNotNull]
        public PSCredential SourceDatabaseCredential { get; set; }

        /// <summary>The role created in the destination owner's account (Alibaba cross-account destination).</summary>
        [Parameter]
        [ValidateNotNull]
        public CrossAccountRole DestinationRole { get; set; }

        [Parameter]
        [ValidateNotNullOrEmpty]
        public string DestinationAccountId { get; set; }

        /// <summary>The destination database instance ID; an Alibaba self-managed destination is named by its reach parameters instead.</summary>
        [Parameter]
        [ValidateNotNullOrEmpty]
        public string DestinationInstanceId { get; set; }

        [Parameter]
        [ValidateNotNullOrEmpty]
        [ArgumentCompleter(typeof(RegionCompleter))]
        public string DestinationRegion { get; set; }

        [Parameter]
        [ValidateNotNullOrEmpty]
        [ArgumentCompleter(typeof(EngineCompleter))]
        public string DestinationEngine { get; set; }

        [Parameter]
        [ValidateNotNullOrEmpty]
        public string DestinationRoleName { get; set; }

        [Parameter]
        [Credential]
        [ValidateNotNull]
        public PSCredential DestinationDatabaseCredential { get; set; }

        /// <summary>Whole databases to sync.</summary>
        [Parameter]
        [ValidateNotNullOrEmpty]
        public string[] Database { get; set; }

        /// <summary>Single tables as "database.table".</summary>
        [Parameter]
        [ValidateNotNullOrEmpty]
        public string[] Table { get; set; }

        [Parameter]
        [ValidateSet("Structure", "FullData", "Incremental", IgnoreCase = true)]
        public string[] Initialization { get; set; } = InitializationValues;

        /// <summary>Alibaba two-way sync (RDS MySQL, Tair Enterprise, MongoDB only).</summary>
        [Parameter]
        public SwitchParameter TwoWay { get; set; }

        [Parameter]
        [ValidateNotNullOrEmpty]
        public string InstanceClass { get; set; }

        /// <summary>Buy and configure only: neither the cloud's verification (precheck) nor the sync is started, on both clouds.</summary>
        [Parameter]
        public SwitchParameter NoStart { get; set; }

        /// <summary>Wait until the task runs, with progress.</summary>
        [Parameter]
        public SwitchParameter Wait { get; set; }

        [Parameter]
        [ValidateRange(10, 86400)]
        public int TimeoutSeconds { get; set; } = 1800;

        #region Alibaba: how a self-managed database is reached (ConfigureDtsJob *EndpointIP, Port, InstanceID, VSwitchID, OracleSID, Reserve)

        /// <summary>Alibaba connection type of the destination; a destination in another account is always an Alibaba Cloud instance.</summary>
        [Parameter]
        [ValidateNotNullOrEmpty]
        public string DestinationConnectionType { get; set; }

        /// <summary>IPv4 address of a self-managed source (Express Connect, CEN, Database Gateway).</summary>
        [Parameter]
        [ValidateNotNullOrEmpty]
        public string SourceIPAddress { get; set; }

        /// <summary>Port of a self-managed source.</summary>
        [Parameter]
        [ValidateRange(1, 65535)]
        public int SourcePort { get; set; }

        /// <summary>VPC connected to a source reached through Express Connect / VPN Gateway / Smart Access Gateway or CEN.</summary>
        [Parameter]
        [ValidateNotNullOrEmpty]
        public string SourceVpcId { get; set; }

        /// <summary>vSwitch DTS ships the source's data through (Express Connect, CEN; optional).</summary>
        [Parameter]
        [ValidateNotNullOrEmpty]
        public string SourceVSwitchId { get; set; }

        /// <summary>ECS instance a self-managed source runs on.</summary>
        [Parameter]
        [ValidateNotNullOrEmpty]
        public string SourceEcsInstanceId { get; set; }

        /// <summary>CEN instance a source is reached through.</summary>
        [Parameter]
        [ValidateNotNullOrEmpty]
        public string SourceCenId { get; set; }

        /// <summary>Database gateway a source is reached through.</summary>
        [Parameter]
        [ValidateNotNullOrEmpty]
        public string SourceGatewayId { get; set; }

        /// <summary>SID of an Oracle source (non-RAC).</summary>
        [Parameter]
        [ValidateNotNullOrEmpty]
        public string SourceOracleSid { get; set; }

        [Parameter]
        [ValidateNotNullOrEmpty]
        public string DestinationIPAddress { get; set; }

        [Parameter]
        [ValidateRange(1, 65535)]
        public int DestinationPort { get; set; }

        [Parameter]
        [ValidateNotNullOrEmpty]
        public string DestinationVpcId { get; set; }

        [Parameter]
        [ValidateNotNullOrEmpty]
        public string DestinationEcsInstanceId { get; set; }

        [Parameter]
        [ValidateNotNullOrEmpty]
        public string DestinationCenId { get; set; }

        [Parameter]
        [ValidateNotNullOrEmpty]
        public string DestinationGatewayId { get; set; }

        [Parameter]
        [ValidateNotNullOrEmpty]
        public string DestinationOracleSid { get; set; }

        private static readonly string[] AlibabaReachParameters =
        {
            nameof(DestinationConnectionType), nameof(SourceIPAddress), nameof(SourcePort), nameof(SourceVpcId), nameof(SourceVSwitchId),
            nameof(SourceEcsInstanceId), nameof(SourceCenId), nameof(SourceGatewayId), nameof(SourceOracleSid), nameof(DestinationIPAddress),
            nameof(DestinationPort), nameof(DestinationVpcId), nameof(DestinationEcsInstanceId), nameof(DestinationCenId),
            nameof(DestinationGatewayId), nameof(DestinationOracleSid),
        };

        /// <summary>Copies the Alibaba reach parameters onto the endpoints; on another cloud they are refused by name.</summary>
        private void ApplyAlibabaReach(DatabaseEndpointSpec source, DatabaseEndpointSpec destination)
        {
            var given = AlibabaReachParameters.Where(p => MyInvocation.BoundParameters.ContainsKey(p)).ToList();
            if (Cloud != CloudKind.Alibaba)
            {
                if (given.Count > 0)
                    throw new DtsCrossAccountException("ParameterNotForCloud", ErrorCategory.InvalidArgument,
                        string.Join(", ", given.Select(p => "-" + p)) + (given.Count == 1 ? " is" : " are") + " for -Cloud Alibaba only (how Alibaba DTS reaches a self-managed database).");
                return;
            }
            destination.ConnectionType = DestinationConnectionType;
            source.IPAddress = SourceIPAddress;
            source.Port = Bound(nameof(SourcePort)) ? SourcePort : (int?)null;
            source.VpcId = SourceVpcId;
            source.VSwitchId = SourceVSwitchId;
            source.EcsInstanceId = SourceEcsInstanceId;
            source.CenId = SourceCenId;
            source.GatewayId = SourceGatewayId;
            source.OracleSid = SourceOracleSid;
            destination.IPAddress = DestinationIPAddress;
            destination.Port = Bound(nameof(DestinationPort)) ? DestinationPort : (int?)null;
            destination.VpcId = DestinationVpcId;
            destination.EcsInstanceId = DestinationEcsInstanceId;
            destination.CenId = DestinationCenId;
            destination.GatewayId = DestinationGatewayId;
            destination.OracleSid = DestinationOracleSid;
        }

        private bool Bound(string name) => MyInvocation.BoundParameters.ContainsKey(name);

        #endregion

        #region Tencent only: TDSQL connection, step 5 of the guide (sync options), purchase
        // Kept together so other clouds' parameters merge around them; refused with another -Cloud (TencentOnly below).

        /// <summary>TDSQL for MySQL source: through the TDSQL proxy (default) or straight to each set (shard).</summary>
        [Parameter]
        [ValidateSet("Proxy", "Set", IgnoreCase = true)]
        public string SourceTdsqlConnection { get; set; }

        /// <summary>With -SourceTdsqlConnection Set: 'setId=ip:port' per shard, first the shard whose shard-key range starts at 0.</summary>
        [Parameter]
        [ValidateNotNullOrEmpty]
        public string[] SourceTdsqlSet { get; set; }

        /// <summary>Conflicting rows in the target (ConfigureSyncJob Options.ConflictHandleType); the guide's default ReportError.</summary>
        [Parameter]
        [ValidateSet("ReportError", "Ignore", "Cover", "ConditionCover", IgnoreCase = true)]
        public string ConflictHandling { get; set; }

        /// <summary>ConditionCover: the column compared between source and target row.</summary>
        [Parameter]
        [ValidateNotNullOrEmpty]
        public string ConflictConditionColumn { get; set; }

        /// <summary>ConditionCover: the source row wins when its column is greater ('>'), smaller ('<') or equal ('=').</summary>
        [Parameter]
        [ValidateSet(">", "<", "=")]
        public string ConflictConditionOrder { get; set; }

        /// <summary>A same-named table in the target (Options.DealOfExistSameTable); default ReportErrorAfterCheck.</summary>
        [Parameter]
        [ValidateSet("ReportErrorAfterCheck", "ExecuteAfterIgnore", IgnoreCase = true)]
        public string ExistingTableHandling { get; set; }

        /// <summary>Operations to sync (Options.OpTypes); default all four, as the console preselects them.</summary>
        [Parameter]
        [ValidateSet("Insert", "Update", "Delete", "DDL", IgnoreCase = true)]
        public string[] SyncOperation { get; set; }

        /// <summary>Only these DDL statements (Options.DdlOptions with OpTypes PartialDDL) instead of all DDL.</summary>
        [Parameter]
        [ValidateSet("Database.Create", "Database.Drop", "Database.Alter", "Table.Create", "Table.Drop", "Table.Alter", "Table.Truncate", "Table.Rename",
            "View.Create", "View.Drop", "Index.Create", "Index.Drop", IgnoreCase = true)]
        public string[] SyncDdl { get; set; }

        /// <summary>PayAsYouGo (default, PostPay) or Subscription (PrePay, asks for confirmation unless -Force).</summary>
        [Parameter]
        [ValidateSet("PayAsYouGo", "Subscription", IgnoreCase = true)]
        public string PayMode { get; set; }

        /// <summary>Subscription length in months (CreateSyncJob TimeSpan, 1-100; default 1).</summary>
        [Parameter]
        public int Period { get; set; }

        /// <summary>Renew the subscription automatically (CreateSyncJob AutoRenew 1).</summary>
        [Parameter]
        public SwitchParameter AutoRenew { get; set; }

        /// <summary>Answers the subscription's purchase question in advance (-Confirm:$false answers ShouldProcess only).</summary>
        [Parameter]
        public SwitchParameter Force { get; set; }

        internal override bool SkipSpendingQuestion => Force;

        private static readonly string[] TencentOnly =
        {
            nameof(SourceTdsqlConnection), nameof(SourceTdsqlSet), nameof(ConflictHandling), nameof(ConflictConditionColumn), nameof(ConflictConditionOrder),
            nameof(ExistingTableHandling), nameof(SyncOperation), nameof(SyncDdl), nameof(PayMode), nameof(Period), nameof(AutoRenew),
        };

        /// <summary>Tencent-only parameters with another cloud: refused before any call, never silently dropped.</summary>
        private void RefuseTencentOnlyParameters()
        {
            if (Cloud == CloudKind.Tencent) return;
            var given = TencentOnly.Where(MyInvocation.BoundParameters.ContainsKey).ToList();
            if (given.Count > 0)
                throw new DtsCrossAccountException("TencentOnlyParameter", ErrorCategory.InvalidArgument,
                    string.Format("-{0} {1} Tencent Cloud DTS {2} (its ConfigureSyncJob / CreateSyncJob fields) and not used for -Cloud {3}. Leave {4} out.",
                        string.Join(", -", given), given.Count == 1 ? "is a" : "are", given.Count == 1 ? "parameter" : "parameters", Cloud,
                        given.Count == 1 ? "it" : "them"), given[0]);
        }

        private SyncTaskOptions TencentOptions()
        {
            var options = new SyncTaskOptions
            {
                ConflictHandling = ConflictHandling,
                ConflictConditionColumn = ConflictConditionColumn,
                ConflictConditionOrder = ConflictConditionOrder,
                ExistingTableHandling = ExistingTableHandling,
                Operations = SyncOperation,
                Ddl = SyncDdl,
                Subscription = string.Equals(PayMode, "Subscription", StringComparison.OrdinalIgnoreCase),
                PeriodMonths = Period,
                AutoRenew = AutoRenew,
            };
            foreach (var name in TencentOnly.Where(MyInvocation.BoundParameters.ContainsKey)) options.Given.Add(name);
            return options;
        }
        #endregion

        protected override void ProcessRecord()
        {
            Run(() =>
            {
                if ((Database == null || Database.Length == 0) && (Table == null || Table.Length == 0))
                    throw new DtsCrossAccountException("NoSyncObjects", ErrorCategory.InvalidArgument,
                        "Name what to sync: -Database for whole databases and/or -Table 'database.table' for single tables.");
                foreach (var t in Table ?? Array.Empty<string>())
                {
                    int dot = t.IndexOf('.');
                    if (dot <= 0 || dot == t.Length - 1)
                        throw new DtsCrossAccountException("InvalidTableName", ErrorCategory.InvalidArgument,
                            string.Format("-Table '{0}' must be written as 'database.table'.", t), t);
                }
                RefuseTencentOnlyParameters();
                if (NoStart && Wait)
                    throw new DtsCrossAccountException("NoStartWithWait", ErrorCategory.InvalidArgument,
                        "-NoStart stops after configuring the task, before its verification; -Wait waits for a running task. Use one of them.");

                var source = Endpoint(SourceRole, SourceAccountId, SourceInstanceId, SourceRegion, SourceEngine, SourceRoleName, SourceExternalId, SourceDatabaseCredential);
                source.ConnectionType = SourceConnectionType;
                source.TdsqlConnection = SourceTdsqlConnection;
                source.TdsqlSets = SourceTdsqlSet;
                var destination = Endpoint(DestinationRole, DestinationAccountId, DestinationInstanceId, DestinationRegion, DestinationEngine, DestinationRoleName, null, DestinationDatabaseCredential);
                ApplyAlibabaReach(source, destination);
                var init = Initialization ?? InitializationValues;
                var request = new SyncTaskRequest
                {
                    Name = Name,
                    Source = source,
                    Destination = destination,
                    Databases = Database ?? Array.Empty<string>(),
                    Tables = Table ?? Array.Empty<string>(),
                    StructureInitialization = init.Contains("Structure", StringComparer.OrdinalIgnoreCase),
                    FullDataInitialization = init.Contains("FullData", StringComparer.OrdinalIgnoreCase),
                    IncrementalSync = init.Contains("Incremental", StringComparer.OrdinalIgnoreCase),
                    TwoWay = TwoWay,
                    NoStart = NoStart,
                    Wait = Wait,
                    TimeoutSeconds = TimeoutSeconds,
                    InstanceClass = InstanceClass,
                    Options = Cloud == CloudKind.Tencent ? TencentOptions() : null,
                };
                var service = CreateService(CreateContext());
                SyncTask result;
                try
                {
                    result = ApplyPlan(service.PlanSyncTask(request));
                }
                catch (DtsCrossAccountException e) when (e.Target is SyncTask failed)
                {
                    // A failed verification is still a task a script wants to inspect ($task.Checks), then the error.
                    WriteObject(failed);
                    throw;
                }
                if (result != null) WriteObject(result);
            });
        }

        private DatabaseEndpointSpec Endpoint(CrossAccountRole role, string accountId, string instanceId, string region, string engine,
            string roleName, string externalId, PSCredential database)
        {
            if (role != null && !string.Equals(role.Cloud, Cloud.ToString(), StringComparison.OrdinalIgnoreCase))
                throw new DtsCrossAccountException("RoleCloudMismatch", ErrorCategory.InvalidArgument,
                    string.Format("The role '{0}' is a {1} role, but -Cloud is {2}.", role.RoleName, role.Cloud, Cloud), role);
            return new DatabaseEndpointSpec
            {
                AccountId = accountId ?? role?.AccountId,
                InstanceId = instanceId,
                Region = region ?? Region,
                Engine = engine,
                RoleName = roleName ?? role?.RoleName,
                ExternalId = externalId ?? role?.ExternalId,
                UserName = database?.UserName,
                Password = database?.GetNetworkCredential().Password,
            };
        }
    }
}
