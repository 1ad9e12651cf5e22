using DtsCrossAccount.Alibaba;
using DtsCrossAccount.Json;

namespace DtsCrossAccount.Tests.Alibaba;

/// <summary>Pure rules: which roles a scenario needs, trust policies compared by meaning, the support table.</summary>
public sealed class AlibabaScenarioTests
{
    private const string A = "1000000000000001", B = "1000000000000002", C = "1000000000000003";

    [Fact]
    public void Source_scenario_needs_one_role_in_A_trusting_B()
    {
        var r = Assert.Single(AlibabaScenario.Plan(A, B, B));
        Assert.Equal((A, B, "Source", "CrossAccountSource"), (r.OwnerAccountId, r.TrustedAccountId, r.Endpoint, r.Scenario));
    }

    [Fact]
    public void Destination_scenario_needs_one_role_in_B_trusting_A()
    {
        var r = Assert.Single(AlibabaScenario.Plan(A, B, A));
        Assert.Equal((B, A, "Destination", "CrossAccountDestination"), (r.OwnerAccountId, r.TrustedAccountId, r.Endpoint, r.Scenario));
    }

    [Fact]
    public void Three_accounts_need_a_role_in_A_and_one_in_B_both_trusting_C()
    {
        var roles = AlibabaScenario.Plan(A, B, C);
        Assert.Equal(new[] { (A, C, "Source"), (B, C, "Destination") }, roles.Select(r => (r.OwnerAccountId, r.TrustedAccountId, r.Endpoint)));
        Assert.All(roles, r => Assert.Equal("CrossAccountBoth", r.Scenario));
    }

    [Fact]
    public void Both_databases_in_one_other_account_need_one_role_for_both_endpoints_and_one_account_needs_none()
    {
        var r = Assert.Single(AlibabaScenario.Plan(A, A, C));
        Assert.Equal((A, C, "Source,Destination", "CrossAccountBoth"), (r.OwnerAccountId, r.TrustedAccountId, r.Endpoint, r.Scenario));
        Assert.Empty(AlibabaScenario.Plan(A, A, A));
    }

    [Fact]
    public void Trust_policy_with_strings_instead_of_lists_and_other_key_case_means_the_same()
    {
        var stored = Json.Json.ParseObject("{\"version\":\"1\",\"statement\":[{\"principal\":{\"service\":\"" + B + "@dts.aliyuncs.com\",\"ram\":\"acs:ram::" + B + ":root\"},\"effect\":\"Allow\",\"action\":[\"sts:AssumeRole\"]}]}");
        Assert.Empty(AlibabaTrustPolicy.Differences(stored, B));
        Assert.NotEmpty(AlibabaTrustPolicy.Differences(stored, C));
    }

    [Fact]
    public void A_collapsed_service_principal_is_reported_as_a_wrong_account_id()
    {
        var stored = Json.Json.ParseObject("{\"Statement\":[{\"Action\":\"sts:AssumeRole\",\"Effect\":\"Allow\",\"Principal\":{\"RAM\":[\"acs:ram::" + A + ":root\"],\"Service\":[\"dts.aliyuncs.com\"]}}],\"Version\":\"1\"}");
        Assert.True(AlibabaTrustPolicy.Inspect(stored).Collapsed);
        Assert.Contains(AlibabaTrustPolicy.Differences(stored, B), d => d.Contains("account ID that was saved is wrong"));
    }

    [Fact]
    public void Merging_replaces_the_DTS_statement_and_keeps_unrelated_ones()
    {
        var stored = Json.Json.ParseObject("{\"Statement\":[{\"Action\":\"sts:AssumeRole\",\"Effect\":\"Allow\",\"Principal\":{\"Service\":[\"ecs.aliyuncs.com\"]}},"
            + "{\"Action\":\"sts:AssumeRole\",\"Effect\":\"Allow\",\"Principal\":{\"RAM\":[\"acs:ram::" + A + ":root\"],\"Service\":[\"dts.aliyuncs.com\"]}}],\"Version\":\"1\"}");
        var merged = AlibabaTrustPolicy.Merge(stored, C);
        Assert.Empty(AlibabaTrustPolicy.Differences(merged, C));
        Assert.Contains("ecs.aliyuncs.com", Json.Json.Serialize(merged));
        Assert.Equal(2, AlibabaTrustPolicy.Statements(merged).Count());
    }

    [Theory]
    [InlineData("MySQL", "ExpressConnect", true)]
    [InlineData("PolarDB for MySQL", "SelfManagedOnEcs", false)]
    [InlineData("Oracle", "AlibabaCloudInstance", false)]
    [InlineData("Tair/Redis", "DatabaseGateway", true)]
    public void Source_connection_types_follow_the_seed_table(string engine, string connection, bool supported)
    {
        var e = AlibabaSupportMatrix.FindEngine(engine)!;
        Assert.True(AlibabaSupportMatrix.TryParseConnectionType(connection, out var type));
        Assert.Equal(supported, e.SourceConnections.Contains(type));
    }

    [Fact]
    public void Finance_and_government_regions_are_their_own_cloud_types()
    {
        Assert.Equal(AlibabaCloudType.Finance, AlibabaRegions.CloudTypeOf("cn-shanghai-finance-1"));
        Assert.Equal(AlibabaCloudType.Government, AlibabaRegions.CloudTypeOf("cn-north-2-gov-1"));
        Assert.Equal(AlibabaCloudType.Public, AlibabaRegions.CloudTypeOf("cn-hangzhou"));
    }

    [Fact]
    public void Default_grant_policy_name_keeps_to_RAM_policy_name_rules()
    {
        var name = AlibabaProvider.DefaultGrantPolicyName(A, "ram.for.dts");
        Assert.Equal("DTS-AssumeRole-" + A + "-ram-for-dts", name);
        AlibabaProvider.ValidatePolicyName(name, "PolicyName");
    }

    [Fact]
    public void A_role_that_trusts_its_own_account_is_refused_with_the_collapse_explanation()
    {
        var provider = new AlibabaProvider(new DtsCrossAccount.Services.ProviderContext());
        var e = Assert.Throws<DtsCrossAccount.Core.DtsCrossAccountException>(() =>
            provider.PlanRole(new DtsCrossAccount.Services.RoleRequest { AccountId = A, TrustedAccountId = A, RoleName = "ram-for-dts" }));
        Assert.Equal("TrustedAccountIsRoleOwner", e.ErrorId);
        Assert.Contains("dts.aliyuncs.com", e.Message);
    }
}
