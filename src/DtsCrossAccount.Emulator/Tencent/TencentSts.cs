using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using DtsCrossAccount.Emulator.Core;
using static DtsCrossAccount.Emulator.Tencent.TencentArgs;

namespace DtsCrossAccount.Emulator.Tencent;

/// <summary>STS 2018-08-13: GetCallerIdentity and AssumeRole (temporary keys for a CAM role).</summary>
public static class TencentSts
{
    private static readonly Regex RoleNameArn = new(@"\Aqcs::cam::uin/([0-9]+):roleName/([A-Za-z0-9+=,.@_-]{1,128})\z", RegexOptions.CultureInvariant);
    private static readonly Regex RoleIdArn = new(@"\Aqcs::cam::uin/([0-9]+):role/([0-9]+)\z", RegexOptions.CultureInvariant);
    private static readonly Regex SessionName = new(@"\A[A-Za-z0-9_+=,.@-]{2,128}\z", RegexOptions.CultureInvariant);
    private static readonly Regex ExternalIdPattern = new(@"\A[A-Za-z0-9_+=,.@:/-]{2,128}\z", RegexOptions.CultureInvariant);

    public const int DefaultDurationSeconds = 7200;
    public const int MaxDurationSeconds = 43200;

    public static void Register(ApiRegistry r)
    {
        TencentApis.Add(r, "sts", TencentApis.StsVersion, "GetCallerIdentity", false, GetCallerIdentity, TencentApis.Auth.None);
        // Issues temporary keys and changes no resource: a read for the call log, so -WhatIf and access checks may call it.
        TencentApis.Add(r, "sts", TencentApis.StsVersion, "AssumeRole", false, AssumeRole, TencentApis.Auth.InHandler);
    }

    private static JsonObject GetCallerIdentity(ApiRequest req)
    {
        var c = req.Caller;
        if (c.Type == "AssumedRole" && req.State.Tencent.Sessions.TryGetValue(req.Key.Id, out var s))
        {
            return new JsonObject
            {
                ["Arn"] = $"qcs::sts:{s.RoleOwnerUin}:assumed-role/{s.RoleId}",
                ["AccountId"] = s.RoleOwnerUin,
                ["UserId"] = $"{s.RoleId}:{s.SessionName}",
                ["PrincipalId"] = s.PrincipalUin,
                ["Type"] = "CAMRole",
            };
        }
        // Root keys and sub-user keys: the official example (sub-user) shows Type CAMUser and Arn qcs::cam:<owner>:uin/<uin>.
        return new JsonObject
        {
            ["Arn"] = $"qcs::cam:{c.AccountId}:uin/{c.UserId}",
            ["AccountId"] = c.AccountId,
            ["UserId"] = c.UserId,
            ["PrincipalId"] = c.UserId,
            ["Type"] = "CAMUser",
        };
    }

    private static JsonObject AssumeRole(ApiRequest req)
    {
        var world = req.State.Tencent;
        var arn = RequiredStr(req.Body, "RoleArn");
        var sessionName = RequiredStr(req.Body, "RoleSessionName");
        if (!SessionName.IsMatch(sessionName)) throw new ApiError("InvalidParameter.ParamError", "RoleSessionName is not valid.");
        var duration = Long(req.Body, "DurationSeconds") ?? DefaultDurationSeconds;
        if (duration <= 0 || duration > MaxDurationSeconds) throw new ApiError("InvalidParameter.OverTimeError", "DurationSeconds is out of range.");
        var externalId = Str(req.Body, "ExternalId");
        if (!string.IsNullOrEmpty(externalId) && !ExternalIdPattern.IsMatch(externalId))
            throw new ApiError("InvalidParameter.ParamError", "ExternalId is not valid.");

        var byName = RoleNameArn.Match(arn);
        var byId = RoleIdArn.Match(arn);
        if (!byName.Success && !byId.Success) throw new ApiError("InvalidParameter.ParamError", "RoleArn is not valid.");

        // CAM authorises the caller before STS looks the role up: a sub-user needs sts:AssumeRole on this ARN.
        var caller = req.Caller;
        if (!TencentPolicyEvaluator.IsAllowed(world, caller, "sts:AssumeRole", arn))
            throw TencentPolicyEvaluator.Unauthorized("sts:AssumeRole", arn);

        var ownerUin = (byName.Success ? byName : byId).Groups[1].Value;
        TencentRole? role = null;
        if (world.Accounts.TryGetValue(ownerUin, out var owner))
        {
            role = byName.Success
                ? owner.Roles.Values.FirstOrDefault(r => r.RoleName == byName.Groups[2].Value)
                : owner.Roles.Values.FirstOrDefault(r => r.RoleId == byId.Groups[2].Value);
        }
        if (owner == null || role == null) throw new ApiError("InternalError.GetRoleError", "role not exist");

        var canonicalArn = TencentCam.RoleArn(owner.Uin, role.RoleName);
        var trust = TencentPolicyEvaluator.EvaluateTrust(role, caller.AccountId, caller.UserId, string.IsNullOrEmpty(externalId) ? null : externalId);
        if (trust != TencentPolicyEvaluator.TrustResult.Trusted)
        {
            // The trust policy is evaluated by STS itself; it answers the bare UnauthorizedOperation code from its own list.
            throw new ApiError("UnauthorizedOperation",
                $"you are not authorized to perform operation (sts:AssumeRole), resource ({canonicalArn}) has no permission");
        }

        var now = req.State.Clock.UtcNow;
        var expires = now.AddSeconds(duration);
        var key = new AccessKey
        {
            Id = "AKID" + RandomToken(32, "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789"),
            Secret = RandomToken(32, "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789"),
            Token = RandomToken(96, "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789_-"),
            ExpiresAt = expires,
            Owner = new Principal
            {
                Cloud = "Tencent",
                AccountId = owner.Uin,
                Type = "AssumedRole",
                UserId = role.RoleId,
                UserName = role.RoleName,
                RoleName = role.RoleName,
                RoleArn = canonicalArn,
                SessionName = sessionName,
            },
        };
        world.Keys[key.Id] = key;
        world.Sessions[key.Id] = new TencentRoleSession(role.RoleId, owner.Uin, role.RoleName, sessionName, caller.UserId);

        return new JsonObject
        {
            ["Credentials"] = new JsonObject { ["Token"] = key.Token, ["TmpSecretId"] = key.Id, ["TmpSecretKey"] = key.Secret },
            ["ExpiredTime"] = expires.ToUnixTimeSeconds(),
            ["Expiration"] = IsoUtc(expires),
        };
    }
}
