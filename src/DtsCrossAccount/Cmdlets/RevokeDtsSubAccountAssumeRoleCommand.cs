using System.Management.Automation;
using DtsCrossAccount.Core;
using DtsCrossAccount.Services;

namespace DtsCrossAccount.Cmdlets
{
    /// <summary>
    /// Undoes Grant-DtsSubAccountAssumeRole in the task account: detaches the custom policy from the sub-account
    /// (Tencent) or RAM user (Alibaba) and deletes the policy when no other principal still has it. Run with the task
    /// account's root credentials. A grant already gone is a no-op.
    /// </summary>
    /// <remarks>
    /// No parameter sets: a piped AssumeRoleGrant carries both SubAccountUin and SubAccountName on either cloud, which
    /// would make two sets match. -Cloud decides: Tencent uses -SubAccountUin, Alibaba -RamUserName (the grant's SubAccountName).
    /// </remarks>
    [Cmdlet(VerbsSecurity.Revoke, "DtsSubAccountAssumeRole", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.High, HelpUri = ProjectLinks.Docs + "Revoke-DtsSubAccountAssumeRole.md")]
    [OutputType(typeof(AssumeRoleGrant))]
    public sealed class RevokeDtsSubAccountAssumeRoleCommand : DtsCmdletBase
    {
        /// <summary>The UIN of the Tencent Cloud sub-account (Tencent).</summary>
        [Parameter(ValueFromPipelineByPropertyName = true)]
        public string SubAccountUin { get; set; }

        /// <summary>The RAM user's name (Alibaba); binds from a grant's SubAccountName.</summary>
        [Parameter(ValueFromPipelineByPropertyName = true)]
        [Alias("SubAccountName")]
        public string RamUserName { get; set; }

        /// <summary>The grant's custom policy (Grant-DtsSubAccountAssumeRole's PolicyName).</summary>
        [Parameter(ValueFromPipelineByPropertyName = true)]
        public string PolicyName { get; set; }

        /// <summary>Without -PolicyName: the role's owner, for the policy name Grant- chose by default.</summary>
        [Parameter]
        [ValidateNotNullOrEmpty]
        public string RoleAccountId { get; set; }

        [Parameter]
        [ValidateNotNullOrEmpty]
        [ArgumentCompleter(typeof(RoleNameCompleter))]
        public string RoleName { get; set; }

        /// <summary>When given (e.g. from a piped grant), the caller's account must be this one: the task account.</summary>
        [Parameter(ValueFromPipelineByPropertyName = true)]
        public string AccountId { get; set; }

        protected override void ProcessRecord()
        {
            Run(() =>
            {
                string subAccount;
                if (Cloud == CloudKind.Tencent)
                {
                    subAccount = SubAccountUin;
                    if (string.IsNullOrEmpty(subAccount))
                        throw new DtsCrossAccountException("SubAccountParameterMismatch", ErrorCategory.InvalidArgument,
                            "Tencent Cloud grants belong to a sub-account: give its UIN with -SubAccountUin (or pipe Grant-DtsSubAccountAssumeRole's output).", RamUserName,
                            remedy: "Revoke-DtsSubAccountAssumeRole -Cloud Tencent -SubAccountUin <UIN> -PolicyName <policy> -ProfileName <profile of the task root account>");
                }
                else
                {
                    subAccount = RamUserName;
                    if (string.IsNullOrEmpty(subAccount))
                        throw new DtsCrossAccountException("SubAccountParameterMismatch", ErrorCategory.InvalidArgument,
                            "Alibaba Cloud grants belong to a RAM user: give its name with -RamUserName (or pipe Grant-DtsSubAccountAssumeRole's output); -SubAccountUin is Tencent's.", SubAccountUin,
                            remedy: "Revoke-DtsSubAccountAssumeRole -Cloud Alibaba -RamUserName <name> -PolicyName <policy> -ProfileName <profile of the task root account>");
                }
                var service = CreateService(CreateContext());
                var result = ApplyPlan(service.PlanRevokeGrant(new GrantRequest
                {
                    AccountId = AccountId,
                    SubAccount = subAccount,
                    PolicyName = PolicyName,
                    RoleAccountId = RoleAccountId,
                    RoleName = RoleName,
                }));
                if (result != null) WriteObject(result);
            });
        }
    }
}
