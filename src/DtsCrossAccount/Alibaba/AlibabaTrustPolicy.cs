using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using DtsCrossAccount.Json;

namespace DtsCrossAccount.Alibaba
{
    /// <summary>
    /// The documents of the cross-account set-up: the role's trust policy (seed, Step 3) and the custom policy that lets a
    /// RAM user of the task account assume the role. Documents are compared by meaning: key case, a string versus a
    /// one-element list, and list order do not matter.
    /// </summary>
    internal static class AlibabaTrustPolicy
    {
        internal const string DtsService = "dts.aliyuncs.com";
        internal const string DtsServiceSuffix = "@dts.aliyuncs.com";
        internal const string RolePolicyName = "AliyunDTSRolePolicy";
        internal const string AssumeRoleAction = "sts:AssumeRole";

        internal static string RootPrincipal(string accountId) => "acs:ram::" + accountId + ":root";
        internal static string ServicePrincipal(string accountId) => accountId + DtsServiceSuffix;
        /// <summary>RAM writes role ARNs with the role name in lower case (GetRole, AssumeRole examples).</summary>
        internal static string RoleArn(string ownerAccountId, string roleName) => "acs:ram::" + ownerAccountId + ":role/" + (roleName ?? "").ToLowerInvariant();

        /// <summary>The seed's trust policy with both placeholders replaced by the task account ID.</summary>
        internal static JsonObject Build(string trustedAccountId)
        {
            return new JsonObject()
                .Set("Statement", new List<object> { BuildStatement(trustedAccountId) })
                .Set("Version", "1");
        }

        private static JsonObject BuildStatement(string trustedAccountId)
        {
            return new JsonObject()
                .Set("Action", AssumeRoleAction)
                .Set("Effect", "Allow")
                .Set("Principal", new JsonObject()
                    .Set("RAM", new List<object> { RootPrincipal(trustedAccountId) })
                    .Set("Service", new List<object> { ServicePrincipal(trustedAccountId) }));
        }

        /// <summary>The custom policy of Grant-DtsSubAccountAssumeRole.</summary>
        internal static JsonObject BuildAssumeRolePolicy(string ownerAccountId, string roleName)
        {
            return new JsonObject()
                .Set("Version", "1")
                .Set("Statement", new List<object>
                {
                    new JsonObject().Set("Effect", "Allow").Set("Action", AssumeRoleAction).Set("Resource", RoleArn(ownerAccountId, roleName)),
                });
        }

        /// <summary>
        /// The role ARN when <paramref name="document"/> means exactly what Grant-DtsSubAccountAssumeRole writes (allow
        /// sts:AssumeRole on that one role); null for any other document, which Revoke- then leaves alone.
        /// </summary>
        internal static string GrantResource(string document)
        {
            JsonObject parsed;
            try { parsed = Parse(document); }
            catch (FormatException) { return null; }
            var resources = Statements(parsed).SelectMany(st => Strings(Member(st, "Resource"))).ToList();
            if (resources.Count != 1) return null;
            var match = System.Text.RegularExpressions.Regex.Match(resources[0], @"\Aacs:ram::([0-9]+):role/([A-Za-z0-9.-]+)\z", System.Text.RegularExpressions.RegexOptions.IgnoreCase);
            if (!match.Success) return null;
            return SameMeaning(parsed, BuildAssumeRolePolicy(match.Groups[1].Value, match.Groups[2].Value)) ? resources[0] : null;
        }

        internal static JsonObject Parse(string document)
        {
            if (string.IsNullOrWhiteSpace(document)) return new JsonObject().Set("Statement", new List<object>()).Set("Version", "1");
            // Some responses carry the document URL-encoded; a JSON document never starts with '%'.
            var text = document.TrimStart().StartsWith("%", StringComparison.Ordinal) ? Uri.UnescapeDataString(document) : document;
            return Json.Json.ParseObject(text);
        }

        /// <summary>What the trust policy says about DTS: the principals of its DTS statement(s).</summary>
        internal sealed class TrustView
        {
            public List<string> Ram { get; } = new List<string>();
            public List<string> Service { get; } = new List<string>();
            public bool HasDtsStatement { get; set; }

            /// <summary>The Service principal was stored as plain dts.aliyuncs.com: the seed's "the account ID is wrong".</summary>
            public bool Collapsed => Service.Any(s => string.Equals(s, DtsService, StringComparison.OrdinalIgnoreCase));

            public IEnumerable<string> RamAccounts => Ram.Select(AccountOfRootPrincipal);

            public string Describe() =>
                "RAM [" + string.Join(", ", Ram) + "], Service [" + string.Join(", ", Service) + "]";
        }

        internal static TrustView Inspect(JsonObject document)
        {
            var view = new TrustView();
            foreach (var statement in Statements(document).Where(IsDtsStatement))
            {
                view.HasDtsStatement = true;
                var principal = Member(statement, "Principal") as JsonObject;
                view.Ram.AddRange(Strings(Member(principal, "RAM")));
                view.Service.AddRange(Strings(Member(principal, "Service")));
            }
            return view;
        }

        /// <summary>What differs from the seed's trust policy for this task account; empty = same meaning.</summary>
        internal static List<string> Differences(JsonObject document, string trustedAccountId)
        {
            var diffs = new List<string>();
            var view = Inspect(document);
            var ram = RootPrincipal(trustedAccountId);
            var service = ServicePrincipal(trustedAccountId);
            if (!view.HasDtsStatement)
            {
                diffs.Add("the trust policy has no sts:AssumeRole statement for DTS (expected RAM principal '" + ram + "' and Service principal '" + service + "'; found "
                    + DescribeAllPrincipals(document) + ")");
                return diffs;
            }
            if (!SameSet(view.Ram, new[] { ram }))
                diffs.Add("RAM principal is [" + string.Join(", ", view.Ram) + "], expected [" + ram + "]");
            if (!SameSet(view.Service, new[] { service }))
            {
                diffs.Add("Service principal is [" + string.Join(", ", view.Service) + "], expected [" + service + "]"
                    + (view.Collapsed ? " (it collapsed to 'dts.aliyuncs.com': the account ID that was saved is wrong)" : ""));
            }
            return diffs;
        }

        /// <summary>The document with the DTS statement replaced by the seed's one and every unrelated statement kept.</summary>
        internal static JsonObject Merge(JsonObject existing, string trustedAccountId)
        {
            var statements = Statements(existing).ToList();
            var kept = new List<object>();
            bool replaced = false;
            // The console's "Create Role > Other Account" leaves a RAM-only statement (seed, Step 1) that Step 3 replaces.
            bool hasDts = statements.Any(IsDtsStatement);
            foreach (var s in statements)
            {
                bool isTarget = hasDts ? IsDtsStatement(s) : IsRamOnlyAssumeRole(s);
                if (isTarget)
                {
                    if (!replaced) kept.Add(BuildStatement(trustedAccountId));
                    replaced = true;
                }
                else
                {
                    kept.Add(s);
                }
            }
            if (!replaced) kept.Add(BuildStatement(trustedAccountId));
            var version = Member(existing, "Version") as string ?? "1";
            return new JsonObject().Set("Statement", kept).Set("Version", version);
        }

        internal static IEnumerable<JsonObject> Statements(JsonObject document)
        {
            var s = Member(document, "Statement");
            if (s is JsonObject one) { yield return one; yield break; }
            if (s is List<object> list) foreach (var o in list.OfType<JsonObject>()) yield return o;
        }

        private static bool AllowsAssumeRole(JsonObject statement)
        {
            var effect = Member(statement, "Effect") as string;
            return string.Equals(effect, "Allow", StringComparison.OrdinalIgnoreCase)
                && Strings(Member(statement, "Action")).Any(a => string.Equals(a, AssumeRoleAction, StringComparison.OrdinalIgnoreCase));
        }

        private static bool IsDtsStatement(JsonObject statement)
        {
            if (!AllowsAssumeRole(statement)) return false;
            var principal = Member(statement, "Principal") as JsonObject;
            return Strings(Member(principal, "Service")).Any(s =>
                string.Equals(s, DtsService, StringComparison.OrdinalIgnoreCase) || s.EndsWith(DtsServiceSuffix, StringComparison.OrdinalIgnoreCase));
        }

        private static bool IsRamOnlyAssumeRole(JsonObject statement)
        {
            if (!AllowsAssumeRole(statement)) return false;
            var principal = Member(statement, "Principal") as JsonObject;
            return principal != null && principal.Count == 1 && Member(principal, "RAM") != null;
        }

        private static string DescribeAllPrincipals(JsonObject document)
        {
            var parts = Statements(document)
                .Select(s => Member(s, "Principal") as JsonObject)
                .Where(p => p != null)
                .SelectMany(p => p.Members.Select(m => m.Key + " [" + string.Join(", ", Strings(m.Value)) + "]"))
                .ToList();
            return parts.Count == 0 ? "no principal" : string.Join("; ", parts);
        }

        /// <summary>acs:ram::123:root → 123; anything else unchanged.</summary>
        internal static string AccountOfRootPrincipal(string principal)
        {
            const string prefix = "acs:ram::";
            if (principal != null && principal.StartsWith(prefix, StringComparison.OrdinalIgnoreCase))
            {
                var rest = principal.Substring(prefix.Length);
                var colon = rest.IndexOf(':');
                if (colon > 0) return rest.Substring(0, colon);
            }
            return principal;
        }

        internal static object Member(JsonObject o, string name) =>
            o != null && o.TryGetIgnoreCase(name, out var v) ? v : null;

        internal static IEnumerable<string> Strings(object value)
        {
            if (value is string s) return new[] { s };
            if (value is List<object> list) return list.OfType<string>();
            return Enumerable.Empty<string>();
        }

        private static bool SameSet(IEnumerable<string> a, IEnumerable<string> b) =>
            new HashSet<string>(a, StringComparer.Ordinal).SetEquals(b);

        /// <summary>Same meaning: keys compared case-insensitively, a scalar equals a one-element list, lists are unordered.</summary>
        internal static bool SameMeaning(object a, object b) =>
            string.Equals(Canonical(a), Canonical(b), StringComparison.Ordinal);

        internal static string Canonical(object value)
        {
            switch (value)
            {
                case JsonObject o:
                    return "{" + string.Join(",", o.Members
                        .Select(m => new KeyValuePair<string, string>(m.Key.ToLowerInvariant(), Canonical(m.Value)))
                        .OrderBy(m => m.Key, StringComparer.Ordinal)
                        .Select(m => m.Key + ":" + m.Value)) + "}";
                case List<object> list:
                    if (list.Count == 1) return Canonical(list[0]);
                    return "[" + string.Join(",", list.Select(Canonical).OrderBy(x => x, StringComparer.Ordinal)) + "]";
                case string s:
                    return Json.Json.Serialize(s);
                case long l:
                    return Json.Json.Serialize(l.ToString(CultureInfo.InvariantCulture));
                case double d:
                    return Json.Json.Serialize(d.ToString("R", CultureInfo.InvariantCulture));
                default:
                    return Json.Json.Serialize(value);
            }
        }

        /// <summary>A short human-readable difference between two policy documents (top-level statement view).</summary>
        internal static string DescribeDifference(JsonObject actual, JsonObject expected) =>
            "the stored document is " + Json.Json.Serialize(actual) + " but the expected one is " + Json.Json.Serialize(expected);
    }
}
