using System.Management.Automation;

namespace TrivialModule
{
    /// <summary>Writes one object: the cost of a cmdlet call with nothing behind it.</summary>
    [Cmdlet(VerbsCommon.Get, "Trivial")]
    public sealed class GetTrivialCommand : PSCmdlet
    {
        [Parameter]
        public string Name { get; set; } = "trivial";

        protected override void ProcessRecord() => WriteObject(Name);
    }
}
