using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Diagnostics;
using System.Threading;
using DtsCrossAccount.Core;

namespace DtsCrossAccount.Transport
{
    /// <summary>
    /// A sliding one-second window per scope (cloud + endpoint + account + region + action, as the clouds count). The cloud
    /// counts arrivals, which we cannot see: a request arrives somewhere between its send and its answer. So each send takes
    /// a slot that counts from the moment its answer came back (in flight = still counting), and a new send waits until
    /// fewer than the limit were answered within the last second. The shared instance is static, so every runspace of the
    /// process (ForEach-Object -Parallel, runspace pools) draws from the same windows.
    /// </summary>
    internal sealed class RateLimiter
    {
        /// <summary>One second plus a little for the cloud's clock resolution.</summary>
        internal static readonly TimeSpan Window = TimeSpan.FromMilliseconds(1020);

        /// <summary>How often a waiting send looks for room (at most this late; a wait is about a second).</summary>
        private static readonly TimeSpan Poll = TimeSpan.FromMilliseconds(10);

        /// <summary>The limiter shared by the whole process.</summary>
        public static readonly RateLimiter Shared = new RateLimiter(enabled: true);

        /// <summary>No limit at all (tests that prove the emulator enforces its limits).</summary>
        public static readonly RateLimiter Unlimited = new RateLimiter(enabled: false);

        private readonly bool _enabled;
        private readonly ConcurrentDictionary<string, List<Slot>> _windows = new ConcurrentDictionary<string, List<Slot>>(StringComparer.Ordinal);

        private RateLimiter(bool enabled)
        {
            _enabled = enabled;
        }

        /// <summary>A send's place in its window; dispose it when the answer (or the failure) came back.</summary>
        public sealed class Lease : IDisposable
        {
            internal static readonly Lease None = new Lease(null, null);
            private readonly List<Slot> _window;
            private readonly Slot _slot;

            internal Lease(List<Slot> window, Slot slot)
            {
                _window = window;
                _slot = slot;
            }

            /// <summary>How long the send waited for room in the window.</summary>
            public TimeSpan Waited { get; internal set; }

            public void Dispose()
            {
                if (_slot == null) return;
                lock (_window) _slot.AnsweredAt = Stopwatch.GetTimestamp();
            }
        }

        internal sealed class Slot
        {
            /// <summary>Stopwatch timestamp of the answer; null while the request is in flight.</summary>
            public long? AnsweredAt;
        }

        /// <summary>
        /// The window a call counts in: cloud, endpoint (an -EndpointUrl override; null for the real cloud), the caller
        /// (account or UIN once known, else the key ID: digits never equal a key ID), region and API.
        /// </summary>
        public static string Scope(CloudKind cloud, Uri endpoint, string caller, string region, string service, string action) =>
            string.Join("\n", cloud, endpoint?.Authority, caller, region, service, action);

        /// <summary>Blocks until one more send fits into <paramref name="perSecond"/> for <paramref name="scope"/>.</summary>
        public Lease Acquire(string scope, int perSecond, CancellationToken cancel)
        {
            if (!_enabled || perSecond <= 0) return Lease.None;
            var window = _windows.GetOrAdd(scope, _ => new List<Slot>());
            var windowTicks = (long)(Window.TotalSeconds * Stopwatch.Frequency);
            var waited = Stopwatch.StartNew();
            while (true)
            {
                lock (window)
                {
                    var now = Stopwatch.GetTimestamp();
                    window.RemoveAll(s => s.AnsweredAt.HasValue && now - s.AnsweredAt.Value >= windowTicks);
                    if (window.Count < perSecond)
                    {
                        var slot = new Slot();
                        window.Add(slot);
                        return new Lease(window, slot) { Waited = waited.Elapsed };
                    }
                }
                // Look again shortly: a slot leaves a second after its answer, and answers arrive at any time.
                if (cancel.WaitHandle.WaitOne(Poll)) cancel.ThrowIfCancellationRequested();
            }
        }
    }
}
