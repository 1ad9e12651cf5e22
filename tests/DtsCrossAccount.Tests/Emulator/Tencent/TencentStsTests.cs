using System.Text.Json.Nodes;
using Xunit;
using static DtsCrossAccount.Tests.Emulator.Tencent.TencentHarness;

namespace DtsCrossAccount.Tests.Emulator.Tencent;

public sealed class TencentStsTests
{
    private const string FaqDenial =
        "you are not authorized to perform operation (sts:AssumeRole), resource (qcs::cam::uin/100000000001:roleName/DTS-role) has no permission";

    [Fact]
    public void Trusted_root_account_gets_temporary_keys_that_identify_the_role()
    {
        var h = new TencentHarness();
        h.CreateSourceRole();

        var resp = h.AssumeRole(h.KeyOf(B));

        var creds = resp["Credentials"]!.AsObject();
        Assert.StartsWith("AKID", (string)creds["TmpSecretId"]!);
        Assert.False(string.IsNullOrEmpty((string?)creds["TmpSecretKey"]));
        Assert.False(string.IsNullOrEmpty((string?)creds["Token"]));
        var expires = DateTimeOffset.FromUnixTimeSeconds((long)resp["ExpiredTime"]!);
        Assert.InRange((expires - h.Core.State.Clock.UtcNow).TotalSeconds, 7100, 7201);

        var who = h.Call(h.TempKey(resp), "sts", "GetCallerIdentity");
        Assert.Equal("CAMRole", (string?)who["Type"]);
        Assert.Equal(A, (string?)who["AccountId"]);
        Assert.Equal(B, (string?)who["PrincipalId"]);
        Assert.StartsWith("qcs::sts:100000000001:assumed-role/", (string)who["Arn"]!);
    }

    [Fact]
    public void Sub_account_without_a_grant_gets_the_faq_denial()
    {
        var h = new TencentHarness();
        h.CreateSourceRole();

        var err = h.Fails(h.KeyOf(SubB), "sts", "AssumeRole",
            new { RoleArn = "qcs::cam::uin/100000000001:roleName/DTS-role", RoleSessionName = "dts-setup" });

        Assert.Equal("AuthFailure.UnauthorizedOperation", err.Code);
        Assert.Equal(FaqDenial, err.Message);
    }

    [Theory]
    [InlineData("qcs::cam::uin/100000000001:roleName/DTS-role")]
    [InlineData("qcs::cam::uin/100000000001:roleName/*")]
    public void Sub_account_granted_by_the_guides_custom_policy_may_assume_the_role(string resource)
    {
        var h = new TencentHarness();
        h.CreateSourceRole();
        var rootB = h.KeyOf(B);
        var policy = "{\"version\":\"2.0\",\"statement\":[{\"effect\":\"allow\",\"action\":[\"name/sts:AssumeRole\"],\"resource\":[\"" + resource + "\"]}]}";
        var id = (long)h.Call(rootB, "cam", "CreatePolicy", new { PolicyName = "dts-assume", PolicyDocument = policy })["PolicyId"]!;
        h.Call(rootB, "cam", "AttachUserPolicy", new { PolicyId = id, AttachUin = long.Parse(SubB) });

        var resp = h.AssumeRole(h.KeyOf(SubB));

        var who = h.Call(h.TempKey(resp), "sts", "GetCallerIdentity");
        Assert.Equal(SubB, (string?)who["PrincipalId"]);
    }

    [Fact]
    public void A_grant_for_another_role_does_not_cover_this_one()
    {
        var h = new TencentHarness();
        h.CreateSourceRole();
        var rootB = h.KeyOf(B);
        var policy = "{\"version\":\"2.0\",\"statement\":[{\"effect\":\"allow\",\"action\":\"sts:AssumeRole\",\"resource\":\"qcs::cam::uin/100000000001:roleName/Other\"}]}";
        var id = (long)h.Call(rootB, "cam", "CreatePolicy", new { PolicyName = "other", PolicyDocument = policy })["PolicyId"]!;
        h.Call(rootB, "cam", "AttachUserPolicy", new { PolicyId = id, AttachUin = SubB });

        Assert.Equal(FaqDenial, h.Fails(h.KeyOf(SubB), "sts", "AssumeRole",
            new { RoleArn = "qcs::cam::uin/100000000001:roleName/DTS-role", RoleSessionName = "s1" }).Message);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("wrong-id")]
    public void External_id_condition_denies_a_missing_or_wrong_external_id(string? given)
    {
        var h = new TencentHarness();
        h.CreateSourceRole(externalId: "ext-4242");

        var err = Assert.Throws<DtsCrossAccount.Emulator.Core.ApiError>(() => h.AssumeRole(h.KeyOf(B), externalId: given));

        Assert.Equal("UnauthorizedOperation", err.Code);
        Assert.Contains("(sts:AssumeRole)", err.Message);
        Assert.NotNull(h.AssumeRole(h.KeyOf(B), externalId: "ext-4242")["Credentials"]);
    }

    [Theory]
    [InlineData(C, "DTS-role")]
    [InlineData("100000000999", "DTS-role")]
    [InlineData(A, "dts-role-typo")]
    public void Wrong_peer_account_or_role_name_is_role_not_exist(string owner, string roleName)
    {
        var h = new TencentHarness();
        h.CreateSourceRole();

        var err = Assert.Throws<DtsCrossAccount.Emulator.Core.ApiError>(() => h.AssumeRole(h.KeyOf(B), owner, roleName));

        Assert.Equal("InternalError.GetRoleError", err.Code);
        Assert.Contains("role not exist", err.Message);
    }

    [Fact]
    public void A_role_that_trusts_another_account_denies_this_one()
    {
        var h = new TencentHarness();
        h.CreateSourceRole(trustedUin: C);

        var err = Assert.Throws<DtsCrossAccount.Emulator.Core.ApiError>(() => h.AssumeRole(h.KeyOf(B)));

        Assert.Equal("UnauthorizedOperation", err.Code);
        Assert.NotNull(h.AssumeRole(h.KeyOf(C))["Credentials"]);
    }

    [Fact]
    public void Caller_identity_of_a_sub_account_names_its_root()
    {
        var h = new TencentHarness();
        var who = h.Call(h.KeyOf(SubB), "sts", "GetCallerIdentity");
        Assert.Equal(B, (string?)who["AccountId"]);
        Assert.Equal(SubB, (string?)who["UserId"]);
        Assert.Equal("CAMUser", (string?)who["Type"]);
    }
}
