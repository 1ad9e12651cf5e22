using System.Collections;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using System.Management.Automation.Language;
using DtsCrossAccount.Services;

namespace DtsCrossAccount.Cmdlets
{
    /// <summary>Completes region parameters from the providers' built-in region lists (offline and instant).</summary>
    public sealed class RegionCompleter : IArgumentCompleter
    {
        public IEnumerable<CompletionResult> CompleteArgument(string commandName, string parameterName, string wordToComplete,
            CommandAst commandAst, IDictionary fakeBoundParameters)
        {
            var values = CompletionHelpers.CloudsOf(fakeBoundParameters).SelectMany(CloudCatalog.Regions);
            return CompletionHelpers.Complete(values, wordToComplete);
        }
    }
}
