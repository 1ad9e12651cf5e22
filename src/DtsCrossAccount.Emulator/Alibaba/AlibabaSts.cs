using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using DtsCrossAccount.Emulator.Core;
using static DtsCrossAccount.Emulator.Alibaba.AlibabaCommon;

namespace DtsCrossAccount.Emulator.Alibaba;

/// <summary>STS 2015-04-01: GetCallerIdentity and AssumeRole (temporary keys that the frontend then accepts).</summary>
public static class AlibabaSts
{
    private static readonly Regex RoleArnPattern = new(@"\Aacs:ram::([0-9]+):role/([A-Za-z0-9.-]{1,64})\z", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant);
    private static readonly Regex SessionNamePattern = new(@"\A[A-Za-z0-9_.@-]{2,64}\z", RegexOptions.CultureInvariant);
    private static readonly Regex ExternalIdPattern = new(@"\A[A-Za-z0-9_+=,.@:/-]{2,1224}\z", RegexOptions.CultureInvariant);
    private const string KeyAlphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";

    public static void Register(ApiRegistry registry)
    {
        registry.Add("Alibaba", "sts", "2015-04-01", "GetCallerIdentity", false, GetCallerIdentity);
        // Issues temporary keys and changes no resource: a read for the call log, so -WhatIf and access checks may call it.
        registry.Add("Alibaba", "sts", "2015-04-01", "AssumeRole", false, AssumeRole);
    }

    private static JsonObject GetCallerIdentity(ApiRequest request)
    {
        var caller = request.Caller;
        var result = new JsonObject { ["AccountId"] = caller.AccountId };
        switch (caller.Type)
        {
            case "Root":
                result["IdentityType"] = "Account";
                result["UserId"] = caller.AccountId;
                result["PrincipalId"] = caller.AccountId;
                result["Arn"] = $"acs:ram::{caller.AccountId}:root";
                break;
            case "RamUser":
                result["IdentityType"] = "RAMUser";
                result["UserId"] = caller.UserId;
                result["PrincipalId"] = caller.UserId;
                result["Arn"] = $"acs:ram::{caller.AccountId}:user/{caller.UserName}";
                break;
            default:
                result["IdentityType"] = "AssumedRoleUser";
                result["RoleId"] = caller.UserId.Split(':')[0];
                result["PrincipalId"] = caller.UserId;
                result["Arn"] = $"{caller.RoleArn}/{caller.SessionName}";
                break;
        }
        return result;
    }

    private static JsonObject AssumeRole(ApiRequest request)
    {
        var world = request.State.Alibaba;
        var roleArn = request.RequiredParam("RoleArn");
        var arn = RoleArnPattern.Match(roleArn);
        if (!arn.Success)
            throw new ApiError("InvalidParameter.RoleArn", "The parameter RoleArn is wrongly formed.", 400);
        var sessionName = request.RequiredParam("RoleSessionName");
        if (!SessionNamePattern.IsMatch(sessionName))
            throw new ApiError("InvalidParameter.RoleSessionName", "The parameter RoleSessionName is wrongly formed.", 400);
        var externalId = request.Param("ExternalId");
        if (externalId != null && !ExternalIdPattern.IsMatch(externalId))
            throw new ApiError("InvalidParameter.ExternalId", "The parameter ExternalId is wrongly formed.", 400);
        var sessionPolicy = request.Param("Policy");
        if (sessionPolicy != null)
        {
            if (sessionPolicy.Length > 2048)
                throw new ApiError("InvalidParameter.PolicySize", "The policy size exceeds the limit of 2048.", 400);
            AlibabaPolicyEvaluator.ValidatePermissionPolicy(sessionPolicy, "InvalidParameter.PolicyGrammar");
        }

        var caller = request.Caller;
        if (caller.IsRoot)
            throw new ApiError("NoPermission", "Roles may not be assumed by root accounts.", 403);

        // The caller's own permission (AliyunSTSAssumeRoleAccess or a custom policy on this ARN) comes first.
        var ownerUid = arn.Groups[1].Value;
        var roleName = arn.Groups[2].Value;
        AlibabaPolicyEvaluator.Authorize(request, "sts:AssumeRole", RoleArn(ownerUid, roleName));

        if (!world.Accounts.TryGetValue(ownerUid, out var owner) || !owner.Roles.TryGetValue(roleName, out var role))
            throw new ApiError("EntityNotExist.Role", $"The role not exists: {roleArn}.", 404);

        var duration = Int(request, "DurationSeconds") ?? 3600;
        if (duration < 900 || duration > role.MaxSessionDuration)
            throw new ApiError("InvalidParameter.DurationSeconds",
                $"The DurationSeconds must be between 900 and the role's MaxSessionDuration ({role.MaxSessionDuration}).", 400);

        if (!AlibabaPolicyEvaluator.TrustAllowsRamCaller(role.AssumeRolePolicyDocument, caller, externalId))
            throw new ApiError("NoPermission", AlibabaPolicyEvaluator.NotAuthorizedMessage, 403);

        var expires = request.State.Clock.UtcNow.AddSeconds(duration);
        var assumedRoleId = $"{role.RoleId}:{sessionName}";
        var key = new AccessKey
        {
            Id = "STS." + RandomToken(28, KeyAlphabet),
            Secret = RandomToken(44, KeyAlphabet),
            Token = "CAIS" + RandomToken(200, KeyAlphabet),
            ExpiresAt = expires,
            Owner = new Principal
            {
                Cloud = "Alibaba",
                AccountId = owner.Uid,
                Type = "AssumedRole",
                UserId = assumedRoleId,
                UserName = sessionName,
                RoleName = role.RoleName,
                RoleArn = role.Arn,
                SessionName = sessionName,
            },
        };
        world.Keys[key.Id] = key;
        if (sessionPolicy != null) world.SessionPolicies[key.Id] = sessionPolicy;

        return new JsonObject
        {
            ["Credentials"] = new JsonObject
            {
                ["AccessKeyId"] = key.Id,
                ["AccessKeySecret"] = key.Secret,
                ["SecurityToken"] = key.Token,
                ["Expiration"] = Time(expires),
            },
            ["AssumedRoleUser"] = new JsonObject
            {
                ["Arn"] = $"{role.Arn}/{sessionName}",
                ["AssumedRoleId"] = assumedRoleId,
            },
        };
    }
}
