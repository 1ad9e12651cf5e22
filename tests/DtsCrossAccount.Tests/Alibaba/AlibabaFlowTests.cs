using System.Management.Automation;
using DtsCrossAccount.Emulator.Alibaba;
using DtsCrossAccount.Tests.Infrastructure;

namespace DtsCrossAccount.Tests.Alibaba;

/// <summary>The Alibaba Cloud guide's three scenarios and its warnings, through the cmdlets against the emulator.</summary>
public sealed class AlibabaFlowTests
{
    private const string A = "1000000000000001", B = "1000000000000002", C = "1000000000000003";
    private const string DbPassword = "Db-Secret-Pass9";
    private const string Credentials =
        "$db = [pscredential]::new('dts_user', [System.Net.NetworkCredential]::new('', '" + DbPassword + "').SecurePassword)\n";

    private static string Task(string profile, string name, string extra) =>
        Credentials + "New-DtsSyncTask -Cloud Alibaba -ProfileName " + profile + " -Region cn-hangzhou -Name " + name
        + " -SourceInstanceId rm-src0000001 -SourceDatabaseCredential $db -DestinationInstanceId rm-dst0000001 -DestinationDatabaseCredential $db"
        + " -Confirm:$false " + extra;

    private static IEnumerable<string> Actions(ModuleSession s, int from, bool writesOnly = true) =>
        s.Calls.Snapshot().Skip(from).Where(c => !writesOnly || (c.IsWrite && c.Result == "OK")).Select(c => c.Action);

    [Fact]
    public async Task Source_scenario_end_to_end_and_a_rerun_changes_nothing()
    {
        await using var s = await ModuleSession.StartAsync();
        var role = s.Run("New-DtsCrossAccountRole -Cloud Alibaba -ProfileName alibaba-a -AccountId " + A + " -TrustedAccountId " + B).Single<CrossAccountRole>();
        Assert.True(role.Changed);
        Assert.Equal("acs:ram::" + A + ":role/ram-for-dts", role.Arn);
        Assert.Contains("AliyunDTSRolePolicy", role.AttachedPolicies);
        var stored = s.State.Alibaba.Accounts[A].Roles["ram-for-dts"].AssumeRolePolicyDocument;
        Assert.Contains(B + "@dts.aliyuncs.com", stored);

        var check = s.Run("Test-DtsCrossAccountAccess -Cloud Alibaba -ProfileName alibaba-b -OwnerProfileName alibaba-a -RoleAccountId " + A + " -RoleName ram-for-dts -Region cn-hangzhou").Single<AccessCheck>();
        Assert.True(check.Passed, string.Join("\n", check.Checks.Select(c => c.Name + ": " + c.Result + " " + c.Message)));

        var task = s.Run(Task("alibaba-b", "orders-a-to-b", "-SourceAccountId " + A + " -SourceRoleName ram-for-dts -Database shop -Wait"));
        Assert.Empty(task.Errors);
        var t = task.Single<SyncTask>();
        Assert.Equal("Synchronizing", t.Status);
        var config = s.State.Alibaba.Accounts[B].DtsInstances[t.InstanceId].Config!;
        Assert.Equal((A, "ram-for-dts"), (config["SourceEndpointOwnerID"], config["SourceEndpointRole"]));
        Assert.False(config.ContainsKey("DestinationEndpointOwnerID"));
        Assert.Equal("{\"shop\":{\"name\":\"shop\",\"all\":true}}", config["DbList"]);
        Assert.DoesNotContain(DbPassword, task.AllText());

        int mark = s.CallCount;
        var again = s.Run("New-DtsCrossAccountRole -Cloud Alibaba -ProfileName alibaba-a -AccountId " + A + " -TrustedAccountId " + B).Single<CrossAccountRole>();
        var taskAgain = s.Run(Task("alibaba-b", "orders-a-to-b", "-SourceAccountId " + A + " -Database shop -Wait")).Single<SyncTask>();
        Assert.False(again.Changed);
        Assert.False(taskAgain.Changed);
        Assert.Equal((t.TaskId, "Synchronizing"), (taskAgain.TaskId, taskAgain.Status));
        Assert.Empty(Actions(s, mark));
    }

    [Fact]
    public async Task Destination_scenario_puts_the_owner_and_role_on_the_destination()
    {
        await using var s = await ModuleSession.StartAsync();
        s.Run("New-DtsCrossAccountRole -Cloud Alibaba -ProfileName alibaba-b -AccountId " + B + " -TrustedAccountId " + A);
        var r = s.Run(Credentials + "New-DtsSyncTask -Cloud Alibaba -ProfileName alibaba-a -Region cn-shanghai -Name to-b -Confirm:$false -SourceInstanceId rm-src0000002 -SourceDatabaseCredential $db "
            + "-DestinationAccountId " + B + " -DestinationInstanceId rm-dst0000002 -DestinationDatabaseCredential $db -Table shop.orders -Wait");
        Assert.Empty(r.Errors);
        var t = r.Single<SyncTask>();
        Assert.Equal("Synchronizing", t.Status);
        var config = s.State.Alibaba.Accounts[A].DtsInstances[t.InstanceId].Config!;
        Assert.Equal((B, "ram-for-dts"), (config["DestinationEndpointOwnerID"], config["DestinationEndpointRole"]));
        Assert.Contains("\"Table\":{\"orders\"", config["DbList"]);
    }

    [Fact]
    public async Task Three_accounts_with_a_RAM_user_of_the_task_account()
    {
        await using var s = await ModuleSession.StartAsync();
        s.Run("New-DtsCrossAccountRole -Cloud Alibaba -ProfileName alibaba-a -AccountId " + A + " -TrustedAccountId " + C);
        s.Run("New-DtsCrossAccountRole -Cloud Alibaba -ProfileName alibaba-b -AccountId " + B + " -TrustedAccountId " + C);

        // Before the grant the RAM user may not assume the role: the check says so and names the grant.
        var denied = s.Run("Test-DtsCrossAccountAccess -Cloud Alibaba -ProfileName alibaba-c-operator -RoleAccountId " + A + " -RoleName ram-for-dts -Region cn-hangzhou").Single<AccessCheck>();
        Assert.False(denied.Passed);
        var assume = denied.Checks.Single(c => c.Name == "AssumeRole");
        Assert.Equal(CheckResult.Failed, assume.Result);
        Assert.Contains("Grant-DtsSubAccountAssumeRole -Cloud Alibaba -RoleAccountId " + A + " -RoleName ram-for-dts -RamUserName dts-operator", assume.Remedy);

        var grants = s.Run("'" + A + "', '" + B + "' | ForEach-Object { Grant-DtsSubAccountAssumeRole -Cloud Alibaba -ProfileName alibaba-c -RoleAccountId $_ -RoleName ram-for-dts -RamUserName dts-operator -Confirm:$false }");
        Assert.Empty(grants.Errors);
        // One grant per owner's role, both held by C's RAM user, each on its own role.
        var granted = grants.All<AssumeRoleGrant>().ToList();
        Assert.Equal(new[] { "acs:ram::" + A + ":role/ram-for-dts", "acs:ram::" + B + ":role/ram-for-dts" }, granted.Select(g => g.Resource));
        Assert.All(granted, g => Assert.Equal(("dts-operator", C), (g.SubAccountName, g.AccountId)));

        foreach (var owner in new[] { A, B })
        {
            var ok = s.Run("Test-DtsCrossAccountAccess -Cloud Alibaba -ProfileName alibaba-c-operator -RoleAccountId " + owner + " -RoleName ram-for-dts -Region cn-hangzhou").Single<AccessCheck>();
            Assert.True(ok.Passed, string.Join("\n", ok.Checks.Select(c => c.Name + ": " + c.Result + " " + c.Message)));
            Assert.Equal(CheckResult.Passed, ok.Checks.Single(c => c.Name == "ListOwnerInstances").Result);
        }

        var task = s.Run(Task("alibaba-c-operator", "via-c", "-SourceAccountId " + A + " -DestinationAccountId " + B + " -Database shop -Wait"));
        Assert.Empty(task.Errors);
        Assert.Equal("Synchronizing", task.Single<SyncTask>().Status);

        int mark = s.CallCount;
        var regrant = s.Run("Grant-DtsSubAccountAssumeRole -Cloud Alibaba -ProfileName alibaba-c -RoleAccountId " + A + " -RoleName ram-for-dts -RamUserName dts-operator").Single<AssumeRoleGrant>();
        Assert.False(regrant.Changed);
        Assert.Empty(Actions(s, mark));
    }

    [Fact]
    public async Task WhatIf_writes_nothing()
    {
        await using var s = await ModuleSession.StartAsync();
        int mark = s.CallCount;
        var role = s.Run("New-DtsCrossAccountRole -Cloud Alibaba -ProfileName alibaba-a -AccountId " + A + " -TrustedAccountId " + B + " -WhatIf");
        var task = s.Run(Task("alibaba-b", "whatif", "-SourceAccountId " + A + " -Database shop -WhatIf"));
        Assert.Empty(role.Errors);
        Assert.Empty(task.Errors);
        Assert.Empty(Actions(s, mark));
        Assert.Empty(s.State.Alibaba.Accounts[A].Roles);
        Assert.Empty(s.State.Alibaba.Accounts[B].DtsInstances);
    }

    [Fact]
    public async Task A_RAM_user_in_the_RAM_console_role_gets_the_guides_warning()
    {
        await using var s = await ModuleSession.StartAsync();
        var r = s.Run("New-DtsCrossAccountRole -Cloud Alibaba -ProfileName alibaba-a-ops -AccountId " + A + " -TrustedAccountId " + B);
        Assert.Empty(r.Errors);
        Assert.Contains(r.Warnings, w => w.Contains("Log in to the RAM console using the Alibaba Cloud account (root account), not a RAM user."));
    }

    [Fact]
    public async Task A_role_created_as_a_RAM_user_is_caught_with_the_roles_not_users_warning()
    {
        await using var s = await ModuleSession.StartAsync();
        s.State.Alibaba.Accounts[A].Users["ram-for-dts"] = new AlibabaRamUser { UserId = "209999999999999999", UserName = "ram-for-dts" };

        var check = s.Run("Test-DtsCrossAccountAccess -Cloud Alibaba -ProfileName alibaba-b -OwnerProfileName alibaba-a -RoleAccountId " + A + " -RoleName ram-for-dts").Single<AccessCheck>();
        Assert.False(check.Passed);
        var item = check.Checks.Single(c => c.Name == "RoleIsRamRole");
        Assert.Equal(CheckResult.Failed, item.Result);
        Assert.Contains("RAM USER, not a RAM role", item.Message);
        Assert.Contains("Choose Identities > Roles, not Identities > Users", item.Message);
        Assert.Contains("New-DtsCrossAccountRole -Cloud Alibaba -AccountId " + A + " -RoleName ram-for-dts -TrustedAccountId " + B, item.Remedy);
    }

    [Fact]
    public async Task A_wrong_id_in_the_trust_policy_collapses_the_service_principal_and_is_caught()
    {
        await using var s = await ModuleSession.StartAsync();
        // What the console stores when account A enters its own ID (the guide: "Service changes to dts.aliyuncs.com").
        var console = s.Run("New-DtsCrossAccountRole -Cloud Alibaba -ProfileName alibaba-a -AccountId " + A + " -TrustedAccountId " + B);
        Assert.Empty(console.Errors);
        s.State.Alibaba.Accounts[A].Roles["ram-for-dts"].AssumeRolePolicyDocument =
            "{\"Statement\":[{\"Action\":\"sts:AssumeRole\",\"Effect\":\"Allow\",\"Principal\":{\"RAM\":[\"acs:ram::" + A + ":root\"],\"Service\":[\"dts.aliyuncs.com\"]}}],\"Version\":\"1\"}";

        var check = s.Run("Test-DtsCrossAccountAccess -Cloud Alibaba -ProfileName alibaba-b -OwnerProfileName alibaba-a -RoleAccountId " + A + " -RoleName ram-for-dts").Single<AccessCheck>();
        var service = check.Checks.Single(c => c.Name == "TrustPolicyServicePrincipal");
        Assert.Equal(CheckResult.Failed, service.Result);
        Assert.Contains("\"dts.aliyuncs.com\" instead of \"" + B + "@dts.aliyuncs.com\"", service.Message);
        Assert.Contains("Set-DtsTrustPolicy -Cloud Alibaba -AccountId " + A + " -RoleName ram-for-dts -TrustedAccountId " + B, service.Remedy);
        Assert.Contains("names the role's own account", check.Checks.Single(c => c.Name == "TrustPolicyRamPrincipal").Message);

        // Creating again refuses to overwrite and names the fix; the fix then passes.
        var again = s.Run("New-DtsCrossAccountRole -Cloud Alibaba -ProfileName alibaba-a -AccountId " + A + " -TrustedAccountId " + B);
        var error = Assert.Single(again.Errors);
        Assert.StartsWith("RoleTrustPolicyMismatch,", error.FullyQualifiedErrorId);
        Assert.Contains("Set-DtsTrustPolicy -Cloud Alibaba -AccountId " + A + " -RoleName ram-for-dts -TrustedAccountId " + B, error.Exception.Message);

        var fixedRole = s.Run("Set-DtsTrustPolicy -Cloud Alibaba -ProfileName alibaba-a -AccountId " + A + " -RoleName ram-for-dts -TrustedAccountId " + B + " -Confirm:$false");
        Assert.Empty(fixedRole.Errors);
        var after = s.Run("Test-DtsCrossAccountAccess -Cloud Alibaba -ProfileName alibaba-b -OwnerProfileName alibaba-a -RoleAccountId " + A + " -RoleName ram-for-dts").Single<AccessCheck>();
        Assert.True(after.Passed, string.Join("\n", after.Checks.Select(c => c.Name + ": " + c.Result + " " + c.Message)));
    }

    [Fact]
    public async Task A_role_without_AliyunDTSRolePolicy_is_caught_and_a_rerun_attaches_it()
    {
        await using var s = await ModuleSession.StartAsync();
        s.Run("New-DtsCrossAccountRole -Cloud Alibaba -ProfileName alibaba-a -AccountId " + A + " -TrustedAccountId " + B);
        s.State.Alibaba.Accounts[A].Roles["ram-for-dts"].Policies.Clear();

        var check = s.Run("Test-DtsCrossAccountAccess -Cloud Alibaba -ProfileName alibaba-b -OwnerProfileName alibaba-a -RoleAccountId " + A + " -RoleName ram-for-dts").Single<AccessCheck>();
        var item = check.Checks.Single(c => c.Name == "RolePolicyAttached");
        Assert.Equal(CheckResult.Failed, item.Result);
        Assert.Contains("New-DtsCrossAccountRole -Cloud Alibaba -AccountId " + A, item.Remedy);

        int mark = s.CallCount;
        var fixedRole = s.Run("New-DtsCrossAccountRole -Cloud Alibaba -ProfileName alibaba-a -AccountId " + A + " -TrustedAccountId " + B).Single<CrossAccountRole>();
        Assert.True(fixedRole.Changed);
        Assert.Equal(new[] { "AttachPolicyToRole" }, Actions(s, mark));
    }

    [Fact]
    public async Task Two_way_with_one_side_unauthorized_names_that_side_and_buys_nothing()
    {
        await using var s = await ModuleSession.StartAsync();
        s.Run("New-DtsCrossAccountRole -Cloud Alibaba -ProfileName alibaba-a -AccountId " + A + " -TrustedAccountId " + C);
        s.Run("Grant-DtsSubAccountAssumeRole -Cloud Alibaba -ProfileName alibaba-c -RoleAccountId " + A + " -RoleName ram-for-dts -RamUserName dts-operator -Confirm:$false");
        s.Run("Grant-DtsSubAccountAssumeRole -Cloud Alibaba -ProfileName alibaba-c -RoleAccountId " + B + " -RoleName ram-for-dts -RamUserName dts-operator -Confirm:$false");

        var r = s.Run(Task("alibaba-c-operator", "two-way", "-SourceAccountId " + A + " -DestinationAccountId " + B + " -Database shop -TwoWay"));
        var error = Assert.Single(r.Errors);
        Assert.StartsWith("SyncTaskPreflightFailed,", error.FullyQualifiedErrorId);
        Assert.Equal(ErrorCategory.PermissionDenied, error.CategoryInfo.Category);
        Assert.Contains("both the source and destination database accounts must complete RAM authorization separately", error.Exception.Message);
        Assert.Contains("The destination side (account " + B + ")", error.Exception.Message);
        Assert.DoesNotContain("The source side", error.Exception.Message);
        Assert.Contains("New-DtsCrossAccountRole -Cloud Alibaba -AccountId " + B + " -RoleName ram-for-dts -TrustedAccountId " + C, error.Exception.Message);
        Assert.Contains("-RamUserName dts-operator", error.Exception.Message); // the caller's own RAM user, not a placeholder
        Assert.Empty(s.State.Alibaba.Accounts[C].DtsInstances);
    }

    [Fact]
    public async Task With_the_root_of_the_task_account_the_DTS_precheck_names_the_unauthorized_side()
    {
        await using var s = await ModuleSession.StartAsync();
        s.Run("New-DtsCrossAccountRole -Cloud Alibaba -ProfileName alibaba-a -AccountId " + A + " -TrustedAccountId " + C);

        var r = s.Run(Task("alibaba-c", "two-way-root", "-SourceAccountId " + A + " -DestinationAccountId " + B + " -Database shop -TwoWay"));
        var error = Assert.Single(r.Errors);
        Assert.StartsWith("SyncTaskPrecheckFailed,", error.FullyQualifiedErrorId);
        var task = Assert.IsType<SyncTask>(error.TargetObject);
        Assert.Equal("PrecheckFailed", task.Status);
        Assert.Same(task, r.Single<SyncTask>()); // also in the output, for $task.Checks
        var failed = task.Checks.Where(c => c.Result == CheckResult.Failed).ToList();
        Assert.Contains(failed, c => c.Message.Contains("not found in Alibaba Cloud account " + B) && !string.IsNullOrEmpty(c.Remedy));
        Assert.Contains("-RoleAccountId " + B, error.Exception.Message);

        // Fixing the destination side and running again reuses the instance.
        s.Run("New-DtsCrossAccountRole -Cloud Alibaba -ProfileName alibaba-b -AccountId " + B + " -TrustedAccountId " + C);
        var again = s.Run(Task("alibaba-c", "two-way-root", "-SourceAccountId " + A + " -DestinationAccountId " + B + " -Database shop -TwoWay -Wait"));
        Assert.Empty(again.Errors);
        Assert.Equal(("Synchronizing", task.InstanceId), (again.Single<SyncTask>().Status, again.Single<SyncTask>().InstanceId));
        Assert.Single(s.State.Alibaba.Accounts[C].DtsInstances);
    }

    [Theory]
    [InlineData("-SourceEngine PostgreSQL -DestinationEngine PostgreSQL -DestinationAccountId " + C, "UnsupportedDestinationDatabase")]
    [InlineData("-SourceEngine PolarDBMySQL -SourceConnectionType ECS", "UnsupportedSourceConnectionType")]
    [InlineData("-SourceEngine PostgreSQL -TwoWay", "UnsupportedTwoWayDatabase")]
    [InlineData("-SourceRegion cn-hangzhou-finance", "CrossCloudTypeSync")]
    public async Task Unsupported_tasks_are_refused_before_any_DTS_call(string parameters, string errorId)
    {
        await using var s = await ModuleSession.StartAsync();
        int mark = s.CallCount;
        var r = s.Run(Task("alibaba-b", "refused", "-SourceAccountId " + A + " -Database shop " + parameters));
        var error = Assert.Single(r.Errors);
        Assert.StartsWith(errorId + ",", error.FullyQualifiedErrorId);
        Assert.DoesNotContain(s.Calls.Snapshot().Skip(mark), c => c.Service != "sts");
    }

    [Fact]
    public async Task Root_keys_skip_AssumeRole_with_the_reason_when_the_owner_side_read_the_role()
    {
        await using var s = await ModuleSession.StartAsync();
        s.Run("New-DtsCrossAccountRole -Cloud Alibaba -ProfileName alibaba-a -AccountId " + A + " -TrustedAccountId " + B);
        var check = s.Run("Test-DtsCrossAccountAccess -Cloud Alibaba -ProfileName alibaba-b -OwnerProfileName alibaba-a -RoleAccountId " + A + " -RoleName ram-for-dts -Region cn-hangzhou").Single<AccessCheck>();
        var assume = check.Checks.Single(c => c.Name == "AssumeRole");
        Assert.Equal(CheckResult.Skipped, assume.Result);
        Assert.Contains("Roles may not be assumed by root accounts", assume.Message);
        Assert.Contains("RAM user", assume.Remedy);
        Assert.DoesNotContain(s.Calls.Snapshot(), c => c.Action == "AssumeRole");
        Assert.True(check.Passed);
    }

    [Fact]
    public async Task A_task_account_that_never_authorized_DTS_is_told_before_buying()
    {
        await using var s = await ModuleSession.StartAsync();
        s.Run("New-DtsCrossAccountRole -Cloud Alibaba -ProfileName alibaba-a -AccountId " + A + " -TrustedAccountId " + B);
        s.State.Alibaba.Accounts[B].DtsServiceRoleAuthorized = false;

        var check = s.Run("Test-DtsCrossAccountAccess -Cloud Alibaba -ProfileName alibaba-b -RoleAccountId " + A + " -RoleName ram-for-dts").Single<AccessCheck>();
        Assert.Equal(CheckResult.Failed, check.Checks.Single(c => c.Name == "DtsServiceAuthorized").Result);

        var r = s.Run(Task("alibaba-b", "no-dts-role", "-SourceAccountId " + A + " -Database shop"));
        Assert.Contains("Grant permissions to DTS to access cloud resources", Assert.Single(r.Errors).Exception.Message);
        Assert.Empty(s.State.Alibaba.Accounts[B].DtsInstances);
    }

    [Fact]
    public async Task A_failure_between_configure_and_purchase_leaves_the_named_job_and_a_rerun_buys_once_for_it()
    {
        await using var s = await ModuleSession.StartAsync();
        s.Run("New-DtsCrossAccountRole -Cloud Alibaba -ProfileName alibaba-a -AccountId " + A + " -TrustedAccountId " + B);
        // Every attempt fails before it runs (the reads in between find no instance), until the retries give up.
        s.Emulator.Faults.Add("Alibaba", "CreateDtsInstance", "InternalError", times: 5, httpStatus: 500);

        var r = s.Run(Task("alibaba-b", "resume-me", "-SourceAccountId " + A + " -Database shop"));
        var error = Assert.Single(r.Errors);
        Assert.StartsWith("SyncTaskIncomplete,", error.FullyQualifiedErrorId);
        Assert.Contains("Nothing was bought", error.Exception.Message);
        var job = Assert.Single(s.State.Alibaba.Accounts[B].DtsInstances.Values);
        Assert.False(job.Purchased);
        Assert.Equal("resume-me", job.JobName); // the name is tied to the job before any purchase
        Assert.Contains(job.JobId!, error.Exception.Message);

        var again = s.Run(Task("alibaba-b", "resume-me", "-SourceAccountId " + A + " -Database shop -Wait"));
        Assert.Empty(again.Errors);
        var task = again.Single<SyncTask>();
        Assert.Equal((job.JobId, "Synchronizing"), (task.TaskId, task.Status));
        Assert.Single(s.Calls.Snapshot(), c => c.Action == "CreateDtsInstance" && c.Result == "OK");
        Assert.Single(s.State.Alibaba.Accounts[B].DtsInstances.Values, i => i.Purchased);
    }
}
