namespace DtsCrossAccount.Core
{
    /// <summary>
    /// An access key pair (Tencent SecretId/SecretKey, Alibaba AccessKeyId/AccessKeySecret) with an optional session token.
    /// The secret and token are only readable inside the assembly and never appear in ToString or any message.
    /// </summary>
    internal sealed class CloudCredential
    {
        public CloudCredential(string accessKeyId, string secret, string sessionToken, string source)
        {
            AccessKeyId = accessKeyId;
            Secret = secret;
            SessionToken = string.IsNullOrEmpty(sessionToken) ? null : sessionToken;
            Source = source;
        }

        public string AccessKeyId { get; }
        internal string Secret { get; }
        internal string SessionToken { get; }
        /// <summary>Where the key came from, for Debug output: "-Credential", "environment", "profile 'x' (file)".</summary>
        public string Source { get; }

        /// <summary>The key ID with all but its last four characters masked.</summary>
        public string MaskedId => Mask(AccessKeyId);

        public static string Mask(string id)
        {
            if (string.IsNullOrEmpty(id)) return "(none)";
            return id.Length <= 4 ? "****" : "****" + id.Substring(id.Length - 4);
        }

        public override string ToString() => MaskedId + " from " + Source;
    }
}
