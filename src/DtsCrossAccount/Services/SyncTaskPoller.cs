using System;
using DtsCrossAccount.Core;

namespace DtsCrossAccount.Services
{
    /// <summary>
    /// Waits for a sync task to reach a state: polls with a growing interval (0.5 s doubling up to 10 s) until done,
    /// the deadline or Ctrl+C. Shared by Get-DtsSyncTask -Wait and the steps of Stop-/Remove-DtsSyncTask.
    /// </summary>
    internal static class SyncTaskPoller
    {
        /// <param name="done">One poll: true when the wanted state is reached (it reports progress itself).</param>
        /// <param name="timedOut">The error to throw when the deadline passes (it names the current state).</param>
        public static void Until(IOperationReporter reporter, int timeoutSeconds, Func<bool> done, Func<Exception> timedOut)
        {
            var deadline = DateTime.UtcNow.AddSeconds(timeoutSeconds);
            var interval = TimeSpan.FromMilliseconds(500);
            var token = reporter.Cancellation;
            while (!done())
            {
                if (DateTime.UtcNow >= deadline) throw timedOut();
                if (token.WaitHandle.WaitOne(interval)) token.ThrowIfCancellationRequested();
                interval = TimeSpan.FromMilliseconds(Math.Min(10000, interval.TotalMilliseconds * 2));
            }
        }
    }
}
