using System.Collections;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using System.Management.Automation.Language;

namespace DtsCrossAccount.Cmdlets
{
    /// <summary>Completes -Status with the cloud's documented task states (cloud-apis.md §4 SyncJobInfo.Status, V3.3); offline.</summary>
    public sealed class SyncTaskStatusCompleter : IArgumentCompleter
    {
        internal static readonly string[] Tencent =
            { "UnInitialized", "Initialized", "Checking", "CheckPass", "CheckNotPass", "ReadyRunning", "Running", "Pausing", "Paused", "Stopping", "Stopped", "ResumableErr", "Resuming", "Failed", "Released" };

        internal static readonly string[] Alibaba =
            { "NotStarted", "Prechecking", "PrecheckFailed", "PreCheckPass", "Initializing", "InitializeFailed", "Synchronizing", "Failed", "Suspending", "Modifying", "Finished", "Retrying" };

        public IEnumerable<CompletionResult> CompleteArgument(string commandName, string parameterName, string wordToComplete,
            CommandAst commandAst, IDictionary fakeBoundParameters) =>
            CompletionHelpers.Complete(CompletionHelpers.CloudsOf(fakeBoundParameters).SelectMany(c => c == CloudKind.Tencent ? Tencent : Alibaba), wordToComplete);
    }
}
