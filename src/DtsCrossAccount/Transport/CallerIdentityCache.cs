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
        private static readonly ConcurrentDictionary<string, CallerIdentity> Known = new ConcurrentDictionary<string, CallerIdentity>(StringComparer.Ordinal);

        public static CallerIdentity GetOrAdd(CloudKind cloud, Uri endpoint, CloudCredential credential, Func<CallerIdentity> ask)
        {
            if (credential == null) return ask();
            var key = Key(cloud, endpoint, credential);
            if (Known.TryGetValue(key, out var identity)) return identity;
            identity = ask();
            if (!string.IsNullOrEmpty(identity?.AccountId)) Known[key] = identity;
            return identity;
        }

        /// <summary>The identity already learned for a cache key from <see cref="Key"/>, or null.</summary>
        public static CallerIdentity Peek(string key) => Known.TryGetValue(key, out var identity) ? identity : null;

        internal static string Key(CloudKind cloud, Uri endpoint, CloudCredential credential) =>
            SigningPrimitives.Sha256Hex(string.Join("\n", cloud, endpoint?.AbsoluteUri, credential.AccessKeyId, credential.Secret, credential.SessionToken));
    }
}
