using System;
using System.Collections.Concurrent;
using DtsCrossAccount.Core;
using DtsCrossAccount.Signing;

namespace DtsCrossAccount.Transport
{
    /// <summary>
    /// "Who am I" per access key for the life of the process: a key never changes owner, so GetCallerIdentity is asked once
    /// per key (and endpoint) however many cmdlets and runspaces use it. The entry is keyed by a hash of the endpoint, key
    /// ID, secret and token, so a wrong secret or another emulator is a different entry and still reaches the cloud (whose
    /// refusal is not cached). The cache also tells the rate limiter which account a key counts against.
    /// </summary>
    internal static class CallerIdentityCache
    {
        private static readonly ConcurrentDictionary<string, Entry> Known = new ConcurrentDictionary<string, Entry>(StringComparer.Ordinal);

        // The endpoint is kept beside the identity only so that Forget can find the entries of one endpoint.
        private sealed class Entry
        {
            public Entry(string endpoint, CallerIdentity identity) { Endpoint = endpoint; Identity = identity; }
            public string Endpoint { get; }
            public CallerIdentity Identity { get; }
        }

        public static CallerIdentity GetOrAdd(CloudKind cloud, Uri endpoint, CloudCredential credential, Func<CallerIdentity> ask)
        {
            if (credential == null) return ask();
            var key = Key(cloud, endpoint, credential);
            if (Known.TryGetValue(key, out var known)) return known.Identity;
            var identity = ask();
            if (!string.IsNullOrEmpty(identity?.AccountId)) Known[key] = new Entry(endpoint?.AbsoluteUri, identity);
            return identity;
        }

        /// <summary>The identity already learned for a cache key from <see cref="Key"/>, or null.</summary>
        public static CallerIdentity Peek(string key) => Known.TryGetValue(key, out var known) ? known.Identity : null;

        /// <summary>
        /// Drops what was learned at one endpoint. A real cloud's endpoint never changes hands, but a local emulator's
        /// address is reused by the next emulator started in the same process (the same seeded keys on a fresh world),
        /// which must be asked again like any new endpoint.
        /// </summary>
        internal static void Forget(Uri endpoint)
        {
            if (endpoint == null) return;
            foreach (var pair in Known)
                if (string.Equals(pair.Value.Endpoint, endpoint.AbsoluteUri, StringComparison.Ordinal)) Known.TryRemove(pair.Key, out _);
        }

        internal static string Key(CloudKind cloud, Uri endpoint, CloudCredential credential) =>
            SigningPrimitives.Sha256Hex(string.Join("\n", cloud, endpoint?.AbsoluteUri, credential.AccessKeyId, credential.Secret, credential.SessionToken));
    }
}
