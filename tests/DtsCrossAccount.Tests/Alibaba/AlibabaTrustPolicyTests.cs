using DtsCrossAccount.Alibaba;
using DtsCrossAccount.Json;

namespace DtsCrossAccount.Tests.Alibaba;

/// <summary>
/// How the module reads a RAM role's stored trust policy against the seed's Step 3 document (RAM principal
/// acs:ram::&lt;task account&gt;:root, Service principal &lt;task account&gt;@dts.aliyuncs.com), the difference it reports to the
/// user, and how Set-DtsTrustPolicy merges the DTS statement into a document that holds other statements.
/// </summary>
public sealed class AlibabaTrustPolicyTests
{
    private const string A = "1000000000000001", B = "1000000000000002", C = "1000000000000003";

    private static JsonObject Parse(string text) => Json.Json.ParseObject(text);

    private static string Dts(string ram, string service, string action = "\"sts:AssumeRole\"", string effect = "Allow") =>
        "{\"Action\":" + action + ",\"Effect\":\"" + effect + "\",\"Principal\":{\"RAM\":[\"" + ram + "\"],\"Service\":[\"" + service + "\"]}}";

    private static string Doc(params string[] statements) => "{\"Statement\":[" + string.Join(",", statements) + "],\"Version\":\"1\"}";

    [Fact]
    public void The_seed_document_for_the_task_account_has_no_difference_and_names_it_twice()
    {
        var built = AlibabaTrustPolicy.Build(B);
        Assert.Empty(AlibabaTrustPolicy.Differences(built, B));
        var expected = Parse(Doc(Dts("acs:ram::" + B + ":root", B + "@dts.aliyuncs.com")));
        Assert.True(AlibabaTrustPolicy.SameMeaning(expected, built), Json.Json.Serialize(built));
    }

    [Fact]
    public void Another_account_in_either_principal_is_named_with_what_was_expected()
    {
        var wrongRam = AlibabaTrustPolicy.Differences(Parse(Doc(Dts("acs:ram::" + C + ":root", B + "@dts.aliyuncs.com"))), B);
        Assert.Equal(new[] { "RAM principal is [acs:ram::" + C + ":root], expected [acs:ram::" + B + ":root]" }, wrongRam);
        var wrongService = AlibabaTrustPolicy.Differences(Parse(Doc(Dts("acs:ram::" + B + ":root", C + "@dts.aliyuncs.com"))), B);
        Assert.Equal(new[] { "Service principal is [" + C + "@dts.aliyuncs.com], expected [" + B + "@dts.aliyuncs.com]" }, wrongService);
    }

    [Fact]
    public void A_second_principal_beside_the_expected_one_is_a_difference()
    {
        var doc = Parse("{\"Statement\":[{\"Action\":\"sts:AssumeRole\",\"Effect\":\"Allow\",\"Principal\":{\"RAM\":[\"acs:ram::" + B + ":root\",\"acs:ram::" + C + ":root\"],\"Service\":[\"" + B + "@dts.aliyuncs.com\"]}}],\"Version\":\"1\"}");
        Assert.Single(AlibabaTrustPolicy.Differences(doc, B));
    }

    [Fact]
    public void A_collapsed_service_principal_says_the_saved_account_id_is_wrong_and_a_plain_wrong_one_does_not()
    {
        var collapsed = AlibabaTrustPolicy.Differences(Parse(Doc(Dts("acs:ram::" + B + ":root", "DTS.aliyuncs.com"))), B);
        Assert.Equal(new[] { "Service principal is [DTS.aliyuncs.com], expected [" + B + "@dts.aliyuncs.com] (it collapsed to 'dts.aliyuncs.com': the account ID that was saved is wrong)" }, collapsed);
        var wrong = AlibabaTrustPolicy.Differences(Parse(Doc(Dts("acs:ram::" + B + ":root", C + "@DTS.aliyuncs.com"))), B);
        Assert.DoesNotContain("collapsed", Assert.Single(wrong));
    }

    [Theory]
    [InlineData("{\"Statement\":[{\"Action\":\"sts:AssumeRole\",\"Effect\":\"Allow\",\"Principal\":{\"RAM\":[\"acs:ram::1000000000000002:root\"]}}],\"Version\":\"1\"}", "RAM [acs:ram::1000000000000002:root]")]
    [InlineData("{\"Statement\":[{\"Action\":\"sts:AssumeRole\",\"Effect\":\"Deny\",\"Principal\":{\"Service\":[\"1000000000000002@dts.aliyuncs.com\"]}}],\"Version\":\"1\"}", "Service [1000000000000002@dts.aliyuncs.com]")]
    [InlineData("{\"Statement\":[{\"Action\":\"sts:GetCallerIdentity\",\"Effect\":\"Allow\",\"Principal\":{\"Service\":[\"dts.aliyuncs.com\"]}}],\"Version\":\"1\"}", "Service [dts.aliyuncs.com]")]
    [InlineData("{\"Statement\":[{\"Action\":\"sts:AssumeRole\",\"Effect\":\"Allow\",\"Principal\":{\"Service\":[\"ecs.aliyuncs.com\"]}},{\"Effect\":\"Allow\"}],\"Version\":\"1\"}", "Service [ecs.aliyuncs.com]")]
    [InlineData("{\"Statement\":[],\"Version\":\"1\"}", "no principal")]
    [InlineData("{\"Statement\":[{\"Action\":\"sts:AssumeRole\",\"Effect\":\"Deny\",\"Principal\":{\"RAM\":[\"acs:ram::1000000000000001:root\",\"acs:ram::1000000000000003:root\"],\"Service\":[\"ecs.aliyuncs.com\"]}}],\"Version\":\"1\"}",
        "RAM [acs:ram::1000000000000001:root, acs:ram::1000000000000003:root]; Service [ecs.aliyuncs.com]")]
    public void Without_an_allowing_AssumeRole_statement_for_DTS_every_principal_found_is_listed(string document, string found)
    {
        var d = Assert.Single(AlibabaTrustPolicy.Differences(Parse(document), B));
        Assert.Equal("the trust policy has no sts:AssumeRole statement for DTS (expected RAM principal 'acs:ram::" + B + ":root' and Service principal '"
            + B + "@dts.aliyuncs.com'; found " + found + ")", d);
    }

    [Fact]
    public void Lowercase_effect_and_action_a_single_statement_object_and_scalar_principals_are_the_same_document()
    {
        var doc = Parse("{\"statement\":{\"action\":\"STS:ASSUMEROLE\",\"effect\":\"allow\",\"principal\":{\"ram\":\"acs:ram::" + B + ":root\",\"service\":\"" + B + "@dts.aliyuncs.com\"}},\"version\":\"1\"}");
        Assert.Empty(AlibabaTrustPolicy.Differences(doc, B));
        var view = AlibabaTrustPolicy.Inspect(doc);
        Assert.Equal(new[] { B }, view.RamAccounts);
        Assert.Equal("RAM [acs:ram::" + B + ":root], Service [" + B + "@dts.aliyuncs.com]", view.Describe());
    }

    [Fact]
    public void Merge_replaces_the_console_ram_only_statement_when_there_is_no_DTS_statement()
    {
        // Seed, Step 1: the console's "Other Account" role trusts only the RAM principal; Step 3 replaces that statement.
        var ecs = "{\"Action\":\"sts:AssumeRole\",\"Effect\":\"Allow\",\"Principal\":{\"Service\":[\"ecs.aliyuncs.com\"]}}";
        var console = "{\"Action\":\"sts:AssumeRole\",\"Effect\":\"Allow\",\"Principal\":{\"RAM\":[\"acs:ram::" + A + ":root\"]}}";
        var merged = AlibabaTrustPolicy.Merge(Parse("{\"Statement\":[" + ecs + "," + console + "],\"Version\":\"1\"}"), C);
        Assert.True(AlibabaTrustPolicy.SameMeaning(Parse(Doc(ecs, Dts("acs:ram::" + C + ":root", C + "@dts.aliyuncs.com"))), merged), Json.Json.Serialize(merged));
    }

    [Fact]
    public void Merge_keeps_a_ram_only_statement_when_a_DTS_statement_exists_and_writes_one_DTS_statement_for_two()
    {
        var console = "{\"Action\":\"sts:AssumeRole\",\"Effect\":\"Allow\",\"Principal\":{\"RAM\":[\"acs:ram::" + A + ":root\"]}}";
        var old1 = Dts("acs:ram::" + A + ":root", "dts.aliyuncs.com");
        var old2 = Dts("acs:ram::" + B + ":root", B + "@dts.aliyuncs.com");
        var merged = AlibabaTrustPolicy.Merge(Parse("{\"Statement\":[" + old1 + "," + console + "," + old2 + "],\"Version\":\"2\"}"), C);
        var expected = Parse("{\"Statement\":[" + Dts("acs:ram::" + C + ":root", C + "@dts.aliyuncs.com") + "," + console + "],\"Version\":\"2\"}");
        Assert.True(AlibabaTrustPolicy.SameMeaning(expected, merged), Json.Json.Serialize(merged));
        Assert.Equal(2, AlibabaTrustPolicy.Statements(merged).Count());
    }

    [Fact]
    public void Merge_into_an_empty_or_unrelated_document_adds_the_DTS_statement_with_version_1()
    {
        var empty = AlibabaTrustPolicy.Merge(AlibabaTrustPolicy.Parse(""), B);
        Assert.True(AlibabaTrustPolicy.SameMeaning(AlibabaTrustPolicy.Build(B), empty), Json.Json.Serialize(empty));
        var deny = "{\"Action\":\"sts:AssumeRole\",\"Effect\":\"Deny\",\"Principal\":{\"RAM\":[\"acs:ram::" + A + ":root\"]}}";
        var merged = AlibabaTrustPolicy.Merge(Parse("{\"Statement\":[" + deny + "]}"), B);
        Assert.Equal("1", merged.GetString("Version"));
        Assert.Equal(2, AlibabaTrustPolicy.Statements(merged).Count());
    }

    [Fact]
    public void A_url_encoded_document_as_some_answers_carry_it_is_read()
    {
        var text = Json.Json.Serialize(AlibabaTrustPolicy.Build(B));
        var doc = AlibabaTrustPolicy.Parse("  " + Uri.EscapeDataString(text));
        Assert.Empty(AlibabaTrustPolicy.Differences(doc, B));
        Assert.Empty(AlibabaTrustPolicy.Statements(AlibabaTrustPolicy.Parse("  ")));
    }

    [Fact]
    public void The_grant_document_allows_AssumeRole_on_exactly_the_role_with_its_name_in_lower_case()
    {
        var grant = AlibabaTrustPolicy.BuildAssumeRolePolicy(A, "DTS-Role");
        var expected = Parse("{\"Version\":\"1\",\"Statement\":[{\"Effect\":\"Allow\",\"Action\":\"sts:AssumeRole\",\"Resource\":\"acs:ram::" + A + ":role/dts-role\"}]}");
        Assert.True(AlibabaTrustPolicy.SameMeaning(expected, grant), Json.Json.Serialize(grant));
        Assert.Equal("acs:ram::" + A + ":role/", AlibabaTrustPolicy.RoleArn(A, null));
    }

    [Fact]
    public void Same_meaning_ignores_key_case_order_and_one_item_lists_but_not_values()
    {
        var a = Parse("{\"Version\":\"1\",\"Statement\":[{\"Effect\":\"Allow\",\"Action\":[\"sts:AssumeRole\"],\"Resource\":[\"r1\",\"r2\"]},{\"Effect\":\"Deny\",\"Action\":\"ram:*\",\"Resource\":\"*\"}]}");
        var b = Parse("{\"statement\":[{\"resource\":\"*\",\"action\":[\"ram:*\"],\"effect\":\"Deny\"},{\"resource\":[\"r2\",\"r1\"],\"action\":\"sts:AssumeRole\",\"effect\":\"Allow\"}],\"version\":\"1\"}");
        Assert.True(AlibabaTrustPolicy.SameMeaning(a, b));
        Assert.False(AlibabaTrustPolicy.SameMeaning(a, Parse(Json.Json.Serialize(b).Replace("r2", "R2"))));
        Assert.False(AlibabaTrustPolicy.SameMeaning(a, Parse(Json.Json.Serialize(b).Replace("\"1\"", "\"2\""))));
        Assert.False(AlibabaTrustPolicy.SameMeaning(a, Parse(Json.Json.Serialize(b).Replace("\"Deny\"", "\"Allow\""))));
        // Numbers and booleans are values too: 1 and "1" mean the same version, true and "true" do not.
        Assert.True(AlibabaTrustPolicy.SameMeaning(Parse("{\"Version\":1,\"N\":1.5}"), Parse("{\"Version\":\"1\",\"N\":\"1.5\"}")));
        Assert.False(AlibabaTrustPolicy.SameMeaning(Parse("{\"Version\":1}"), Parse("{\"Version\":2}")));
        Assert.False(AlibabaTrustPolicy.SameMeaning(Parse("{\"B\":true}"), Parse("{\"B\":\"true\"}")));
    }

    [Fact]
    public void The_difference_text_shows_both_documents()
    {
        var text = AlibabaTrustPolicy.DescribeDifference(Parse("{\"Version\":\"1\"}"), Parse("{\"Version\":\"2\"}"));
        Assert.Equal("the stored document is {\"Version\":\"1\"} but the expected one is {\"Version\":\"2\"}", text);
    }
    [Fact]
    public void Two_principals_where_one_is_expected_are_both_named_and_one_collapsed_entry_is_explained()
    {
        var ram = AlibabaTrustPolicy.Differences(Parse(Doc("{\"Action\":\"sts:AssumeRole\",\"Effect\":\"Allow\",\"Principal\":{\"RAM\":[\"acs:ram::" + B + ":root\",\"acs:ram::" + C + ":root\"],\"Service\":[\"" + B + "@dts.aliyuncs.com\"]}}")), B);
        Assert.Equal(new[] { "RAM principal is [acs:ram::" + B + ":root, acs:ram::" + C + ":root], expected [acs:ram::" + B + ":root]" }, ram);
        // One Service entry collapsed beside a correct one: the saved account ID of that entry was wrong all the same.
        var service = AlibabaTrustPolicy.Differences(Parse(Doc("{\"Action\":\"sts:AssumeRole\",\"Effect\":\"Allow\",\"Principal\":{\"RAM\":[\"acs:ram::" + B + ":root\"],\"Service\":[\"dts.aliyuncs.com\",\"" + B + "@dts.aliyuncs.com\"]}}")), B);
        Assert.Equal(new[] { "Service principal is [dts.aliyuncs.com, " + B + "@dts.aliyuncs.com], expected [" + B + "@dts.aliyuncs.com] (it collapsed to 'dts.aliyuncs.com': the account ID that was saved is wrong)" }, service);
    }

    [Fact]
    public void The_principals_of_the_DTS_statement_are_described_in_full()
    {
        var view = AlibabaTrustPolicy.Inspect(Parse(Doc("{\"Action\":\"sts:AssumeRole\",\"Effect\":\"Allow\",\"Principal\":{\"RAM\":[\"acs:ram::" + B + ":root\",\"acs:ram::" + C + ":root\"],\"Service\":[\"" + B + "@dts.aliyuncs.com\",\"dts.aliyuncs.com\"]}}")));
        Assert.Equal("RAM [acs:ram::" + B + ":root, acs:ram::" + C + ":root], Service [" + B + "@dts.aliyuncs.com, dts.aliyuncs.com]", view.Describe());
    }

    [Fact]
    public void A_DTS_statement_that_allows_AssumeRole_among_other_actions_is_still_the_DTS_statement()
    {
        var doc = Parse(Doc(Dts("acs:ram::" + B + ":root", B + "@dts.aliyuncs.com", "[\"sts:AssumeRole\",\"sts:GetCallerIdentity\"]")));
        Assert.Empty(AlibabaTrustPolicy.Differences(doc, B));
    }

    [Fact]
    public void Accounts_are_read_only_from_root_principals_with_an_account()
    {
        var view = AlibabaTrustPolicy.Inspect(Parse(Doc("{\"Action\":\"sts:AssumeRole\",\"Effect\":\"Allow\",\"Principal\":{\"RAM\":[\"acs:ram::" + C + ":root\",\"*\",\"acs:ram:::root\"],\"Service\":[\"" + B + "@dts.aliyuncs.com\"]}}")));
        Assert.Equal(new[] { C, "*", "acs:ram:::root" }, view.RamAccounts);
    }

    [Fact]
    public void Merge_without_a_DTS_statement_keeps_a_statement_that_trusts_RAM_and_another_service_and_one_without_principal()
    {
        var ramAndEcs = "{\"Action\":\"sts:AssumeRole\",\"Effect\":\"Allow\",\"Principal\":{\"RAM\":[\"acs:ram::" + A + ":root\"],\"Service\":[\"ecs.aliyuncs.com\"]}}";
        var noPrincipal = "{\"Action\":\"sts:AssumeRole\",\"Effect\":\"Allow\"}";
        var merged = AlibabaTrustPolicy.Merge(Parse(Doc(ramAndEcs, noPrincipal)), C);
        Assert.True(AlibabaTrustPolicy.SameMeaning(Parse(Doc(ramAndEcs, noPrincipal, Dts("acs:ram::" + C + ":root", C + "@dts.aliyuncs.com"))), merged), Json.Json.Serialize(merged));
    }

    [Fact]
    public void A_stored_document_holding_a_percent_escape_is_kept_verbatim_by_the_merge()
    {
        // Only a document that starts with '%' is URL-encoded; a '%41' inside a JSON value is the value itself.
        var ecs = "{\"Action\":\"sts:AssumeRole\",\"Condition\":{\"StringEquals\":{\"acs:SourceVpc\":\"vpc-100%41\"}},\"Effect\":\"Allow\",\"Principal\":{\"Service\":[\"ecs.aliyuncs.com\"]}}";
        var merged = AlibabaTrustPolicy.Merge(AlibabaTrustPolicy.Parse(Doc(ecs)), B);
        Assert.Contains("vpc-100%41", Json.Json.Serialize(merged));
        Assert.True(AlibabaTrustPolicy.SameMeaning(Parse(Doc(ecs, Dts("acs:ram::" + B + ":root", B + "@dts.aliyuncs.com"))), merged), Json.Json.Serialize(merged));
    }

    [Theory]
    [InlineData("{\"Principal\":{\"RAM\":\"x\"},\"Resource\":\"r\"}", "{\"Principal\":{\"RAM\":\"x\",\"Resource\":\"r\"}}")]  // a member moved into the object before it
    [InlineData("{\"w\":{\"acs:x\":\"1\"}}", "{\"w:acs\":{\"x\":\"1\"}}")]                                        // where an object starts
    // Keys that spell out another document's separators (keys are compared as written, lower-cased).
    [InlineData("{\"a\":\"1\",\"b\":\"2\"}", "{\"a:\\\"1\\\"b\":\"2\"}")]
    [InlineData("{\"a\":\"1\",\"b\":\"2\"}", "{\"a\\\"1\\\",b\":\"2\"}")]
    [InlineData("{\"x\":[\"1\",\"2\"],\"y\":\"3\"}", "{\"x:\\\"1\\\",\\\"2\\\"],y\":\"3\"}")]
    [InlineData("{\"x\":[\"1\",\"2\"],\"y\":\"3\"}", "{\"x:[\\\"1\\\"\\\"2\\\"],y\":\"3\"}")]
    [InlineData("{\"x\":[\"1\",\"2\"],\"y\":\"3\"}", "{\"x:[\\\"1\\\",\\\"2\\\",y\":\"3\"}")]
    public void Same_meaning_tells_apart_documents_whose_structure_differs(string a, string b)
    {
        Assert.False(AlibabaTrustPolicy.SameMeaning(Parse(a), Parse(b)));
        Assert.True(AlibabaTrustPolicy.SameMeaning(Parse(a), Parse(a)));
    }
}
