using System.Linq;
using System.Management.Automation;
using DtsCrossAccount.Core;
using DtsCrossAccount.Services;

namespace DtsCrossAccount.Cmdlets
{
    /// <summary>
    /// Creates (or completes) the role in a database owner's account that the DTS task account may assume.
    /// Set Role: one role. Set Scenario: plans the roles a task needs from the three account IDs and creates the one
    /// owned by the caller's account.
    /// </summary>
    [Cmdlet(VerbsCommon.New, "DtsCrossAccountRole", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Medium, DefaultParameterSetName = RoleSet, HelpUri = ProjectLinks.Docs + "New-DtsCrossAccountRole.md")]
    [OutputType(typeof(CrossAccountRole))]
    public sealed class NewDtsCrossAccountRoleCommand : DtsCmdletBase
    {
        private const string RoleSet = "Role";
        private const string ScenarioSet = "Scenario";

        [Parameter(Mandatory = true, ParameterSetName = RoleSet, ValueFromPipelineByPropertyName = true, HelpMessage = "The account that owns the role and the database.")]
        [ValidateNotNullOrEmpty]
        public string AccountId { get; set; }

        [Parameter(Mandatory = true, ParameterSetName = RoleSet, ValueFromPipelineByPropertyName = true, HelpMessage = "The account that creates the DTS task.")]
        [ValidateNotNullOrEmpty]
        public string TrustedAccountId { get; set; }

        [Parameter(Mandatory = true, ParameterSetName = ScenarioSet, HelpMessage = "The account that owns the source database.")]
        [ValidateNotNullOrEmpty]
        public string SourceAccountId { get; set; }

        [Parameter(Mandatory = true, ParameterSetName = ScenarioSet, HelpMessage = "The account that owns the destination database.")]
        [ValidateNotNullOrEmpty]
        public string DestinationAccountId { get; set; }

        [Parameter(Mandatory = true, ParameterSetName = ScenarioSet, HelpMessage = "The account that creates the DTS task.")]
        [ValidateNotNullOrEmpty]
        public string TaskAccountId { get; set; }

        /// <summary>Defaults: DTS-role (Tencent), ram-for-dts (Alibaba).</summary>
        [Parameter(ValueFromPipelineByPropertyName = true)]
        [ValidateNotNullOrEmpty]
        [ArgumentCompleter(typeof(RoleNameCompleter))]
        public string RoleName { get; set; }

        [Parameter(ParameterSetName = RoleSet, ValueFromPipelineByPropertyName = true)]
        [ValidateNotNullOrEmpty]
        public string ExternalId { get; set; }

        [Parameter]
        [ValidateNotNull]
        public string Description { get; set; }

        protected override void ProcessRecord()
        {
            Run(() =>
            {
                if (ParameterSetName == ScenarioSet) ProcessScenario();
                else ProcessOne(new RoleRequest
                {
                    AccountId = AccountId,
                    TrustedAccountId = TrustedAccountId,
                    RoleName = RoleName,
                    ExternalId = ExternalId,
                    Description = Description,
                });
            });
        }

        private void ProcessOne(RoleRequest request)
        {
            var validation = ValidationProvider();
            request.RoleName = string.IsNullOrEmpty(request.RoleName) ? validation.DefaultRoleName : request.RoleName;
            var service = CreateService(CreateContext());
            var result = ApplyPlan(service.PlanRole(request));
            if (result != null) WriteObject(result);
        }

        private void ProcessScenario()
        {
            var validation = ValidationProvider();
            validation.ValidateAccountId(SourceAccountId, "-SourceAccountId");
            validation.ValidateAccountId(DestinationAccountId, "-DestinationAccountId");
            validation.ValidateAccountId(TaskAccountId, "-TaskAccountId");
            string roleName = string.IsNullOrEmpty(RoleName) ? validation.DefaultRoleName : RoleName;
            validation.ValidateRoleName(roleName, "-RoleName");
            validation.ValidateDescription(Description, "-Description");

            string scenario = ScenarioPlanner.Name(SourceAccountId, DestinationAccountId, TaskAccountId);
            var roles = ScenarioPlanner.Plan(SourceAccountId, DestinationAccountId, TaskAccountId);
            string refusal = validation.ScenarioNotSupported(scenario);
            if (refusal != null)
                throw new DtsCrossAccountException("ScenarioNotSupported", ErrorCategory.InvalidArgument, refusal, scenario);
            WriteVerbose(string.Format("Scenario {0}: source owner {1}, destination owner {2}, task account {3}; {4} role(s) needed.",
                scenario, SourceAccountId, DestinationAccountId, TaskAccountId, roles.Count));
            if (roles.Count == 0)
            {
                WriteWarning("All three accounts are the same: a same-account task needs no cross-account role.");
                return;
            }

            var service = CreateService(CreateContext());
            string callerAccount = service.Caller.AccountId;
            foreach (var planned in roles)
            {
                var request = new RoleRequest
                {
                    AccountId = planned.OwnerAccountId,
                    TrustedAccountId = planned.TrustedAccountId,
                    RoleName = roleName,
                    Description = Description,
                    Scenario = scenario,
                    Endpoint = planned.Endpoint,
                };
                if (planned.OwnerAccountId == callerAccount)
                {
                    var result = ApplyPlan(service.PlanRole(request));
                    if (result != null)
                    {
                        result.Scenario = scenario;
                        result.Endpoint = planned.Endpoint;
                        WriteObject(result);
                    }
                    continue;
                }

                // A role lives in its owner's account and only that account can create it: show the step, do not fake it.
                string command = string.Format("New-DtsCrossAccountRole -Cloud {0} -AccountId {1} -TrustedAccountId {2} -RoleName {3} -ProfileName <profile of account {1}>",
                    Cloud, planned.OwnerAccountId, planned.TrustedAccountId, roleName);
                WriteWarning(string.Format("The {0} role must be created by account {1} (its root account): {2}", planned.Endpoint.ToLowerInvariant(), planned.OwnerAccountId, command));
                WriteObject(new CrossAccountRole
                {
                    Cloud = Cloud.ToString(),
                    AccountId = planned.OwnerAccountId,
                    TrustedAccountId = planned.TrustedAccountId,
                    RoleName = roleName,
                    Scenario = scenario,
                    Endpoint = planned.Endpoint,
                    Changed = false,
                    Changes = new[] { "Pending, to be run by account " + planned.OwnerAccountId + ": " + command },
                });
            }
        }
    }
}
