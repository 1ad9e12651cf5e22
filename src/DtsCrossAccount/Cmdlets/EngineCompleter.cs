using System.Collections;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using System.Management.Automation.Language;
using DtsCrossAccount.Services;

namespace DtsCrossAccount.Cmdlets
{
    /// <summary>Completes -SourceEngine / -DestinationEngine with the engines each cloud supports across accounts.</summary>
    public sealed class EngineCompleter : IArgumentCompleter
    {
        public IEnumerable<CompletionResult> CompleteArgument(string commandName, string parameterName, string wordToComplete,
            CommandAst commandAst, IDictionary fakeBoundParameters)
        {
            bool source = parameterName.StartsWith("Source");
            var values = CompletionHelpers.CloudsOf(fakeBoundParameters).SelectMany(c => CloudCatalog.Engines(c, source));
            return CompletionHelpers.Complete(values, wordToComplete);
        }
    }
}
