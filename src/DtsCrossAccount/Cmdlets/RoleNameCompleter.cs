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
    /// Completes -RoleName with the roles of the account whose credentials the command line names (-ProfileName,
    /// -OwnerProfileName or the environment), when that account can be read. One list call, bounded in time; any
    /// failure (no credentials, no permission, no network) simply offers nothing.
    /// </summary>
    public sealed class RoleNameCompleter : IArgumentCompleter
    {
        public IEnumerable<CompletionResult> CompleteArgument(string commandName, string parameterName, string wordToComplete,
            CommandAst commandAst, IDictionary fakeBoundParameters)
        {
            var clouds = CompletionHelpers.CloudsOf(fakeBoundParameters).ToList();
            if (clouds.Count != 1) return Enumerable.Empty<CompletionResult>();
            string profile = CompletionHelpers.Bound(fakeBoundParameters, "OwnerProfileName") ?? CompletionHelpers.Bound(fakeBoundParameters, "ProfileName");
            return CompletionHelpers.CompleteFromCloud(clouds[0], profile, CompletionHelpers.Bound(fakeBoundParameters, "EndpointUrl"), null,
                provider => provider.ListRoleNames(), wordToComplete);
        }
    }
}
