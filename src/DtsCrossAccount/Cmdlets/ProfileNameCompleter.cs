using System;
using System.Collections;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Management.Automation;
using System.Management.Automation.Language;
using DtsCrossAccount.Credentials;

namespace DtsCrossAccount.Cmdlets
{
    /// <summary>Completes -ProfileName from the local profile file of the chosen cloud (local read only, no call).</summary>
    public sealed class ProfileNameCompleter : IArgumentCompleter
    {
        public IEnumerable<CompletionResult> CompleteArgument(string commandName, string parameterName, string wordToComplete,
            CommandAst commandAst, IDictionary fakeBoundParameters)
        {
            var names = new List<string>();
            foreach (CloudKind cloud in CompletionHelpers.CloudsOf(fakeBoundParameters))
            {
                try
                {
                    string path = CredentialChain.ProfilePath(cloud);
                    if (!File.Exists(path)) continue;
                    string text = File.ReadAllText(path);
                    if (cloud == CloudKind.Tencent) names.AddRange(TencentProfileFile.ParseIni(text).Keys);
                    else names.AddRange(AlibabaConfigFile.ProfileNames(text));
                }
                catch (Exception e) when (e is IOException || e is FormatException || e is UnauthorizedAccessException)
                {
                    // A broken profile file must not break tab completion.
                }
            }
            return CompletionHelpers.Complete(names, wordToComplete);
        }
    }
}
