using System;
using System.IO;
using System.Management.Automation;
using DtsCrossAccount.Core;

namespace DtsCrossAccount.Credentials
{
    /// <summary>
    /// Resolves the key pair for a call, in this order: -Credential (+ -SessionToken); -ProfileName from the official
    /// profile file; the environment variables the official SDKs read; the profile file's default profile.
    /// A profile the user NAMED that cannot be loaded is an error: we never fall back to another identity
    /// (which may be another account).
    /// </summary>
    internal static class CredentialChain
    {
        public const string TencentIdVariable = "TENCENTCLOUD_SECRET_ID";
        public const string TencentKeyVariable = "TENCENTCLOUD_SECRET_KEY";
        /// <summary>Not read by the official Python/Go SDKs (they have no token variable); the Terraform provider's name.</summary>
        public const string TencentTokenVariable = "TENCENTCLOUD_SECURITY_TOKEN";
        /// <summary>The Go SDK's override of ~/.tencentcloud/credentials.</summary>
        public const string TencentFileVariable = "TENCENTCLOUD_CREDENTIALS_FILE";
        public const string AlibabaIdVariable = "ALIBABA_CLOUD_ACCESS_KEY_ID";
        public const string AlibabaSecretVariable = "ALIBABA_CLOUD_ACCESS_KEY_SECRET";
        public const string AlibabaTokenVariable = "ALIBABA_CLOUD_SECURITY_TOKEN";
        /// <summary>credentials-go's override of ~/.aliyun/config.json.</summary>
        public const string AlibabaFileVariable = "ALIBABA_CLOUD_CONFIG_FILE";
        public const string AlibabaProfileVariable = "ALIBABA_CLOUD_PROFILE";

        public static CloudCredential Resolve(CloudKind cloud, CredentialRequest request)
        {
            ValidateText(request);
            if (request != null && !string.IsNullOrEmpty(request.AccessKeyId))
            {
                if (string.IsNullOrEmpty(request.Secret))
                    throw Invalid("CredentialSecretMissing", request.ParameterName + " has a user name (the access key ID) but an empty password; the password must be the secret.");
                return new CloudCredential(request.AccessKeyId, request.Secret, request.SessionToken, "parameter " + request.ParameterName);
            }

            if (request != null && !string.IsNullOrEmpty(request.ProfileName))
                return FromProfile(cloud, request.ProfileName, request.ProfileParameterName, required: true);

            var fromEnvironment = FromEnvironment(cloud);
            if (fromEnvironment != null) return fromEnvironment;

            string defaultProfile = cloud == CloudKind.Alibaba ? Environment.GetEnvironmentVariable(AlibabaProfileVariable) : null;
            var fromFile = FromProfile(cloud, defaultProfile, "default profile", required: !string.IsNullOrEmpty(defaultProfile));
            if (fromFile != null) return fromFile;

            throw new DtsCrossAccountException("NoCredentials", ErrorCategory.AuthenticationError, NoCredentialsMessage(cloud), cloud);
        }

        public static string NoCredentialsMessage(CloudKind cloud)
        {
            return cloud == CloudKind.Tencent
                ? "No Tencent Cloud credentials were found. Give them in one of these ways: -Credential (user name = SecretId, password = SecretKey; "
                  + "in Azure Automation: Get-AutomationPSCredential) with -SessionToken for temporary keys; -ProfileName <name> for a section of "
                  + "~/.tencentcloud/credentials (or the file named by " + TencentFileVariable + "); or the environment variables "
                  + TencentIdVariable + " and " + TencentKeyVariable + "."
                : "No Alibaba Cloud credentials were found. Give them in one of these ways: -Credential (user name = AccessKeyId, password = AccessKeySecret; "
                  + "in Azure Automation: Get-AutomationPSCredential) with -SessionToken for STS tokens; -ProfileName <name> for a profile of "
                  + "~/.aliyun/config.json (or the file named by " + AlibabaFileVariable + "); or the environment variables "
                  + AlibabaIdVariable + " and " + AlibabaSecretVariable + " (and " + AlibabaTokenVariable + ").";
        }

        private static CloudCredential FromEnvironment(CloudKind cloud)
        {
            string idName = cloud == CloudKind.Tencent ? TencentIdVariable : AlibabaIdVariable;
            string secretName = cloud == CloudKind.Tencent ? TencentKeyVariable : AlibabaSecretVariable;
            string tokenName = cloud == CloudKind.Tencent ? TencentTokenVariable : AlibabaTokenVariable;
            string id = Environment.GetEnvironmentVariable(idName);
            string secret = Environment.GetEnvironmentVariable(secretName);
            if (string.IsNullOrEmpty(id) && string.IsNullOrEmpty(secret)) return null;
            if (string.IsNullOrEmpty(id) || string.IsNullOrEmpty(secret))
                throw Invalid("IncompleteEnvironmentCredentials", "Only one of the environment variables " + idName + " and " + secretName + " is set; set both, or neither.");
            return new CloudCredential(id, secret, Environment.GetEnvironmentVariable(tokenName), "environment variables " + idName + "/" + secretName);
        }

        private static CloudCredential FromProfile(CloudKind cloud, string profileName, string parameterName, bool required)
        {
            string path = ProfilePath(cloud);
            string variable = cloud == CloudKind.Tencent ? TencentFileVariable : AlibabaFileVariable;
            if (Directory.Exists(path))
                throw new DtsCrossAccountException("ProfileFileUnreadable", ErrorCategory.ReadError,
                    string.Format("The {0} profile file '{1}' is a directory, not a file, so no profile can be read from it.", cloud, path), path,
                    remedy: string.Format("Point {0} at the profile file itself, or replace the directory with the file.", variable));
            if (!File.Exists(path))
            {
                if (!required) return null;
                throw new DtsCrossAccountException("ProfileFileNotFound", ErrorCategory.ObjectNotFound,
                    string.Format("{0} '{1}' was given, but the {2} profile file '{3}' does not exist.", parameterName, profileName, cloud, path), profileName,
                    remedy: string.Format("Create it, or set {0} to the file that holds your profiles.", variable));
            }
            string text;
            try
            {
                text = File.ReadAllText(path);
            }
            catch (Exception e) when (e is IOException || e is UnauthorizedAccessException || e is System.Security.SecurityException)
            {
                throw new DtsCrossAccountException("ProfileFileUnreadable", ErrorCategory.ReadError,
                    string.Format("The {0} profile file '{1}' cannot be read: {2}", cloud, path, e.Message), path, e,
                    remedy: string.Format("Give this user read access to '{0}' (or point {1} at a readable copy), or pass the keys with -Credential.", path, variable));
            }
            return cloud == CloudKind.Tencent
                ? TencentProfileFile.Read(text, path, profileName, required)
                : AlibabaConfigFile.Read(text, path, profileName, required);
        }

        public static string ProfilePath(CloudKind cloud)
        {
            string overridden = Environment.GetEnvironmentVariable(cloud == CloudKind.Tencent ? TencentFileVariable : AlibabaFileVariable);
            if (!string.IsNullOrEmpty(overridden)) return overridden;
            string home = Environment.GetEnvironmentVariable("HOME");
            if (string.IsNullOrEmpty(home)) home = Environment.GetFolderPath(Environment.SpecialFolder.UserProfile);
            return cloud == CloudKind.Tencent
                ? Path.Combine(home, ".tencentcloud", "credentials")
                : Path.Combine(home, ".aliyun", "config.json");
        }

        /// <summary>
        /// Key IDs, tokens and profile names are ASCII in both clouds' tools; a pasted line break or lookalike letter is
        /// refused here, before a file is read or a call is signed (the values themselves are never echoed).
        /// </summary>
        private static void ValidateText(CredentialRequest request)
        {
            if (request == null) return;
            if (!string.IsNullOrEmpty(request.ProfileName))
                InputText.RequireAsciiToken(request.ProfileName, request.ProfileParameterName, 128, "InvalidProfileName", "default or target-root");
            if (!string.IsNullOrEmpty(request.AccessKeyId) && !IsKeyText(request.AccessKeyId, 128))
                throw Invalid("InvalidAccessKeyId", "The user name of " + request.ParameterName + " is not an access key ID: key IDs are 1 to 128 ASCII letters, digits and symbols with no spaces or line breaks. Check what was pasted.");
            if (!string.IsNullOrEmpty(request.SessionToken) && !IsKeyText(request.SessionToken, 8192))
                throw Invalid("InvalidSessionToken", "-SessionToken is not a session token: tokens are ASCII letters, digits and symbols with no spaces or line breaks (at most 8192 characters here). Check what was pasted.");
        }

        private static bool IsKeyText(string value, int maxLength)
        {
            if (value.Length > maxLength) return false;
            foreach (char c in value)
                if (c <= 0x20 || c > 0x7E) return false;
            return true;
        }

        internal static DtsCrossAccountException Invalid(string id, string message) =>
            new DtsCrossAccountException(id, ErrorCategory.InvalidArgument, message);
    }
}
