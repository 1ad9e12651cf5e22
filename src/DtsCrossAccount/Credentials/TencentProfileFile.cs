using System;
using System.Collections.Generic;
using System.Management.Automation;
using DtsCrossAccount.Core;

namespace DtsCrossAccount.Credentials
{
    /// <summary>
    /// ~/.tencentcloud/credentials: INI, one section per profile ([default] when none is named), keys secret_id and
    /// secret_key (the official SDKs' format); token is our optional extension for temporary keys.
    /// </summary>
    internal static class TencentProfileFile
    {
        public static CloudCredential Read(string text, string path, string profileName, bool required)
        {
            string section = string.IsNullOrEmpty(profileName) ? "default" : profileName;
            var sections = ParseIni(text);
            if (!sections.TryGetValue(section, out var values))
            {
                if (!required) return null;
                throw new DtsCrossAccountException("ProfileNotFound", ErrorCategory.ObjectNotFound,
                    string.Format("The profile '{0}' is not in '{1}'. Profiles there: {2}. Add a [{0}] section with secret_id and secret_key.",
                        section, path, sections.Count == 0 ? "(none)" : string.Join(", ", sections.Keys)), section);
            }
            values.TryGetValue("secret_id", out var id);
            values.TryGetValue("secret_key", out var key);
            values.TryGetValue("token", out var token);
            if (string.IsNullOrEmpty(id) || string.IsNullOrEmpty(key))
                throw CredentialChain.Invalid("ProfileIncomplete",
                    string.Format("The profile '{0}' in '{1}' needs both secret_id and secret_key.", section, path));
            return new CloudCredential(id, key, token, string.Format("profile '{0}' in {1}", section, path));
        }

        internal static Dictionary<string, Dictionary<string, string>> ParseIni(string text)
        {
            var result = new Dictionary<string, Dictionary<string, string>>(StringComparer.Ordinal);
            Dictionary<string, string> current = null;
            foreach (var raw in text.Split('\n'))
            {
                var line = raw.Trim();
                if (line.Length == 0 || line[0] == '#' || line[0] == ';') continue;
                if (line[0] == '[' && line[line.Length - 1] == ']')
                {
                    var name = line.Substring(1, line.Length - 2).Trim();
                    if (!result.TryGetValue(name, out current))
                    {
                        current = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
                        result[name] = current;
                    }
                    continue;
                }
                int eq = line.IndexOf('=');
                if (eq <= 0 || current == null) continue;
                current[line.Substring(0, eq).Trim()] = line.Substring(eq + 1).Trim();
            }
            return result;
        }
    }
}
