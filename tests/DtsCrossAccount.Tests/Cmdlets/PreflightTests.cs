using System.Management.Automation;
using DtsCrossAccount.Tests.Infrastructure;

namespace DtsCrossAccount.Tests.Cmdlets;

/// <summary>
/// New-DtsSyncTask checks with read calls before it buys anything: each wrong input of the kinds users make (instance ID,
/// role name, engine, a missing role) ends in one SyncTaskPreflightFailed error listing every failed check with its remedy,
/// and the emulator's call log shows no purchase and no configuration on either cloud.
/// </summary>
public sealed class PreflightTests
{
    private static readonly string[] PurchaseOrConfigure = { "CreateSyncJob", "ConfigureSyncJob", "CreateDtsInstance", "ConfigureDtsJob" };

    // ---------------------------------------------------------------- Tencent (A owns the source, B runs the task)

    private const string TA = "100000000001", TB = "100000000002";

    private static string TencentTask(string name, string extra) =>
        "$src = [pscredential]::new('dts_reader', [System.Net.NetworkCredential]::new('', 'Src-Reader-Pass1').SecurePassword); " +
        "$dst = [pscredential]::new('dts_writer', [System.Net.NetworkCredential]::new('', 'Dst-Writer-Pass1').SecurePassword); " +
        "New-DtsSyncTask -Cloud Tencent -ProfileName tencent-b -Region ap-guangzhou -Name " + name + " -SourceAccountId " + TA +
        " -SourceDatabaseCredential $src -DestinationInstanceId cdb-dst00001 -DestinationDatabaseCredential $dst -Database shop -Confirm:$false " + extra;

    private static async Task<ModuleSession> TencentWithRole()
    {
        var s = await ModuleSession.StartAsync();
        Assert.Empty(s.Run("New-DtsCrossAccountRole -Cloud Tencent -ProfileName tencent-a -AccountId " + TA + " -TrustedAccountId " + TB).Errors);
        return s;
    }

    private static CheckItem[] FailedPreflight(ModuleSession s, RunResult r, ErrorCategory category)
    {
        var error = Assert.Single(r.Errors);
        Assert.StartsWith("SyncTaskPreflightFailed,", error.FullyQualifiedErrorId);
        Assert.Equal(category, error.CategoryInfo.Category);
        Assert.Contains("nothing was bought", error.Exception.Message);
        var task = r.Single<SyncTask>();
        Assert.Same(task, error.TargetObject);
        Assert.Equal("PreflightFailed", task.Status);
        Assert.False(task.Changed);
        Assert.Null(task.TaskId);
        Assert.DoesNotContain(s.Calls.Snapshot(), c => PurchaseOrConfigure.Contains(c.Action));
        var failed = task.Checks.Where(c => c.Result == CheckResult.Failed).ToArray();
        Assert.NotEmpty(failed);
        Assert.All(failed, c => Assert.False(string.IsNullOrEmpty(c.Remedy), c.Name + " has no remedy"));
        Assert.All(failed, c => Assert.Contains("[" + c.Name + "]", error.Exception.Message));
        return failed;
    }

    [Fact]
    public async Task Tencent_wrong_source_instance_buys_nothing_and_names_the_account_and_region()
    {
        await using var s = await TencentWithRole();
        var failed = FailedPreflight(s, s.Run(TencentTask("typo", "-SourceInstanceId cdb-srcTYPO1")), ErrorCategory.ObjectNotFound);
        var item = Assert.Single(failed);
        Assert.Equal("SourceInstance", item.Name);
        Assert.Contains("cdb-srcTYPO1", item.Message);
        Assert.Contains("account " + TA, item.Message);
        Assert.Contains("ap-guangzhou", item.Message);
        Assert.Contains("-SourceInstanceId", item.Remedy);
    }

    [Fact]
    public async Task Tencent_wrong_role_name_buys_nothing_and_gives_the_FAQ_diagnosis()
    {
        await using var s = await TencentWithRole();
        var failed = FailedPreflight(s, s.Run(TencentTask("role-typo", "-SourceInstanceId cdb-src00001 -SourceRoleName DTS-rol")), ErrorCategory.PermissionDenied);
        var item = Assert.Single(failed);
        Assert.Equal("SourceAssumeRole", item.Name);
        Assert.Contains("InternalError.GetRoleError", item.Message); // the guide's FAQ: "role not exist[InternalError.GetRoleError]"
        Assert.Contains("New-DtsCrossAccountRole -Cloud Tencent -AccountId " + TA, item.Remedy);
    }

    [Fact]
    public async Task Tencent_wrong_engine_buys_nothing_and_says_which_engine_the_instance_is()
    {
        await using var s = await TencentWithRole();
        var failed = FailedPreflight(s, s.Run(TencentTask("engine-typo", "-SourceInstanceId cdb-src00001 -SourceEngine tdsqlmysql")), ErrorCategory.ObjectNotFound);
        var item = Assert.Single(failed);
        Assert.Contains("is a TencentDB for MySQL instance, not TDSQL for MySQL", item.Message);
        Assert.Equal("Pass -SourceEngine mysql.", item.Remedy);
    }

    [Fact]
    public async Task Tencent_missing_role_and_junk_instance_id_are_refused_before_any_call()
    {
        await using var s = await ModuleSession.StartAsync();
        var r = s.Run(TencentTask("junk", "-SourceInstanceId 'x\"; Remove-Item'"));
        var error = Assert.Single(r.Errors);
        Assert.StartsWith("InvalidInstanceId,", error.FullyQualifiedErrorId);
        Assert.Equal(ErrorCategory.InvalidArgument, error.CategoryInfo.Category);
        Assert.DoesNotContain(s.Calls.Snapshot(), c => c.Service != "sts");
    }

    [Fact]
    public async Task Tencent_missing_role_with_a_well_formed_instance_id_reports_the_role_and_skips_the_listing()
    {
        await using var s = await ModuleSession.StartAsync();
        var failed = FailedPreflight(s, s.Run(TencentTask("no-role", "-SourceInstanceId cdb-src00001")), ErrorCategory.PermissionDenied);
        Assert.Equal("SourceAssumeRole", Assert.Single(failed).Name);
    }

    [Fact]
    public async Task Tencent_WhatIf_runs_the_checks_and_shows_them_with_the_plan_without_writing()
    {
        await using var s = await TencentWithRole();
        int mark = s.CallCount;
        var ok = s.Run(TencentTask("whatif", "-SourceInstanceId cdb-src00001 -WhatIf -Verbose"));
        Assert.Empty(ok.Errors);
        Assert.Empty(s.WritesSince(mark));
        Assert.Contains(ok.Verbose, v => v.StartsWith("Check before buying: SourceAssumeRole Passed"));
        Assert.Contains(ok.Verbose, v => v.StartsWith("Check before buying: SourceInstance Passed"));
        Assert.Contains(ok.Verbose, v => v.StartsWith("Check before buying: DestinationInstance Passed"));

        var bad = s.Run(TencentTask("whatif", "-SourceInstanceId cdb-srcTYPO1 -WhatIf"));
        Assert.StartsWith("SyncTaskPreflightFailed,", Assert.Single(bad.Errors).FullyQualifiedErrorId);
        Assert.Empty(s.WritesSince(mark));
    }

    // ---------------------------------------------------------------- Alibaba (A, B own databases, C runs the task as RAM user dts-operator)

    private const string AA = "1000000000000001", AB = "1000000000000002", AC = "1000000000000003";

    private static string AlibabaTask(string profile, string name, string extra) =>
        "$db = [pscredential]::new('dts_user', [System.Net.NetworkCredential]::new('', 'Db-Secret-Pass9').SecurePassword)\n" +
        "New-DtsSyncTask -Cloud Alibaba -ProfileName " + profile + " -Region cn-hangzhou -Name " + name +
        " -SourceDatabaseCredential $db -DestinationDatabaseCredential $db -Database shop -Confirm:$false " + extra;

    private static async Task<ModuleSession> AlibabaOperatorSetup()
    {
        var s = await ModuleSession.StartAsync();
        foreach (var (profile, owner) in new[] { ("alibaba-a", AA), ("alibaba-b", AB) })
        {
            Assert.Empty(s.Run("New-DtsCrossAccountRole -Cloud Alibaba -ProfileName " + profile + " -AccountId " + owner + " -TrustedAccountId " + AC).Errors);
            Assert.Empty(s.Run("Grant-DtsSubAccountAssumeRole -Cloud Alibaba -ProfileName alibaba-c -RoleAccountId " + owner + " -RoleName ram-for-dts -RamUserName dts-operator -Confirm:$false").Errors);
        }
        return s;
    }

    private const string OperatorEndpoints = "-SourceAccountId " + AA + " -DestinationAccountId " + AB + " -DestinationInstanceId rm-dst0000001 ";

    [Fact]
    public async Task Alibaba_wrong_source_instance_buys_nothing()
    {
        await using var s = await AlibabaOperatorSetup();
        var failed = FailedPreflight(s, s.Run(AlibabaTask("alibaba-c-operator", "typo", OperatorEndpoints + "-SourceInstanceId rm-srcTYPO001")), ErrorCategory.ObjectNotFound);
        var item = Assert.Single(failed);
        Assert.Equal("SourceInstance", item.Name);
        Assert.Contains("account " + AA, item.Message);
        Assert.Empty(s.State.Alibaba.Accounts[AC].DtsInstances);
    }

    [Fact]
    public async Task Alibaba_wrong_role_name_buys_nothing()
    {
        await using var s = await AlibabaOperatorSetup();
        var failed = FailedPreflight(s, s.Run(AlibabaTask("alibaba-c-operator", "role-typo", OperatorEndpoints + "-SourceInstanceId rm-src0000001 -SourceRoleName ram-for-dtz")),
            ErrorCategory.PermissionDenied);
        var item = Assert.Single(failed);
        Assert.Equal("SourceAssumeRole", item.Name);
        Assert.Contains("role 'ram-for-dtz' of account " + AA, item.Message); // the grant covers ram-for-dts only, so STS refuses first
        Assert.Contains("New-DtsCrossAccountRole -Cloud Alibaba -AccountId " + AA, item.Remedy);
    }

    [Fact]
    public async Task Alibaba_wrong_engine_buys_nothing_and_names_the_real_engine()
    {
        await using var s = await AlibabaOperatorSetup();
        var failed = FailedPreflight(s, s.Run(AlibabaTask("alibaba-c-operator", "engine-typo", OperatorEndpoints + "-SourceInstanceId rm-src0000001 -SourceEngine PostgreSQL")),
            ErrorCategory.ObjectNotFound);
        var item = Assert.Single(failed);
        Assert.Contains("is an RDS MySQL instance, not PostgreSQL", item.Message);
        Assert.Equal("Pass -SourceEngine MySQL.", item.Remedy);
    }

    [Fact]
    public async Task Alibaba_root_caller_checks_its_own_instance_and_says_why_the_peer_is_left_to_the_precheck()
    {
        await using var s = await ModuleSession.StartAsync();
        Assert.Empty(s.Run("New-DtsCrossAccountRole -Cloud Alibaba -ProfileName alibaba-a -AccountId " + AA + " -TrustedAccountId " + AB).Errors);
        var r = s.Run(AlibabaTask("alibaba-b", "dst-typo", "-SourceAccountId " + AA + " -SourceInstanceId rm-src0000001 -DestinationInstanceId rm-dstTYPO001"));
        var failed = FailedPreflight(s, r, ErrorCategory.ObjectNotFound);
        Assert.Equal("DestinationInstance", Assert.Single(failed).Name);
        var skipped = r.Single<SyncTask>().Checks.Single(c => c.Name == "SourceAssumeRole");
        Assert.Equal(CheckResult.Skipped, skipped.Result);
        Assert.Contains("STS refuses root AccessKeys", skipped.Message);
        Assert.Contains("RAM user", skipped.Remedy);
    }
}
