using System.Management.Automation;
using DtsCrossAccount.Core;
using DtsCrossAccount.Services;

namespace DtsCrossAccount.Cmdlets
{
    /// <summary>
    /// In the task account, lets one sub-account (Tencent) or RAM user (Alibaba) assume the cross-account role:
    /// a custom policy allowing sts:AssumeRole on exactly that role, attached to the user. Run with the task account's root credentials.
    /// </summary>
    [Cmdlet(VerbsSecurity.Grant, "DtsSubAccountAssumeRole", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Medium, DefaultParameterSetName = TencentSet, HelpUri = ProjectLinks.Docs + "Grant-DtsSubAccountAssumeRole.md")]
    [OutputType(typeof(AssumeRoleGrant))]
    public sealed class GrantDtsSubAccountAssumeRoleCommand : DtsCmdletBase
    {
        private const string TencentSet = "SubAccountUin";
        private const string AlibabaSet = "RamUserName";

        [Parameter(Mandatory = true, ValueFromPipelineByPropertyName = true, HelpMessage = "The account that owns the role (the database owner).")]
        [Alias("AccountId")]
        [ValidateNotNullOrEmpty]
        public string RoleAccountId { get; set; }

        [Parameter(Mandatory = true, ValueFromPipelineByPropertyName = true, HelpMessage = "The role's name.")]
        [ValidateNotNullOrEmpty]
        [ArgumentCompleter(typeof(RoleNameCompleter))]
        public string RoleName { get; set; }

        /// <summary>When given (e.g. from a piped role), the caller's account must be this one.</summary>
        [Parameter(ValueFromPipelineByPropertyName = true)]
        public string TrustedAccountId { get; set; }

        [Parameter(Mandatory = true, ParameterSetName = TencentSet, HelpMessage = "The UIN of the Tencent Cloud sub-account that creates the task.")]
        [ValidateNotNullOrEmpty]
        public string SubAccountUin { get; set; }

        [Parameter(Mandatory = true, ParameterSetName = AlibabaSet, HelpMessage = "The name of the RAM user that creates the task.")]
        [ValidateNotNullOrEmpty]
        public string RamUserName { get; set; }

        [Parameter]
        [ValidateNotNullOrEmpty]
        public string PolicyName { get; set; }

        protected override void ProcessRecord()
        {
            Run(() =>
            {
                if (ParameterSetName == TencentSet && Cloud != CloudKind.Tencent)
                    throw new DtsCrossAccountException("SubAccountParameterMismatch", ErrorCategory.InvalidArgument,
                        "-SubAccountUin names a Tencent Cloud sub-account. For Alibaba Cloud give the RAM user's name with -RamUserName.", SubAccountUin);
                if (ParameterSetName == AlibabaSet && Cloud != CloudKind.Alibaba)
                    throw new DtsCrossAccountException("SubAccountParameterMismatch", ErrorCategory.InvalidArgument,
                        "-RamUserName names an Alibaba Cloud RAM user. For Tencent Cloud give the sub-account's UIN with -SubAccountUin.", RamUserName);

                var request = new GrantRequest
                {
                    SubAccount = ParameterSetName == TencentSet ? SubAccountUin : RamUserName,
                    RoleAccountId = RoleAccountId,
                    RoleName = RoleName,
                    PolicyName = PolicyName,
                };
                var service = CreateService(CreateContext());
                service.ValidateGrant(request, TrustedAccountId);
                if (!string.IsNullOrEmpty(TrustedAccountId))
                {
                    service.RequireAccount(TrustedAccountId, "the role's TrustedAccountId",
                        "The grant is made in the account the role trusts (the one that creates the DTS task).");
                }
                var result = ApplyPlan(service.PlanGrant(request));
                if (result != null) WriteObject(result);
            });
        }
    }
}
