using System;
using System.Collections.Generic;
using System.Linq;
using DtsCrossAccount.Json;

namespace DtsCrossAccount.Tencent
{
    /// <summary>
    /// CAM policy documents the module writes (trust policy of the DTS role, the sub-account's AssumeRole grant) and
    /// comparison by meaning: key case, a string versus a one-item list, and order never count as a difference.
    /// </summary>
    internal static class TencentPolicyDocuments
    {
        public const string AssumeRoleAction = "name/sts:AssumeRole";
        public const string DtsReadOnlyPolicy = "QcloudDTSReadOnlyAccess";

        public static string RoleArn(string ownerUin, string roleName) => "qcs::cam::uin/" + ownerUin + ":roleName/" + roleName;

        public static string RootPrincipal(string rootUin) => "qcs::cam::uin/" + rootUin + ":root";

        /// <summary>
        /// The DTS role's trust statement: another root account may assume the role (CAM CreateRole example, 598/19381).
        /// The external-ID condition form is not on an official page (docs/tencent-provider.md, V2.1).
        /// </summary>
        public static JsonObject TrustStatement(string trustedRootUin, string externalId)
        {
            var statement = new JsonObject()
                .Set("action", AssumeRoleAction)
                .Set("effect", "allow")
                .Set("principal", new JsonObject().Set("qcs", new List<object> { RootPrincipal(trustedRootUin) }));
            if (!string.IsNullOrEmpty(externalId))
                statement.Set("condition", new JsonObject().Set("string_equal", new JsonObject().Set("sts:external_id", externalId)));
            return statement;
        }

        public static JsonObject TrustPolicy(string trustedRootUin, string externalId) =>
            new JsonObject().Set("version", "2.0").Set("statement", new List<object> { TrustStatement(trustedRootUin, externalId) });

        /// <summary>The custom policy of step 9 of the guide: allow sts:AssumeRole on one role of another account.</summary>
        public static JsonObject AssumeRoleGrantPolicy(string roleArn) =>
            new JsonObject().Set("version", "2.0").Set("statement", new List<object>
            {
                new JsonObject()
                    .Set("effect", "allow")
                    .Set("action", new List<object> { AssumeRoleAction })
                    .Set("resource", new List<object> { roleArn }),
            });

        /// <summary>
        /// The role ARN when <paramref name="document"/> means exactly what Grant-DtsSubAccountAssumeRole writes (allow
        /// name/sts:AssumeRole on that one role); null for any other document, which Revoke- then leaves alone.
        /// </summary>
        public static string GrantResource(string document)
        {
            if (!Json.Json.TryParseObject(document, out var parsed)) return null;
            var resources = new List<string>();
            if (parsed.TryGetIgnoreCase("statement", out var statements))
            {
                var list = statements as List<object> ?? new List<object> { statements };
                foreach (var statement in list.OfType<JsonObject>())
                {
                    if (!statement.TryGetIgnoreCase("resource", out var r)) continue;
                    if (r is string one) resources.Add(one);
                    else if (r is List<object> many) resources.AddRange(many.OfType<string>());
                }
            }
            if (resources.Count != 1) return null;
            return SameMeaning(document, Json.Json.Serialize(AssumeRoleGrantPolicy(resources[0]))) ? resources[0] : null;
        }

        /// <summary>What a trust policy says about sts:AssumeRole by root accounts.</summary>
        public sealed class TrustAnalysis
        {
            /// <summary>Root UINs allowed to assume the role, in document order.</summary>
            public List<string> TrustedRoots = new List<string>();
            /// <summary>External IDs required for each trusted root (empty set = no condition).</summary>
            public Dictionary<string, HashSet<string>> ExternalIds = new Dictionary<string, HashSet<string>>(StringComparer.Ordinal);
        }

        public static TrustAnalysis AnalyzeTrust(string document)
        {
            var result = new TrustAnalysis();
            if (!Json.Json.TryParseObject(document, out var doc)) return result;
            foreach (var statement in Statements(doc))
            {
                if (!IsAllow(statement) || !AllowsAssumeRole(statement)) continue;
                var ids = ExternalIdsOf(statement);
                foreach (var root in RootPrincipalsOf(statement))
                {
                    if (!result.ExternalIds.ContainsKey(root))
                    {
                        result.TrustedRoots.Add(root);
                        result.ExternalIds[root] = new HashSet<string>(ids, StringComparer.Ordinal);
                    }
                    else if (ids.Count == 0) result.ExternalIds[root].Clear(); // an unconditional statement wins
                }
            }
            return result;
        }

        /// <summary>
        /// Null when the trust policy lets <paramref name="trustedRootUin"/> assume the role with exactly the requested
        /// external-ID condition; otherwise a sentence naming the difference (never the external ID values).
        /// </summary>
        public static string TrustDifference(string document, string trustedRootUin, string externalId)
        {
            var trust = AnalyzeTrust(document);
            if (!trust.ExternalIds.TryGetValue(trustedRootUin, out var ids))
            {
                return trust.TrustedRoots.Count == 0
                    ? "its trust policy lets no root account assume it (expected root account " + trustedRootUin + ")"
                    : "its trust policy trusts root account " + string.Join(", ", trust.TrustedRoots) + " instead of " + trustedRootUin;
            }
            bool wantsId = !string.IsNullOrEmpty(externalId);
            if (!wantsId && ids.Count > 0)
                return "its trust policy requires an external ID from account " + trustedRootUin + " but -ExternalId was not given";
            if (wantsId && ids.Count == 0)
                return "its trust policy has no external ID condition but -ExternalId was given";
            if (wantsId && !ids.Contains(externalId))
                return "its trust policy requires a different external ID than the one given";
            return null;
        }

        /// <summary>
        /// The existing document with its root-account sts:AssumeRole statements replaced by the DTS statement;
        /// statements for other principals (services, federation) and other actions are kept as they are.
        /// </summary>
        public static JsonObject ReplaceTrustStatement(string document, string trustedRootUin, string externalId)
        {
            if (!Json.Json.TryParseObject(document, out var doc))
                return TrustPolicy(trustedRootUin, externalId);
            var kept = new List<object>();
            foreach (var statement in Statements(doc))
            {
                bool isRootAssumeRole = AllowsAssumeRole(statement) && RootPrincipalsOf(statement).Count > 0
                    && OnlyRootPrincipals(statement);
                if (!isRootAssumeRole) kept.Add(statement);
            }
            kept.Add(TrustStatement(trustedRootUin, externalId));
            var result = new JsonObject();
            result.Set("version", doc.TryGetIgnoreCase("version", out var v) && v is string s ? s : "2.0");
            result.Set("statement", kept);
            return result;
        }

        /// <summary>True when two policy documents mean the same.</summary>
        public static bool SameMeaning(string a, string b)
        {
            if (!Json.Json.TryParseObject(a, out var da) || !Json.Json.TryParseObject(b, out var db)) return false;
            return Canonical(da) == Canonical(db);
        }

        /// <summary>A stable text of a document's meaning: lower-case keys, sorted keys and lists, one-item lists for scalars.</summary>
        public static string Canonical(JsonObject document) => Json.Json.Serialize(CanonicalValue(document, null));

        private static object CanonicalValue(object value, string key)
        {
            switch (value)
            {
                case JsonObject o:
                    var sorted = new JsonObject();
                    foreach (var m in o.Members.OrderBy(m => m.Key.ToLowerInvariant(), StringComparer.Ordinal))
                        sorted.Set(m.Key.ToLowerInvariant(), CanonicalValue(m.Value, m.Key.ToLowerInvariant()));
                    return sorted;
                case List<object> list:
                    // Statements and value lists are sets: order them by their canonical text.
                    return list.Select(item => CanonicalValue(item, key)).Select(item => item is List<object> inner && inner.Count == 1 ? inner[0] : item)
                        .GroupBy(item => Json.Json.Serialize(item)).Select(g => g.First())
                        .OrderBy(item => Json.Json.Serialize(item), StringComparer.Ordinal).ToList();
                case string s:
                    if (key == "version" || key == "sid") return s;
                    if (key == "effect") return s.ToLowerInvariant();
                    // A scalar where CAM also accepts a list (action, resource, principal, condition values).
                    return new List<object> { key == "action" ? s.ToLowerInvariant() : s };
                default:
                    return value;
            }
        }

        private static IEnumerable<JsonObject> Statements(JsonObject doc)
        {
            if (!doc.TryGetIgnoreCase("statement", out var st)) yield break;
            if (st is JsonObject single) { yield return single; yield break; }
            if (st is List<object> list)
                foreach (var item in list)
                    if (item is JsonObject o) yield return o;
        }

        private static List<string> Strings(object value)
        {
            if (value is string s) return new List<string> { s };
            if (value is List<object> list) return list.OfType<string>().ToList();
            return new List<string>();
        }

        private static bool IsAllow(JsonObject statement) =>
            statement.TryGetIgnoreCase("effect", out var e) && e is string s && s.Equals("allow", StringComparison.OrdinalIgnoreCase);

        private static bool AllowsAssumeRole(JsonObject statement)
        {
            if (!statement.TryGetIgnoreCase("action", out var a)) return false;
            return Strings(a).Any(x => x.EndsWith("sts:AssumeRole", StringComparison.OrdinalIgnoreCase) || x == "*" || x.Equals("name/sts:*", StringComparison.OrdinalIgnoreCase));
        }

        private static List<string> QcsPrincipals(JsonObject statement)
        {
            if (!statement.TryGetIgnoreCase("principal", out var p) || !(p is JsonObject principal)) return new List<string>();
            return principal.TryGetIgnoreCase("qcs", out var q) ? Strings(q) : new List<string>();
        }

        private static bool OnlyRootPrincipals(JsonObject statement)
        {
            if (!statement.TryGetIgnoreCase("principal", out var p) || !(p is JsonObject principal)) return false;
            return principal.Members.All(m => m.Key.Equals("qcs", StringComparison.OrdinalIgnoreCase))
                && QcsPrincipals(statement).All(x => RootOf(x) != null);
        }

        private static List<string> RootPrincipalsOf(JsonObject statement) =>
            QcsPrincipals(statement).Select(RootOf).Where(x => x != null).Distinct().ToList();

        /// <summary>"qcs::cam::uin/123:root" or "qcs::cam::uin/123:uin/123" (the root as a user) → "123".</summary>
        private static string RootOf(string principal)
        {
            const string prefix = "qcs::cam::uin/";
            if (principal == null || !principal.StartsWith(prefix, StringComparison.Ordinal)) return null;
            var rest = principal.Substring(prefix.Length);
            int colon = rest.IndexOf(':');
            if (colon <= 0) return null;
            var uin = rest.Substring(0, colon);
            var tail = rest.Substring(colon + 1);
            return tail == "root" || tail == "uin/" + uin ? uin : null;
        }

        private static List<string> ExternalIdsOf(JsonObject statement)
        {
            var ids = new List<string>();
            if (!statement.TryGetIgnoreCase("condition", out var c) || !(c is JsonObject condition)) return ids;
            // Only string_equal requires an ID; condition keys are case-sensitive (CAM doc 598/58420).
            foreach (var op in condition.Members)
            {
                if (!(op.Value is JsonObject keys) || !op.Key.Equals("string_equal", StringComparison.OrdinalIgnoreCase)) continue;
                foreach (var k in keys.Members)
                    if (k.Key.Equals("sts:external_id", StringComparison.Ordinal)) ids.AddRange(Strings(k.Value));
            }
            return ids;
        }
    }
}
