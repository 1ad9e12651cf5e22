using System;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using DtsCrossAccount.Core;
using DtsCrossAccount.Json;

namespace DtsCrossAccount.Credentials
{
    /// <summary>
    /// The Alibaba Cloud CLI's ~/.aliyun/config.json: {"current": name, "profiles": [{name, mode, access_key_id,
    /// access_key_secret, sts_token}]}. Modes AK and StsToken are supported; others need the CLI to mint keys.
    /// </summary>
    internal static class AlibabaConfigFile
    {
        /// <summary>The profile names in a config.json text (for tab completion).</summary>
        public static IEnumerable<string> ProfileNames(string text) => Names(Json.Json.ParseObject(text).GetObjects("profiles"));

        private static IEnumerable<string> Names(IEnumerable<JsonObject> profiles) =>
            profiles.Select(p => p.GetString("name")).Where(n => n != null);

        public static CloudCredential Read(string text, string path, string profileName, bool required)
        {
            JsonObject root;
            try { root = Json.Json.ParseObject(text); }
            catch (FormatException e)
            {
                // The parser's message names the position; a quoted token is dropped, as it could be part of a secret.
                string problem = System.Text.RegularExpressions.Regex.Replace(e.Message, " '[^']{2,}'", "");
                throw new DtsCrossAccountException("ProfileFileInvalid", ErrorCategory.InvalidData,
                    string.Format("The Alibaba Cloud profile file '{0}' is not valid JSON ({1}), so no profile can be read from it.", path, problem), path,
                    remedy: "Repair the file (run 'aliyun configure' to rewrite it, or fix it in an editor), or pass the keys with -Credential.");
            }
            if (root.TryGet("profiles", out var list) && list != null && !(list is System.Collections.IList))
                throw new DtsCrossAccountException("ProfileFileInvalid", ErrorCategory.InvalidData,
                    string.Format("The Alibaba Cloud profile file '{0}' has a \"profiles\" member that is not a list.", path), path,
                    remedy: "Repair the file: \"profiles\" must be a JSON array of {\"name\", \"mode\", \"access_key_id\", \"access_key_secret\"} objects (run 'aliyun configure' to rewrite it).");
            string name = string.IsNullOrEmpty(profileName) ? root.GetString("current") : profileName;
            if (string.IsNullOrEmpty(name)) name = "default";
            var profiles = root.GetObjects("profiles").ToList();
            var profile = profiles.FirstOrDefault(p => p.GetString("name") == name);
            if (profile == null)
            {
                if (!required) return null;
                throw new DtsCrossAccountException("ProfileNotFound", ErrorCategory.ObjectNotFound,
                    string.Format("The profile '{0}' is not in '{1}'. Profiles there: {2}. Add it with 'aliyun configure --profile {0}' or edit the file.",
                        name, path, profiles.Count == 0 ? "(none)" : string.Join(", ", Names(profiles))), name);
            }
            string mode = profile.GetString("mode") ?? "AK";
            if (mode != "AK" && mode != "StsToken")
                throw CredentialChain.Invalid("ProfileModeNotSupported",
                    string.Format("The profile '{0}' in '{1}' uses mode '{2}'. DtsCrossAccount reads profiles in mode AK or StsToken; for other modes obtain keys first and pass -Credential.", name, path, mode));
            string id = profile.GetString("access_key_id");
            string secret = profile.GetString("access_key_secret");
            if (string.IsNullOrEmpty(id) || string.IsNullOrEmpty(secret))
                throw CredentialChain.Invalid("ProfileIncomplete",
                    string.Format("The profile '{0}' in '{1}' needs access_key_id and access_key_secret.", name, path));
            string token = mode == "StsToken" ? profile.GetString("sts_token") : null;
            return new CloudCredential(id, secret, token, string.Format("profile '{0}' in {1}", name, path));
        }
    }
}
