using System;
using System.Threading;

namespace DtsCrossAccount.Transport
{
    /// <summary>
    /// The time every wait of an invocation reads and spends: retry backoff, the sync-task polls and their -TimeoutSeconds,
    /// and (unless <see cref="TransportSettings.Clock"/> is set on its own) the signing time. One seam, so a test can run a
    /// long wait in virtual time (see <see cref="RunspaceClock"/>).
    /// </summary>
    internal interface IClock
    {
        DateTimeOffset UtcNow { get; }

        /// <summary>Waits <paramref name="delay"/>; throws OperationCanceledException as soon as <paramref name="cancel"/> fires (Ctrl+C).</summary>
        void Sleep(TimeSpan delay, CancellationToken cancel);
    }

    /// <summary>Real time: the system clock and a cancellable wait.</summary>
    internal sealed class SystemClock : IClock
    {
        public static readonly SystemClock Instance = new SystemClock();

        private SystemClock() { }

        public DateTimeOffset UtcNow => DateTimeOffset.UtcNow;

        public void Sleep(TimeSpan delay, CancellationToken cancel)
        {
            cancel.ThrowIfCancellationRequested();
            if (delay > TimeSpan.Zero && cancel.WaitHandle.WaitOne(delay)) cancel.ThrowIfCancellationRequested();
        }
    }
}
