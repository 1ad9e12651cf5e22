using System.Management.Automation;
using DtsCrossAccount.Tests.Infrastructure;
using static DtsCrossAccount.Tests.Tencent.TencentFlowTests;

namespace DtsCrossAccount.Tests.Tencent;

/// <summary>
/// The guide's FAQ errors, each reproduced by its real misconfiguration, and the role/trust/grant conflicts the module
/// refuses to overwrite. Every failure must name the fix.
/// </summary>
public sealed class TencentDiagnosisTests : IAsyncLifetime
{
    private ModuleSession _s = null!;

    public async Task InitializeAsync() => _s = await ModuleSession.StartAsync();

    public async Task DisposeAsync() => await _s.DisposeAsync();

    private CheckItem AssumeRoleCheck(string script)
    {
        var r = _s.Run(script);
        Assert.Empty(r.Errors);
        var check = r.Single<AccessCheck>();
        Assert.False(check.Passed);
        return Assert.Single(check.Checks, c => c.Name == "AssumeRole");
    }

    [Fact]
    public void Wrong_peer_account_id_is_diagnosed_as_role_not_found_naming_both_values()
    {
        Assert.Empty(_s.Run(CreateRole).Errors);
        var item = AssumeRoleCheck("Test-DtsCrossAccountAccess -Cloud Tencent -ProfileName tencent-b -RoleAccountId 100000000003 -RoleName DTS-role -Region ap-guangzhou");
        Assert.Equal(CheckResult.Failed, item.Result);
        Assert.Contains("role not found: check the peer account ID '100000000003' and role name 'DTS-role'", item.Message);
        Assert.Contains("InternalError.GetRoleError", item.Message);
        Assert.Contains("New-DtsCrossAccountRole -Cloud Tencent -AccountId 100000000003", item.Remedy);
    }

    [Fact]
    public void Wrong_role_name_is_diagnosed_as_role_not_found_naming_both_values()
    {
        Assert.Empty(_s.Run(CreateRole).Errors);
        var r = _s.Run("Test-DtsCrossAccountAccess -Cloud Tencent -ProfileName tencent-b -RoleAccountId " + A + " -RoleName DTS-rol -Region ap-guangzhou");
        var check = r.Single<AccessCheck>();
        var item = Assert.Single(check.Checks, c => c.Name == "AssumeRole");
        Assert.Contains("role not found: check the peer account ID '" + A + "' and role name 'DTS-rol'", item.Message);
        // The instance listing needs the role's keys, so it is skipped, with the reason.
        var list = Assert.Single(check.Checks, c => c.Name == "ListInstances");
        Assert.Equal(CheckResult.Skipped, list.Result);
        Assert.False(string.IsNullOrEmpty(list.Message));
    }

    [Fact]
    public void The_listing_check_lists_the_peers_instances_of_the_engine_asked_for()
    {
        Assert.Empty(_s.Run(CreateRole).Errors);
        string test = "Test-DtsCrossAccountAccess -Cloud Tencent -ProfileName tencent-b -RoleAccountId " + A + " -RoleName DTS-role -Region ap-guangzhou";
        var mysql = Assert.Single(_s.Run(test).Single<AccessCheck>().Checks, c => c.Name == "ListInstances");
        Assert.Contains("cdb-src00001", mysql.Message);
        Assert.DoesNotContain("tdsqlshard-src01", mysql.Message);

        var tdsql = Assert.Single(_s.Run(test + " -Engine TDSQL").Single<AccessCheck>().Checks, c => c.Name == "ListInstances");
        Assert.Equal(CheckResult.Passed, tdsql.Result);
        Assert.Contains("TDSQL for MySQL instance(s)", tdsql.Message);
        Assert.Contains("tdsqlshard-src01", tdsql.Message);
        Assert.DoesNotContain("cdb-src00001", tdsql.Message);

        int mark = _s.CallCount;
        var refused = _s.Run(test + " -Engine cdwpg");
        Assert.StartsWith("UnsupportedTencentEngine,", Assert.Single(refused.Errors).FullyQualifiedErrorId);
        Assert.Equal(mark, _s.CallCount);
    }

    [Fact]
    public void A_role_made_with_an_external_id_is_assumable_only_with_that_id()
    {
        Assert.Empty(_s.Run(CreateRole + " -ExternalId orders-ext-7").Errors);
        // The trust statement carries the condition in the documented operator and the sts:external_id key.
        var trust = System.Text.Json.Nodes.JsonNode.Parse(_s.State.Tencent.Accounts[A].Roles["DTS-role"].PolicyDocument)!;
        Assert.Equal("orders-ext-7", (string?)trust["statement"]![0]!["condition"]!["string_equal"]!["sts:external_id"]);

        string test = "Test-DtsCrossAccountAccess -Cloud Tencent -ProfileName tencent-b -RoleAccountId " + A + " -RoleName DTS-role -Region ap-guangzhou";
        var right = _s.Run(test + " -ExternalId orders-ext-7").Single<AccessCheck>();
        Assert.Equal(CheckResult.Passed, Assert.Single(right.Checks, c => c.Name == "AssumeRole").Result);
        Assert.Equal(CheckResult.Passed, Assert.Single(right.Checks, c => c.Name == "ListInstances").Result);
        foreach (var wrong in new[] { "", " -ExternalId orders-ext-8", " -ExternalId ORDERS-EXT-7" })
        {
            var item = AssumeRoleCheck(test + wrong);
            Assert.Equal(CheckResult.Failed, item.Result);
            Assert.Contains("external ID", item.Remedy);
        }
    }

    [Fact]
    public void The_emulator_words_FAQ_2_as_the_guide_shows_it_on_one_line()
    {
        Assert.Empty(_s.Run(CreateRole).Errors);
        var item = AssumeRoleCheck("$role | Test-DtsCrossAccountAccess -ProfileName tencent-b-sub -Region ap-guangzhou");
        Assert.Contains("you are not authorized to perform operation (sts:AssumeRole), resource (qcs::cam::uin/" + A + ":roleName/DTS-role) has no permission", item.Message);
        Assert.DoesNotContain("\n", item.Message);
    }

    [Theory]
    // The guide's FAQ 2 (one line, comma) and the form seen in an SDK issue thread (line break, no comma).
    [InlineData("you are not authorized to perform operation (sts:AssumeRole), resource (qcs::cam::uin/{0}:roleName/DTS-role) has no permission")]
    [InlineData("[request id:1] you are not authorized to perform operation (sts:AssumeRole)\nresource (qcs::cam::uin/{0}:roleName/DTS-role) has no permission")]
    public void FAQ_2_is_recognised_by_its_text_in_both_forms_whatever_code_carries_it(string form)
    {
        Assert.Empty(_s.Run(CreateRole).Errors);
        // A code the module does not list as a denial: only the text can tell it is FAQ 2.
        _s.Emulator.Faults.Add("Tencent", "AssumeRole", "InternalError.UnknownError", times: 1, message: string.Format(form, A));
        var item = AssumeRoleCheck("$role | Test-DtsCrossAccountAccess -ProfileName tencent-b-sub -Region ap-guangzhou");
        Assert.True(item.Message.StartsWith("Not allowed to assume", StringComparison.Ordinal), item.Message);
        Assert.Contains("Grant-DtsSubAccountAssumeRole -Cloud Tencent -RoleAccountId " + A + " -RoleName DTS-role -SubAccountUin " + BSub, item.Remedy);
    }

    [Fact]
    public void Another_error_with_that_code_is_not_taken_for_FAQ_2()
    {
        Assert.Empty(_s.Run(CreateRole).Errors);
        _s.Emulator.Faults.Add("Tencent", "AssumeRole", "InternalError.UnknownError", times: 1, message: "unknown error");
        var item = AssumeRoleCheck("$role | Test-DtsCrossAccountAccess -ProfileName tencent-b-sub -Region ap-guangzhou");
        Assert.StartsWith("AssumeRole on", item.Message);
        Assert.DoesNotContain("Grant-DtsSubAccountAssumeRole", item.Remedy);
    }

    [Fact]
    public void Sub_account_without_the_grant_gets_the_exact_grant_command_and_resource()
    {
        Assert.Empty(_s.Run(CreateRole).Errors);
        var item = AssumeRoleCheck("$role | Test-DtsCrossAccountAccess -ProfileName tencent-b-sub -Region ap-guangzhou");
        Assert.Contains("sts:AssumeRole", item.Message);
        Assert.Contains("qcs::cam::uin/" + A + ":roleName/DTS-role", item.Remedy);
        Assert.Contains("Grant-DtsSubAccountAssumeRole -Cloud Tencent -RoleAccountId " + A + " -RoleName DTS-role -SubAccountUin " + BSub + " -ProfileName", item.Remedy);
        Assert.Contains("root account " + B, item.Remedy);

        // The same misconfiguration stops New-DtsSyncTask before the purchase, with the same FAQ diagnosis and remedy.
        var task = _s.Run(SyncTask("tencent-b-sub", "sub-no-grant", "-Database shop"));
        var e = Assert.Single(task.Errors);
        Assert.StartsWith("SyncTaskPreflightFailed,", e.FullyQualifiedErrorId);
        Assert.Equal(ErrorCategory.PermissionDenied, e.CategoryInfo.Category);
        Assert.Contains("sts:AssumeRole", e.Exception.Message);
        Assert.Contains("Grant-DtsSubAccountAssumeRole -Cloud Tencent -RoleAccountId " + A, e.Exception.Message);
        var failed = Assert.Single(task.Single<SyncTask>().Checks, c => c.Result == CheckResult.Failed);
        Assert.Equal("SourceAssumeRole", failed.Name);
        Assert.DoesNotContain(_s.Calls.Snapshot(), c => c.Action == "CreateSyncJob");

        // Following the remedy fixes it, and the re-run continues the same job.
        Assert.Empty(_s.Run("$role | Grant-DtsSubAccountAssumeRole -ProfileName tencent-b -SubAccountUin " + BSub).Errors);
        var again = _s.Run(SyncTask("tencent-b-sub", "sub-no-grant", "-Database shop -Wait"));
        Assert.Empty(again.Errors);
        Assert.Equal("Running", again.Single<SyncTask>().Status);
        Assert.Single(_s.Calls.Snapshot(), c => c.Action == "CreateSyncJob");
    }

    [Fact]
    public void Wrong_external_id_for_a_root_caller_points_at_the_trust_policy_and_the_external_id()
    {
        Assert.Empty(_s.Run(CreateRole + " -ExternalId right-ext-01").Errors);
        var item = AssumeRoleCheck("Test-DtsCrossAccountAccess -Cloud Tencent -ProfileName tencent-b -RoleAccountId " + A +
                                   " -RoleName DTS-role -ExternalId wrong-ext-02 -Region ap-guangzhou");
        Assert.Contains("external ID", item.Remedy);
        Assert.Contains("Set-DtsTrustPolicy -Cloud Tencent -AccountId " + A + " -RoleName DTS-role -TrustedAccountId " + B, item.Remedy);
        Assert.DoesNotContain("Grant-DtsSubAccountAssumeRole", item.Remedy);

        // With the owner's credentials the role-side check says which part differs.
        var owner = _s.Run("Test-DtsCrossAccountAccess -Cloud Tencent -ProfileName tencent-b -RoleAccountId " + A +
                           " -RoleName DTS-role -ExternalId wrong-ext-02 -OwnerProfileName tencent-a");
        var ext = Assert.Single(owner.Single<AccessCheck>().Checks, c => c.Name == "RoleExternalId");
        Assert.Equal(CheckResult.Failed, ext.Result);
        Assert.Contains("different external ID", ext.Message);
    }

    [Fact]
    public void Existing_role_with_another_trust_is_not_overwritten_and_Set_DtsTrustPolicy_fixes_it_keeping_other_statements()
    {
        // The role exists, trusting account C, with an unrelated service statement.
        var account = _s.State.Tencent.Accounts[A];
        Assert.Empty(_s.Run("New-DtsCrossAccountRole -Cloud Tencent -ProfileName tencent-a -AccountId " + A + " -TrustedAccountId 100000000003 -RoleName DTS-role").Errors);
        var role = account.Roles["DTS-role"];
        // As the console may store it: key order, scalar-vs-list and the extra statement differ from what the module writes.
        role.PolicyDocument = "{\"statement\":[{\"effect\":\"allow\",\"principal\":{\"qcs\":\"qcs::cam::uin/100000000003:root\"},\"action\":[\"name/sts:AssumeRole\"]}," +
                              "{\"action\":\"name/sts:AssumeRole\",\"effect\":\"allow\",\"principal\":{\"service\":[\"cloudaudit.cloud.tencent.com\"]}}],\"version\":\"2.0\"}";
        Assert.Contains("cloudaudit", role.PolicyDocument);

        int mark = _s.CallCount;
        var r = _s.Run(CreateRole);
        var e = Assert.Single(r.Errors);
        Assert.StartsWith("RoleTrustPolicyMismatch", e.FullyQualifiedErrorId);
        Assert.True(e.Exception.Message.Contains("trusts root account 100000000003 instead of " + B), e.Exception.Message);
        Assert.Contains("Set-DtsTrustPolicy -Cloud Tencent -AccountId " + A + " -RoleName DTS-role -TrustedAccountId " + B, e.Exception.Message);
        Assert.Empty(_s.WritesSince(mark));

        var set = _s.Run("Set-DtsTrustPolicy -Cloud Tencent -ProfileName tencent-a -AccountId " + A + " -RoleName DTS-role -TrustedAccountId " + B + " -Confirm:$false");
        Assert.Empty(set.Errors);
        Assert.True(set.Single<CrossAccountRole>().Changed);
        Assert.Contains("qcs::cam::uin/" + B + ":root", role.PolicyDocument);
        Assert.DoesNotContain("100000000003", role.PolicyDocument);
        Assert.Contains("cloudaudit.cloud.tencent.com", role.PolicyDocument);

        var after = _s.Run(CreateRole + "; $role");
        Assert.Empty(after.Errors);
        Assert.False(after.Single<CrossAccountRole>().Changed);
    }

    [Fact]
    public void Role_missing_only_the_policy_is_completed_not_recreated()
    {
        Assert.Empty(_s.Run(CreateRole).Errors);
        _s.State.Tencent.Accounts[A].Roles["DTS-role"].AttachedPolicyIds.Clear();

        var check = _s.Run("$role | Test-DtsCrossAccountAccess -ProfileName tencent-b -OwnerProfileName tencent-a").Single<AccessCheck>();
        var policy = Assert.Single(check.Checks, c => c.Name == "RolePolicy");
        Assert.Equal(CheckResult.Failed, policy.Result);
        Assert.Contains("New-DtsCrossAccountRole", policy.Remedy);

        int mark = _s.CallCount;
        var r = _s.Run(CreateRole + " -Verbose; $role");
        Assert.Empty(r.Errors);
        var role = r.Single<CrossAccountRole>();
        Assert.True(role.Changed);
        Assert.Contains(role.Changes, c => c.StartsWith("Complete existing CAM role 'DTS-role'"));
        Assert.Equal(new[] { "AttachRolePolicy" }, _s.WritesSince(mark).Select(w => w.Action));
    }

    [Fact]
    public void Grant_refuses_a_policy_with_the_same_name_and_another_document_and_an_unknown_sub_account()
    {
        Assert.Empty(_s.Run(CreateRole).Errors);
        int mark = _s.CallCount;
        var missing = _s.Run("$role | Grant-DtsSubAccountAssumeRole -ProfileName tencent-b -SubAccountUin 100000000099");
        Assert.StartsWith("SubAccountNotFound", Assert.Single(missing.Errors).FullyQualifiedErrorId);
        Assert.Empty(_s.WritesSince(mark));

        Assert.Empty(_s.Run("Grant-DtsSubAccountAssumeRole -Cloud Tencent -ProfileName tencent-b -RoleAccountId " + A +
                            " -RoleName Other-role -SubAccountUin " + BSub + " -PolicyName shared-name").Errors);
        mark = _s.CallCount;
        var clash = _s.Run("$role | Grant-DtsSubAccountAssumeRole -ProfileName tencent-b -SubAccountUin " + BSub + " -PolicyName shared-name");
        var e = Assert.Single(clash.Errors);
        Assert.StartsWith("GrantPolicyMismatch", e.FullyQualifiedErrorId);
        Assert.Contains("roleName/Other-role", e.Exception.Message);
        Assert.Contains("roleName/DTS-role", e.Exception.Message);
        Assert.Empty(_s.WritesSince(mark));
    }

    [Fact]
    public void Validation_messages_say_what_a_valid_value_looks_like()
    {
        int mark = _s.CallCount;
        var uin = _s.Run("New-DtsCrossAccountRole -Cloud Tencent -ProfileName tencent-a -AccountId 12ab -TrustedAccountId " + B);
        Assert.Contains("digits only", Assert.Single(uin.Errors).Exception.Message);
        var name = _s.Run("New-DtsCrossAccountRole -Cloud Tencent -ProfileName tencent-a -AccountId " + A + " -TrustedAccountId " + B + " -RoleName DTS_role");
        Assert.Contains("must not contain '_'", Assert.Single(name.Errors).Exception.Message);
        var region = _s.Run("Test-DtsCrossAccountAccess -Cloud Tencent -ProfileName tencent-b -RoleAccountId " + A + " -RoleName DTS-role -Region cn-hangzhou");
        Assert.Contains("ap-guangzhou", Assert.Single(region.Errors).Exception.Message);
        Assert.Equal(mark, _s.CallCount);
    }

    [Fact]
    public void A_trust_policy_with_the_same_meaning_in_another_shape_counts_as_unchanged()
    {
        Assert.Empty(_s.Run(CreateRole + " -ExternalId same-ext-01").Errors);
        _s.State.Tencent.Accounts[A].Roles["DTS-role"].PolicyDocument =
            "{\"Statement\":{\"Principal\":{\"qcs\":\"qcs::cam::uin/" + B + ":root\"},\"Effect\":\"Allow\",\"Action\":[\"name/sts:AssumeRole\"]," +
            "\"Condition\":{\"string_equal\":{\"sts:external_id\":[\"same-ext-01\"]}}},\"Version\":\"2.0\"}";
        int mark = _s.CallCount;
        var r = _s.Run(CreateRole + " -ExternalId same-ext-01; $role");
        Assert.Empty(r.Errors);
        Assert.False(r.Single<CrossAccountRole>().Changed);
        Assert.Empty(_s.WritesSince(mark));
    }
}
