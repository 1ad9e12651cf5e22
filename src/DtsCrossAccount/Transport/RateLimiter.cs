using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Diagnostics;
using System.Threading;

namespace DtsCrossAccount.Transport
{
    /// <summary>
    /// A sliding one-second window per scope (cloud + endpoint + account + region + action, as the clouds count): a send
    /// waits while the window already holds the documented number of sends. The shared instance is static, so every
    /// runspace of the process (ForEach-Object -Parallel, runspace pools) draws from the same windows.
    /// </summary>
    internal sealed class RateLimiter
    {
        /// <summary>The cloud counts arrivals; a send leaves a margin for the time between our clock and its.</summary>
        internal static readonly TimeSpan Window = TimeSpan.FromMilliseconds(1100);

        /// <summary>The limiter shared by the whole process.</summary>
        public static readonly RateLimiter Shared = new RateLimiter(enabled: true);

        /// <summary>No limit at all (tests that prove the emulator enforces its limits).</summary>
        public static readonly RateLimiter Unlimited = new RateLimiter(enabled: false);

        private readonly bool _enabled;
        private readonly ConcurrentDictionary<string, Queue<long>> _windows = new ConcurrentDictionary<string, Queue<long>>(StringComparer.Ordinal);

        private RateLimiter(bool enabled)
        {
            _enabled = enabled;
        }

        /// <summary>Blocks until one more send fits into <paramref name="perSecond"/> for <paramref name="scope"/>; returns the wait.</summary>
        public TimeSpan Acquire(string scope, int perSecond, CancellationToken cancel)
        {
            if (!_enabled || perSecond <= 0) return TimeSpan.Zero;
            var window = _windows.GetOrAdd(scope, _ => new Queue<long>());
            var windowTicks = (long)(Window.TotalSeconds * Stopwatch.Frequency);
            var waited = Stopwatch.StartNew();
            while (true)
            {
                long waitTicks;
                lock (window)
                {
                    var now = Stopwatch.GetTimestamp();
                    while (window.Count > 0 && now - window.Peek() >= windowTicks) window.Dequeue();
                    if (window.Count < perSecond)
                    {
                        window.Enqueue(now);
                        return waited.Elapsed;
                    }
                    waitTicks = window.Peek() + windowTicks - now;
                }
                var wait = TimeSpan.FromSeconds((double)Math.Max(waitTicks, 1) / Stopwatch.Frequency);
                if (cancel.WaitHandle.WaitOne(wait)) cancel.ThrowIfCancellationRequested();
            }
        }
    }
}
