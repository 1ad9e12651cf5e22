using DtsCrossAccount.Tests.Infrastructure;

namespace DtsCrossAccount.Tests.Cmdlets;

/// <summary>
/// Test-DtsCrossAccountAccess never passes a role that DTS could not use, whatever keys run it: a missing role, one
/// without the DTS policy, or one trusting another account fails with the command that fixes it, on both clouds, with
/// root or sub-account / RAM-user keys, with or without the owner's credentials. Skipped checks never make it pass.
/// </summary>
public sealed class AccessVerdictTests : IAsyncLifetime
{
    // Tencent: A owns the role, B creates the task (root tencent-b or its sub-account tencent-b-sub), C is someone else.
    private const string TA = "100000000001", TB = "100000000002", TBSub = "100000000021", TC = "100000000003";
    // Alibaba: A owns the role, C creates the task (root alibaba-c or its RAM user alibaba-c-operator), B is someone else.
    private const string AA = "1000000000000001", AB = "1000000000000002", AC = "1000000000000003";

    private ModuleSession _s = null!;
    private int _roles;

    public async Task InitializeAsync() => _s = await ModuleSession.StartAsync();

    public async Task DisposeAsync() => await _s.DisposeAsync();

    public static TheoryData<string, string, string?, string> Matrix()
    {
        var data = new TheoryData<string, string, string?, string>();
        foreach (var defect in new[] { "missing", "no-policy", "wrong-trust" })
        {
            foreach (var caller in new[] { "tencent-b", "tencent-b-sub" })
                foreach (var owner in new[] { null, "tencent-a" })
                    data.Add("Tencent", caller, owner, defect);
            foreach (var caller in new[] { "alibaba-c", "alibaba-c-operator" })
                foreach (var owner in new[] { null, "alibaba-a" })
                    data.Add("Alibaba", caller, owner, defect);
        }
        return data;
    }

    [Theory]
    [MemberData(nameof(Matrix))]
    public void A_role_DTS_cannot_use_fails_with_the_command_that_fixes_it(string cloud, string caller, string? owner, string defect)
    {
        string role = Prepare(cloud, defect);
        var check = Test(cloud, role, caller, owner, "-Region " + Region(cloud));

        Assert.False(check.Passed, Describe(check));
        var failed = check.Checks.Where(c => c.Result == CheckResult.Failed).ToList();
        Assert.NotEmpty(failed);
        string fix = defect == "wrong-trust"
            ? $"Set-DtsTrustPolicy -Cloud {cloud} -AccountId {Owner(cloud)} -RoleName {role} -TrustedAccountId {TaskAccount(cloud)}"
            : cloud == "Tencent"
                ? $"New-DtsCrossAccountRole -Cloud Tencent -AccountId {TA} -TrustedAccountId {TB} -RoleName {role}"
                : $"New-DtsCrossAccountRole -Cloud Alibaba -AccountId {AA} -RoleName {role} -TrustedAccountId {AC}";
        Assert.Contains(failed, c => (c.Remedy ?? "").Contains(fix));
    }

    [Theory]
    [InlineData("Tencent", "tencent-b", null)]
    [InlineData("Tencent", "tencent-b", "tencent-a")]
    [InlineData("Tencent", "tencent-b-sub", null)]
    [InlineData("Tencent", "tencent-b-sub", "tencent-a")]
    [InlineData("Alibaba", "alibaba-c", "alibaba-a")]
    [InlineData("Alibaba", "alibaba-c-operator", null)]
    [InlineData("Alibaba", "alibaba-c-operator", "alibaba-a")]
    public void A_usable_role_passes(string cloud, string caller, string? owner)
    {
        string role = Prepare(cloud, "none");
        var check = Test(cloud, role, caller, owner, "-Region " + Region(cloud));
        Assert.True(check.Passed, Describe(check));
        Assert.DoesNotContain(check.Checks, c => c.Result == CheckResult.Failed);
    }

    /// <summary>Alibaba STS refuses root keys, so without the owner's credentials nothing can vouch for the role: that is a failure, never a pass.</summary>
    [Fact]
    public void Alibaba_root_keys_without_the_owner_cannot_pass_even_a_usable_role_and_say_how_to_check_it()
    {
        string role = Prepare("Alibaba", "none");
        var check = Test("Alibaba", role, "alibaba-c", null, "-Region cn-hangzhou");
        Assert.False(check.Passed, Describe(check));
        var assume = Assert.Single(check.Checks, c => c.Name == "AssumeRole");
        Assert.Equal(CheckResult.Failed, assume.Result);
        Assert.Contains("Roles may not be assumed by root accounts", assume.Message);
        Assert.Contains("-OwnerProfileName <profile of account " + AA + ">", assume.Remedy);
        Assert.Contains("-RamUserName <user>", assume.Remedy);
        Assert.DoesNotContain(_s.Calls.Snapshot(), c => c.Action == "AssumeRole" && c.Result == "OK");
    }

    /// <summary>Without -Region and the owner's credentials, nothing shows the DTS policy on an assumable role: the listing check fails and asks for -Region.</summary>
    [Theory]
    [InlineData("Tencent", "tencent-b-sub", "ListInstances")]
    [InlineData("Tencent", "tencent-b", "ListInstances")]
    [InlineData("Alibaba", "alibaba-c-operator", "ListOwnerInstances")]
    public void Without_region_or_owner_a_role_without_the_policy_is_not_passed(string cloud, string caller, string listing)
    {
        string role = Prepare(cloud, "no-policy");
        var check = Test(cloud, role, caller, null, "");
        Assert.False(check.Passed, Describe(check));
        Assert.Equal(CheckResult.Passed, Assert.Single(check.Checks, c => c.Name == "AssumeRole").Result);
        var item = Assert.Single(check.Checks, c => c.Name == listing);
        Assert.Equal(CheckResult.Failed, item.Result);
        Assert.StartsWith("Not verified", item.Message);
        Assert.Contains("-Region <region of the database>", item.Remedy);
        Assert.Contains("New-DtsCrossAccountRole -Cloud " + cloud, item.Remedy);
    }

    [Fact]
    public void Alibaba_root_keys_with_the_owner_pass_a_usable_role_without_calling_AssumeRole()
    {
        string role = Prepare("Alibaba", "none");
        int mark = _s.CallCount;
        var check = Test("Alibaba", role, "alibaba-c", "alibaba-a", "");
        Assert.True(check.Passed, Describe(check));
        Assert.Equal(CheckResult.Skipped, Assert.Single(check.Checks, c => c.Name == "AssumeRole").Result);
        Assert.DoesNotContain(_s.Calls.Snapshot().Skip(mark), c => c.Action == "AssumeRole");
    }

    private AccessCheck Test(string cloud, string role, string caller, string? owner, string more)
    {
        var r = _s.Run($"Test-DtsCrossAccountAccess -Cloud {cloud} -ProfileName {caller} -RoleAccountId {Owner(cloud)} -RoleName {role} {more}"
                       + (owner == null ? "" : " -OwnerProfileName " + owner));
        Assert.Empty(r.Errors);
        return r.Single<AccessCheck>();
    }

    /// <summary>A fresh role name per case (cases share one emulator), set up as the defect needs; the task account's sub-account / RAM user may assume it.</summary>
    private string Prepare(string cloud, string defect)
    {
        string role = "verdict-" + ++_roles;
        string trusted = defect == "wrong-trust" ? (cloud == "Tencent" ? TC : AB) : TaskAccount(cloud);
        if (defect != "missing")
        {
            var created = _s.Run(cloud == "Tencent"
                ? $"New-DtsCrossAccountRole -Cloud Tencent -ProfileName tencent-a -AccountId {TA} -TrustedAccountId {trusted} -RoleName {role}"
                : $"New-DtsCrossAccountRole -Cloud Alibaba -ProfileName alibaba-a -AccountId {AA} -TrustedAccountId {trusted} -RoleName {role}");
            Assert.Empty(created.Errors);
        }
        if (defect == "no-policy")
        {
            if (cloud == "Tencent") _s.State.Tencent.Accounts[TA].Roles[role].AttachedPolicyIds.Clear();
            else _s.State.Alibaba.Accounts[AA].Roles[role].Policies.Clear();
        }
        var grant = _s.Run(cloud == "Tencent"
            ? $"Grant-DtsSubAccountAssumeRole -Cloud Tencent -ProfileName tencent-b -RoleAccountId {TA} -RoleName {role} -SubAccountUin {TBSub}"
            : $"Grant-DtsSubAccountAssumeRole -Cloud Alibaba -ProfileName alibaba-c -RoleAccountId {AA} -RoleName {role} -RamUserName dts-operator");
        Assert.Empty(grant.Errors);
        return role;
    }

    private static string Owner(string cloud) => cloud == "Tencent" ? TA : AA;
    private static string TaskAccount(string cloud) => cloud == "Tencent" ? TB : AC;
    private static string Region(string cloud) => cloud == "Tencent" ? "ap-guangzhou" : "cn-hangzhou";

    private static string Describe(AccessCheck check) =>
        string.Join("\n", check.Checks.Select(c => c.Name + ": " + c.Result + " " + c.Message + " | " + c.Remedy));
}
