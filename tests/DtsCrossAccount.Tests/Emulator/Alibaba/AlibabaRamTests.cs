using System.Text.Json.Nodes;
using Xunit;
using static DtsCrossAccount.Tests.Emulator.Alibaba.AlibabaHarness;

namespace DtsCrossAccount.Tests.Emulator.Alibaba;

public sealed class AlibabaRamTests
{
    private static string ServiceValues(JsonObject getRole)
    {
        var doc = JsonNode.Parse((string)getRole["Role"]!["AssumeRolePolicyDocument"]!)!;
        return string.Join(",", doc["Statement"]![0]!["Principal"]!["Service"]!.AsArray().Select(v => (string)v!));
    }

    [Fact]
    public void Trust_policy_naming_the_roles_own_account_collapses_to_plain_dts_service()
    {
        var h = new AlibabaHarness();
        // The mistake the guide warns about: Account A pastes its own ID instead of Account B's.
        h.Call(h.Root(A), "ram", "CreateRole", ("RoleName", "ram-for-dts"), ("AssumeRolePolicyDocument", DtsTrustPolicy(A)));

        var role = h.Call(h.Root(A), "ram", "GetRole", ("RoleName", "ram-for-dts"));
        Assert.Equal("dts.aliyuncs.com", ServiceValues(role));
    }

    [Fact]
    public void Trust_policy_naming_another_account_is_stored_as_written_and_update_collapses_too()
    {
        var h = new AlibabaHarness();
        h.Call(h.Root(A), "ram", "CreateRole", ("RoleName", "ram-for-dts"), ("AssumeRolePolicyDocument", DtsTrustPolicy(B)));
        Assert.Equal($"{B}@dts.aliyuncs.com", ServiceValues(h.Call(h.Root(A), "ram", "GetRole", ("RoleName", "ram-for-dts"))));

        var updated = h.Call(h.Root(A), "ram", "UpdateRole", ("RoleName", "ram-for-dts"), ("NewAssumeRolePolicyDocument", DtsTrustPolicy(A)));
        Assert.Equal("dts.aliyuncs.com", ServiceValues(updated));
        Assert.Equal("dts.aliyuncs.com", ServiceValues(h.Call(h.Root(A), "ram", "GetRole", ("RoleName", "ram-for-dts"))));
    }

    [Fact]
    public void Create_role_returns_the_official_shape_and_a_second_create_conflicts()
    {
        var h = new AlibabaHarness();
        var created = h.Call(h.Root(A), "ram", "CreateRole", ("RoleName", "ram-for-dts"),
            ("AssumeRolePolicyDocument", DtsTrustPolicy(B)), ("Description", "DTS from B"));
        var role = created["Role"]!.AsObject();
        Assert.Equal("ram-for-dts", (string)role["RoleName"]!);
        Assert.Equal($"acs:ram::{A}:role/ram-for-dts", (string)role["Arn"]!);
        Assert.Equal(3600, (int)role["MaxSessionDuration"]!);
        Assert.Matches(@"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$", (string)role["CreateDate"]!);

        var e = h.Fails(h.Root(A), "ram", "CreateRole", ("RoleName", "RAM-FOR-DTS"), ("AssumeRolePolicyDocument", DtsTrustPolicy(B)));
        Assert.Equal(("EntityAlreadyExists.Role", 409, "The role does already EXIST."), (e.Code, e.HttpStatus, e.Message));
    }

    [Theory]
    [InlineData("not json")]
    [InlineData("{\"Version\":\"1\",\"Statement\":[]}")]
    [InlineData("{\"Version\":\"2\",\"Statement\":[{\"Action\":\"sts:AssumeRole\",\"Effect\":\"Allow\",\"Principal\":{\"RAM\":\"acs:ram::1000000000000002:root\"}}]}")]
    [InlineData("{\"Version\":\"1\",\"Statement\":[{\"Action\":\"ecs:*\",\"Effect\":\"Allow\",\"Principal\":{\"RAM\":\"acs:ram::1000000000000002:root\"}}]}")]
    [InlineData("{\"Version\":\"1\",\"Statement\":[{\"Action\":\"sts:AssumeRole\",\"Effect\":\"Allow\",\"Principal\":{\"RAM\":\"1000000000000002\"}}]}")]
    [InlineData("{\"Version\":\"1\",\"Statement\":[{\"Action\":\"sts:AssumeRole\",\"Effect\":\"Allow\",\"Principal\":{\"Service\":[\"dts\"]}}]}")]
    public void Malformed_trust_policies_are_refused(string document)
    {
        var h = new AlibabaHarness();
        var e = h.Fails(h.Root(A), "ram", "CreateRole", ("RoleName", "r1"), ("AssumeRolePolicyDocument", document));
        Assert.Equal(("MalformedPolicyDocument", 400), (e.Code, e.HttpStatus));
        Assert.Equal("EntityNotExist.Role", h.Fails(h.Root(A), "ram", "GetRole", ("RoleName", "r1")).Code);
    }

    [Fact]
    public void Ram_principal_may_be_a_single_string()
    {
        var h = new AlibabaHarness();
        var doc = "{\"Version\":\"1\",\"Statement\":[{\"Action\":\"sts:AssumeRole\",\"Effect\":\"Allow\",\"Principal\":{\"RAM\":\"acs:ram::" + B + ":root\"}}]}";
        h.Call(h.Root(A), "ram", "CreateRole", ("RoleName", "r1"), ("AssumeRolePolicyDocument", doc));
        Assert.Equal("r1", (string)h.Call(h.Root(A), "ram", "GetRole", ("RoleName", "r1"))["Role"]!["RoleName"]!);
    }

    [Theory]
    [InlineData("ram_for_dts", "InvalidParameter.RoleName.InvalidChars")]
    [InlineData("a-very-long-role-name-that-goes-on-and-on-beyond-the-sixty-four-limit", "InvalidParameter.RoleName.Length")]
    public void Role_names_are_validated(string name, string code)
    {
        var h = new AlibabaHarness();
        var e = h.Fails(h.Root(A), "ram", "CreateRole", ("RoleName", name), ("AssumeRolePolicyDocument", DtsTrustPolicy(B)));
        Assert.Equal((code, 400), (e.Code, e.HttpStatus));
    }

    [Fact]
    public void Users_and_roles_are_separate_namespaces()
    {
        var h = new AlibabaHarness();
        Assert.Equal("ops-admin", (string)h.Call(h.Root(A), "ram", "GetUser", ("UserName", "ops-admin"))["User"]!["UserName"]!);

        var e = h.Fails(h.Root(A), "ram", "GetRole", ("RoleName", "ops-admin"));
        Assert.Equal(("EntityNotExist.Role", 404), (e.Code, e.HttpStatus));
        Assert.Equal("EntityNotExist.User", h.Fails(h.Root(A), "ram", "GetUser", ("UserName", "ram-for-dts")).Code);
        Assert.Empty(h.Call(h.Root(A), "ram", "ListRoles")["Roles"]!["Role"]!.AsArray());
    }

    [Fact]
    public void Ram_user_writes_need_ram_permissions()
    {
        var h = new AlibabaHarness();
        // dts-operator in C holds only AliyunDTSFullAccess.
        var e = h.Fails(h.User(C, "dts-operator"), "ram", "CreateRole", ("RoleName", "r1"), ("AssumeRolePolicyDocument", DtsTrustPolicy(B)));
        Assert.Equal(("NoPermission", 403, "You are not authorized to do this action. You should be authorized by RAM."), (e.Code, e.HttpStatus, e.Message));

        // ops-admin in A holds AliyunRAMFullAccess.
        h.Call(h.User(A, "ops-admin"), "ram", "CreateRole", ("RoleName", "r1"), ("AssumeRolePolicyDocument", DtsTrustPolicy(B)));
        Assert.Single(h.Call(h.Root(A), "ram", "ListRoles")["Roles"]!["Role"]!.AsArray());
    }

    [Fact]
    public void Policy_attachment_conflicts_and_blocks_role_deletion()
    {
        var h = new AlibabaHarness();
        h.CreateDtsRole(A, "ram-for-dts", DtsTrustPolicy(B));

        var twice = h.Fails(h.Root(A), "ram", "AttachPolicyToRole", ("PolicyType", "System"), ("PolicyName", "AliyunDTSRolePolicy"), ("RoleName", "ram-for-dts"));
        Assert.Equal(("EntityAlreadyExists.Role.Policy", 409), (twice.Code, twice.HttpStatus));
        var unknown = h.Fails(h.Root(A), "ram", "AttachPolicyToRole", ("PolicyType", "System"), ("PolicyName", "NoSuchPolicy"), ("RoleName", "ram-for-dts"));
        Assert.Equal(("EntityNotExist.Policy", 404), (unknown.Code, unknown.HttpStatus));

        var listed = h.Call(h.Root(A), "ram", "ListPoliciesForRole", ("RoleName", "ram-for-dts"))["Policies"]!["Policy"]!.AsArray();
        Assert.Equal("AliyunDTSRolePolicy", (string)listed.Single()!["PolicyName"]!);
        Assert.Equal("System", (string)listed.Single()!["PolicyType"]!);

        var conflict = h.Fails(h.Root(A), "ram", "DeleteRole", ("RoleName", "ram-for-dts"));
        Assert.Equal(("DeleteConflict.Role.Policy", 409), (conflict.Code, conflict.HttpStatus));
        h.Call(h.Root(A), "ram", "DetachPolicyFromRole", ("PolicyType", "System"), ("PolicyName", "AliyunDTSRolePolicy"), ("RoleName", "ram-for-dts"));
        h.Call(h.Root(A), "ram", "DeleteRole", ("RoleName", "ram-for-dts"));
        Assert.Equal("EntityNotExist.Role", h.Fails(h.Root(A), "ram", "GetRole", ("RoleName", "ram-for-dts")).Code);
    }

    [Fact]
    public void Custom_policies_can_be_created_read_attached_and_deleted()
    {
        var h = new AlibabaHarness();
        var doc = "{\"Version\":\"1\",\"Statement\":[{\"Effect\":\"Allow\",\"Action\":\"sts:AssumeRole\",\"Resource\":\"acs:ram:*:" + A + ":role/ram-for-dts\"}]}";
        h.Call(h.Root(C), "ram", "CreatePolicy", ("PolicyName", "assume-a-dts-role"), ("PolicyDocument", doc));
        Assert.Equal("EntityAlreadyExists.Policy", h.Fails(h.Root(C), "ram", "CreatePolicy", ("PolicyName", "assume-a-dts-role"), ("PolicyDocument", doc)).Code);
        Assert.Equal("MalformedPolicyDocument", h.Fails(h.Root(C), "ram", "CreatePolicy", ("PolicyName", "bad"), ("PolicyDocument", "{\"Version\":\"1\"}")).Code);

        var got = h.Call(h.Root(C), "ram", "GetPolicy", ("PolicyName", "assume-a-dts-role"), ("PolicyType", "Custom"));
        Assert.Equal(doc, (string)got["DefaultPolicyVersion"]!["PolicyDocument"]!);

        h.Call(h.Root(C), "ram", "AttachPolicyToUser", ("PolicyType", "Custom"), ("PolicyName", "assume-a-dts-role"), ("UserName", "dts-operator"));
        var names = h.Call(h.Root(C), "ram", "ListPoliciesForUser", ("UserName", "dts-operator"))["Policies"]!["Policy"]!.AsArray().Select(p => (string)p!["PolicyName"]!);
        Assert.Contains("assume-a-dts-role", names);
        Assert.StartsWith("DeleteConflict", h.Fails(h.Root(C), "ram", "DeletePolicy", ("PolicyName", "assume-a-dts-role")).Code);
        h.Call(h.Root(C), "ram", "DetachPolicyFromUser", ("PolicyType", "Custom"), ("PolicyName", "assume-a-dts-role"), ("UserName", "dts-operator"));
        h.Call(h.Root(C), "ram", "DeletePolicy", ("PolicyName", "assume-a-dts-role"));
        Assert.Equal("EntityNotExist.Policy", h.Fails(h.Root(C), "ram", "GetPolicy", ("PolicyName", "assume-a-dts-role"), ("PolicyType", "Custom")).Code);
    }
}
