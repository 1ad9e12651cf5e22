using Xunit;
using static DtsCrossAccount.Tests.Emulator.Alibaba.AlibabaHarness;

namespace DtsCrossAccount.Tests.Emulator.Alibaba;

public sealed class AlibabaStsTests
{
    private const string NotAuthorized = "You are not authorized to do this action. You should be authorized by RAM.";
    private static readonly string RoleArnInA = $"acs:ram::{A}:role/ram-for-dts";

    private static void GrantStsAccess(AlibabaHarness h, string uid, string user) =>
        h.Call(h.Root(uid), "ram", "AttachPolicyToUser", ("PolicyType", "System"), ("PolicyName", "AliyunSTSAssumeRoleAccess"), ("UserName", user));

    [Fact]
    public void Caller_identity_reports_root_and_ram_user()
    {
        var h = new AlibabaHarness();
        var root = h.Call(h.Root(C), "sts", "GetCallerIdentity");
        Assert.Equal(("Account", C, $"acs:ram::{C}:root"), ((string)root["IdentityType"]!, (string)root["AccountId"]!, (string)root["Arn"]!));

        var user = h.Call(h.User(C, "dts-operator"), "sts", "GetCallerIdentity");
        Assert.Equal(("RAMUser", C, $"acs:ram::{C}:user/dts-operator"), ((string)user["IdentityType"]!, (string)user["AccountId"]!, (string)user["Arn"]!));
        Assert.Equal(h.User(C, "dts-operator").Owner.UserId, (string)user["UserId"]!);
    }

    [Fact]
    public void Root_keys_cannot_assume_roles()
    {
        var h = new AlibabaHarness();
        h.CreateDtsRole(A, "ram-for-dts", DtsTrustPolicy(C));
        var e = h.Fails(h.Root(C), "sts", "AssumeRole", ("RoleArn", RoleArnInA), ("RoleSessionName", "setup"));
        Assert.Equal(("NoPermission", 403, "Roles may not be assumed by root accounts."), (e.Code, e.HttpStatus, e.Message));
    }

    [Fact]
    public void Ram_user_needs_its_own_sts_permission_even_when_trusted()
    {
        var h = new AlibabaHarness();
        h.CreateDtsRole(A, "ram-for-dts", DtsTrustPolicy(C));
        var e = h.Fails(h.User(C, "dts-operator"), "sts", "AssumeRole", ("RoleArn", RoleArnInA), ("RoleSessionName", "setup"));
        Assert.Equal(("NoPermission", 403, NotAuthorized), (e.Code, e.HttpStatus, e.Message));

        GrantStsAccess(h, C, "dts-operator");
        var ok = h.Call(h.User(C, "dts-operator"), "sts", "AssumeRole", ("RoleArn", RoleArnInA), ("RoleSessionName", "setup"));
        Assert.StartsWith("STS.", (string)ok["Credentials"]!["AccessKeyId"]!);
        Assert.Equal($"{RoleArnInA}/setup", (string)ok["AssumedRoleUser"]!["Arn"]!);
    }

    [Fact]
    public void Untrusted_account_is_refused()
    {
        var h = new AlibabaHarness();
        h.CreateDtsRole(A, "ram-for-dts", DtsTrustPolicy(B)); // trusts B, not C
        GrantStsAccess(h, C, "dts-operator");
        var e = h.Fails(h.User(C, "dts-operator"), "sts", "AssumeRole", ("RoleArn", RoleArnInA), ("RoleSessionName", "setup"));
        Assert.Equal(("NoPermission", 403, NotAuthorized), (e.Code, e.HttpStatus, e.Message));
    }

    [Fact]
    public void Missing_role_is_reported_as_not_existing()
    {
        var h = new AlibabaHarness();
        GrantStsAccess(h, C, "dts-operator");
        var e = h.Fails(h.User(C, "dts-operator"), "sts", "AssumeRole", ("RoleArn", RoleArnInA), ("RoleSessionName", "setup"));
        Assert.Equal(("EntityNotExist.Role", 404), (e.Code, e.HttpStatus));
    }

    [Fact]
    public void External_id_condition_is_enforced()
    {
        var h = new AlibabaHarness();
        var trust = "{\"Version\":\"1\",\"Statement\":[{\"Action\":\"sts:AssumeRole\",\"Effect\":\"Allow\",\"Principal\":{\"RAM\":[\"acs:ram::" + C +
                    ":root\"]},\"Condition\":{\"StringEquals\":{\"sts:ExternalId\":\"abcd-1234\"}}}]}";
        h.CreateDtsRole(A, "ram-for-dts", trust);
        GrantStsAccess(h, C, "dts-operator");
        var user = h.User(C, "dts-operator");

        Assert.Equal("NoPermission", h.Fails(user, "sts", "AssumeRole", ("RoleArn", RoleArnInA), ("RoleSessionName", "s1")).Code);
        Assert.Equal("NoPermission", h.Fails(user, "sts", "AssumeRole", ("RoleArn", RoleArnInA), ("RoleSessionName", "s1"), ("ExternalId", "wrong-id")).Code);
        h.Call(user, "sts", "AssumeRole", ("RoleArn", RoleArnInA), ("RoleSessionName", "s1"), ("ExternalId", "abcd-1234"));
    }

    [Fact]
    public void Custom_policy_allows_only_the_roles_it_names()
    {
        var h = new AlibabaHarness();
        h.CreateDtsRole(A, "ram-for-dts", DtsTrustPolicy(C));
        h.CreateDtsRole(A, "other-role", DtsTrustPolicy(C));
        var doc = "{\"Version\":\"1\",\"Statement\":[{\"Effect\":\"Allow\",\"Action\":\"sts:AssumeRole\",\"Resource\":\"acs:ram:*:" + A + ":role/ram-for-*\"}]}";
        h.Call(h.Root(C), "ram", "CreatePolicy", ("PolicyName", "assume-dts-roles"), ("PolicyDocument", doc));
        h.Call(h.Root(C), "ram", "AttachPolicyToUser", ("PolicyType", "Custom"), ("PolicyName", "assume-dts-roles"), ("UserName", "dts-operator"));

        h.Call(h.User(C, "dts-operator"), "sts", "AssumeRole", ("RoleArn", RoleArnInA), ("RoleSessionName", "s1"));
        Assert.Equal("NoPermission", h.Fails(h.User(C, "dts-operator"), "sts", "AssumeRole",
            ("RoleArn", $"acs:ram::{A}:role/other-role"), ("RoleSessionName", "s1")).Code);
    }

    [Fact]
    public void Assumed_role_key_acts_in_the_role_owners_account_with_the_roles_policies()
    {
        var h = new AlibabaHarness();
        h.CreateDtsRole(A, "ram-for-dts", DtsTrustPolicy(C));
        GrantStsAccess(h, C, "dts-operator");
        var creds = h.Call(h.User(C, "dts-operator"), "sts", "AssumeRole", ("RoleArn", RoleArnInA), ("RoleSessionName", "check"), ("DurationSeconds", "900"));
        var key = h.Key((string)creds["Credentials"]!["AccessKeyId"]!);
        Assert.Equal(("AssumedRole", A, "ram-for-dts"), (key.Owner.Type, key.Owner.AccountId, key.Owner.RoleName));
        Assert.NotNull(key.Token);
        Assert.InRange((key.ExpiresAt!.Value - h.Core.State.Clock.UtcNow).TotalSeconds, 890, 900);

        var identity = h.Call(key, "sts", "GetCallerIdentity");
        Assert.Equal(("AssumedRoleUser", A), ((string)identity["IdentityType"]!, (string)identity["AccountId"]!));

        // AliyunDTSRolePolicy allows rds:Describe*: the role sees A's RDS instances.
        var instances = h.Call(key, "rds", "DescribeDBInstances", ("RegionId", "cn-hangzhou"))["Items"]!["DBInstance"]!.AsArray();
        Assert.Equal(new[] { "rm-src0000001", "pc-src0000001" }, instances.Select(i => (string)i!["DBInstanceId"]!));
        // …but it may not change RAM.
        Assert.Equal("NoPermission", h.Fails(key, "ram", "CreateRole", ("RoleName", "x"), ("AssumeRolePolicyDocument", DtsTrustPolicy(C))).Code);

        h.Call(h.Root(A), "ram", "DetachPolicyFromRole", ("PolicyType", "System"), ("PolicyName", "AliyunDTSRolePolicy"), ("RoleName", "ram-for-dts"));
        Assert.Equal(403, h.Fails(key, "rds", "DescribeDBInstances", ("RegionId", "cn-hangzhou")).HttpStatus);
    }

    [Theory]
    [InlineData("RoleSessionName", "x", "InvalidParameter.RoleSessionName")]
    [InlineData("DurationSeconds", "600", "InvalidParameter.DurationSeconds")]
    [InlineData("RoleArn", "acs:ram::1000000000000001:user/ops-admin", "InvalidParameter.RoleArn")]
    public void Parameters_are_validated(string name, string value, string code)
    {
        var h = new AlibabaHarness();
        h.CreateDtsRole(A, "ram-for-dts", DtsTrustPolicy(C));
        GrantStsAccess(h, C, "dts-operator");
        var parameters = new Dictionary<string, string> { ["RoleArn"] = RoleArnInA, ["RoleSessionName"] = "s1", [name] = value };
        var e = h.Fails(h.User(C, "dts-operator"), "sts", "AssumeRole", parameters.Select(kv => (kv.Key, kv.Value)).ToArray());
        Assert.Equal((code, 400), (e.Code, e.HttpStatus));
    }
}
