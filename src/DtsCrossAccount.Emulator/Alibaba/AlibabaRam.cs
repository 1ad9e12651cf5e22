using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using DtsCrossAccount.Emulator.Core;
using static DtsCrossAccount.Emulator.Alibaba.AlibabaCommon;

namespace DtsCrossAccount.Emulator.Alibaba;

/// <summary>RAM 2015-05-01: roles, their trust and permission policies, users (read and policy attachment), custom policies.</summary>
public static class AlibabaRam
{
    private const string Service = "ram";
    private const string Version = "2015-05-01";
    private static readonly Regex RoleNameChars = new(@"\A[A-Za-z0-9.-]+\z", RegexOptions.CultureInvariant);
    private static readonly Regex PolicyNameChars = new(@"\A[A-Za-z0-9-]+\z", RegexOptions.CultureInvariant);

    public static void Register(ApiRegistry registry)
    {
        void Add(string action, bool isWrite, ApiHandler handler) => registry.Add("Alibaba", Service, Version, action, isWrite, handler);

        Add("CreateRole", true, CreateRole);
        Add("GetRole", false, GetRole);
        Add("UpdateRole", true, UpdateRole);
        Add("DeleteRole", true, DeleteRole);
        Add("ListRoles", false, ListRoles);
        Add("AttachPolicyToRole", true, r => Attach(r, "Role"));
        Add("DetachPolicyFromRole", true, r => Detach(r, "Role"));
        Add("ListPoliciesForRole", false, r => ListAttached(r, "Role"));
        Add("GetUser", false, GetUser);
        Add("ListUsers", false, ListUsers);
        Add("AttachPolicyToUser", true, r => Attach(r, "User"));
        Add("DetachPolicyFromUser", true, r => Detach(r, "User"));
        Add("ListPoliciesForUser", false, r => ListAttached(r, "User"));
        Add("CreatePolicy", true, CreatePolicy);
        Add("GetPolicy", false, GetPolicy);
        Add("DeletePolicy", true, DeletePolicy);
        Add("ListEntitiesForPolicy", false, ListEntitiesForPolicy);
        Add("CreatePolicyVersion", true, CreatePolicyVersion);
        Add("ListPolicyVersions", false, ListPolicyVersions);
        Add("DeletePolicyVersion", true, DeletePolicyVersion);
    }

    // ---------------------------------------------------------------- roles

    private static JsonObject CreateRole(ApiRequest request)
    {
        var account = CallerAccount(request);
        var name = ValidRoleName(request);
        Authorize(request, "ram:CreateRole", RoleResource(account, name));
        var document = request.RequiredParam("AssumeRolePolicyDocument");
        if (document.Length > 2048)
            throw new ApiError("InvalidParameter.AssumeRolePolicyDocument.Length", "The maximum length of the assume role policy document is exceeded.", 400);
        var description = request.Param("Description") ?? "";
        if (description.Length > 1024)
            throw new ApiError("InvalidParameter.Description.Length", "The maximum length of the description is exceeded.", 400);
        var maxSession = ValidMaxSession(request, "MaxSessionDuration") ?? 3600;
        if (account.Roles.ContainsKey(name))
            throw new ApiError("EntityAlreadyExists.Role", "The role does already EXIST.", 409);

        var normalized = AlibabaPolicyEvaluator.NormalizeTrustPolicy(document, account.Uid);
        var now = request.State.Clock.UtcNow;
        var role = new AlibabaRole
        {
            RoleId = NumericId(request.State.Alibaba, '3'),
            RoleName = name,
            Arn = RoleArn(account.Uid, name),
            AssumeRolePolicyDocument = normalized,
            Description = description,
            MaxSessionDuration = maxSession,
            CreateDate = now,
            UpdateDate = now,
        };
        account.Roles[name] = role;
        var body = RoleJson(role, withDocument: true);
        body.Remove("UpdateDate");
        return new JsonObject { ["Role"] = body };
    }

    private static JsonObject GetRole(ApiRequest request)
    {
        var account = CallerAccount(request);
        var name = ValidRoleName(request);
        Authorize(request, "ram:GetRole", RoleResource(account, name));
        if (!account.Roles.ContainsKey(name) && name.Equals(DtsServiceRoleName, StringComparison.OrdinalIgnoreCase) && account.DtsServiceRoleAuthorized)
            return new JsonObject { ["Role"] = RoleJson(DtsServiceRole(account), withDocument: true) };
        return new JsonObject { ["Role"] = RoleJson(FindRole(account, name), withDocument: true) };
    }

    private const string DtsServiceRoleName = "AliyunDTSDefaultRole";

    /// <summary>
    /// The role DTS's authorization prompt creates ("Grant permissions to DTS to access cloud resources"): visible to
    /// GetRole while AlibabaAccount.DtsServiceRoleAuthorized is set, so that flag and the role's existence agree.
    /// Not listed by ListRoles (simplification).
    /// </summary>
    private static AlibabaRole DtsServiceRole(AlibabaAccount account)
    {
        var role = new AlibabaRole
        {
            RoleId = "3" + account.Uid.PadLeft(17, '0'),
            RoleName = DtsServiceRoleName,
            Arn = RoleArn(account.Uid, DtsServiceRoleName),
            AssumeRolePolicyDocument = "{\"Statement\":[{\"Action\":\"sts:AssumeRole\",\"Effect\":\"Allow\",\"Principal\":{\"Service\":[\"dts.aliyuncs.com\"]}}],\"Version\":\"1\"}",
            Description = "DTS default role",
        };
        role.Policies.Add(("System", "AliyunDTSDefaultRolePolicy"));
        return role;
    }

    private static JsonObject UpdateRole(ApiRequest request)
    {
        var account = CallerAccount(request);
        var name = ValidRoleName(request);
        Authorize(request, "ram:UpdateRole", RoleResource(account, name));
        var role = FindRole(account, name);
        var document = request.Param("NewAssumeRolePolicyDocument");
        var description = request.Param("NewDescription");
        var maxSession = ValidMaxSession(request, "NewMaxSessionDuration");
        if (document != null)
        {
            if (document.Length > 2048)
                throw new ApiError("InvalidParameter.AssumeRolePolicyDocument.Length", "The maximum length of the assume role policy document is exceeded.", 400);
            role.AssumeRolePolicyDocument = AlibabaPolicyEvaluator.NormalizeTrustPolicy(document, account.Uid);
        }
        if (description != null)
        {
            if (description.Length > 1024)
                throw new ApiError("InvalidParameter.Description.Length", "The maximum length of the description is exceeded.", 400);
            role.Description = description;
        }
        if (maxSession != null) role.MaxSessionDuration = maxSession.Value;
        role.UpdateDate = request.State.Clock.UtcNow;
        return new JsonObject { ["Role"] = RoleJson(role, withDocument: true) };
    }

    private static JsonObject DeleteRole(ApiRequest request)
    {
        var account = CallerAccount(request);
        var name = ValidRoleName(request);
        Authorize(request, "ram:DeleteRole", RoleResource(account, name));
        var role = FindRole(account, name);
        if (role.Policies.Count > 0)
            throw new ApiError("DeleteConflict.Role.Policy", "The role cannot have any attached policies when you delete it.", 409);
        account.Roles.Remove(name);
        return new JsonObject();
    }

    private static JsonObject ListRoles(ApiRequest request)
    {
        var account = CallerAccount(request);
        Authorize(request, "ram:ListRoles", $"acs:ram::{account.Uid}:role/*");
        var roles = account.Roles.Values.OrderBy(r => r.CreateDate).ThenBy(r => r.RoleName, StringComparer.Ordinal).ToList();
        return Page(request, roles, r => RoleJson(r, withDocument: false), "Roles", "Role");
    }

    private static JsonObject RoleJson(AlibabaRole role, bool withDocument)
    {
        var o = new JsonObject
        {
            ["RoleId"] = role.RoleId,
            ["RoleName"] = role.RoleName,
            ["Arn"] = role.Arn,
            ["Description"] = role.Description,
        };
        if (withDocument) o["AssumeRolePolicyDocument"] = role.AssumeRolePolicyDocument;
        o["CreateDate"] = Time(role.CreateDate);
        o["UpdateDate"] = Time(role.UpdateDate);
        o["MaxSessionDuration"] = role.MaxSessionDuration;
        return o;
    }

    private static AlibabaRole FindRole(AlibabaAccount account, string name) =>
        account.Roles.TryGetValue(name, out var role) ? role : throw new ApiError("EntityNotExist.Role", "The role does not exist.", 404);

    private static string ValidRoleName(ApiRequest request)
    {
        var name = request.RequiredParam("RoleName");
        if (name.Length > 64)
            throw new ApiError("InvalidParameter.RoleName.Length", "The maximum length of the role name is exceeded.", 400);
        if (!RoleNameChars.IsMatch(name))
            throw new ApiError("InvalidParameter.RoleName.InvalidChars", "The specified role name contains invalid characters.", 400);
        return name;
    }

    private static int? ValidMaxSession(ApiRequest request, string parameter)
    {
        var value = Int(request, parameter);
        if (value is < 3600 or > 43200)
            throw new ApiError("InvalidParameter.MaxSessionDuration", $"The parameter {parameter} must be between 3600 and 43200.", 400);
        return value;
    }

    private static string RoleResource(AlibabaAccount account, string name) => $"acs:ram::{account.Uid}:role/{name}";

    // ---------------------------------------------------------------- users

    private static JsonObject GetUser(ApiRequest request)
    {
        var account = CallerAccount(request);
        var name = request.RequiredParam("UserName");
        Authorize(request, "ram:GetUser", $"acs:ram::{account.Uid}:user/{name}");
        return new JsonObject { ["User"] = UserJson(FindUser(account, name)) };
    }

    private static JsonObject ListUsers(ApiRequest request)
    {
        var account = CallerAccount(request);
        Authorize(request, "ram:ListUsers", $"acs:ram::{account.Uid}:user/*");
        var users = account.Users.Values.OrderBy(u => u.UserName, StringComparer.Ordinal).ToList();
        return Page(request, users, UserJson, "Users", "User");
    }

    private static JsonObject UserJson(AlibabaRamUser user) => new()
    {
        ["UserId"] = user.UserId,
        ["UserName"] = user.UserName,
        ["DisplayName"] = user.DisplayName.Length > 0 ? user.DisplayName : user.UserName,
        ["MobilePhone"] = "",
        ["Email"] = "",
        ["Comments"] = "",
        ["CreateDate"] = Time(user.CreateDate),
        ["UpdateDate"] = Time(user.CreateDate),
    };

    private static AlibabaRamUser FindUser(AlibabaAccount account, string name) =>
        account.Users.TryGetValue(name, out var user) ? user : throw new ApiError("EntityNotExist.User", "The user does not exist.", 404);

    // ---------------------------------------------------------------- policy attachment (roles and users)

    private static JsonObject Attach(ApiRequest request, string kind)
    {
        var account = CallerAccount(request);
        var (type, policyName, policies, dates) = Attachment(request, account, kind, "ram:AttachPolicyTo" + kind);
        if (policies.Any(p => Same(p, type, policyName)))
            throw new ApiError($"EntityAlreadyExists.{kind}.Policy", $"The {kind.ToLowerInvariant()} already has this policy attached.", 409);
        policies.Add((type, CanonicalPolicyName(account, type, policyName)));
        dates[$"{type}:{policyName}"] = request.State.Clock.UtcNow;
        return new JsonObject();
    }

    private static JsonObject Detach(ApiRequest request, string kind)
    {
        var account = CallerAccount(request);
        var (type, policyName, policies, dates) = Attachment(request, account, kind, "ram:DetachPolicyFrom" + kind);
        var index = policies.FindIndex(p => Same(p, type, policyName));
        if (index < 0)
            throw new ApiError($"EntityNotExist.{kind}.Policy", $"The {kind.ToLowerInvariant()} does not have this policy attached.", 404);
        policies.RemoveAt(index);
        dates.Remove($"{type}:{policyName}");
        return new JsonObject();
    }

    private static (string Type, string Name, List<(string Type, string Name)> Policies, Dictionary<string, DateTimeOffset> Dates)
        Attachment(ApiRequest request, AlibabaAccount account, string kind, string action)
    {
        var type = ValidPolicyType(request.RequiredParam("PolicyType"));
        var policyName = request.RequiredParam("PolicyName");
        var ownerName = kind == "Role" ? ValidRoleName(request) : request.RequiredParam("UserName");
        Authorize(request, action, $"acs:ram::{account.Uid}:{kind.ToLowerInvariant()}/{ownerName}");
        if (AlibabaPolicyEvaluator.PolicyDocument(account, type, policyName) == null)
            throw new ApiError("EntityNotExist.Policy", "The policy does not exist.", 404);
        if (kind == "Role")
        {
            var role = FindRole(account, ownerName);
            return (type, policyName, role.Policies, role.AttachDates);
        }
        var user = FindUser(account, ownerName);
        return (type, policyName, user.Policies, user.AttachDates);
    }

    private static JsonObject ListAttached(ApiRequest request, string kind)
    {
        var account = CallerAccount(request);
        List<(string Type, string Name)> policies;
        Dictionary<string, DateTimeOffset> dates;
        DateTimeOffset fallback;
        if (kind == "Role")
        {
            var name = ValidRoleName(request);
            Authorize(request, "ram:ListPoliciesForRole", RoleResource(account, name));
            var role = FindRole(account, name);
            (policies, dates, fallback) = (role.Policies, role.AttachDates, role.CreateDate);
        }
        else
        {
            var name = request.RequiredParam("UserName");
            Authorize(request, "ram:ListPoliciesForUser", $"acs:ram::{account.Uid}:user/{name}");
            var user = FindUser(account, name);
            (policies, dates, fallback) = (user.Policies, user.AttachDates, user.CreateDate);
        }
        var items = policies.Select(p => (JsonNode)new JsonObject
        {
            ["PolicyName"] = p.Name,
            ["PolicyType"] = p.Type,
            ["Description"] = p.Type == "Custom" && account.CustomPolicies.TryGetValue(p.Name, out var c) ? c.Description : "",
            ["DefaultVersion"] = p.Type == "Custom" && account.CustomPolicies.TryGetValue(p.Name, out var cv) ? cv.DefaultVersion : "v1",
            ["AttachDate"] = Time(dates.TryGetValue($"{p.Type}:{p.Name}", out var d) ? d : fallback),
        });
        return new JsonObject { ["Policies"] = new JsonObject { ["Policy"] = Array(items) } };
    }

    private static bool Same((string Type, string Name) attached, string type, string name) =>
        attached.Type.Equals(type, StringComparison.OrdinalIgnoreCase) && attached.Name.Equals(name, StringComparison.OrdinalIgnoreCase);

    private static string CanonicalPolicyName(AlibabaAccount account, string type, string name) =>
        type == "Custom" && account.CustomPolicies.TryGetValue(name, out var p) ? p.PolicyName
        : name;

    private static string ValidPolicyType(string type) =>
        type == "System" || type == "Custom" ? type : throw new ApiError("InvalidParameter.PolicyType", "The parameter PolicyType must be System or Custom.", 400);

    // ---------------------------------------------------------------- custom policies

    private static JsonObject CreatePolicy(ApiRequest request)
    {
        var account = CallerAccount(request);
        var name = request.RequiredParam("PolicyName");
        if (name.Length > 128)
            throw new ApiError("InvalidParameter.PolicyName.Length", "The maximum length of the policy name is exceeded.", 400);
        if (!PolicyNameChars.IsMatch(name))
            throw new ApiError("InvalidParameter.PolicyName.InvalidChars", "The policy name contains invalid characters.", 400);
        Authorize(request, "ram:CreatePolicy", $"acs:ram::{account.Uid}:policy/{name}");
        var document = request.RequiredParam("PolicyDocument");
        AlibabaPolicyEvaluator.ValidatePermissionPolicy(document);
        if (account.CustomPolicies.ContainsKey(name))
            throw new ApiError("EntityAlreadyExists.Policy", "The policy already exists.", 409);
        var policy = new AlibabaPolicy
        {
            PolicyName = name,
            PolicyDocument = document,
            Description = request.Param("Description") ?? "",
            CreateDate = request.State.Clock.UtcNow,
            DefaultVersionDate = request.State.Clock.UtcNow,
        };
        account.CustomPolicies[name] = policy;
        return new JsonObject
        {
            ["Policy"] = new JsonObject
            {
                ["PolicyName"] = policy.PolicyName,
                ["PolicyType"] = "Custom",
                ["Description"] = policy.Description,
                ["DefaultVersion"] = "v1",
                ["CreateDate"] = Time(policy.CreateDate),
            },
        };
    }

    private static JsonObject GetPolicy(ApiRequest request)
    {
        var account = CallerAccount(request);
        var type = ValidPolicyType(request.RequiredParam("PolicyType"));
        var name = request.RequiredParam("PolicyName");
        Authorize(request, "ram:GetPolicy", $"acs:ram::{account.Uid}:policy/{name}");
        var document = AlibabaPolicyEvaluator.PolicyDocument(account, type, name)
            ?? throw new ApiError("EntityNotExist.Policy", "The policy does not exist.", 404);
        var custom = type == "Custom" ? account.CustomPolicies[name] : null;
        var created = Time(custom?.CreateDate ?? DateTimeOffset.UnixEpoch);
        var attachments = account.Roles.Values.Count(r => r.Policies.Any(p => Same(p, type, name)))
                          + account.Users.Values.Count(u => u.Policies.Any(p => Same(p, type, name)));
        return new JsonObject
        {
            ["Policy"] = new JsonObject
            {
                ["PolicyName"] = custom?.PolicyName ?? name,
                ["PolicyType"] = type,
                ["Description"] = custom?.Description ?? "",
                ["DefaultVersion"] = custom?.DefaultVersion ?? "v1",
                ["CreateDate"] = created,
                ["UpdateDate"] = created,
                ["AttachmentCount"] = attachments,
            },
            ["DefaultPolicyVersion"] = new JsonObject
            {
                ["VersionId"] = custom?.DefaultVersion ?? "v1",
                ["IsDefaultVersion"] = true,
                ["PolicyDocument"] = document,
                ["CreateDate"] = created,
            },
        };
    }

    private static JsonObject DeletePolicy(ApiRequest request)
    {
        var account = CallerAccount(request);
        var name = request.RequiredParam("PolicyName");
        Authorize(request, "ram:DeletePolicy", $"acs:ram::{account.Uid}:policy/{name}");
        if (!account.CustomPolicies.ContainsKey(name))
            throw new ApiError("EntityNotExist.Policy", "The policy does not exist.", 404);
        if (account.Users.Values.Any(u => u.Policies.Any(p => Same(p, "Custom", name))))
            throw new ApiError("DeleteConflict.Policy.User", "The policy is still attached to a user.", 409);
        if (account.Roles.Values.Any(r => r.Policies.Any(p => Same(p, "Custom", name))))
            throw new ApiError("DeleteConflict.Policy.Role", "The policy is still attached to a role.", 409);
        if (account.CustomPolicies[name].OtherVersions.Count > 0)
            throw new ApiError("DeleteConflict.Policy.Version", "The policy CAN NOT has any version except the defaul version.", 409);
        account.CustomPolicies.Remove(name);
        return new JsonObject();
    }

    /// <summary>
    /// ListEntitiesForPolicy: PolicyType, PolicyName → Groups.Group[], Users.User[]{UserId, UserName, DisplayName,
    /// AttachDate}, Roles.Role[]{RoleId, RoleName, Arn, Description, AttachDate}. The emulator has no user groups.
    /// </summary>
    private static JsonObject ListEntitiesForPolicy(ApiRequest request)
    {
        var account = CallerAccount(request);
        var type = ValidPolicyType(request.RequiredParam("PolicyType"));
        var name = request.RequiredParam("PolicyName");
        Authorize(request, "ram:ListEntitiesForPolicy", $"acs:ram::{account.Uid}:policy/{name}");
        if (AlibabaPolicyEvaluator.PolicyDocument(account, type, name) == null)
            throw new ApiError("EntityNotExist.Policy", "The policy does not exist.", 404);
        var key = $"{type}:{name}";
        var users = account.Users.Values.Where(u => u.Policies.Any(p => Same(p, type, name))).Select(u => (JsonNode)new JsonObject
        {
            ["UserId"] = u.UserId,
            ["UserName"] = u.UserName,
            ["DisplayName"] = u.DisplayName.Length > 0 ? u.DisplayName : u.UserName,
            ["AttachDate"] = Time(u.AttachDates.TryGetValue(key, out var d) ? d : u.CreateDate),
        });
        var roles = account.Roles.Values.Where(r => r.Policies.Any(p => Same(p, type, name))).Select(r => (JsonNode)new JsonObject
        {
            ["RoleId"] = r.RoleId,
            ["RoleName"] = r.RoleName,
            ["Arn"] = r.Arn,
            ["Description"] = r.Description,
            ["AttachDate"] = Time(r.AttachDates.TryGetValue(key, out var d) ? d : r.CreateDate),
        });
        return new JsonObject
        {
            ["Groups"] = new JsonObject { ["Group"] = new JsonArray() },
            ["Users"] = new JsonObject { ["User"] = Array(users) },
            ["Roles"] = new JsonObject { ["Role"] = Array(roles) },
        };
    }

    private static AlibabaPolicy FindCustomPolicy(AlibabaAccount account, string name) =>
        account.CustomPolicies.TryGetValue(name, out var p) ? p : throw new ApiError("EntityNotExist.Policy", "The policy does not exist.", 404);

    private static JsonObject VersionJson(string id, bool isDefault, string document, DateTimeOffset created) => new()
    {
        ["VersionId"] = id,
        ["IsDefaultVersion"] = isDefault,
        ["PolicyDocument"] = document,
        ["CreateDate"] = Time(created),
    };

    /// <summary>CreatePolicyVersion: PolicyName, PolicyDocument, SetAsDefault; at most 5 versions (LimitExceeded.Policy.Version).</summary>
    private static JsonObject CreatePolicyVersion(ApiRequest request)
    {
        var account = CallerAccount(request);
        var name = request.RequiredParam("PolicyName");
        Authorize(request, "ram:CreatePolicyVersion", $"acs:ram::{account.Uid}:policy/{name}");
        var policy = FindCustomPolicy(account, name);
        var document = request.RequiredParam("PolicyDocument");
        AlibabaPolicyEvaluator.ValidatePermissionPolicy(document);
        if (policy.OtherVersions.Count + 1 >= 5)
            throw new ApiError("LimitExceeded.Policy.Version", "Exceeded the maximum number of versions for a policy.", 409);
        var id = "v" + policy.NextVersion++;
        var now = request.State.Clock.UtcNow;
        var setAsDefault = string.Equals(request.Param("SetAsDefault"), "true", StringComparison.OrdinalIgnoreCase);
        if (setAsDefault)
        {
            policy.OtherVersions[policy.DefaultVersion] = (policy.PolicyDocument, policy.DefaultVersionDate);
            policy.PolicyDocument = document;
            policy.DefaultVersion = id;
            policy.DefaultVersionDate = now;
        }
        else
        {
            policy.OtherVersions[id] = (document, now);
        }
        return new JsonObject { ["PolicyVersion"] = VersionJson(id, setAsDefault, document, now) };
    }

    private static JsonObject ListPolicyVersions(ApiRequest request)
    {
        var account = CallerAccount(request);
        var type = ValidPolicyType(request.RequiredParam("PolicyType"));
        var name = request.RequiredParam("PolicyName");
        Authorize(request, "ram:ListPolicyVersions", $"acs:ram::{account.Uid}:policy/{name}");
        if (type != "Custom")
        {
            var system = AlibabaPolicyEvaluator.PolicyDocument(account, type, name) ?? throw new ApiError("EntityNotExist.Policy", "The policy does not exist.", 404);
            return new JsonObject { ["PolicyVersions"] = new JsonObject { ["PolicyVersion"] = new JsonArray(VersionJson("v1", true, system, DateTimeOffset.UnixEpoch)) } };
        }
        var policy = FindCustomPolicy(account, name);
        var versions = new List<JsonNode> { VersionJson(policy.DefaultVersion, true, policy.PolicyDocument, policy.DefaultVersionDate) };
        versions.AddRange(policy.OtherVersions.Select(v => (JsonNode)VersionJson(v.Key, false, v.Value.Document, v.Value.CreateDate)));
        return new JsonObject { ["PolicyVersions"] = new JsonObject { ["PolicyVersion"] = Array(versions) } };
    }

    /// <summary>DeletePolicyVersion: PolicyName, VersionId; the default version cannot be deleted.</summary>
    private static JsonObject DeletePolicyVersion(ApiRequest request)
    {
        var account = CallerAccount(request);
        var name = request.RequiredParam("PolicyName");
        var id = request.RequiredParam("VersionId");
        Authorize(request, "ram:DeletePolicyVersion", $"acs:ram::{account.Uid}:policy/{name}");
        var policy = FindCustomPolicy(account, name);
        if (string.Equals(id, policy.DefaultVersion, StringComparison.Ordinal))
            throw new ApiError("DeleteConflict.PolicyVersion.Default", "The default version of the policy cannot be deleted.", 409);
        if (!policy.OtherVersions.Remove(id))
            throw new ApiError("EntityNotExist.Policy.Version", "The policy version does not exist.", 404);
        return new JsonObject();
    }

    // ---------------------------------------------------------------- shared

    private static void Authorize(ApiRequest request, string action, string resource) =>
        AlibabaPolicyEvaluator.Authorize(request, action, resource);

    /// <summary>RAM list paging: MaxItems (1–1000, default 100) and an opaque Marker; IsTruncated says whether more follow.</summary>
    private static JsonObject Page<T>(ApiRequest request, List<T> all, Func<T, JsonObject> toJson, string outer, string inner)
    {
        var max = Int(request, "MaxItems") ?? 100;
        if (max is < 1 or > 1000) throw InvalidParameter("MaxItems", request.Param("MaxItems"));
        var marker = request.Param("Marker");
        var start = 0;
        if (!string.IsNullOrEmpty(marker) && !int.TryParse(marker, out start)) throw InvalidParameter("Marker", marker);
        var page = all.Skip(start).Take(max).ToList();
        var result = new JsonObject
        {
            ["IsTruncated"] = start + page.Count < all.Count,
            [outer] = new JsonObject { [inner] = Array(page.Select(p => (JsonNode)toJson(p))) },
        };
        if (start + page.Count < all.Count) result["Marker"] = (start + page.Count).ToString(System.Globalization.CultureInfo.InvariantCulture);
        return result;
    }
}
