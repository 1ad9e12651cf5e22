using System;
using System.Collections;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using System.Threading.Tasks;
using DtsCrossAccount.Core;
using DtsCrossAccount.Credentials;
using DtsCrossAccount.Services;
using DtsCrossAccount.Transport;

namespace DtsCrossAccount.Cmdlets
{
    internal static class CompletionHelpers
    {
        /// <summary>The cloud already typed on the command line, or both when none is.</summary>
        public static IEnumerable<CloudKind> CloudsOf(IDictionary fakeBoundParameters)
        {
            if (fakeBoundParameters != null && fakeBoundParameters.Contains("Cloud")
                && Enum.TryParse(Convert.ToString(fakeBoundParameters["Cloud"]), true, out CloudKind cloud))
                return new[] { cloud };
            return new[] { CloudKind.Tencent, CloudKind.Alibaba };
        }

        /// <summary>Case-insensitive prefix match (wildcards allowed), quoting values that need it.</summary>
        public static IEnumerable<CompletionResult> Complete(IEnumerable<string> values, string wordToComplete)
        {
            string word = (wordToComplete ?? "").Trim('\'', '"');
            var pattern = new WildcardPattern(word + "*", WildcardOptions.IgnoreCase);
            foreach (var value in values.Where(v => !string.IsNullOrEmpty(v)).Distinct(StringComparer.OrdinalIgnoreCase).OrderBy(v => v, StringComparer.OrdinalIgnoreCase))
            {
                if (!pattern.IsMatch(value)) continue;
                string text = value.IndexOfAny(new[] { ' ', '\'', '(', ')', ',', ';', '{', '}' }) >= 0 ? "'" + value.Replace("'", "''") + "'" : value;
                yield return new CompletionResult(text, value, CompletionResultType.ParameterValue, value);
            }
        }

        /// <summary>The text of a parameter already on the command line, or null.</summary>
        public static string Bound(IDictionary parameters, string name) =>
            parameters != null && parameters.Contains(name) ? Convert.ToString(parameters[name]) : null;

        /// <summary>
        /// Completes from a list read from the cloud with the command line's credentials (-ProfileName or the environment)
        /// and -EndpointUrl: bounded in time (a slow or unreachable cloud offers nothing rather than hanging the prompt),
        /// and any failure (no credentials, no permission, no network, a malformed URL) simply offers nothing.
        /// </summary>
        public static IEnumerable<CompletionResult> CompleteFromCloud(CloudKind cloud, string profile, string endpoint, string region,
            Func<ICloudProvider, IReadOnlyList<string>> list, string wordToComplete)
        {
            var listing = Task.Run(() => ListFromCloud(cloud, profile, endpoint, region, list));
            try
            {
                if (!listing.Wait(CloudBudget)) return Enumerable.Empty<CompletionResult>();
            }
            catch (AggregateException)
            {
                return Enumerable.Empty<CompletionResult>();
            }
            return Complete(listing.Result, wordToComplete);
        }

        private static readonly TimeSpan CloudBudget = TimeSpan.FromSeconds(4);

        private static IReadOnlyList<string> ListFromCloud(CloudKind cloud, string profile, string endpoint, string region,
            Func<ICloudProvider, IReadOnlyList<string>> list)
        {
            try
            {
                var credential = CredentialChain.Resolve(cloud, new CredentialRequest { ProfileName = profile });
                var resolver = EndpointResolver.FromParameter(string.IsNullOrEmpty(endpoint) ? null : new Uri(endpoint));
                var ctx = new ProviderContext { Credential = credential, EndpointOverride = resolver.Override, Region = region };
                return list(CloudProviderFactory.Create(cloud, ctx));
            }
            catch (Exception e) when (e is DtsCrossAccountException || e is UriFormatException || e is OperationCanceledException)
            {
                return Array.Empty<string>();
            }
        }
    }
}
