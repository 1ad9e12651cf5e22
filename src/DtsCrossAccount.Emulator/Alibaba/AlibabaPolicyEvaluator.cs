using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using DtsCrossAccount.Emulator.Core;

namespace DtsCrossAccount.Emulator.Alibaba;

/// <summary>
/// RAM policy language as far as the emulated actions need it: trust policies (validation, the Service-principal
/// collapse, who may assume a role) and permission policies (which identity may call which action on which resource).
/// </summary>
public static class AlibabaPolicyEvaluator
{
    /// <summary>RAM's wording for every authorization failure (STS AssumeRole doc, RAM-role FAQ).</summary>
    public const string NotAuthorizedMessage = "You are not authorized to do this action. You should be authorized by RAM.";

    private static readonly JsonSerializerOptions StoredJson = new()
    {
        WriteIndented = true,
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    private static readonly Regex RamPrincipal = new(@"\Aacs:ram::[0-9]+:(root|user/[^/]+|role/[^/]+)\z", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant);
    private static readonly Regex ServicePrincipal = new(@"\A(?:([0-9]+)@)?([a-z0-9-]+(?:\.[a-z0-9-]+)*\.aliyuncs\.com)\z", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant);

    /// <summary>
    /// Documents of the system policies the emulator knows. Only the statements that matter here are modelled
    /// (see docs/emulator-alibaba.md, "Guesses": the real documents are longer).
    /// </summary>
    private static readonly Dictionary<string, string> SystemPolicyDocuments = new(StringComparer.OrdinalIgnoreCase)
    {
        ["AdministratorAccess"] = Doc(Allow("*", "*")),
        ["AliyunRAMFullAccess"] = Doc(Allow("ram:*", "*")),
        ["AliyunRAMReadOnlyAccess"] = Doc(Allow(new[] { "ram:Get*", "ram:List*" }, "*")),
        ["AliyunSTSAssumeRoleAccess"] = Doc(Allow("sts:AssumeRole", "*")),
        ["AliyunDTSFullAccess"] = Doc(Allow(new[] { "dts:*", "rds:Describe*", "polardb:Describe*", "kvstore:Describe*", "dds:Describe*" }, "*")),
        ["AliyunDTSReadOnlyAccess"] = Doc(Allow(new[] { "dts:Describe*" }, "*")),
        ["AliyunDTSRolePolicy"] = Doc(Allow(new[]
        {
            "rds:Describe*", "rds:CreateAccount", "rds:GrantAccountPrivilege", "rds:ModifySecurityIps", "rds:CreateDatabase",
            "polardb:Describe*", "polardb:ModifyDBClusterAccessWhitelist", "kvstore:Describe*", "kvstore:ModifySecurityIps",
            "dds:Describe*", "dds:ModifySecurityIps", "ecs:Describe*", "vpc:Describe*",
        }, "*")),
        ["AliyunDTSDefaultRolePolicy"] = Doc(Allow(new[]
        {
            "rds:Describe*", "rds:CreateAccount", "rds:GrantAccountPrivilege", "rds:ModifySecurityIps", "rds:CreateDatabase",
            "polardb:Describe*", "kvstore:Describe*", "dds:Describe*", "ecs:Describe*", "vpc:Describe*",
        }, "*")),
    };

    public static string? SystemPolicyDocument(string name) =>
        SystemPolicyDocuments.TryGetValue(name, out var d) ? d : null;

    // ---------------------------------------------------------------- trust policies

    /// <summary>
    /// Validates a role's trust policy and returns it as RAM stores it: a Service principal
    /// "&lt;own uid&gt;@service" becomes plain "service" (the console behaviour the DTS guide warns about).
    /// </summary>
    public static string NormalizeTrustPolicy(string document, string roleOwnerUid)
    {
        var root = ParseObject(document);
        RequireVersion(root);
        foreach (var statement in Statements(root))
        {
            RequireEffect(statement);
            var actions = StringList(statement["Action"], "Action");
            if (actions.Count == 0 || actions.Any(a => !a.Equals("sts:AssumeRole", StringComparison.OrdinalIgnoreCase)))
                throw Malformed("the Action of a trust policy must be sts:AssumeRole");
            if (statement["Principal"] is not JsonObject principal || principal.Count == 0)
                throw Malformed("each statement needs a Principal with RAM, Service or Federated");
            foreach (var kv in principal.ToList())
            {
                var values = StringList(kv.Value, "Principal." + kv.Key);
                if (values.Count == 0) throw Malformed($"Principal.{kv.Key} is empty");
                switch (kv.Key)
                {
                    case "RAM":
                        if (values.Any(v => !RamPrincipal.IsMatch(v)))
                            throw Malformed("a RAM principal must look like acs:ram::<account ID>:root");
                        break;
                    case "Service":
                        if (values.Any(v => !ServicePrincipal.IsMatch(v)))
                            throw Malformed("a Service principal must look like <service>.aliyuncs.com or <account ID>@<service>.aliyuncs.com");
                        principal[kv.Key] = CollapseOwnServicePrincipals(kv.Value!, roleOwnerUid);
                        break;
                    case "Federated":
                        break;
                    default:
                        throw Malformed($"unknown principal type '{kv.Key}'");
                }
            }
            if (statement["Condition"] is { } condition && condition is not JsonObject)
                throw Malformed("Condition must be an object");
        }
        return root.ToJsonString(StoredJson);
    }

    private static JsonNode CollapseOwnServicePrincipals(JsonNode value, string ownerUid)
    {
        string Collapse(string v)
        {
            var m = ServicePrincipal.Match(v);
            return m.Groups[1].Success && m.Groups[1].Value == ownerUid ? m.Groups[2].Value : v;
        }

        if (value is JsonArray array)
        {
            var collapsed = array.Select(n => Collapse((string)n!)).Distinct(StringComparer.OrdinalIgnoreCase);
            return new JsonArray(collapsed.Select(s => (JsonNode)JsonValue.Create(s)!).ToArray());
        }
        return JsonValue.Create(Collapse((string)value!))!;
    }

    /// <summary>Whether the trust policy lets an identity of <paramref name="caller"/> assume the role.</summary>
    public static bool TrustAllowsRamCaller(string trustDocument, Principal caller, string? externalId)
    {
        var accepted = new List<string> { $"acs:ram::{caller.AccountId}:root" };
        if (caller.Type == "RamUser") accepted.Add($"acs:ram::{caller.AccountId}:user/{caller.UserName}");
        if (caller.Type == "AssumedRole") accepted.Add($"acs:ram::{caller.AccountId}:role/{caller.RoleName}");
        return TrustAllows(trustDocument, "RAM", accepted, externalId);
    }

    /// <summary>Whether the trust policy names <paramref name="servicePrincipal"/> (e.g. "123@dts.aliyuncs.com").</summary>
    public static bool TrustNamesService(string trustDocument, string servicePrincipal) =>
        TrustAllows(trustDocument, "Service", new[] { servicePrincipal }, externalId: null);

    /// <summary>Whether the trust policy names the account itself (acs:ram::&lt;uid&gt;:root) as a RAM principal.</summary>
    public static bool TrustNamesAccount(string trustDocument, string accountUid) =>
        TrustAllows(trustDocument, "RAM", new[] { $"acs:ram::{accountUid}:root" }, externalId: null);

    private static bool TrustAllows(string trustDocument, string principalType, IEnumerable<string> accepted, string? externalId)
    {
        JsonObject root;
        try { root = ParseObject(trustDocument); } catch (ApiError) { return false; }
        var allowed = false;
        foreach (var statement in root["Statement"] as JsonArray ?? new JsonArray())
        {
            if (statement is not JsonObject s) continue;
            if (!SafeList(s["Action"]).Any(a => Wildcard(a, "sts:AssumeRole"))) continue;
            if (s["Principal"] is not JsonObject principal) continue;
            var names = SafeList(principal[principalType]);
            if (!names.Any(n => n == "*" || accepted.Any(a => a.Equals(n, StringComparison.OrdinalIgnoreCase)))) continue;
            if (!ConditionHolds(s["Condition"] as JsonObject, externalId)) continue;
            if ((string?)s["Effect"] == "Deny") return false;
            allowed = true;
        }
        return allowed;
    }

    /// <summary>Only sts:ExternalId is modelled; a condition on any other key never holds (fails closed).</summary>
    private static bool ConditionHolds(JsonObject? condition, string? externalId)
    {
        if (condition == null) return true;
        foreach (var op in condition)
        {
            if (op.Value is not JsonObject keys) return false;
            foreach (var key in keys)
            {
                if (!key.Key.Equals("sts:ExternalId", StringComparison.OrdinalIgnoreCase)) return false;
                var expected = SafeList(key.Value);
                var holds = op.Key switch
                {
                    "StringEquals" => externalId != null && expected.Contains(externalId, StringComparer.Ordinal),
                    "StringLike" => externalId != null && expected.Any(e => Wildcard(e, externalId, ignoreCase: false)),
                    "StringNotEquals" => externalId == null || !expected.Contains(externalId, StringComparer.Ordinal),
                    _ => false,
                };
                if (!holds) return false;
            }
        }
        return true;
    }

    // ---------------------------------------------------------------- permission policies

    /// <summary>Validates a permission policy document (CreatePolicy, AssumeRole Policy) and returns it parsed.</summary>
    public static JsonObject ValidatePermissionPolicy(string document, string errorCode = "MalformedPolicyDocument")
    {
        try
        {
            var root = ParseObject(document);
            RequireVersion(root);
            foreach (var statement in Statements(root))
            {
                RequireEffect(statement);
                if (StringList(statement["Action"], "Action").Count == 0) throw Malformed("Action is empty");
                if (StringList(statement["Resource"], "Resource").Count == 0) throw Malformed("Resource is empty");
            }
            return root;
        }
        catch (ApiError e) when (errorCode != "MalformedPolicyDocument")
        {
            throw new ApiError(errorCode, e.Message, 400);
        }
    }

    /// <summary>
    /// Throws when the caller may not perform <paramref name="action"/> on <paramref name="resource"/>.
    /// The root account may do anything in its own account; RAM users and assumed roles need an Allow and no Deny.
    /// </summary>
    public static void Authorize(ApiRequest request, string action, string resource,
        string code = "NoPermission", string message = NotAuthorizedMessage)
    {
        if (!IsAllowed(request.State, request.Caller, request.Key?.Id, action, resource))
            throw new ApiError(code, message, 403);
    }

    public static bool IsAllowed(EmulatorState state, Principal caller, string? keyId, string action, string resource)
    {
        if (caller.IsRoot) return true;
        var world = state.Alibaba;
        if (!world.Accounts.TryGetValue(caller.AccountId, out var account)) return false;
        List<(string Type, string Name)>? attached = caller.Type switch
        {
            "RamUser" => account.Users.TryGetValue(caller.UserName ?? "", out var u) ? u.Policies : null,
            "AssumedRole" => account.Roles.TryGetValue(caller.RoleName ?? "", out var r) ? r.Policies : null,
            _ => null,
        };
        if (attached == null) return false;

        var documents = attached.Select(p => PolicyDocument(account, p.Type, p.Name)).Where(d => d != null).ToList();
        var verdict = Evaluate(documents!, action, resource);
        if (verdict != true) return false;
        // A session policy passed to AssumeRole can only narrow what the role may do.
        if (keyId != null && world.SessionPolicies.TryGetValue(keyId, out var session))
            return Evaluate(new List<string> { session }, action, resource) == true;
        return true;
    }

    public static string? PolicyDocument(AlibabaAccount account, string type, string name) =>
        type.Equals("System", StringComparison.OrdinalIgnoreCase) ? SystemPolicyDocument(name)
        : account.CustomPolicies.TryGetValue(name, out var p) ? p.PolicyDocument : null;

    /// <summary>true = allowed, false = explicitly denied, null = no statement applies (implicit deny).</summary>
    private static bool? Evaluate(IEnumerable<string> documents, string action, string resource)
    {
        bool? result = null;
        foreach (var document in documents)
        {
            JsonObject root;
            try { root = ParseObject(document); } catch (ApiError) { continue; }
            foreach (var statement in root["Statement"] as JsonArray ?? new JsonArray())
            {
                if (statement is not JsonObject s) continue;
                if (!SafeList(s["Action"]).Any(a => Wildcard(a, action))) continue;
                if (!SafeList(s["Resource"]).Any(r => Wildcard(r, resource))) continue;
                if ((string?)s["Effect"] == "Deny") return false;
                if ((string?)s["Effect"] == "Allow") result = true;
            }
        }
        return result;
    }

    /// <summary>RAM wildcard match: '*' any run of characters, '?' one character.</summary>
    public static bool Wildcard(string pattern, string value, bool ignoreCase = true)
    {
        var regex = @"\A" + Regex.Escape(pattern).Replace("\\*", ".*").Replace("\\?", ".") + @"\z";
        return Regex.IsMatch(value, regex, ignoreCase ? RegexOptions.IgnoreCase | RegexOptions.Singleline : RegexOptions.Singleline);
    }

    // ---------------------------------------------------------------- shared parsing

    private static JsonObject ParseObject(string document)
    {
        JsonNode? node;
        try { node = JsonNode.Parse(document); }
        catch (JsonException) { throw Malformed("the document is not valid JSON"); }
        return node as JsonObject ?? throw Malformed("the document must be a JSON object");
    }

    private static void RequireVersion(JsonObject root)
    {
        if (root["Version"] is not JsonValue v || !v.TryGetValue<string>(out var version) || version != "1")
            throw Malformed("Version must be \"1\"");
    }

    private static IEnumerable<JsonObject> Statements(JsonObject root)
    {
        if (root["Statement"] is not JsonArray statements || statements.Count == 0)
            throw Malformed("Statement must be a non-empty list");
        foreach (var s in statements)
            yield return s as JsonObject ?? throw Malformed("each statement must be an object");
    }

    private static void RequireEffect(JsonObject statement)
    {
        var effect = statement["Effect"] is JsonValue v && v.TryGetValue<string>(out var e) ? e : null;
        if (effect != "Allow" && effect != "Deny") throw Malformed("Effect must be Allow or Deny");
    }

    /// <summary>A policy element that may be one string or a list of strings.</summary>
    private static List<string> StringList(JsonNode? node, string element)
    {
        if (node is JsonValue v && v.TryGetValue<string>(out var one)) return new List<string> { one };
        if (node is JsonArray a)
        {
            return a.Select(n => n is JsonValue x && x.TryGetValue<string>(out var s)
                ? s : throw Malformed($"{element} must hold strings")).ToList();
        }
        throw Malformed($"{element} must be a string or a list of strings");
    }

    private static List<string> SafeList(JsonNode? node)
    {
        try { return node == null ? new List<string>() : StringList(node, ""); }
        catch (ApiError) { return new List<string>(); }
    }

    private static ApiError Malformed(string detail) =>
        new("MalformedPolicyDocument", $"The policy document is malformed: {detail}.", 400);

    private static string Allow(string action, string resource) => Allow(new[] { action }, resource);

    private static string Allow(string[] actions, string resource) =>
        new JsonObject
        {
            ["Effect"] = "Allow",
            ["Action"] = new JsonArray(actions.Select(a => (JsonNode)JsonValue.Create(a)!).ToArray()),
            ["Resource"] = resource,
        }.ToJsonString();

    private static string Doc(string statement) => "{\"Version\":\"1\",\"Statement\":[" + statement + "]}";
}
