using DtsCrossAccount.Json;
using DtsCrossAccount.Tencent;

namespace DtsCrossAccount.Tests.Tencent;

/// <summary>
/// How the module reads a CAM role's stored trust policy (the verdict New-DtsCrossAccountRole, Set-DtsTrustPolicy and
/// Test-DtsCrossAccountAccess give on a role someone else wrote) and whether two policy documents mean the same (a rerun
/// that changes nothing). Documents are shaped as the CAM docs write them (598/19381 CreateRole, 598/10603 grammar):
/// lower-case keys, "qcs" principals, string_equal conditions.
/// </summary>
public sealed class TencentTrustPolicyTests
{
    private const string Owner = "100000000001", Trusted = "100000000002", Other = "100000000003";

    private static string Statement(string principal, string action = "\"name/sts:AssumeRole\"", string effect = "allow", string? condition = null) =>
        "{\"action\":" + action + ",\"effect\":\"" + effect + "\",\"principal\":" + principal + (condition == null ? "" : ",\"condition\":" + condition) + "}";

    private static string Doc(params string[] statements) => "{\"version\":\"2.0\",\"statement\":[" + string.Join(",", statements) + "]}";

    private static string Root(string uin) => "{\"qcs\":[\"qcs::cam::uin/" + uin + ":root\"]}";

    private static string ExternalId(string id) => "{\"string_equal\":{\"sts:external_id\":\"" + id + "\"}}";

    [Fact]
    public void The_trust_policy_the_module_writes_reads_back_as_exactly_what_was_asked()
    {
        Assert.Null(TencentPolicyDocuments.TrustDifference(Json.Json.Serialize(TencentPolicyDocuments.TrustPolicy(Trusted, null)), Trusted, null));
        Assert.Null(TencentPolicyDocuments.TrustDifference(Json.Json.Serialize(TencentPolicyDocuments.TrustPolicy(Trusted, "orders-ext-01")), Trusted, "orders-ext-01"));
    }

    [Fact]
    public void A_role_trusting_another_root_account_names_both_accounts()
    {
        var d = TencentPolicyDocuments.TrustDifference(Doc(Statement(Root(Other))), Trusted, null);
        Assert.Equal("its trust policy trusts root account " + Other + " instead of " + Trusted, d);
    }

    [Theory]
    [InlineData("{\"service\":[\"dts.cloud.tencent.com\"]}", "allow")]                   // a service role
    [InlineData("{\"qcs\":[\"qcs::cam::uin/100000000002:uin/100000000021\"]}", "allow")] // a sub-user, not the root
    [InlineData("{\"qcs\":[\"qcs::cam::uin/100000000002:root\"]}", "deny")]              // a deny statement
    [InlineData("{\"qcs\":[\"qcs::cam::uin/:root\"]}", "allow")]                           // no account at all
    [InlineData("{\"qcs\":[\"qcs::cam::uin/100000000002\"]}", "allow")]                   // no principal type
    [InlineData("{\"qcs\":[\"qcs::cam::anyone\"]}", "allow")]
    public void A_role_no_root_account_may_assume_is_reported_as_such(string principal, string effect)
    {
        var d = TencentPolicyDocuments.TrustDifference(Doc(Statement(principal, effect: effect)), Trusted, null);
        Assert.Equal("its trust policy lets no root account assume it (expected root account " + Trusted + ")", d);
    }

    [Theory]
    [InlineData("\"name/sts:AssumeRole\"")]
    [InlineData("[\"name/sts:assumerole\"]")]
    [InlineData("\"sts:AssumeRole\"")]
    [InlineData("\"name/sts:*\"")]
    [InlineData("\"*\"")]
    public void Every_action_form_that_allows_AssumeRole_counts(string action)
    {
        Assert.Null(TencentPolicyDocuments.TrustDifference(Doc(Statement(Root(Trusted), action)), Trusted, null));
    }

    [Theory]
    [InlineData("\"name/sts:GetFederationToken\"")]
    [InlineData("\"name/cam:*\"")]
    [InlineData("[]")]
    public void An_action_that_is_not_AssumeRole_grants_nothing(string action)
    {
        Assert.StartsWith("its trust policy lets no root account", TencentPolicyDocuments.TrustDifference(Doc(Statement(Root(Trusted), action)), Trusted, null));
    }

    [Fact]
    public void Root_written_as_a_user_of_itself_a_single_statement_object_and_a_scalar_principal_all_count()
    {
        var asUser = "{\"version\":\"2.0\",\"statement\":" + Statement("{\"qcs\":\"qcs::cam::uin/" + Trusted + ":uin/" + Trusted + "\"}") + "}";
        Assert.Null(TencentPolicyDocuments.TrustDifference(asUser, Trusted, null));
        var keysInOtherCase = "{\"Version\":\"2.0\",\"Statement\":[{\"Action\":\"name/sts:AssumeRole\",\"Effect\":\"Allow\",\"Principal\":{\"QCS\":[\"qcs::cam::uin/" + Trusted + ":root\"]}}]}";
        Assert.Null(TencentPolicyDocuments.TrustDifference(keysInOtherCase, Trusted, null));
    }

    [Fact]
    public void Not_json_or_no_statement_trusts_nobody()
    {
        var expected = "its trust policy lets no root account assume it (expected root account " + Trusted + ")";
        Assert.Equal(expected, TencentPolicyDocuments.TrustDifference("not json", Trusted, null));
        Assert.Equal(expected, TencentPolicyDocuments.TrustDifference("{\"version\":\"2.0\"}", Trusted, null));
        Assert.Equal(expected, TencentPolicyDocuments.TrustDifference("{\"version\":\"2.0\",\"statement\":\"x\"}", Trusted, null));
    }

    [Fact]
    public void External_id_mismatches_are_told_apart_and_never_show_an_id()
    {
        var withId = Doc(Statement(Root(Trusted), condition: ExternalId("secret-ext-1")));
        Assert.Null(TencentPolicyDocuments.TrustDifference(withId, Trusted, "secret-ext-1"));
        var notGiven = TencentPolicyDocuments.TrustDifference(withId, Trusted, null);
        var different = TencentPolicyDocuments.TrustDifference(withId, Trusted, "secret-ext-2");
        var notRequired = TencentPolicyDocuments.TrustDifference(Doc(Statement(Root(Trusted))), Trusted, "secret-ext-1");
        Assert.Equal("its trust policy requires an external ID from account " + Trusted + " but -ExternalId was not given", notGiven);
        Assert.Equal("its trust policy requires a different external ID than the one given", different);
        Assert.Equal("its trust policy has no external ID condition but -ExternalId was given", notRequired);
        Assert.All(new[] { notGiven, different, notRequired }, d => Assert.DoesNotContain("secret-ext", d));
    }

    [Fact]
    public void Any_of_several_external_ids_is_accepted_and_an_unconditional_statement_wins()
    {
        var two = Doc(Statement(Root(Trusted), condition: "{\"string_equal\":{\"sts:external_id\":[\"ext-a\",\"ext-b\"]}}"));
        Assert.Null(TencentPolicyDocuments.TrustDifference(two, Trusted, "ext-b"));
        var conditionalThenOpen = Doc(Statement(Root(Trusted), condition: ExternalId("ext-a")), Statement(Root(Trusted)));
        Assert.Null(TencentPolicyDocuments.TrustDifference(conditionalThenOpen, Trusted, null));
        var openThenConditional = Doc(Statement(Root(Trusted)), Statement(Root(Trusted), condition: ExternalId("ext-a")));
        Assert.Null(TencentPolicyDocuments.TrustDifference(openThenConditional, Trusted, null));
    }

    [Fact]
    public void Only_string_equal_on_the_exact_condition_key_requires_an_external_id()
    {
        var otherOperator = Doc(Statement(Root(Trusted), condition: "{\"ip_equal\":{\"qcs:ip\":\"10.0.0.0/8\"}}"));
        Assert.Null(TencentPolicyDocuments.TrustDifference(otherOperator, Trusted, null));
        var upperOperator = Doc(Statement(Root(Trusted), condition: "{\"STRING_EQUAL\":{\"sts:external_id\":\"ext-a\"}}"));
        Assert.Null(TencentPolicyDocuments.TrustDifference(upperOperator, Trusted, "ext-a"));
        // Condition keys are case-sensitive (CAM 598/58420): this key is not the external ID.
        var otherKeyCase = Doc(Statement(Root(Trusted), condition: "{\"string_equal\":{\"STS:External_Id\":\"ext-a\"}}"));
        Assert.Null(TencentPolicyDocuments.TrustDifference(otherKeyCase, Trusted, null));
        var notAnObject = Doc(Statement(Root(Trusted), condition: "{\"string_equal\":\"ext-a\"}"));
        Assert.Null(TencentPolicyDocuments.TrustDifference(notAnObject, Trusted, null));
    }

    [Fact]
    public void Several_trusted_roots_are_listed_in_document_order()
    {
        var trust = TencentPolicyDocuments.AnalyzeTrust(Doc(Statement("{\"qcs\":[\"qcs::cam::uin/" + Other + ":root\",\"qcs::cam::uin/" + Other + ":root\",\"qcs::cam::uin/" + Owner + ":root\"]}")));
        Assert.Equal(new[] { Other, Owner }, trust.TrustedRoots);
        Assert.Equal("its trust policy trusts root account " + Other + ", " + Owner + " instead of " + Trusted,
            TencentPolicyDocuments.TrustDifference(Doc(Statement("{\"qcs\":[\"qcs::cam::uin/" + Other + ":root\",\"qcs::cam::uin/" + Owner + ":root\"]}")), Trusted, null));
    }

    [Fact]
    public void Replacing_the_trust_keeps_service_and_other_statements_and_replaces_every_root_AssumeRole()
    {
        var service = Statement("{\"service\":[\"scf.qcloud.com\"]}");
        var mixed = Statement("{\"qcs\":[\"qcs::cam::uin/" + Other + ":root\"],\"service\":[\"cvm.qcloud.com\"]}");
        var subUser = Statement("{\"qcs\":[\"qcs::cam::uin/" + Other + ":uin/100000000031\"]}");
        var otherAction = Statement(Root(Other), "\"name/cos:GetObject\"");
        var stored = "{\"version\":\"2.0\",\"statement\":[" + string.Join(",", service, Statement(Root(Other)), mixed, Statement(Root(Owner), condition: ExternalId("old")), subUser, otherAction) + "]}";

        var replaced = Json.Json.Serialize(TencentPolicyDocuments.ReplaceTrustStatement(stored, Trusted, "new-ext"));

        Assert.Null(TencentPolicyDocuments.TrustDifference(replaced, Trusted, "new-ext"));
        var trust = TencentPolicyDocuments.AnalyzeTrust(replaced);
        Assert.Equal(new[] { Trusted, Other }, trust.TrustedRoots.OrderBy(x => x, StringComparer.Ordinal)); // only the mixed statement still names Other
        var expected = Doc(service, mixed, subUser, otherAction, Json.Json.Serialize(TencentPolicyDocuments.TrustStatement(Trusted, "new-ext")));
        Assert.True(TencentPolicyDocuments.SameMeaning(expected, replaced), replaced);
    }

    [Fact]
    public void Replacing_keeps_the_stored_version_and_starts_afresh_from_a_document_that_is_not_json()
    {
        var replaced = TencentPolicyDocuments.ReplaceTrustStatement("{\"version\":\"2.1\",\"statement\":[]}", Trusted, null);
        Assert.Equal("2.1", replaced.GetString("version"));
        var fresh = TencentPolicyDocuments.ReplaceTrustStatement("", Trusted, null);
        Assert.True(TencentPolicyDocuments.SameMeaning(Json.Json.Serialize(TencentPolicyDocuments.TrustPolicy(Trusted, null)), Json.Json.Serialize(fresh)));
        var noVersion = TencentPolicyDocuments.ReplaceTrustStatement("{\"statement\":[]}", Trusted, null);
        Assert.Equal("2.0", noVersion.GetString("version"));
    }

    [Fact]
    public void The_grant_document_is_one_allow_statement_for_AssumeRole_on_exactly_the_role()
    {
        var arn = TencentPolicyDocuments.RoleArn(Owner, "DTS-role");
        Assert.Equal("qcs::cam::uin/" + Owner + ":roleName/DTS-role", arn);
        var grant = Json.Json.Serialize(TencentPolicyDocuments.AssumeRoleGrantPolicy(arn));
        Assert.True(TencentPolicyDocuments.SameMeaning(
            "{\"version\":\"2.0\",\"statement\":[{\"effect\":\"allow\",\"action\":[\"name/sts:AssumeRole\"],\"resource\":[\"qcs::cam::uin/" + Owner + ":roleName/DTS-role\"]}]}", grant), grant);
    }

    [Fact]
    public void Same_meaning_ignores_key_case_order_one_item_lists_and_action_or_effect_case()
    {
        var written = "{\"version\":\"2.0\",\"statement\":[{\"effect\":\"allow\",\"action\":[\"name/sts:AssumeRole\"],\"resource\":[\"qcs::cam::uin/1:roleName/a\",\"qcs::cam::uin/1:roleName/b\"]},{\"effect\":\"deny\",\"action\":\"name/cam:*\",\"resource\":\"*\"}]}";
        var stored = "{\"Statement\":[{\"Resource\":\"*\",\"Action\":[\"name/cam:*\",\"name/cam:*\"],\"Effect\":\"Deny\"},{\"Resource\":[\"qcs::cam::uin/1:roleName/b\",\"qcs::cam::uin/1:roleName/a\"],\"Action\":\"NAME/STS:ASSUMEROLE\",\"Effect\":\"Allow\"}],\"Version\":\"2.0\"}";
        Assert.True(TencentPolicyDocuments.SameMeaning(written, stored));
    }

    [Theory]
    [InlineData("\"resource\":[\"qcs::cam::uin/1:roleName/A\"]")]           // role names are case-sensitive in a resource
    [InlineData("\"resource\":[\"qcs::cam::uin/1:roleName/a*\"]")]          // widened
    [InlineData("\"resource\":[\"qcs::cam::uin/1:roleName/a\",\"*\"]")]     // a second resource
    [InlineData("\"resource\":[\"qcs::cam::uin/1:roleName/a\"],\"sid\":\"x\"")]
    public void Same_meaning_still_sees_every_real_difference(string resource)
    {
        var written = "{\"version\":\"2.0\",\"statement\":[{\"effect\":\"allow\",\"action\":[\"name/sts:AssumeRole\"],\"resource\":[\"qcs::cam::uin/1:roleName/a\"]}]}";
        var stored = "{\"version\":\"2.0\",\"statement\":[{\"effect\":\"allow\",\"action\":[\"name/sts:AssumeRole\"]," + resource + "}]}";
        Assert.False(TencentPolicyDocuments.SameMeaning(written, stored));
    }

    [Fact]
    public void Same_meaning_sees_a_version_sid_or_effect_change_and_is_false_for_text_that_is_not_json()
    {
        var a = "{\"version\":\"2.0\",\"statement\":[{\"sid\":\"Dts\",\"effect\":\"allow\",\"action\":\"name/sts:AssumeRole\",\"resource\":\"r\"}]}";
        Assert.True(TencentPolicyDocuments.SameMeaning(a, a.Replace("\"r\"", "[\"r\"]")));
        Assert.False(TencentPolicyDocuments.SameMeaning(a, a.Replace("\"2.0\"", "\"1.0\"")));
        Assert.False(TencentPolicyDocuments.SameMeaning(a, a.Replace("\"Dts\"", "\"DTS\"")));
        Assert.False(TencentPolicyDocuments.SameMeaning(a, a.Replace("allow", "deny")));
        Assert.False(TencentPolicyDocuments.SameMeaning(a, "not json"));
        Assert.False(TencentPolicyDocuments.SameMeaning("not json", a));
    }
    [Fact]
    public void The_trust_policy_written_for_a_new_role_is_the_CAM_example_with_version_2_0()
    {
        var written = TencentPolicyDocuments.TrustPolicy(Trusted, null);
        Assert.Equal("2.0", written.GetString("version"));
        Assert.True(TencentPolicyDocuments.SameMeaning(
            "{\"version\":\"2.0\",\"statement\":[{\"action\":\"name/sts:AssumeRole\",\"effect\":\"allow\",\"principal\":{\"qcs\":[\"qcs::cam::uin/" + Trusted + ":root\"]}}]}",
            Json.Json.Serialize(written)), Json.Json.Serialize(written));
    }

    [Fact]
    public void A_statement_without_an_action_grants_nothing()
    {
        var noAction = Doc("{\"effect\":\"allow\",\"principal\":" + Root(Trusted) + "}");
        Assert.Equal("its trust policy lets no root account assume it (expected root account " + Trusted + ")", TencentPolicyDocuments.TrustDifference(noAction, Trusted, null));
    }

    [Fact]
    public void An_everyone_principal_is_not_a_root_account()
    {
        var everyone = Doc(Statement("{\"qcs\":[\"*\"]}"), Statement("{\"qcs\":[\"qcs::sts::uin/" + Trusted + ":root\"]}"));
        Assert.Equal("its trust policy lets no root account assume it (expected root account " + Trusted + ")", TencentPolicyDocuments.TrustDifference(everyone, Trusted, null));
    }

    [Fact]
    public void Replacing_keeps_a_statement_that_names_no_principal_or_a_root_together_with_a_sub_user()
    {
        var nobody = Statement("{\"qcs\":[]}");
        var rootAndSubUser = Statement("{\"qcs\":[\"qcs::cam::uin/" + Other + ":root\",\"qcs::cam::uin/" + Other + ":uin/100000000031\"]}");
        var replaced = Json.Json.Serialize(TencentPolicyDocuments.ReplaceTrustStatement(Doc(nobody, rootAndSubUser, Statement(Root(Owner))), Trusted, null));
        var expected = Doc(nobody, rootAndSubUser, Json.Json.Serialize(TencentPolicyDocuments.TrustStatement(Trusted, null)));
        Assert.True(TencentPolicyDocuments.SameMeaning(expected, replaced), replaced);
    }

    [Fact]
    public void Same_meaning_sees_a_version_or_sid_written_as_a_list()
    {
        var a = "{\"version\":\"2.0\",\"statement\":[{\"sid\":\"Dts\",\"effect\":\"allow\",\"action\":\"name/sts:AssumeRole\",\"resource\":\"r\"}]}";
        Assert.False(TencentPolicyDocuments.SameMeaning(a, a.Replace("\"2.0\"", "[\"2.0\"]")));
        Assert.False(TencentPolicyDocuments.SameMeaning(a, a.Replace("\"Dts\"", "[\"Dts\"]")));
    }
}
