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
    /// Completes -RoleName with the roles of the account whose credentials the command line names (-ProfileName,
    /// -OwnerProfileName or the environment), when that account can be read. One list call, bounded in time; any
    /// failure (no credentials, no permission, no network) simply offers nothing.
    /// </summary>
    public sealed class RoleNameCompleter : IArgumentCompleter
    {
        private static readonly TimeSpan Budget = TimeSpan.FromSeconds(4);

        public IEnumerable<CompletionResult> CompleteArgument(string commandName, string parameterName, string wordToComplete,
            CommandAst commandAst, IDictionary fakeBoundParameters)
        {
            var clouds = CompletionHelpers.CloudsOf(fakeBoundParameters).ToList();
            if (clouds.Count != 1) return Enumerable.Empty<CompletionResult>();
            string profile = Bound(fakeBoundParameters, "OwnerProfileName") ?? Bound(fakeBoundParameters, "ProfileName");
            string endpoint = Bound(fakeBoundParameters, "EndpointUrl");
            var listing = Task.Run(() => List(clouds[0], profile, endpoint));
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

        private static IReadOnlyList<string> List(CloudKind cloud, string profile, string endpoint)
        {
            try
            {
                var credential = CredentialChain.Resolve(cloud, new CredentialRequest { ProfileName = profile });
                var resolver = EndpointResolver.FromParameter(string.IsNullOrEmpty(endpoint) ? null : new Uri(endpoint));
                var ctx = new ProviderContext { Credential = credential, EndpointOverride = resolver.Override };
                return CloudProviderFactory.Create(cloud, ctx).ListRoleNames();
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
