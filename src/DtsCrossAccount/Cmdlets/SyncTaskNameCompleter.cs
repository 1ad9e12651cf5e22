using System.Collections;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using System.Management.Automation.Language;
using DtsCrossAccount.Core;
using DtsCrossAccount.Services;

namespace DtsCrossAccount.Cmdlets
{
    /// <summary>
    /// Completes -Name of Get-/Stop-/Remove-DtsSyncTask with the task names of the region the command line gives
    /// (-Cloud, -Region, -ProfileName). One list read, bounded in time; any failure simply offers nothing.
    /// </summary>
    public sealed class SyncTaskNameCompleter : IArgumentCompleter
    {
        public IEnumerable<CompletionResult> CompleteArgument(string commandName, string parameterName, string wordToComplete,
            CommandAst commandAst, IDictionary fakeBoundParameters)
        {
            var clouds = CompletionHelpers.CloudsOf(fakeBoundParameters).ToList();
            string region = CompletionHelpers.Bound(fakeBoundParameters, "Region");
            if (clouds.Count != 1 || string.IsNullOrEmpty(region)) return Enumerable.Empty<CompletionResult>();
            return CompletionHelpers.CompleteFromCloud(clouds[0], CompletionHelpers.Bound(fakeBoundParameters, "ProfileName"),
                CompletionHelpers.Bound(fakeBoundParameters, "EndpointUrl"), region, provider =>
                {
                    provider.ValidateRegion(region, "-Region");
                    return provider.GetSyncTasks(new SyncTaskSelector { Region = region }).Select(t => t.Name).ToList();
                }, wordToComplete);
        }
    }
}
