using System.Management.Automation;
using DtsCrossAccount.Services;

namespace DtsCrossAccount.Cmdlets
{
    /// <summary>
    /// Undoes New-DtsCrossAccountRole: detaches the DTS preset policy and deletes the role, in the database owner's
    /// account. A role with policies the module did not attach is refused unless -Force. A role already gone is a no-op.
    /// </summary>
    [Cmdlet(VerbsCommon.Remove, "DtsCrossAccountRole", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.High, HelpUri = ProjectLinks.Docs + "Remove-DtsCrossAccountRole.md")]
    [OutputType(typeof(CrossAccountRole))]
    public sealed class RemoveDtsCrossAccountRoleCommand : DtsCmdletBase
    {
        [Parameter(Mandatory = true, ValueFromPipelineByPropertyName = true, HelpMessage = "The account that owns the role (the database owner).")]
        [ValidateNotNullOrEmpty]
        public string AccountId { get; set; }

        /// <summary>Defaults: DTS-role (Tencent), ram-for-dts (Alibaba).</summary>
        [Parameter(ValueFromPipelineByPropertyName = true)]
        [ValidateNotNullOrEmpty]
        [ArgumentCompleter(typeof(RoleNameCompleter))]
        public string RoleName { get; set; }

        /// <summary>Also detach policies New-DtsCrossAccountRole did not attach, then delete the role.</summary>
        [Parameter]
        public SwitchParameter Force { get; set; }

        protected override void ProcessRecord()
        {
            Run(() =>
            {
                var service = CreateService(CreateContext());
                var result = ApplyPlan(service.PlanRemoveRole(new RemoveRoleRequest
                {
                    AccountId = AccountId,
                    RoleName = RoleName,
                    Force = Force.IsPresent,
                }));
                if (result != null) WriteObject(result);
            });
        }
    }
}
