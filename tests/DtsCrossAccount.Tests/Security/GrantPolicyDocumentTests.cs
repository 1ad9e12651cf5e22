using System.Text.Json.Nodes;
using DtsCrossAccount.Tests.Infrastructure;

namespace DtsCrossAccount.Tests.Security;

/// <summary>
/// The grant is least privilege, read back from what the cloud stored: exactly one statement that allows sts:AssumeRole
/// on exactly the one role, nothing wider (no wildcard over role names, no second role, no other action). A wider
/// policy would let the sub-account / RAM user assume roles the owner never meant for it.
/// </summary>
public sealed class GrantPolicyDocumentTests : IAsyncLifetime
{
    private ModuleSession _s = null!;

    public async Task InitializeAsync() => _s = await ModuleSession.StartAsync();

    public async Task DisposeAsync() => await _s.DisposeAsync();

    [Fact]
    public void Tencent_grant_stored_in_CAM_allows_AssumeRole_on_exactly_that_role()
    {
        const string A = "100000000001", B = "100000000002", BSub = "100000000021";
        var role = _s.Run($"$role = New-DtsCrossAccountRole -Cloud Tencent -ProfileName tencent-a -AccountId {A} -TrustedAccountId {B} -RoleName DTS-role; $role").Single<CrossAccountRole>();
        var grant = _s.Run($"$role | Grant-DtsSubAccountAssumeRole -ProfileName tencent-b -SubAccountUin {BSub}").Single<AssumeRoleGrant>();
        Assert.True(grant.Changed);

        // What CAM holds in the task account, and that it is the policy attached to the sub-account.
        var account = _s.State.Tencent.Accounts[B];
        var stored = Assert.Single(account.CustomPolicies.Values, p => p.PolicyName == grant.PolicyName);
        Assert.Contains(stored.PolicyId, account.SubAccounts[BSub].AttachedPolicyIds);

        var statement = SingleStatement(stored.PolicyDocument, "statement");
        Assert.Equal("allow", (string?)statement["effect"]);
        // CAM's documented role resource (qcs::cam::uin/<owner>:roleName/<name>) of the role the owner created.
        string roleResource = "qcs::cam::uin/" + A + ":roleName/" + _s.State.Tencent.Accounts[A].Roles["DTS-role"].RoleName;
        Assert.Equal(roleResource, role.Arn);
        Assert.Equal(new[] { "name/sts:AssumeRole" }, Strings(statement["action"]));
        Assert.Equal(new[] { roleResource }, Strings(statement["resource"]));
        Assert.Null(statement["condition"]);
        Assert.Equal(3, statement.Count); // effect, action, resource: nothing else widens or narrows it
    }

    [Fact]
    public void Tencent_grant_does_not_let_the_sub_account_assume_another_role_of_the_owner()
    {
        const string A = "100000000001", B = "100000000002", BSub = "100000000021";
        // Two roles in A that both trust B; the sub-account is granted only the first.
        _s.Run($"$role = New-DtsCrossAccountRole -Cloud Tencent -ProfileName tencent-a -AccountId {A} -TrustedAccountId {B} -RoleName DTS-role");
        _s.Run($"$other = New-DtsCrossAccountRole -Cloud Tencent -ProfileName tencent-a -AccountId {A} -TrustedAccountId {B} -RoleName DTS-role-other");
        Assert.Empty(_s.Run($"$role | Grant-DtsSubAccountAssumeRole -ProfileName tencent-b -SubAccountUin {BSub}").Errors);

        var granted = _s.Run("$role | Test-DtsCrossAccountAccess -ProfileName tencent-b-sub -Region ap-guangzhou").Single<AccessCheck>();
        Assert.True(granted.Passed, string.Join("\n", granted.Checks.Select(c => c.Name + " " + c.Result + " " + c.Message)));
        var other = _s.Run("$other | Test-DtsCrossAccountAccess -ProfileName tencent-b-sub -Region ap-guangzhou").Single<AccessCheck>();
        Assert.False(other.Passed);
        Assert.Contains(other.Checks, c => c.Result == CheckResult.Failed);
    }

    [Fact]
    public void Alibaba_grant_stored_in_RAM_allows_AssumeRole_on_exactly_that_roles_ARN()
    {
        const string A = "1000000000000001", C = "1000000000000003";
        _s.Run($"$role = New-DtsCrossAccountRole -Cloud Alibaba -ProfileName alibaba-a -AccountId {A} -TrustedAccountId {C}");
        var grant = _s.Run("$role | Grant-DtsSubAccountAssumeRole -ProfileName alibaba-c -RamUserName dts-operator").Single<AssumeRoleGrant>();
        Assert.True(grant.Changed);

        var account = _s.State.Alibaba.Accounts[C];
        var stored = account.CustomPolicies[grant.PolicyName];
        Assert.Contains(("Custom", grant.PolicyName), account.Users["dts-operator"].Policies);

        var statement = SingleStatement(stored.PolicyDocument, "Statement");
        Assert.Equal("Allow", (string?)statement["Effect"]);
        Assert.Equal(new[] { "sts:AssumeRole" }, Strings(statement["Action"]));
        // The ARN RAM gave the role when it was created, not one the module or the test spelled.
        string arn = Assert.Single(_s.State.Alibaba.Accounts[A].Roles.Values).Arn;
        Assert.Equal(new[] { arn }, Strings(statement["Resource"]));
        Assert.Null(statement["Condition"]);
        Assert.Equal(3, statement.Count);
    }

    private static JsonObject SingleStatement(string document, string statementKey)
    {
        var doc = JsonNode.Parse(document)!.AsObject();
        var statements = doc[statementKey]!.AsArray();
        return Assert.Single(statements)!.AsObject();
    }

    // A policy element may be a string or a list of strings (both clouds' grammars); compare as a list.
    private static string[] Strings(JsonNode? node) => node switch
    {
        JsonArray a => a.Select(x => (string)x!).ToArray(),
        JsonValue v => new[] { (string)v! },
        _ => Array.Empty<string>(),
    };
}
