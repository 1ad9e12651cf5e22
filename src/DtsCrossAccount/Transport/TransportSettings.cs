using System;

namespace DtsCrossAccount.Transport
{
    /// <summary>
    /// What an API client needs besides the credential and endpoint: the retry policy, the clock that stamps signatures and
    /// spends waits, and the client-side rate limiter. The provider context carries one instance per invocation, so a test
    /// (or a host) passes its own through the factory instead of changing a static.
    /// </summary>
    internal sealed class TransportSettings
    {
        private Func<DateTimeOffset> _signingClock;

        public RetryPolicy Retry { get; set; } = new RetryPolicy();
        /// <summary>
        /// Now and waiting: retry backoff, sync-task polls and their timeouts. Long waits outside the transport (polls of a
        /// task's state) use it too, through <c>ProviderContext.Transport.Time</c>.
        /// </summary>
        public IClock Time { get => _time; set => _time = value ?? SystemClock.Instance; }
        private IClock _time = SystemClock.Instance;
        /// <summary>Signing time (X-TC-Timestamp, x-acs-date); <see cref="Time"/> unless set on its own.</summary>
        public Func<DateTimeOffset> Clock
        {
            get => _signingClock ?? (() => Time.UtcNow);
            set => _signingClock = value;
        }
        /// <summary>Keeps calls under the clouds' documented limits; <see cref="RateLimiter.Shared"/> unless a test opts out.</summary>
        public RateLimiter Limiter { get; set; } = RateLimiter.Shared;

        /// <summary>Defaults: 5 attempts, 200 ms base backoff, real clock, the process-wide limiter.</summary>
        public static TransportSettings Standard() => new TransportSettings();
    }
}
