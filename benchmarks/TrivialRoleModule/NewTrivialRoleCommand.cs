using System;
using System.Management.Automation;

namespace TrivialRoleModule
{
    /// <summary>The clouds New-TrivialRole's mandatory enum parameter takes, as DtsCrossAccount's -Cloud does.</summary>
    public enum TrivialCloud
    {
        First,
        Second
    }

    /// <summary>
    /// A cmdlet of New-DtsCrossAccountRole's parameter shape that does nothing but ask ShouldProcess and write one object:
    /// two parameter sets, a mandatory enum, a credential, eleven validated strings and a URI, SupportsShouldProcess. Its
    /// first call with -WhatIf is what PowerShell itself costs such a command in a fresh process (finding it, reading its
    /// parameter metadata, binding, the What-if message to the host), with no module code and no request behind it.
    /// With -EndpointUrl it first sends three bodiless-JSON POSTs there through the module's one HttpClient, as many
    /// requests as New-DtsCrossAccountRole -WhatIf sends, and nothing else: with <see cref="TrivialRoleWarmUp"/> on, the
    /// floor of any first call of that shape that talks to a cloud.
    /// </summary>
    [Cmdlet(VerbsCommon.New, "TrivialRole", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Medium, DefaultParameterSetName = "One")]
    public sealed class NewTrivialRoleCommand : PSCmdlet
    {
        [Parameter(Mandatory = true, ValueFromPipelineByPropertyName = true)]
        public TrivialCloud Cloud { get; set; }

        [Parameter]
        [Credential]
        [ValidateNotNull]
        public PSCredential Credential { get; set; }

        [Parameter, ValidateNotNullOrEmpty] public string SessionToken { get; set; }
        [Parameter, ValidateNotNullOrEmpty] public string ProfileName { get; set; }
        [Parameter, ValidateNotNullOrEmpty] public string Region { get; set; }
        [Parameter, ValidateNotNull] public Uri EndpointUrl { get; set; }

        [Parameter(Mandatory = true, ParameterSetName = "One", ValueFromPipelineByPropertyName = true), ValidateNotNullOrEmpty]
        public string AccountId { get; set; }

        [Parameter(Mandatory = true, ParameterSetName = "One", ValueFromPipelineByPropertyName = true), ValidateNotNullOrEmpty]
        public string TrustedAccountId { get; set; }

        [Parameter(Mandatory = true, ParameterSetName = "Three"), ValidateNotNullOrEmpty] public string SourceAccountId { get; set; }
        [Parameter(Mandatory = true, ParameterSetName = "Three"), ValidateNotNullOrEmpty] public string DestinationAccountId { get; set; }
        [Parameter(Mandatory = true, ParameterSetName = "Three"), ValidateNotNullOrEmpty] public string TaskAccountId { get; set; }
        [Parameter(ValueFromPipelineByPropertyName = true), ValidateNotNullOrEmpty] public string RoleName { get; set; }
        [Parameter(ParameterSetName = "One", ValueFromPipelineByPropertyName = true), ValidateNotNullOrEmpty] public string ExternalId { get; set; }
        [Parameter, ValidateNotNull] public string Description { get; set; }

        protected override void ProcessRecord()
        {
            if (EndpointUrl != null)
            {
                for (int i = 0; i < 3; i++)
                    TrivialRoleWarmUp.Post(EndpointUrl);
            }
            if (ShouldProcess("role " + RoleName + " in account " + AccountId, "Create a role trusted by account " + TrustedAccountId))
                WriteObject(RoleName);
        }
    }
}
