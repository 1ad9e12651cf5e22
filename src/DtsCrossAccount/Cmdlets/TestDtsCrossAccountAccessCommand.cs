using System.Management.Automation;
using DtsCrossAccount.Services;

namespace DtsCrossAccount.Cmdlets
{
    /// <summary>
    /// Does what the DTS console does when it lists the peer account's instances (assume the role, list instances),
    /// as the account that will create the task, and explains every failure with its fix. Failed checks are data.
    /// </summary>
    [Cmdlet(VerbsDiagnostic.Test, "DtsCrossAccountAccess", HelpUri = ProjectLinks.Docs + "Test-DtsCrossAccountAccess.md")]
    [OutputType(typeof(AccessCheck))]
    public sealed class TestDtsCrossAccountAccessCommand : DtsCmdletBase
    {
        [Parameter(Mandatory = true, ValueFromPipelineByPropertyName = true, HelpMessage = "The account that owns the role (the database owner).")]
        [Alias("AccountId")]
        [ValidateNotNullOrEmpty]
        public string RoleAccountId { get; set; }

        [Parameter(Mandatory = true, ValueFromPipelineByPropertyName = true, HelpMessage = "The role's name.")]
        [ValidateNotNullOrEmpty]
        [ArgumentCompleter(typeof(RoleNameCompleter))]
        public string RoleName { get; set; }

        [Parameter(ValueFromPipelineByPropertyName = true)]
        public string ExternalId { get; set; }

        [Parameter(ValueFromPipelineByPropertyName = true)]
        public string TrustedAccountId { get; set; }

        /// <summary>Tencent: the database type whose instances the listing check shows (the console's source type); default MySQL.</summary>
        [Parameter]
        [ValidateNotNullOrEmpty]
        [ArgumentCompleter(typeof(EngineCompleter))]
        public string Engine { get; set; }

        /// <summary>Credentials of the database owner, for the role-side checks.</summary>
        [Parameter]
        [Credential]
        [ValidateNotNull]
        public PSCredential OwnerCredential { get; set; }

        [Parameter]
        [ValidateNotNullOrEmpty]
        [ArgumentCompleter(typeof(ProfileNameCompleter))]
        public string OwnerProfileName { get; set; }

        protected override void ProcessRecord()
        {
            Run(() =>
            {
                var owner = ResolveSecondCredential(OwnerCredential, OwnerProfileName, "-OwnerCredential", "-OwnerProfileName");
                var service = CreateService(CreateContext(owner));
                WriteObject(service.TestAccess(new AccessCheckRequest
                {
                    RoleAccountId = RoleAccountId,
                    RoleName = RoleName,
                    ExternalId = string.IsNullOrEmpty(ExternalId) ? null : ExternalId,
                    TrustedAccountId = string.IsNullOrEmpty(TrustedAccountId) ? null : TrustedAccountId,
                    Region = Region,
                    Engine = Engine,
                }));
            });
        }
    }
}
