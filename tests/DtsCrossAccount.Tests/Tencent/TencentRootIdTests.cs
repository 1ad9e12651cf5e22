using DtsCrossAccount.Tests.Infrastructure;

namespace DtsCrossAccount.Tests.Tencent;

/// <summary>
/// The guide's step 4: the role trusts the ROOT account ID of the task account, "even if the target database is owned by a
/// sub-account". A sub-account UIN given instead is caught wherever a call can tell, with the guide's explanation, and
/// no useless role is made.
/// </summary>
public sealed class TencentRootIdTests : IAsyncLifetime
{
    private const string A = "100000000001", B = "100000000002", BSub = "100000000021";
    private ModuleSession _s = null!;

    public async Task InitializeAsync() => _s = await ModuleSession.StartAsync();

    public async Task DisposeAsync() => await _s.DisposeAsync();

    [Fact]
    public void A_sub_account_uin_of_another_account_as_trusted_account_makes_no_role_and_quotes_the_guide()
    {
        int mark = _s.CallCount;
        var r = _s.Run("New-DtsCrossAccountRole -Cloud Tencent -ProfileName tencent-a -AccountId " + A + " -TrustedAccountId " + BSub);
        var e = Assert.Single(r.Errors);
        Assert.StartsWith("TrustedAccountNotRoot,", e.FullyQualifiedErrorId);
        Assert.Equal(System.Management.Automation.ErrorCategory.InvalidArgument, e.CategoryInfo.Category);
        Assert.Contains("Even if the target database is owned by a sub-account, you still need to enter the root account ID here.", e.Exception.Message);
        Assert.Contains("Grant-DtsSubAccountAssumeRole", e.Exception.Message);
        // CAM's own words once, without their full stop inside the parenthesis.
        Assert.Contains("does not exist), so no role can trust it.", e.Exception.Message);
        Assert.Empty(_s.WritesSince(mark));
        Assert.False(_s.State.Tencent.Accounts[A].Roles.ContainsKey("DTS-role"));
    }

    [Fact]
    public void A_policy_attachment_refused_after_the_role_was_created_says_so_and_how_to_complete_it()
    {
        // CAM answers the attachment with an error of its own (not retried): the role exists without its policy.
        _s.Emulator.Faults.Add(new DtsCrossAccount.Emulator.Core.Fault("Tencent", "AttachRolePolicy", "InvalidParameter.AttachmentFull", 200,
            "role policy attachment has reached the limit.") { Remaining = 1 });

        var e = Assert.Single(_s.Run(TencentFlowTests.CreateRole).Errors);

        Assert.StartsWith("RoleIncomplete,", e.FullyQualifiedErrorId);
        Assert.Contains("but attaching QcloudDTSReadOnlyAccess failed: [InvalidParameter.AttachmentFull] role policy attachment has reached the limit. " +
                        "The role exists now without the policy; re-running the same New-DtsCrossAccountRole command completes it.", e.Exception.Message);
        Assert.True(_s.State.Tencent.Accounts[A].Roles.ContainsKey("DTS-role"));
        Assert.Empty(_s.Run(TencentFlowTests.CreateRole).Errors);
    }

    [Fact]
    public void A_sub_account_of_the_owner_itself_is_refused_before_any_write()
    {
        int mark = _s.CallCount;
        var r = _s.Run("New-DtsCrossAccountRole -Cloud Tencent -ProfileName tencent-b -AccountId " + B + " -TrustedAccountId " + BSub);
        var e = Assert.Single(r.Errors);
        Assert.StartsWith("TrustedAccountIsSubAccount,", e.FullyQualifiedErrorId);
        Assert.Contains("sub-account 'dts-operator' of root account " + B, e.Exception.Message);
        Assert.Empty(_s.WritesSince(mark));
    }

    [Fact]
    public void The_grant_names_the_root_when_the_trusted_account_given_is_the_sub_account()
    {
        Assert.Empty(_s.Run("New-DtsCrossAccountRole -Cloud Tencent -ProfileName tencent-a -AccountId " + A + " -TrustedAccountId " + B).Errors);
        int mark = _s.CallCount;
        var r = _s.Run("Grant-DtsSubAccountAssumeRole -Cloud Tencent -ProfileName tencent-b -RoleAccountId " + A + " -RoleName DTS-role -TrustedAccountId " + BSub + " -SubAccountUin " + BSub);
        var e = Assert.Single(r.Errors);
        Assert.StartsWith("AccountIdIsSubAccount,", e.FullyQualifiedErrorId);
        Assert.Contains("root account " + B, e.Exception.Message);
        Assert.Contains("you still need to enter the root account ID here", e.Exception.Message);
        Assert.Empty(_s.WritesSince(mark));
    }

    [Fact]
    public void The_access_test_run_by_the_sub_account_explains_its_own_uin_given_as_trusted_account()
    {
        Assert.Empty(_s.Run("New-DtsCrossAccountRole -Cloud Tencent -ProfileName tencent-a -AccountId " + A + " -TrustedAccountId " + B).Errors);
        var check = _s.Run("Test-DtsCrossAccountAccess -Cloud Tencent -ProfileName tencent-b-sub -RoleAccountId " + A + " -RoleName DTS-role -TrustedAccountId " + BSub).Single<AccessCheck>();
        var who = Assert.Single(check.Checks, c => c.Name == "CallerIdentity");
        Assert.Equal(CheckResult.Failed, who.Result);
        Assert.Contains("UIN of the sub-account these credentials belong to", who.Message);
        Assert.Contains("Set-DtsTrustPolicy -Cloud Tencent -AccountId " + A + " -RoleName DTS-role -TrustedAccountId " + B, who.Remedy);
        Assert.Contains("Grant-DtsSubAccountAssumeRole -Cloud Tencent -RoleAccountId " + A, who.Remedy);
    }
}
