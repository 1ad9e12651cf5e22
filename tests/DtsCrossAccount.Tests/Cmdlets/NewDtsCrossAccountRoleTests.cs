using DtsCrossAccount.Tests.Infrastructure;

namespace DtsCrossAccount.Tests.Cmdlets;

/// <summary>The foundation's vertical slice on both clouds, through the PowerShell engine against the emulator.</summary>
public sealed class NewDtsCrossAccountRoleTests : IAsyncLifetime
{
    private ModuleSession _s = null!;

    public async Task InitializeAsync() => _s = await ModuleSession.StartAsync();

    public async Task DisposeAsync() => await _s.DisposeAsync();

    public static TheoryData<string, string, string, string, string, string> Clouds => new()
    {
        // cloud, owner, trusted, owner profile, expected default role, expected ARN
        { "Tencent", "100000000001", "100000000002", "tencent-a", "DTS-role", "qcs::cam::uin/100000000001:roleName/DTS-role" },
        { "Alibaba", "1000000000000001", "1000000000000002", "alibaba-a", "ram-for-dts", "acs:ram::1000000000000001:role/ram-for-dts" },
    };

    [Theory]
    [MemberData(nameof(Clouds))]
    public void Creates_the_role_with_the_dts_policy_and_a_rerun_changes_nothing(string cloud, string owner, string trusted, string profile, string roleName, string arn)
    {
        var first = _s.Run($"New-DtsCrossAccountRole -Cloud {cloud} -AccountId {owner} -TrustedAccountId {trusted} -ProfileName {profile}");
        Assert.Empty(first.Errors);
        var role = first.Single<CrossAccountRole>();
        Assert.True(role.Changed);
        Assert.Equal(roleName, role.RoleName);
        Assert.Equal(arn, role.Arn);
        Assert.Equal(trusted, role.TrustedAccountId);
        Assert.False(string.IsNullOrEmpty(role.RoleId));
        Assert.Contains(cloud == "Tencent" ? "QcloudDTSReadOnlyAccess" : "AliyunDTSRolePolicy", role.AttachedPolicies);
        Assert.Equal("DtsCrossAccount.CrossAccountRole", first.Output[0].TypeNames[0]);

        int mark = _s.CallCount;
        var second = _s.Run($"New-DtsCrossAccountRole -Cloud {cloud} -AccountId {owner} -TrustedAccountId {trusted} -ProfileName {profile}");
        Assert.Empty(second.Errors);
        var again = second.Single<CrossAccountRole>();
        Assert.False(again.Changed);
        Assert.Equal(role.RoleId, again.RoleId);
        Assert.Empty(_s.WritesSince(mark));
    }

    [Theory]
    [MemberData(nameof(Clouds))]
    public void WhatIf_shows_the_plan_and_makes_no_write_call(string cloud, string owner, string trusted, string profile, string roleName, string arn)
    {
        int mark = _s.CallCount;
        var r = _s.Run($"New-DtsCrossAccountRole -Cloud {cloud} -AccountId {owner} -TrustedAccountId {trusted} -ProfileName {profile} -WhatIf -Verbose");
        Assert.Empty(r.Errors);
        Assert.Empty(r.Output);
        Assert.DoesNotContain(_s.Calls.Snapshot().Skip(mark), c => c.IsWrite);
        Assert.Contains(r.Verbose, v => v.StartsWith("Plan:") && v.Contains(roleName));
        // Nothing was created: a real run afterwards still has to create the role.
        var real = _s.Run($"New-DtsCrossAccountRole -Cloud {cloud} -AccountId {owner} -TrustedAccountId {trusted} -ProfileName {profile}");
        Assert.True(real.Single<CrossAccountRole>().Changed);
        _ = arn;
    }

    [Theory]
    [InlineData("Tencent", "100000000001", "100000000002", "tencent-b", "100000000002")]
    [InlineData("Alibaba", "1000000000000001", "1000000000000002", "alibaba-b", "1000000000000002")]
    public void Credentials_of_another_account_are_refused_naming_whose_they_are(string cloud, string owner, string trusted, string wrongProfile, string wrongAccount)
    {
        int mark = _s.CallCount;
        var r = _s.Run($"New-DtsCrossAccountRole -Cloud {cloud} -AccountId {owner} -TrustedAccountId {trusted} -ProfileName {wrongProfile}");
        var error = Assert.Single(r.Errors);
        Assert.StartsWith("CredentialAccountMismatch,", error.FullyQualifiedErrorId);
        Assert.Contains("belong to account " + wrongAccount, error.Exception.Message);
        Assert.Contains(owner, error.Exception.Message);
        Assert.DoesNotContain(_s.Calls.Snapshot().Skip(mark), c => c.IsWrite);
    }

    [Theory]
    [InlineData("Tencent", "CreateRole", "RequestLimitExceeded", "tencent-a", "100000000001", "100000000002")]
    [InlineData("Alibaba", "CreateRole", "Throttling.User", "alibaba-a", "1000000000000001", "1000000000000002")]
    [InlineData("Tencent", "GetRole", "InternalError", "tencent-a", "100000000001", "100000000002")]
    public void Throttled_or_failed_calls_are_retried_and_the_role_is_created(string cloud, string action, string code, string profile, string owner, string trusted)
    {
        _s.Emulator.Faults.Add(cloud, action, code, times: 2, httpStatus: code == "InternalError" ? 500 : 0);
        var r = _s.Run($"New-DtsCrossAccountRole -Cloud {cloud} -AccountId {owner} -TrustedAccountId {trusted} -ProfileName {profile} -Debug");
        Assert.Empty(r.Errors);
        Assert.True(r.Single<CrossAccountRole>().Changed);
        var attempts = _s.Calls.Snapshot().Where(c => c.Cloud == cloud && c.Action == action).ToList();
        Assert.Equal(3, attempts.Count);
        // Two injected failures, then the real answer (for GetRole of a new role: "role does not exist").
        Assert.Equal(new[] { code, code }, attempts.Take(2).Select(a => a.Result));
        Assert.NotEqual(code, attempts[2].Result);
        Assert.Contains(r.Debug, d => d.Contains("etry", StringComparison.Ordinal));
    }

    [Fact]
    public void Tencent_external_id_is_kept_in_the_trust_policy_and_reported()
    {
        var r = _s.Run("New-DtsCrossAccountRole -Cloud Tencent -AccountId 100000000001 -TrustedAccountId 100000000002 -RoleName dts-ext -ExternalId ext-2024-orders -ProfileName tencent-a");
        Assert.Empty(r.Errors);
        Assert.Equal("ext-2024-orders", r.Single<CrossAccountRole>().ExternalId);
        var stored = _s.State.Tencent.Accounts["100000000001"].Roles["dts-ext"].PolicyDocument;
        Assert.Contains("sts:external_id", stored);
        Assert.Contains("ext-2024-orders", stored);
    }

    [Fact]
    public void An_existing_role_with_another_trust_policy_is_not_overwritten_and_the_error_names_the_fix()
    {
        Assert.Empty(_s.Run("New-DtsCrossAccountRole -Cloud Tencent -AccountId 100000000001 -TrustedAccountId 100000000003 -RoleName shared-role -ProfileName tencent-a").Errors);
        int mark = _s.CallCount;
        var r = _s.Run("New-DtsCrossAccountRole -Cloud Tencent -AccountId 100000000001 -TrustedAccountId 100000000002 -RoleName shared-role -ProfileName tencent-a");
        var error = Assert.Single(r.Errors);
        Assert.Contains("100000000003", error.Exception.Message);
        Assert.Contains("Set-DtsTrustPolicy", error.Exception.Message);
        Assert.Empty(_s.WritesSince(mark));
    }
}
