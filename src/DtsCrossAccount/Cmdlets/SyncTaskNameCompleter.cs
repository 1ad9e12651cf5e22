using System;
using System.Collections;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using System.Management.Automation.Language;
using System.Threading.Tasks;
using DtsCrossAccount.Core;
using DtsCrossAccount.Credentials;
using DtsCrossAccount.Services;
using DtsCrossAccount.Transport;

namespace DtsCrossAccount.Cmdlets
{
    /// <summary>
    /// Completes -Name of Get-/Stop-/Remove-DtsSyncTask with the task names of the region the command line gives
    /// (-Cloud, -Region, -ProfileName). One list read, bounded in time; any failure simply offers nothing.
    /// </summary>
    public sealed class SyncTaskNameCompleter : IArgumentCompleter
    {
        private static readonly TimeSpan Budget = TimeSpan.FromSeconds(4);

        public IEnumerable<CompletionResult> CompleteArgument(string commandName, string parameterName, string wordToComplete,
            CommandAst commandAst, IDictionary fakeBoundParameters)
        {
            var clouds = CompletionHelpers.CloudsOf(fakeBoundParameters).ToList();
            string region = Bound(fakeBoundParameters, "Region");
            if (clouds.Count != 1 || string.IsNullOrEmpty(region)) return Enumerable.Empty<CompletionResult>();
            string profile = Bound(fakeBoundParameters, "ProfileName");
            string endpoint = Bound(fakeBoundParameters, "EndpointUrl");
            var listing = Task.Run(() => List(clouds[0], region, profile, endpoint));
            try
            {
                if (!listing.Wait(Budget)) return Enumerable.Empty<CompletionResult>();
            }
            catch (AggregateException)
            {
                return Enumerable.Empty<CompletionResult>();
            }
            return CompletionHelpers.Complete(listing.Result, wordToComplete);
        }

        private static IReadOnlyList<string> List(CloudKind cloud, string region, string profile, string endpoint)
        {
            try
            {
                var credential = CredentialChain.Resolve(cloud, new CredentialRequest { ProfileName = profile });
                var resolver = EndpointResolver.FromParameter(string.IsNullOrEmpty(endpoint) ? null : new Uri(endpoint));
                var ctx = new ProviderContext { Credential = credential, EndpointOverride = resolver.Override, Region = region };
                var provider = CloudProviderFactory.Create(cloud, ctx);
                provider.ValidateRegion(region, "-Region");
                return provider.GetSyncTasks(new SyncTaskSelector { Region = region }).Select(t => t.Name).ToList();
            }
            catch (Exception e) when (e is DtsCrossAccountException || e is UriFormatException || e is OperationCanceledException)
            {
                return Array.Empty<string>();
            }
        }

        private static string Bound(IDictionary parameters, string name) =>
            parameters != null && parameters.Contains(name) ? Convert.ToString(parameters[name]) : null;
    }
}
