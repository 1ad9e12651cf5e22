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

        [Parameter(Mandatory = true, HelpMessage = "The source database instance ID.")]
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

        [Parameter(Mandatory = true, HelpMessage = "The destination database instance ID.")]
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
                if (NoStart && Wait)
                    throw new DtsCrossAccountException("NoStartWithWait", ErrorCategory.InvalidArgument,
                        "-NoStart stops after configuring the task, before its verification; -Wait waits for a running task. Use one of them.");

                var source = Endpoint(SourceRole, SourceAccountId, SourceInstanceId, SourceRegion, SourceEngine, SourceRoleName, SourceExternalId, SourceDatabaseCredential);
                source.ConnectionType = SourceConnectionType;
                var destination = Endpoint(DestinationRole, DestinationAccountId, DestinationInstanceId, DestinationRegion, DestinationEngine, DestinationRoleName, null, DestinationDatabaseCredential);
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
