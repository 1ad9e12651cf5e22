using System;

namespace DtsCrossAccount.Transport
{
    /// <summary>
    /// What an API client needs besides the credential and endpoint: the retry policy, the clock that stamps signatures and
    /// the client-side rate limiter. The provider context carries one instance per invocation, so a test (or a host) passes
    /// its own through the factory instead of changing a static.
    /// </summary>
    internal sealed class TransportSettings
    {
        public RetryPolicy Retry { get; set; } = new RetryPolicy();
        /// <summary>Signing time (X-TC-Timestamp, x-acs-date).</summary>
        public Func<DateTimeOffset> Clock { get; set; } = () => DateTimeOffset.UtcNow;
        /// <summary>Keeps calls under the clouds' documented limits; <see cref="RateLimiter.Shared"/> unless a test opts out.</summary>
        public RateLimiter Limiter { get; set; } = RateLimiter.Shared;

        /// <summary>Defaults: 4 attempts, 200 ms base backoff, real clock, the process-wide limiter.</summary>
        public static TransportSettings Standard() => new TransportSettings();
    }
}
