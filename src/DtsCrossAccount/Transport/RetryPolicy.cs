using System;

namespace DtsCrossAccount.Transport
{
    /// <summary>
    /// How often and how long to wait between attempts: exponential backoff with full jitter
    /// (delay = random(0, min(MaxDelay, BaseDelay * 2^(attempt-1)))). A client gets its policy from the
    /// <see cref="TransportSettings"/> its provider context carries; there is no process-wide mutable default.
    /// </summary>
    internal sealed class RetryPolicy
    {
        private static readonly Random Shared = new Random();

        public int MaxAttempts { get; set; } = 5;
        public TimeSpan BaseDelay { get; set; } = TimeSpan.FromMilliseconds(200);
        public TimeSpan MaxDelay { get; set; } = TimeSpan.FromSeconds(5);
        /// <summary>Longest server-requested wait (x-acs-retry-after) we honour before giving up on the call.</summary>
        public TimeSpan MaxRetryAfter { get; set; } = TimeSpan.FromSeconds(30);
        /// <summary>Per-attempt timeout.</summary>
        public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(30);

        /// <summary>The wait after failed attempt number <paramref name="attempt"/> (1-based).</summary>
        public TimeSpan Backoff(int attempt)
        {
            var ceilingMs = Math.Min(MaxDelay.TotalMilliseconds, BaseDelay.TotalMilliseconds * Math.Pow(2, Math.Max(0, attempt - 1)));
            double r;
            lock (Shared) r = Shared.NextDouble();
            return TimeSpan.FromMilliseconds(Math.Floor(r * ceilingMs));
        }
    }
}
