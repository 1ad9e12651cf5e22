using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using DtsCrossAccount.Emulator.Core;

namespace DtsCrossAccount.Emulator.Tencent;

/// <summary>
/// CAM policy syntax 2.0 as far as this emulator needs it: validating permission and trust documents, deciding whether a
/// principal's attached policies allow an action on a resource (explicit deny wins), and whether a role's trust policy
/// lets a given account assume it.
/// </summary>
public static class TencentPolicyEvaluator
{
    private static readonly Regex RootPrincipal = new(@"\Aqcs::cam::uin/([0-9]+):root\z", RegexOptions.CultureInvariant);
    private static readonly Regex UserPrincipal = new(@"\Aqcs::cam::uin/([0-9]+):uin/([0-9]+)\z", RegexOptions.CultureInvariant);

    public enum Decision { NotMatched, Allow, Deny }

    /// <summary>"name/sts:AssumeRole" and "sts:AssumeRole" name the same action.</summary>
    public static string NormalizeAction(string action) =>
        action.StartsWith("name/", StringComparison.OrdinalIgnoreCase) ? action.Substring(5) : action;

    public static bool WildcardMatch(string pattern, string value)
    {
        var regex = @"\A" + Regex.Escape(pattern).Replace("\\*", ".*").Replace("\\?", ".") + @"\z";
        return Regex.IsMatch(value, regex, RegexOptions.IgnoreCase | RegexOptions.CultureInvariant);
    }

    public static JsonObject? TryParse(string document)
    {
        try { return JsonNode.Parse(document) as JsonObject; }
        catch (JsonException) { return null; }
    }

    /// <summary>A member that CAM accepts as a single string or a list of strings.</summary>
    public static List<string> StringOrList(JsonNode? node) => node switch
    {
        JsonValue v when v.TryGetValue<string>(out var s) => new List<string> { s },
        JsonArray a => a.OfType<JsonValue>().Select(x => x.TryGetValue<string>(out var s) ? s : x.ToJsonString()).ToList(),
        _ => new List<string>(),
    };

    public static List<JsonObject> Statements(JsonObject doc) => doc["statement"] switch
    {
        JsonObject o => new List<JsonObject> { o },
        JsonArray a => a.OfType<JsonObject>().ToList(),
        _ => new List<JsonObject>(),
    };

    /// <summary>Checks a permission policy document (CreatePolicy) and throws the CAM code for the first problem.</summary>
    public static void ValidatePermissionPolicy(string document)
    {
        var doc = ParseForValidation(document);
        foreach (var st in Statements(doc))
        {
            ValidateEffect(st);
            if (StringOrList(st["action"]).Count == 0)
                throw new ApiError("InvalidParameter.ActionError", "policy document: action is required in every statement.");
            if (st["principal"] != null)
                throw new ApiError("InvalidParameter.PolicyDocumentError", "policy document: principal is not allowed in a permission policy.");
            if (StringOrList(st["resource"]).Count == 0)
                throw new ApiError("InvalidParameter.ResourceError", "policy document: resource is required in every statement.");
            ValidateCondition(st);
        }
    }

    /// <summary>Checks a role trust policy (CreateRole, UpdateAssumeRolePolicy); account principals must exist.</summary>
    public static void ValidateTrustPolicy(string document, TencentWorld world)
    {
        var doc = ParseForValidation(document);
        foreach (var st in Statements(doc))
        {
            ValidateEffect(st);
            var actions = StringOrList(st["action"]);
            if (actions.Count == 0 || actions.Any(a => !NormalizeAction(a).StartsWith("sts:AssumeRole", StringComparison.OrdinalIgnoreCase)))
                throw new ApiError("InvalidParameter.ActionError", "trust policy: action must be name/sts:AssumeRole.");
            if (st["principal"] is not JsonObject principal || principal.Count == 0)
                throw new ApiError("InvalidParameter.PrincipalError", "trust policy: principal is required.");
            foreach (var qcs in StringOrList(principal["qcs"]))
            {
                var root = RootPrincipal.Match(qcs);
                var user = UserPrincipal.Match(qcs);
                if (root.Success)
                {
                    if (!world.Accounts.ContainsKey(root.Groups[1].Value))
                        throw new ApiError("InvalidParameter.PrincipalQcsNotExist", $"principal qcs {qcs} does not exist.");
                }
                else if (user.Success)
                {
                    if (!world.Accounts.TryGetValue(user.Groups[1].Value, out var acct) || !acct.SubAccounts.ContainsKey(user.Groups[2].Value))
                        throw new ApiError("InvalidParameter.PrincipalQcsNotExist", $"principal qcs {qcs} does not exist.");
                }
                else
                {
                    throw new ApiError("InvalidParameter.PrincipalQcsError", $"principal qcs {qcs} is not valid.");
                }
            }
            ValidateCondition(st);
        }
    }

    private static JsonObject ParseForValidation(string document)
    {
        if (document.Length > 4096)
            throw new ApiError("InvalidParameter.PolicyDocumentLengthOverLimit", "policy document length over limit.");
        var doc = TryParse(document) ?? throw new ApiError("InvalidParameter.PolicyDocumentError", "policy document is not valid JSON.");
        if ((string?)(doc["version"] as JsonValue) != "2.0")
            throw new ApiError("InvalidParameter.VersionError", "policy document: version must be 2.0.");
        if (Statements(doc).Count == 0)
            throw new ApiError("InvalidParameter.StatementError", "policy document: statement is required.");
        return doc;
    }

    private static void ValidateEffect(JsonObject st)
    {
        var effect = st["effect"] is JsonValue v && v.TryGetValue<string>(out var e) ? e : null;
        if (!string.Equals(effect, "allow", StringComparison.OrdinalIgnoreCase) && !string.Equals(effect, "deny", StringComparison.OrdinalIgnoreCase))
            throw new ApiError("InvalidParameter.EffectError", "policy document: effect must be allow or deny.");
    }

    private static void ValidateCondition(JsonObject st)
    {
        if (st["condition"] is null) return;
        if (st["condition"] is not JsonObject cond || cond.Any(kv => kv.Value is not JsonObject))
            throw new ApiError("InvalidParameter.ConditionError", "policy document: condition must map operators to key/value objects.");
    }

    /// <summary>What one set of permission documents says about an action on a resource.</summary>
    public static Decision Evaluate(IEnumerable<string> documents, string action, string resource)
    {
        var result = Decision.NotMatched;
        foreach (var document in documents)
        {
            var doc = TryParse(document);
            if (doc == null) continue;
            foreach (var st in Statements(doc))
            {
                var actionHit = StringOrList(st["action"]).Any(a => a == "*" || WildcardMatch(NormalizeAction(a), action));
                var resources = StringOrList(st["resource"]);
                var resourceHit = resources.Count == 0 || resources.Any(r => WildcardMatch(r, resource));
                if (!actionHit || !resourceHit) continue;
                if (string.Equals((string?)(st["effect"] as JsonValue), "deny", StringComparison.OrdinalIgnoreCase)) return Decision.Deny;
                result = Decision.Allow;
            }
        }
        return result;
    }

    /// <summary>Policies (preset or the account's custom ones) by id.</summary>
    public static TencentPolicy? FindPolicy(TencentWorld world, TencentAccount account, long policyId) =>
        world.PresetPolicies.FirstOrDefault(p => p.PolicyId == policyId) ?? (account.CustomPolicies.TryGetValue(policyId, out var p2) ? p2 : null);

    /// <summary>
    /// Whether a caller may perform an action: a root account may do anything in its own account; a sub-account or an
    /// assumed role only what its attached policies allow (a deleted role allows nothing).
    /// </summary>
    public static bool IsAllowed(TencentWorld world, Principal caller, string action, string resource)
    {
        if (caller.IsRoot) return true;
        if (!world.Accounts.TryGetValue(caller.AccountId, out var account)) return false;
        List<long> ids;
        if (caller.Type == "SubAccount" && account.SubAccounts.TryGetValue(caller.UserId, out var sub)) ids = sub.AttachedPolicyIds;
        else if (caller.Type == "AssumedRole" && caller.RoleName != null && account.Roles.TryGetValue(caller.RoleName, out var role)) ids = role.AttachedPolicyIds;
        else return false;
        var docs = ids.Select(id => FindPolicy(world, account, id)?.PolicyDocument).OfType<string>();
        return Evaluate(docs, action, resource) == Decision.Allow;
    }

    public static ApiError Unauthorized(string action, string resource) =>
        new("AuthFailure.UnauthorizedOperation", $"you are not authorized to perform operation ({action}), resource ({resource}) has no permission");

    public enum TrustResult { Trusted, PrincipalNotTrusted, ExternalIdMismatch }

    /// <summary>
    /// Whether a role's trust policy lets a caller of <paramref name="callerRootUin"/> (optionally the sub-user
    /// <paramref name="callerUin"/>) assume it with the given external ID. The external-ID condition is
    /// {"string_equal":{"sts:external_id":"…"}} inside the trusting statement.
    /// </summary>
    public static TrustResult EvaluateTrust(TencentRole role, string callerRootUin, string callerUin, string? externalId)
    {
        var doc = TryParse(role.PolicyDocument);
        if (doc == null) return TrustResult.PrincipalNotTrusted;
        var principalMatched = false;
        var denied = false;
        foreach (var st in Statements(doc))
        {
            if (!StringOrList(st["action"]).Any(a => WildcardMatch(NormalizeAction(a), "sts:AssumeRole"))) continue;
            var qcs = StringOrList((st["principal"] as JsonObject)?["qcs"]);
            var names = qcs.Any(q => q == "*" || q == $"qcs::cam::uin/{callerRootUin}:root" || q == $"qcs::cam::uin/{callerRootUin}:uin/{callerUin}");
            if (!names) continue;
            if (string.Equals((string?)(st["effect"] as JsonValue), "deny", StringComparison.OrdinalIgnoreCase)) { denied = true; continue; }
            principalMatched = true;
            if (ConditionHolds(st["condition"] as JsonObject, externalId)) return denied ? TrustResult.PrincipalNotTrusted : TrustResult.Trusted;
        }
        return !principalMatched || denied ? TrustResult.PrincipalNotTrusted : TrustResult.ExternalIdMismatch;
    }

    private static bool ConditionHolds(JsonObject? condition, string? externalId)
    {
        if (condition == null) return true;
        foreach (var (op, body) in condition)
        {
            if (body is not JsonObject keys) return false;
            foreach (var (key, value) in keys)
            {
                // Condition keys are case-sensitive (CAM "condition keys and operators", tencentcloud.com/document/product/598/58420).
                if (!string.Equals(key, "sts:external_id", StringComparison.Ordinal)) continue;
                var expected = StringOrList(value);
                var equal = externalId != null && expected.Contains(externalId, StringComparer.Ordinal);
                var holds = op.ToLowerInvariant() switch
                {
                    "string_equal" => equal,
                    "string_not_equal" => externalId != null && !equal,
                    _ => false,
                };
                if (!holds) return false;
            }
        }
        return true;
    }
}
