namespace DtsCrossAccount.Credentials
{
    /// <summary>What the user gave on the command line; each part optional.</summary>
    internal sealed class CredentialRequest
    {
        public string AccessKeyId;
        /// <summary>The secret from -Credential's password; never logged.</summary>
        internal string Secret;
        internal string SessionToken;
        public string ProfileName;
        /// <summary>Name of the parameter the key came from, for messages ("-Credential", "-OwnerCredential").</summary>
        public string ParameterName = "-Credential";
        public string ProfileParameterName = "-ProfileName";
    }
}
