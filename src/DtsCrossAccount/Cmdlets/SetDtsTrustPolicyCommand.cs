using System.Management.Automation;
using DtsCrossAccount.Services;

namespace DtsCrossAccount.Cmdlets
{
    /// <summary>Sets which account may assume an existing cross-account role (and, on Tencent, with which external ID).</summary>
    [Cmdlet(VerbsCommon.Set, "DtsTrustPolicy", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.High, HelpUri = ProjectLinks.Docs + "Set-DtsTrustPolicy.md")]
    [OutputType(typeof(CrossAccountRole))]
    public sealed class SetDtsTrustPolicyCommand : DtsCmdletBase
    {
        [Parameter(Mandatory = true, ValueFromPipelineByPropertyName = true, HelpMessage = "The account that owns the role.")]
        [ValidateNotNullOrEmpty]
        public string AccountId { get; set; }

        [Parameter(Mandatory = true, ValueFromPipelineByPropertyName = true, HelpMessage = "The role's name.")]
        [ValidateNotNullOrEmpty]
        [ArgumentCompleter(typeof(RoleNameCompleter))]
        public string RoleName { get; set; }

        [Parameter(Mandatory = true, ValueFromPipelineByPropertyName = true, HelpMessage = "The account that creates the DTS task.")]
        [ValidateNotNullOrEmpty]
        public string TrustedAccountId { get; set; }

        [Parameter(ValueFromPipelineByPropertyName = true)]
        public string ExternalId { get; set; }

        protected override void ProcessRecord()
        {
            Run(() =>
            {
                var service = CreateService(CreateContext());
                var result = ApplyPlan(service.PlanTrustPolicy(new TrustPolicyRequest
                {
                    AccountId = AccountId,
                    RoleName = RoleName,
                    TrustedAccountId = TrustedAccountId,
                    ExternalId = string.IsNullOrEmpty(ExternalId) ? null : ExternalId,
                }));
                if (result != null) WriteObject(result);
            });
        }
    }
}
