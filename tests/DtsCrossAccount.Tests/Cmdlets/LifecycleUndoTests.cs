using DtsCrossAccount.Tests.Infrastructure;

namespace DtsCrossAccount.Tests.Cmdlets;

/// <summary>
/// Remove-DtsCrossAccountRole and Revoke-DtsSubAccountAssumeRole through the engine on both clouds: an undo leaves the
/// emulator's accounts as before New-/Grant-, a second run writes nothing, foreign policies are refused, a revoked
/// sub-account can no longer assume the role (the emulator's STS says so), and runs at once absorb "already gone".
/// </summary>
public sealed class LifecycleUndoTests : IAsyncLifetime
{
    private const string TA = "100000000001", TB = "100000000002", TBSub = "100000000021";
    private const string AA = "1000000000000001", AC = "1000000000000003";
    private ModuleSession _s = null!;

    public async Task InitializeAsync() => _s = await ModuleSession.StartAsync();

    public async Task DisposeAsync() => await _s.DisposeAsync();

    public static TheoryData<string> Clouds => new() { "Tencent", "Alibaba" };

    private static string NewRole(string cloud) => cloud == "Tencent"
        ? "New-DtsCrossAccountRole -Cloud Tencent -AccountId " + TA + " -TrustedAccountId " + TB + " -ProfileName tencent-a"
        : "New-DtsCrossAccountRole -Cloud Alibaba -AccountId " + AA + " -TrustedAccountId " + AC + " -ProfileName alibaba-a";

    private static string OwnerProfile(string cloud) => cloud == "Tencent" ? "tencent-a" : "alibaba-a";

    private static string Grant(string cloud) => cloud == "Tencent"
        ? "Grant-DtsSubAccountAssumeRole -Cloud Tencent -RoleAccountId " + TA + " -RoleName DTS-role -SubAccountUin " + TBSub + " -ProfileName tencent-b"
        : "Grant-DtsSubAccountAssumeRole -Cloud Alibaba -RoleAccountId " + AA + " -RoleName ram-for-dts -RamUserName dts-operator -ProfileName alibaba-c";

    private static string TaskProfile(string cloud) => cloud == "Tencent" ? "tencent-b" : "alibaba-c";

    private static string Access(string cloud) => cloud == "Tencent"
        ? "Test-DtsCrossAccountAccess -Cloud Tencent -ProfileName tencent-b-sub -RoleAccountId " + TA + " -RoleName DTS-role -Region ap-guangzhou"
        : "Test-DtsCrossAccountAccess -Cloud Alibaba -ProfileName alibaba-c-operator -RoleAccountId " + AA + " -RoleName ram-for-dts -Region cn-hangzhou";

    /// <summary>Roles with their policies, custom policies, and users' attachments of every account of the cloud.</summary>
    private string Snapshot(string cloud)
    {
        var lines = new List<string>();
        if (cloud == "Tencent")
        {
            foreach (var a in _s.State.Tencent.Accounts.Values.OrderBy(a => a.Uin))
            {
                lines.AddRange(a.Roles.Values.Select(r => a.Uin + " role " + r.RoleName + " [" + string.Join(",", r.AttachedPolicyIds.OrderBy(i => i)) + "]"));
                lines.AddRange(a.CustomPolicies.Values.Select(p => a.Uin + " policy " + p.PolicyName));
                lines.AddRange(a.SubAccounts.Values.Select(u => a.Uin + " sub " + u.Uin + " [" + string.Join(",", u.AttachedPolicyIds.OrderBy(i => i)) + "]"));
            }
        }
        else
        {
            foreach (var a in _s.State.Alibaba.Accounts.Values.OrderBy(a => a.Uid))
            {
                lines.AddRange(a.Roles.Values.Select(r => a.Uid + " role " + r.RoleName + " [" + string.Join(",", r.Policies.Select(p => p.Type + ":" + p.Name).OrderBy(n => n)) + "]"));
                lines.AddRange(a.CustomPolicies.Values.Select(p => a.Uid + " policy " + p.PolicyName));
                lines.AddRange(a.Users.Values.Select(u => a.Uid + " user " + u.UserName + " [" + string.Join(",", u.Policies.Select(p => p.Type + ":" + p.Name).OrderBy(n => n)) + "]"));
            }
        }
        return string.Join("\n", lines.OrderBy(l => l, StringComparer.Ordinal));
    }

    [Theory]
    [MemberData(nameof(Clouds))]
    public void Revoke_then_remove_leaves_every_account_as_before_and_a_rerun_writes_nothing(string cloud)
    {
        var before = Snapshot(cloud);
        Assert.Empty(_s.Run(NewRole(cloud)).Errors);
        Assert.Empty(_s.Run(Grant(cloud)).Errors);
        Assert.True(_s.Run(Access(cloud)).Single<AccessCheck>().Passed);
        Assert.NotEqual(before, Snapshot(cloud));

        var revoke = _s.Run(Grant(cloud) + " | Revoke-DtsSubAccountAssumeRole -ProfileName " + TaskProfile(cloud) + " -Confirm:$false");
        Assert.Empty(revoke.Errors);
        var revoked = revoke.Single<AssumeRoleGrant>();
        Assert.True(revoked.Changed);
        Assert.Equal(2, revoked.Changes.Length); // detach, delete
        Assert.Contains(revoked.Changes, c => c.StartsWith("Delete", StringComparison.Ordinal));

        var remove = _s.Run(NewRole(cloud) + " | Remove-DtsCrossAccountRole -ProfileName " + OwnerProfile(cloud) + " -Confirm:$false");
        Assert.Empty(remove.Errors);
        var removed = remove.Output.Select(o => o.BaseObject).OfType<CrossAccountRole>().Last();
        Assert.True(removed.Changed);
        Assert.Contains(removed.Changes, c => c.Contains(cloud == "Tencent" ? "QcloudDTSReadOnlyAccess" : "AliyunDTSRolePolicy"));
        Assert.Equal(before, Snapshot(cloud));

        // Read back through the API: the role is gone for the module too.
        var set = _s.Run("Set-DtsTrustPolicy -Cloud " + cloud + " -AccountId " + (cloud == "Tencent" ? TA : AA) + " -RoleName " + (cloud == "Tencent" ? "DTS-role" : "ram-for-dts")
            + " -TrustedAccountId " + (cloud == "Tencent" ? TB : AC) + " -ProfileName " + OwnerProfile(cloud) + " -Confirm:$false");
        Assert.StartsWith("RoleNotFound,", Assert.Single(set.Errors).FullyQualifiedErrorId);

        int mark = _s.CallCount;
        var again = _s.Run("Remove-DtsCrossAccountRole -Cloud " + cloud + " -AccountId " + (cloud == "Tencent" ? TA : AA) + " -ProfileName " + OwnerProfile(cloud) + " -Confirm:$false");
        Assert.Empty(again.Errors);
        Assert.False(again.Single<CrossAccountRole>().Changed);
        var revokeAgain = _s.Run(cloud == "Tencent"
            ? "Revoke-DtsSubAccountAssumeRole -Cloud Tencent -SubAccountUin " + TBSub + " -RoleAccountId " + TA + " -RoleName DTS-role -ProfileName tencent-b -Confirm:$false"
            : "Revoke-DtsSubAccountAssumeRole -Cloud Alibaba -RamUserName dts-operator -RoleAccountId " + AA + " -RoleName ram-for-dts -ProfileName alibaba-c -Confirm:$false");
        Assert.Empty(revokeAgain.Errors);
        Assert.False(revokeAgain.Single<AssumeRoleGrant>().Changed);
        Assert.Empty(_s.WritesSince(mark));
    }

    [Theory]
    [MemberData(nameof(Clouds))]
    public void A_revoked_sub_account_can_no_longer_assume_the_role(string cloud)
    {
        Assert.Empty(_s.Run(NewRole(cloud)).Errors);
        Assert.Empty(_s.Run(Grant(cloud)).Errors);
        Assert.True(_s.Run(Access(cloud)).Single<AccessCheck>().Passed);

        Assert.Empty(_s.Run(Grant(cloud) + " | Revoke-DtsSubAccountAssumeRole -ProfileName " + TaskProfile(cloud) + " -Confirm:$false").Errors);

        int mark = _s.CallCount;
        var check = _s.Run(Access(cloud)).Single<AccessCheck>();
        Assert.False(check.Passed);
        // The emulator's STS refused the sub-account's AssumeRole (not a check the module skipped).
        var assume = _s.Calls.Snapshot().Skip(mark).Where(c => c.Action == "AssumeRole").ToList();
        Assert.NotEmpty(assume);
        Assert.All(assume, c => Assert.NotEqual("OK", c.Result));
    }

    [Theory]
    [MemberData(nameof(Clouds))]
    public void A_role_with_a_foreign_policy_is_refused_naming_it_and_Force_removes_it(string cloud)
    {
        Assert.Empty(_s.Run(NewRole(cloud)).Errors);
        string foreign = cloud == "Tencent" ? "QcloudCamReadOnlyAccess" : "AliyunRAMReadOnlyAccess";
        if (cloud == "Tencent")
            _s.State.Tencent.Accounts[TA].Roles["DTS-role"].AttachedPolicyIds.Add(_s.State.Tencent.PresetPolicies.Single(p => p.PolicyName == foreign).PolicyId);
        else
            _s.State.Alibaba.Accounts[AA].Roles["ram-for-dts"].Policies.Add(("System", foreign));

        int mark = _s.CallCount;
        var refused = _s.Run(NewRole(cloud) + " | Remove-DtsCrossAccountRole -ProfileName " + OwnerProfile(cloud) + " -Confirm:$false");
        var error = Assert.Single(refused.Errors);
        Assert.StartsWith("RoleHasOtherPolicies,", error.FullyQualifiedErrorId);
        Assert.Equal(System.Management.Automation.ErrorCategory.InvalidOperation, error.CategoryInfo.Category);
        Assert.Contains(foreign, error.Exception.Message);
        Assert.Contains("-Force", error.ErrorDetails.RecommendedAction);
        Assert.Empty(_s.WritesSince(mark));

        var forced = _s.Run(NewRole(cloud) + " | Remove-DtsCrossAccountRole -Force -ProfileName " + OwnerProfile(cloud) + " -Confirm:$false");
        Assert.Empty(forced.Errors);
        var removed = forced.Output.Select(o => o.BaseObject).OfType<CrossAccountRole>().Last();
        Assert.Contains(removed.Changes, c => c.Contains(foreign) && c.Contains("-Force"));
        Assert.DoesNotContain(cloud == "Tencent" ? "DTS-role" : "ram-for-dts", cloud == "Tencent"
            ? _s.State.Tencent.Accounts[TA].Roles.Keys : _s.State.Alibaba.Accounts[AA].Roles.Keys);
    }

    [Theory]
    [MemberData(nameof(Clouds))]
    public void A_grant_policy_another_user_still_holds_is_detached_but_kept(string cloud)
    {
        Assert.Empty(_s.Run(NewRole(cloud)).Errors);
        var grant = _s.Run(Grant(cloud)).Single<AssumeRoleGrant>();
        // Another principal of the task account holds the same policy (a role stands in for it on both clouds).
        if (cloud == "Tencent")
        {
            var account = _s.State.Tencent.Accounts[TB];
            account.Roles["other"] = new DtsCrossAccount.Emulator.Tencent.TencentRole { RoleId = "4611686018427499999", RoleName = "other", PolicyDocument = "{}" };
            account.Roles["other"].AttachedPolicyIds.Add(long.Parse(grant.PolicyId));
        }
        else
        {
            var account = _s.State.Alibaba.Accounts[AC];
            account.Roles["other"] = new DtsCrossAccount.Emulator.Alibaba.AlibabaRole { RoleId = "399999", RoleName = "other", Arn = "acs:ram::" + AC + ":role/other", AssumeRolePolicyDocument = "{}" };
            account.Roles["other"].Policies.Add(("Custom", grant.PolicyName));
        }

        var revoke = _s.Run("$args[0] | Revoke-DtsSubAccountAssumeRole -ProfileName " + TaskProfile(cloud) + " -Confirm:$false -Verbose", grant);
        Assert.Empty(revoke.Errors);
        var revoked = revoke.Single<AssumeRoleGrant>();
        Assert.Single(revoked.Changes);
        Assert.StartsWith("Detach", revoked.Changes[0]);
        Assert.Contains(revoke.Verbose, v => v.Contains("stays") && v.Contains("other"));
        Assert.False(_s.Run(Access(cloud)).Single<AccessCheck>().Passed);
        Assert.Contains(grant.PolicyName, cloud == "Tencent"
            ? _s.State.Tencent.Accounts[TB].CustomPolicies.Values.Select(p => p.PolicyName)
            : _s.State.Alibaba.Accounts[AC].CustomPolicies.Keys);
    }

    [Fact]
    public void Alibaba_revoke_deletes_the_policys_non_default_versions_first()
    {
        Assert.Empty(_s.Run(NewRole("Alibaba")).Errors);
        var grant = _s.Run(Grant("Alibaba")).Single<AssumeRoleGrant>();
        var policy = _s.State.Alibaba.Accounts[AC].CustomPolicies[grant.PolicyName];
        policy.OtherVersions["v2"] = (policy.PolicyDocument, DateTimeOffset.UtcNow);

        int mark = _s.CallCount;
        var revoke = _s.Run("$args[0] | Revoke-DtsSubAccountAssumeRole -ProfileName alibaba-c -Confirm:$false", grant);
        Assert.Empty(revoke.Errors);
        Assert.True(revoke.Single<AssumeRoleGrant>().Changed);
        var calls = _s.Calls.Snapshot().Skip(mark).Where(c => c.IsWrite).Select(c => c.Action + ":" + c.Result).ToList();
        Assert.Equal(new[] { "DetachPolicyFromUser:OK", "DeletePolicyVersion:OK", "DeletePolicy:OK" }, calls);
        Assert.DoesNotContain(grant.PolicyName, _s.State.Alibaba.Accounts[AC].CustomPolicies.Keys);
    }

    [Theory]
    [MemberData(nameof(Clouds))]
    public void WhatIf_lists_the_undo_and_writes_nothing(string cloud)
    {
        Assert.Empty(_s.Run(NewRole(cloud)).Errors);
        Assert.Empty(_s.Run(Grant(cloud)).Errors);
        var before = Snapshot(cloud);
        int mark = _s.CallCount;
        var r = _s.Run(Grant(cloud) + " | Revoke-DtsSubAccountAssumeRole -ProfileName " + TaskProfile(cloud) + " -WhatIf -Verbose; "
            + NewRole(cloud) + " | Remove-DtsCrossAccountRole -ProfileName " + OwnerProfile(cloud) + " -WhatIf -Verbose");
        Assert.Empty(r.Errors);
        Assert.Contains(r.Verbose, v => v.StartsWith("Plan: Delete", StringComparison.Ordinal) && v.Contains("role"));
        Assert.Contains(r.Verbose, v => v.StartsWith("Plan: Detach", StringComparison.Ordinal));
        Assert.Empty(_s.WritesSince(mark));
        Assert.Equal(before, Snapshot(cloud));
    }

    [Theory]
    [MemberData(nameof(Clouds))]
    public void Bad_input_is_refused_before_any_call(string cloud)
    {
        int mark = _s.CallCount;
        var r = _s.Run("Remove-DtsCrossAccountRole -Cloud " + cloud + " -AccountId 12ab -ProfileName " + OwnerProfile(cloud) + " -Confirm:$false; "
            + "Revoke-DtsSubAccountAssumeRole -Cloud " + cloud + " -SubAccountUin " + TBSub + " -RamUserName dts-operator -ProfileName " + TaskProfile(cloud) + " -Confirm:$false; "
            + (cloud == "Tencent"
                ? "Revoke-DtsSubAccountAssumeRole -Cloud Tencent -RamUserName dts-operator -PolicyName p -ProfileName tencent-b -Confirm:$false"
                : "Revoke-DtsSubAccountAssumeRole -Cloud Alibaba -SubAccountUin 123 -PolicyName p -ProfileName alibaba-c -Confirm:$false"));
        Assert.Equal(3, r.Errors.Count);
        Assert.All(r.Errors, e => Assert.Equal(System.Management.Automation.ErrorCategory.InvalidArgument, e.CategoryInfo.Category));
        Assert.StartsWith("RevokePolicyNotNamed,", r.Errors[1].FullyQualifiedErrorId);
        Assert.StartsWith("SubAccountParameterMismatch,", r.Errors[2].FullyQualifiedErrorId);
        Assert.Equal(mark, _s.CallCount);
    }
}

/// <summary>Undo runs at the same time on one role and one grant: every run ends without error, the role and policy are gone once.</summary>
public sealed class LifecycleUndoParallelTests
{
    [Theory]
    [InlineData("Tencent")]
    [InlineData("Alibaba")]
    public async Task Concurrent_removes_and_revokes_absorb_already_gone(string cloud)
    {
        await using var s = await ModuleSession.StartAsync();
        string newRole = cloud == "Tencent"
            ? "New-DtsCrossAccountRole -Cloud Tencent -AccountId 100000000001 -TrustedAccountId 100000000002 -ProfileName tencent-a"
            : "New-DtsCrossAccountRole -Cloud Alibaba -AccountId 1000000000000001 -TrustedAccountId 1000000000000003 -ProfileName alibaba-a";
        string grant = cloud == "Tencent"
            ? "Grant-DtsSubAccountAssumeRole -Cloud Tencent -RoleAccountId 100000000001 -RoleName DTS-role -SubAccountUin 100000000021 -ProfileName tencent-b"
            : "Grant-DtsSubAccountAssumeRole -Cloud Alibaba -RoleAccountId 1000000000000001 -RoleName ram-for-dts -RamUserName dts-operator -ProfileName alibaba-c";
        Assert.Empty(s.Run(newRole).Errors);
        Assert.Empty(s.Run(grant).Errors);
        string owner = cloud == "Tencent" ? "tencent-a" : "alibaba-a", task = cloud == "Tencent" ? "tencent-b" : "alibaba-c";
        string body = cloud == "Tencent"
            ? "Remove-DtsCrossAccountRole -Cloud Tencent -AccountId 100000000001 -ProfileName " + owner + " -Confirm:$false -ErrorAction Stop; "
              + "Revoke-DtsSubAccountAssumeRole -Cloud Tencent -SubAccountUin 100000000021 -RoleAccountId 100000000001 -RoleName DTS-role -ProfileName " + task + " -Confirm:$false -ErrorAction Stop"
            : "Remove-DtsCrossAccountRole -Cloud Alibaba -AccountId 1000000000000001 -ProfileName " + owner + " -Confirm:$false -ErrorAction Stop; "
              + "Revoke-DtsSubAccountAssumeRole -Cloud Alibaba -RamUserName dts-operator -RoleAccountId 1000000000000001 -RoleName ram-for-dts -ProfileName " + task + " -Confirm:$false -ErrorAction Stop";
        var run = s.Run("$m = $args[0]; 1..6 | ForEach-Object -ThrottleLimit 6 -Parallel { Import-Module $using:m; "
            + "$PSDefaultParameterValues = $using:PSDefaultParameterValues; "
            + "try { & { " + body + " } | ForEach-Object { 'ok|' + $_.Changed } } catch { 'error|' + $_.FullyQualifiedErrorId + '|' + $_.Exception.Message } }", RepoPaths.Manifest);
        Assert.True(run.Errors.Count == 0 && run.Terminating == null, string.Join("\n", run.Errors) + run.Terminating);
        var results = run.Output.Select(o => o.ToString()!).ToList();
        Assert.Equal(12, results.Count);
        Assert.All(results, r => Assert.StartsWith("ok|", r));
        if (cloud == "Tencent")
        {
            Assert.DoesNotContain("DTS-role", s.State.Tencent.Accounts["100000000001"].Roles.Keys);
            Assert.Empty(s.State.Tencent.Accounts["100000000002"].CustomPolicies);
        }
        else
        {
            Assert.DoesNotContain("ram-for-dts", s.State.Alibaba.Accounts["1000000000000001"].Roles.Keys);
            Assert.Empty(s.State.Alibaba.Accounts["1000000000000003"].CustomPolicies);
        }
        Assert.Equal(1, s.Calls.Snapshot().Count(c => c.Action == "DeleteRole" && c.Result == "OK"));
        Assert.Equal(1, s.Calls.Snapshot().Count(c => c.Action == "DeletePolicy" && c.Result == "OK"));
    }
}
