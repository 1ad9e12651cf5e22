using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using DtsCrossAccount.Emulator.Core;
using static DtsCrossAccount.Emulator.Tencent.TencentArgs;

namespace DtsCrossAccount.Emulator.Tencent;

/// <summary>CAM 2019-01-16: roles, policies and sub-users of the caller's root account.</summary>
public static class TencentCam
{
    private static readonly Regex NamePattern = new(@"\A[A-Za-z0-9+=,.@_-]{1,128}\z", RegexOptions.CultureInvariant);

    /// <summary>"The input parameter Description cannot exceed 300 bytes" (CAM error InvalidParameter.DescriptionLengthOverlimit).</summary>
    private static string Description(ApiRequest req)
    {
        var description = Str(req.Body, "Description") ?? "";
        if (System.Text.Encoding.UTF8.GetByteCount(description) > 300)
            throw new ApiError("InvalidParameter.DescriptionLengthOverlimit", "The input parameter Description cannot exceed 300 bytes in length.");
        return description;
    }

    public static void Register(ApiRegistry r)
    {
        void Add(string action, bool isWrite, ApiHandler h, TencentApis.Auth auth = TencentApis.Auth.Standard) =>
            TencentApis.Add(r, "cam", TencentApis.CamVersion, action, isWrite, h, auth);

        Add("CreateRole", true, CreateRole);
        Add("GetRole", false, GetRole);
        Add("UpdateAssumeRolePolicy", true, UpdateAssumeRolePolicy);
        Add("AttachRolePolicy", true, AttachRolePolicy);
        Add("DetachRolePolicy", true, DetachRolePolicy);
        Add("ListAttachedRolePolicies", false, ListAttachedRolePolicies);
        Add("DeleteRole", true, DeleteRole);
        Add("DescribeRoleList", false, DescribeRoleList);
        Add("CreatePolicy", true, CreatePolicy);
        Add("GetPolicy", false, GetPolicy);
        Add("ListPolicies", false, ListPolicies);
        Add("DeletePolicy", true, DeletePolicy);
        Add("ListEntitiesForPolicy", false, ListEntitiesForPolicy);
        Add("AttachUserPolicy", true, AttachUserPolicy);
        Add("DetachUserPolicy", true, DetachUserPolicy);
        Add("ListAttachedUserPolicies", false, ListAttachedUserPolicies);
        Add("GetUser", false, GetUser);
        Add("ListUsers", false, ListUsers);
        Add("DescribeSubAccounts", false, DescribeSubAccounts);
        Add("GetUserAppId", false, GetUserAppId, TencentApis.Auth.None);
    }

    public static string RoleArn(string ownerUin, string roleName) => $"qcs::cam::uin/{ownerUin}:roleName/{roleName}";

    // ---- roles ----

    private static JsonObject CreateRole(ApiRequest req)
    {
        var account = TencentApis.CallerAccount(req);
        var name = RequiredStr(req.Body, "RoleName");
        if (!NamePattern.IsMatch(name)) throw new ApiError("InvalidParameter.RoleNameError", "RoleName is not valid.");
        var document = RequiredStr(req.Body, "PolicyDocument");
        TencentPolicyEvaluator.ValidateTrustPolicy(document, req.State.Tencent);
        if (account.Roles.ContainsKey(name)) throw new ApiError("InvalidParameter.RoleNameInUse", "role name in use.");
        var sessionDuration = Long(req.Body, "SessionDuration") ?? 0;
        if (sessionDuration < 0 || sessionDuration > 43200) throw new ApiError("InvalidParameter.ParamError", "SessionDuration must be between 0 and 43200.");
        var now = req.State.Clock.UtcNow;
        var role = new TencentRole
        {
            RoleId = (req.State.Tencent.NextRoleId++).ToString(System.Globalization.CultureInfo.InvariantCulture),
            RoleName = name,
            PolicyDocument = document,
            Description = Description(req),
            AddTime = now,
            UpdateTime = now,
            ConsoleLogin = Long(req.Body, "ConsoleLogin") ?? 0,
            SessionDuration = sessionDuration,
        };
        account.Roles[name] = role;
        return new JsonObject { ["RoleId"] = role.RoleId };
    }

    /// <summary>RoleId or RoleName (prefixed for Attach/Detach, e.g. AttachRoleId) → the role, or RoleNotExist.</summary>
    private static TencentRole FindRole(TencentAccount account, JsonObject? body, string prefix = "")
    {
        var id = Str(body, prefix + "RoleId");
        var name = Str(body, prefix + "RoleName");
        if (string.IsNullOrEmpty(id) && string.IsNullOrEmpty(name))
            throw new ApiError("InvalidParameter.ParamError", $"{prefix}RoleId or {prefix}RoleName is required.");
        var role = !string.IsNullOrEmpty(id)
            ? account.Roles.Values.FirstOrDefault(r => r.RoleId == id)
            : account.Roles.TryGetValue(name!, out var byName) ? byName : null;
        return role ?? throw new ApiError("InvalidParameter.RoleNotExist", "role not exist.");
    }

    private static JsonObject RoleInfo(TencentAccount account, TencentRole role) => new()
    {
        ["RoleId"] = role.RoleId,
        ["RoleName"] = role.RoleName,
        ["PolicyDocument"] = role.PolicyDocument,
        ["Description"] = role.Description,
        ["AddTime"] = Time(role.AddTime),
        ["UpdateTime"] = Time(role.UpdateTime),
        ["ConsoleLogin"] = role.ConsoleLogin,
        ["RoleType"] = "user",
        ["SessionDuration"] = role.SessionDuration,
        ["Tags"] = new JsonArray(),
        ["RoleArn"] = RoleArn(account.Uin, role.RoleName),
    };

    private static JsonObject GetRole(ApiRequest req)
    {
        var account = TencentApis.CallerAccount(req);
        return new JsonObject { ["RoleInfo"] = RoleInfo(account, FindRole(account, req.Body)) };
    }

    private static JsonObject UpdateAssumeRolePolicy(ApiRequest req)
    {
        var account = TencentApis.CallerAccount(req);
        var document = RequiredStr(req.Body, "PolicyDocument");
        var role = FindRole(account, req.Body);
        TencentPolicyEvaluator.ValidateTrustPolicy(document, req.State.Tencent);
        role.PolicyDocument = document;
        role.UpdateTime = req.State.Clock.UtcNow;
        return new JsonObject();
    }

    private static JsonObject DeleteRole(ApiRequest req)
    {
        var account = TencentApis.CallerAccount(req);
        account.Roles.Remove(FindRole(account, req.Body).RoleName);
        return new JsonObject();
    }

    private static JsonObject DescribeRoleList(ApiRequest req)
    {
        var account = TencentApis.CallerAccount(req);
        var all = account.Roles.Values.OrderBy(r => r.AddTime).ToList();
        var list = new JsonArray(Page(all, req.Body).Select(r => (JsonNode)RoleInfo(account, r)).ToArray());
        return new JsonObject { ["List"] = list, ["TotalNum"] = all.Count };
    }

    // ---- policies ----

    /// <summary>PolicyId (preset or custom) or, where the API allows it, PolicyName.</summary>
    private static TencentPolicy FindPolicy(ApiRequest req, TencentAccount account, bool allowName)
    {
        var id = Long(req.Body, "PolicyId");
        var name = allowName ? Str(req.Body, "PolicyName") : null;
        if (id == null && string.IsNullOrEmpty(name)) throw MissingParameter("PolicyId");
        var policy = id != null
            ? TencentPolicyEvaluator.FindPolicy(req.State.Tencent, account, id.Value)
            : req.State.Tencent.FindPreset(name!) ?? account.CustomPolicies.Values.FirstOrDefault(p => p.PolicyName == name);
        return policy ?? throw new ApiError("InvalidParameter.PolicyIdNotExist", "policy not exist.");
    }

    private static string PolicyType(TencentPolicy p) => p.Type == 2 ? "QCS" : "User";

    private static JsonObject AttachRolePolicy(ApiRequest req)
    {
        var account = TencentApis.CallerAccount(req);
        var role = FindRole(account, req.Body, "Attach");
        var policy = FindPolicy(req, account, allowName: true);
        if (!role.AttachedPolicyIds.Contains(policy.PolicyId))
        {
            role.AttachedPolicyIds.Add(policy.PolicyId);
            role.AttachTimes[policy.PolicyId] = req.State.Clock.UtcNow;
        }
        return new JsonObject();
    }

    private static JsonObject DetachRolePolicy(ApiRequest req)
    {
        var account = TencentApis.CallerAccount(req);
        var role = FindRole(account, req.Body, "Detach");
        var policy = FindPolicy(req, account, allowName: true);
        role.AttachedPolicyIds.Remove(policy.PolicyId);
        role.AttachTimes.Remove(policy.PolicyId);
        return new JsonObject();
    }

    private static JsonObject ListAttachedRolePolicies(ApiRequest req)
    {
        var account = TencentApis.CallerAccount(req);
        var role = FindRole(account, req.Body);
        var type = Str(req.Body, "PolicyType");
        var keyword = Str(req.Body, "Keyword");
        var all = role.AttachedPolicyIds
            .Select(id => TencentPolicyEvaluator.FindPolicy(req.State.Tencent, account, id))
            .OfType<TencentPolicy>()
            .Where(p => string.IsNullOrEmpty(type) || PolicyType(p) == type)
            .Where(p => string.IsNullOrEmpty(keyword) || p.PolicyName.Contains(keyword, StringComparison.OrdinalIgnoreCase))
            .ToList();
        var list = new JsonArray(Page(all, req.Body).Select(p => (JsonNode)new JsonObject
        {
            ["PolicyId"] = p.PolicyId,
            ["PolicyName"] = p.PolicyName,
            ["AddTime"] = Time(role.AttachTimes.TryGetValue(p.PolicyId, out var t) ? t : p.AddTime),
            ["PolicyType"] = PolicyType(p),
            ["CreateMode"] = p.Type == 2 ? 2 : 1,
            ["Deactived"] = 0,
            ["DeactivedDetail"] = new JsonArray(),
            ["Description"] = p.Description,
        }).ToArray());
        return new JsonObject { ["List"] = list, ["TotalNum"] = all.Count };
    }

    private static JsonObject CreatePolicy(ApiRequest req)
    {
        var account = TencentApis.CallerAccount(req);
        var name = RequiredStr(req.Body, "PolicyName");
        if (!NamePattern.IsMatch(name)) throw new ApiError("InvalidParameter.PolicyNameError", "PolicyName is not valid.");
        var document = RequiredStr(req.Body, "PolicyDocument");
        if (account.CustomPolicies.Values.Any(p => p.PolicyName == name) || req.State.Tencent.FindPreset(name) != null)
            throw new ApiError("FailedOperation.PolicyNameInUse", "policy name in use.");
        TencentPolicyEvaluator.ValidatePermissionPolicy(document);
        var now = req.State.Clock.UtcNow;
        var policy = new TencentPolicy
        {
            PolicyId = req.State.Tencent.NextPolicyId++,
            PolicyName = name,
            PolicyDocument = document,
            Type = 1,
            Description = Description(req),
            AddTime = now,
            UpdateTime = now,
        };
        account.CustomPolicies[policy.PolicyId] = policy;
        return new JsonObject { ["PolicyId"] = policy.PolicyId };
    }

    private static JsonObject GetPolicy(ApiRequest req)
    {
        var account = TencentApis.CallerAccount(req);
        var p = FindPolicy(req, account, allowName: false);
        return new JsonObject
        {
            ["PolicyName"] = p.PolicyName,
            ["Description"] = p.Description,
            ["Type"] = p.Type,
            ["AddTime"] = Time(p.AddTime),
            ["UpdateTime"] = Time(p.UpdateTime == default ? p.AddTime : p.UpdateTime),
            ["PolicyDocument"] = p.PolicyDocument,
            ["PresetAlias"] = p.Type == 2 ? p.Description : "",
            ["IsServiceLinkedRolePolicy"] = 0,
            ["Tags"] = new JsonArray(),
        };
    }

    private static JsonObject ListPolicies(ApiRequest req)
    {
        var account = TencentApis.CallerAccount(req);
        var scope = Str(req.Body, "Scope") ?? "All";
        if (scope is not ("All" or "QCS" or "Local")) throw new ApiError("InvalidParameter.ParamError", "Scope must be All, QCS or Local.");
        var keyword = Str(req.Body, "Keyword");
        var all = (scope == "Local" ? Enumerable.Empty<TencentPolicy>() : req.State.Tencent.PresetPolicies)
            .Concat(scope == "QCS" ? Enumerable.Empty<TencentPolicy>() : account.CustomPolicies.Values)
            .Where(p => string.IsNullOrEmpty(keyword) || p.PolicyName.Contains(keyword, StringComparison.OrdinalIgnoreCase))
            .ToList();
        var list = new JsonArray(Page(all, req.Body).Select(p => (JsonNode)new JsonObject
        {
            ["PolicyId"] = p.PolicyId,
            ["PolicyName"] = p.PolicyName,
            ["AddTime"] = Time(p.AddTime),
            ["Type"] = p.Type,
            ["Description"] = p.Description,
            ["CreateMode"] = p.Type == 2 ? 2 : 1,
            ["Attachments"] = CountAttachments(account, p.PolicyId),
            ["ServiceType"] = "",
            ["IsAttached"] = 0,
        }).ToArray());
        return new JsonObject { ["List"] = list, ["TotalNum"] = all.Count, ["ServiceTypeList"] = new JsonArray() };
    }

    private static int CountAttachments(TencentAccount account, long policyId) =>
        account.Roles.Values.Count(r => r.AttachedPolicyIds.Contains(policyId)) +
        account.SubAccounts.Values.Count(s => s.AttachedPolicyIds.Contains(policyId));

    /// <summary>
    /// ListEntitiesForPolicy (598/34571): PolicyId, Page, Rp (default 20), EntityFilter All|User|Group|Role →
    /// List[AttachEntityOfPolicy{Id, Name, Uin, RelatedType 1 sub-account / 2 group / 3 role, AttachmentTime}], TotalNum.
    /// The emulator has no user groups.
    /// </summary>
    private static JsonObject ListEntitiesForPolicy(ApiRequest req)
    {
        var account = TencentApis.CallerAccount(req);
        var policy = FindPolicy(req, account, allowName: false);
        var filter = Str(req.Body, "EntityFilter") ?? "All";
        if (filter is not ("All" or "User" or "Group" or "Role")) throw new ApiError("InvalidParameter.ParamError", "EntityFilter must be All, User, Group or Role.");
        var all = new List<JsonObject>();
        if (filter is "All" or "User")
            all.AddRange(account.SubAccounts.Values.Where(s => s.AttachedPolicyIds.Contains(policy.PolicyId)).Select(s => new JsonObject
            {
                ["Id"] = s.Uin, ["Name"] = s.Name, ["Uin"] = Num(s.Uin), ["RelatedType"] = 1,
                ["AttachmentTime"] = Time(s.AttachTimes.TryGetValue(policy.PolicyId, out var t) ? t : policy.AddTime),
            }));
        if (filter is "All" or "Role")
            all.AddRange(account.Roles.Values.Where(r => r.AttachedPolicyIds.Contains(policy.PolicyId)).Select(r => new JsonObject
            {
                ["Id"] = r.RoleId, ["Name"] = r.RoleName, ["Uin"] = 0, ["RelatedType"] = 3,
                ["AttachmentTime"] = Time(r.AttachTimes.TryGetValue(policy.PolicyId, out var t) ? t : policy.AddTime),
            }));
        var list = new JsonArray(Page(all, req.Body).Select(o => (JsonNode)o).ToArray());
        return new JsonObject { ["List"] = list, ["TotalNum"] = all.Count };
    }

    private static JsonObject DeletePolicy(ApiRequest req)
    {
        var account = TencentApis.CallerAccount(req);
        var ids = Strings(req.Body, "PolicyId");
        if (ids.Count == 0) throw MissingParameter("PolicyId");
        var parsed = ids.Select(s => long.TryParse(s, out var n) ? n : throw new ApiError("InvalidParameter.PolicyIdError", "PolicyId is not valid.")).ToList();
        foreach (var id in parsed)
            if (!account.CustomPolicies.ContainsKey(id))
                throw new ApiError("InvalidParameter.PolicyIdNotExist", "policy not exist.");
        foreach (var id in parsed)
        {
            account.CustomPolicies.Remove(id);
            foreach (var r in account.Roles.Values) { r.AttachedPolicyIds.Remove(id); r.AttachTimes.Remove(id); }
            foreach (var s in account.SubAccounts.Values) { s.AttachedPolicyIds.Remove(id); s.AttachTimes.Remove(id); }
        }
        return new JsonObject();
    }

    // ---- users ----

    private static TencentSubAccount FindSubAccount(TencentAccount account, string? uin) =>
        uin != null && account.SubAccounts.TryGetValue(uin, out var s) ? s : throw new ApiError("InvalidParameter.UserNotExist", "user not exist.");

    private static JsonObject AttachUserPolicy(ApiRequest req)
    {
        var account = TencentApis.CallerAccount(req);
        var policy = FindPolicy(req, account, allowName: false);
        var sub = FindSubAccount(account, RequiredStr(req.Body, "AttachUin"));
        if (!sub.AttachedPolicyIds.Contains(policy.PolicyId))
        {
            sub.AttachedPolicyIds.Add(policy.PolicyId);
            sub.AttachTimes[policy.PolicyId] = req.State.Clock.UtcNow;
        }
        return new JsonObject();
    }

    private static JsonObject DetachUserPolicy(ApiRequest req)
    {
        var account = TencentApis.CallerAccount(req);
        var policy = FindPolicy(req, account, allowName: false);
        var sub = FindSubAccount(account, RequiredStr(req.Body, "DetachUin"));
        sub.AttachedPolicyIds.Remove(policy.PolicyId);
        sub.AttachTimes.Remove(policy.PolicyId);
        return new JsonObject();
    }

    private static JsonObject ListAttachedUserPolicies(ApiRequest req)
    {
        var account = TencentApis.CallerAccount(req);
        var sub = FindSubAccount(account, RequiredStr(req.Body, "TargetUin"));
        var all = sub.AttachedPolicyIds
            .Select(id => TencentPolicyEvaluator.FindPolicy(req.State.Tencent, account, id))
            .OfType<TencentPolicy>().ToList();
        var list = new JsonArray(Page(all, req.Body).Select(p => (JsonNode)new JsonObject
        {
            ["PolicyId"] = p.PolicyId, // AttachPolicyInfo.PolicyId is an integer (uint64) in the SDK models
            ["PolicyName"] = p.PolicyName,
            ["AddTime"] = Time(sub.AttachTimes.TryGetValue(p.PolicyId, out var t) ? t : p.AddTime),
            ["CreateMode"] = p.Type == 2 ? 2 : 1,
            ["PolicyType"] = PolicyType(p),
            ["Remark"] = p.Description,
            ["OperateOwnerUin"] = account.Uin,
            ["OperateUin"] = req.Caller.UserId,
            ["OperateUinType"] = 0,
            ["Deactived"] = 0,
            ["DeactivedDetail"] = new JsonArray(),
        }).ToArray());
        return new JsonObject { ["List"] = list, ["TotalNum"] = all.Count };
    }

    private static long Num(string uin) => long.TryParse(uin, out var n) ? n : 0;

    private static JsonObject GetUser(ApiRequest req)
    {
        var account = TencentApis.CallerAccount(req);
        var name = RequiredStr(req.Body, "Name");
        var sub = account.SubAccounts.Values.FirstOrDefault(s => s.Name == name)
            ?? throw new ApiError("ResourceNotFound.UserNotExist", "user not exist.");
        return new JsonObject
        {
            ["Uin"] = Num(sub.Uin), ["Name"] = sub.Name, ["Uid"] = Num(sub.Uin), ["Remark"] = sub.Remark,
            ["ConsoleLogin"] = 0, ["PhoneNum"] = "", ["CountryCode"] = "", ["Email"] = "",
            ["RecentlyLoginTime"] = "", ["NickName"] = "", ["CreateTime"] = Time(sub.CreateTime == default ? req.State.Clock.UtcNow : sub.CreateTime),
        };
    }

    private static JsonObject ListUsers(ApiRequest req)
    {
        var account = TencentApis.CallerAccount(req);
        var data = new JsonArray(account.SubAccounts.Values.Select(s => (JsonNode)new JsonObject
        {
            ["Uin"] = Num(s.Uin), ["Name"] = s.Name, ["Uid"] = Num(s.Uin), ["Remark"] = s.Remark,
            ["ConsoleLogin"] = 0, ["PhoneNum"] = "", ["CountryCode"] = "", ["Email"] = "", ["NickName"] = "",
        }).ToArray());
        return new JsonObject { ["Data"] = data };
    }

    private static JsonObject DescribeSubAccounts(ApiRequest req)
    {
        var account = TencentApis.CallerAccount(req);
        var filter = Strings(req.Body, "FilterSubAccountUin");
        if (filter.Count == 0) throw MissingParameter("FilterSubAccountUin");
        if (filter.Count > 50) throw new ApiError("InvalidParameter.ParamError", "FilterSubAccountUin accepts at most 50 UINs.");
        var subs = new JsonArray(filter.Where(account.SubAccounts.ContainsKey).Select(u => account.SubAccounts[u]).Select(s => (JsonNode)new JsonObject
        {
            ["Uin"] = Num(s.Uin), ["Name"] = s.Name, ["Uid"] = Num(s.Uin), ["Remark"] = s.Remark,
            ["CreateTime"] = Time(s.CreateTime == default ? req.State.Clock.UtcNow : s.CreateTime), ["UserType"] = 2,
            ["LastLoginIp"] = "", ["LastLoginTime"] = "",
        }).ToArray());
        return new JsonObject { ["SubAccounts"] = subs };
    }

    private static JsonObject GetUserAppId(ApiRequest req)
    {
        var account = TencentApis.CallerAccount(req);
        var uin = req.Caller.Type == "SubAccount" ? req.Caller.UserId : account.Uin;
        return new JsonObject { ["Uin"] = uin, ["OwnerUin"] = account.Uin, ["AppId"] = account.AppId };
    }
}
