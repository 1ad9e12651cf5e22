using System.Text.Json.Nodes;
using Xunit;
using static DtsCrossAccount.Tests.Emulator.Tencent.TencentHarness;

namespace DtsCrossAccount.Tests.Emulator.Tencent;

public sealed class TencentCamTests
{
    [Fact]
    public void CreateRole_rejects_an_unknown_principal_and_a_taken_name()
    {
        var h = new TencentHarness();
        var a = h.KeyOf(A);
        Assert.Equal("InvalidParameter.PrincipalQcsNotExist",
            h.Fails(a, "cam", "CreateRole", new { RoleName = "DTS-role", PolicyDocument = Trust("100000000999") }).Code);
        Assert.Equal("InvalidParameter.VersionError",
            h.Fails(a, "cam", "CreateRole", new { RoleName = "DTS-role", PolicyDocument = Trust(B).Replace("2.0", "1.0") }).Code);

        h.Call(a, "cam", "CreateRole", new { RoleName = "DTS-role", PolicyDocument = Trust(B) });
        Assert.Equal("InvalidParameter.RoleNameInUse",
            h.Fails(a, "cam", "CreateRole", new { RoleName = "dts-ROLE", PolicyDocument = Trust(B) }).Code);
    }

    [Fact]
    public void GetRole_returns_the_trust_policy_as_plain_json_and_the_role_arn()
    {
        var h = new TencentHarness();
        h.CreateSourceRole(externalId: "ext-1");

        var info = h.Call(h.KeyOf(A), "cam", "GetRole", new { RoleName = "DTS-role" })["RoleInfo"]!;

        Assert.Equal("qcs::cam::uin/100000000001:roleName/DTS-role", (string?)info["RoleArn"]);
        var doc = JsonNode.Parse((string)info["PolicyDocument"]!)!;
        Assert.Equal("ext-1", (string?)doc["statement"]![0]!["condition"]!["string_equal"]!["sts:external_id"]);
        Assert.Equal("InvalidParameter.RoleNotExist", h.Fails(h.KeyOf(B), "cam", "GetRole", new { RoleName = "DTS-role" }).Code);
    }

    [Fact]
    public void Attaching_a_preset_policy_twice_is_a_no_op()
    {
        var h = new TencentHarness();
        h.CreateSourceRole();
        h.Call(h.KeyOf(A), "cam", "AttachRolePolicy", new { PolicyName = "QcloudDTSReadOnlyAccess", AttachRoleName = "DTS-role" });

        var list = h.Call(h.KeyOf(A), "cam", "ListAttachedRolePolicies", new { RoleName = "DTS-role", Page = 1, Rp = 20 });

        Assert.Equal(1, (int)list["TotalNum"]!);
        Assert.Equal("QcloudDTSReadOnlyAccess", (string?)list["List"]![0]!["PolicyName"]);
        Assert.Equal("QCS", (string?)list["List"]![0]!["PolicyType"]);
    }

    [Fact]
    public void Policies_are_per_account_and_names_unique()
    {
        var h = new TencentHarness();
        var doc = "{\"version\":\"2.0\",\"statement\":[{\"effect\":\"allow\",\"action\":\"name/sts:AssumeRole\",\"resource\":\"*\"}]}";
        var id = (long)h.Call(h.KeyOf(B), "cam", "CreatePolicy", new { PolicyName = "p1", PolicyDocument = doc })["PolicyId"]!;
        Assert.Equal("FailedOperation.PolicyNameInUse", h.Fails(h.KeyOf(B), "cam", "CreatePolicy", new { PolicyName = "p1", PolicyDocument = doc }).Code);
        Assert.Equal("InvalidParameter.PolicyIdNotExist", h.Fails(h.KeyOf(A), "cam", "GetPolicy", new { PolicyId = id }).Code);

        var local = h.Call(h.KeyOf(B), "cam", "ListPolicies", new { Scope = "Local", Keyword = "p" });
        Assert.Equal(new[] { "p1" }, local["List"]!.AsArray().Select(p => (string)p!["PolicyName"]!).ToArray());
        Assert.Equal("InvalidParameter.UserNotExist", h.Fails(h.KeyOf(A), "cam", "AttachUserPolicy", new { PolicyId = 11000001, AttachUin = SubB }).Code);
    }

    [Fact]
    public void A_sub_account_without_cam_rights_cannot_write_cam()
    {
        var h = new TencentHarness();
        var doc = "{\"version\":\"2.0\",\"statement\":[{\"effect\":\"allow\",\"action\":\"name/sts:AssumeRole\",\"resource\":\"*\"}]}";

        var err = h.Fails(h.KeyOf(SubB), "cam", "CreatePolicy", new { PolicyName = "p1", PolicyDocument = doc });

        Assert.Equal("AuthFailure.UnauthorizedOperation", err.Code);
        Assert.Contains("(cam:CreatePolicy)", err.Message);
        var app = h.Call(h.KeyOf(SubB), "cam", "GetUserAppId");
        Assert.Equal(SubB, (string?)app["Uin"]);
        Assert.Equal(B, (string?)app["OwnerUin"]);
    }
}
