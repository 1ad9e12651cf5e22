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
            int badLine = FirstMalformedLine(text);
            if (badLine > 0)
                // The line itself is not shown: it may hold a secret.
                throw new DtsCrossAccountException("ProfileFileInvalid", ErrorCategory.InvalidData,
                    string.Format("The Tencent Cloud profile file '{0}' is not a valid INI file: line {1} is neither a [section] header, a comment nor key = value inside a section.",
                        path, badLine), path,
                    remedy: "Repair that line (each profile is a [name] section with secret_id = ... and secret_key = ... lines), or pass the keys with -Credential.");
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

        /// <summary>The 1-based number of the first line an INI reader (such as the SDKs' configparser) rejects; 0 when all are fine.</summary>
        internal static int FirstMalformedLine(string text)
        {
            bool inSection = false;
            var lines = text.Split('\n');
            for (int i = 0; i < lines.Length; i++)
            {
                var line = lines[i].Trim();
                if (line.Length == 0 || line[0] == '#' || line[0] == ';') continue;
                if (line[0] == '[')
                {
                    if (line[line.Length - 1] != ']' || line.Length < 3) return i + 1;
                    inSection = true;
                    continue;
                }
                if (!inSection || line.IndexOf('=') <= 0) return i + 1;
            }
            return 0;
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
