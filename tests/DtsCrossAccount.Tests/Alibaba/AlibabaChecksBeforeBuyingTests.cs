#nullable enable
using DtsCrossAccount.Core;
using DtsCrossAccount.Emulator.Alibaba;
using DtsCrossAccount.Services;

namespace DtsCrossAccount.Tests.Alibaba;

/// <summary>
/// The checks New-DtsSyncTask for Alibaba makes before it buys, item by item as the SyncTask (and -WhatIf) shows them:
/// what a root key cannot check and how to have it checked, an ungranted or missing role, an instance missing, of
/// another engine or not listable, a database DTS reaches without an RDS listing, and the two-way limits (the edition
/// or architecture read from the instance, and both accounts' authorization).
/// </summary>
public sealed class AlibabaChecksBeforeBuyingTests
{
    private static readonly string A = AlibabaSyncHarness.A, B = AlibabaSyncHarness.B;
    private static string Forward => "forward MySQL rm-src0000001 (cn-hangzhou, account " + A + ", cross-account via role ram-for-dts) → MySQL rm-dst0000001 (cn-hangzhou, account " + B + ")";
    private static string Directions => Forward + "; reverse MySQL rm-dst0000001 (cn-hangzhou, account " + B + ") → MySQL rm-src0000001 (cn-hangzhou, account " + A
        + ", cross-account via role ram-for-dts); authorized by role 'ram-for-dts' of account " + A + " (source database, read and written in both directions) and the "
        + "destination database of the task account (DTS's own authorization, AliyunDTSDefaultRole).";

    private static SyncTaskRequest Request(Action<SyncTaskRequest>? change = null) => AlibabaSyncHarness.Request("checked", change);

    /// <summary>The checks of the plan, or of the task the refusal carries when a check failed.</summary>
    private static IReadOnlyList<CheckItem> Checks(Func<ChangePlan<SyncTask>> plan)
    {
        try { return plan().Checks; }
        catch (DtsCrossAccountException e) when (e.ErrorId == "SyncTaskPreflightFailed") { return Assert.IsType<SyncTask>(e.Target).Checks; }
    }

    private static (string, string, string?) Item(IReadOnlyList<CheckItem> checks, string name)
    {
        var item = Assert.Single(checks, c => c.Name == name);
        return (item.Result, item.Message, string.IsNullOrEmpty(item.Remedy) ? null : item.Remedy);
    }

    [Fact]
    public async Task With_a_root_key_the_role_and_its_instances_are_left_to_the_DTS_precheck_and_the_item_says_how_to_check_them_first()
    {
        await using var h = await AlibabaSyncHarness.StartAsync();

        var checks = Checks(() => h.Service().PlanSyncTask(Request()));

        Assert.Equal(new[] { "Scope", "DatabaseCredential", "DtsServiceAuthorized", "SourceAssumeRole", "SourceInstance", "DestinationInstance" }, checks.Select(c => c.Name));
        Assert.Equal((CheckResult.Passed, "MySQL rm-src0000001 (cn-hangzhou, account " + A + ", cross-account via role ram-for-dts) → MySQL rm-dst0000001 (cn-hangzhou, account " + B
            + "): in the supported databases, connection types and cloud type of cross-account DTS.", (string?)null), Item(checks, "Scope"));
        Assert.Equal((CheckResult.Passed, "Database accounts are given for both instances (the DTS precheck checks the passwords).", (string?)null), Item(checks, "DatabaseCredential"));
        Assert.Equal((CheckResult.Skipped, "Not checked before buying: the credentials are the root account's and Alibaba Cloud STS refuses root AccessKeys, so role "
            + "'ram-for-dts' of account " + A + " and its instances are first checked by the DTS precheck, after the purchase.",
            "To have them checked before anything is bought, run New-DtsSyncTask as a RAM user of account " + B + " allowed to assume the role (Grant-DtsSubAccountAssumeRole "
            + "-Cloud Alibaba -RoleAccountId " + A + " -RoleName ram-for-dts -RamUserName <user> -ProfileName <root profile of the task account>), or check first with "
            + "Test-DtsCrossAccountAccess -Cloud Alibaba -RoleAccountId " + A + " -RoleName ram-for-dts -OwnerProfileName <root profile of " + A + ">."), Item(checks, "SourceAssumeRole"));
        Assert.Equal((CheckResult.Skipped, "Instance rm-src0000001 of account " + A + " is listed through the role, which was not assumed.", (string?)null), Item(checks, "SourceInstance"));
        Assert.Equal((CheckResult.Passed, "RDS MySQL instance rm-dst0000001 exists in the task account " + B + ", region cn-hangzhou.", (string?)null), Item(checks, "DestinationInstance"));
    }

    [Fact]
    public async Task A_RAM_user_allowed_to_assume_the_role_has_the_peer_instance_listed_through_it_and_both_directions_authorized()
    {
        await using var h = await AlibabaSyncHarness.StartAsync();

        var checks = Checks(() => h.ServiceAsRamUser(granted: true).PlanSyncTask(Request(r => r.TwoWay = true)));

        Assert.Equal(new[] { "Scope", "DatabaseCredential", "DtsServiceAuthorized", "SourceAssumeRole", "SourceInstance", "SourceTwoWayType", "DestinationInstance", "DestinationTwoWayType", "TwoWayAuthorization" },
            checks.Select(c => c.Name));
        Assert.EndsWith(", two-way: in the supported databases, connection types and cloud type of cross-account DTS.", Item(checks, "Scope").Item2);
        Assert.Equal((CheckResult.Passed, "acs:ram::" + B + ":user/dts-no-grant assumed acs:ram::" + A + ":role/ram-for-dts.", (string?)null), Item(checks, "SourceAssumeRole"));
        Assert.Equal((CheckResult.Passed, "RDS MySQL instance rm-src0000001 exists in account " + A + " (listed through role 'ram-for-dts'), region cn-hangzhou.", (string?)null),
            Item(checks, "SourceInstance"));
        Assert.Equal((CheckResult.Passed, "ApsaraDB RDS for MySQL rm-src0000001 may take part in cross-account two-way synchronization (its engine is checked by the SourceInstance item).",
            (string?)null), Item(checks, "SourceTwoWayType"));
        Assert.Equal((CheckResult.Passed, "ApsaraDB RDS for MySQL rm-dst0000001 may take part in cross-account two-way synchronization (its engine is checked by the DestinationInstance item).",
            (string?)null), Item(checks, "DestinationTwoWayType"));
        Assert.Equal((CheckResult.Passed, "Both directions are authorized: " + Directions, (string?)null), Item(checks, "TwoWayAuthorization"));
    }

    [Fact]
    public async Task With_a_root_key_a_two_way_task_says_the_DTS_precheck_of_each_direction_checks_the_roles()
    {
        await using var h = await AlibabaSyncHarness.StartAsync();

        var checks = Checks(() => h.Service().PlanSyncTask(Request(r => r.TwoWay = true)));

        Assert.Equal((CheckResult.Skipped, "Roles not checked before buying (root credentials), the DTS precheck of each direction checks them: " + Directions, (string?)null),
            Item(checks, "TwoWayAuthorization"));
    }

    [Fact]
    public async Task A_RAM_user_not_allowed_to_assume_the_role_is_told_how_the_owner_authorizes_and_how_to_grant_it()
    {
        await using var h = await AlibabaSyncHarness.StartAsync();

        var checks = Checks(() => h.ServiceAsRamUserWithoutGrant().PlanSyncTask(Request(r => r.TwoWay = true)));

        Assert.Equal((CheckResult.Failed, "The source side (account " + A + ") is not authorized for task account " + B + ": the caller may not assume role 'ram-for-dts' of account "
            + A + " (NoPermission).",
            "With the root account of " + A + ": New-DtsCrossAccountRole -Cloud Alibaba -AccountId " + A + " -RoleName ram-for-dts -TrustedAccountId " + B + " (or Set-DtsTrustPolicy "
            + "-Cloud Alibaba -AccountId " + A + " -RoleName ram-for-dts -TrustedAccountId " + B + " if the role exists); then allow the RAM user with Grant-DtsSubAccountAssumeRole "
            + "-Cloud Alibaba -RoleAccountId " + A + " -RoleName ram-for-dts -RamUserName dts-no-grant -ProfileName <root profile of the task account>."), Item(checks, "SourceAssumeRole"));
        Assert.Equal((CheckResult.Failed, "Both database accounts of a cross-account two-way task must complete RAM authorization separately; not authorized: account " + A
            + " (source). The directions: " + Directions,
            "With the root account of " + A + ": New-DtsCrossAccountRole -Cloud Alibaba -AccountId " + A + " -RoleName ram-for-dts -TrustedAccountId " + B + "."), Item(checks, "TwoWayAuthorization"));
    }

    [Fact]
    public async Task A_role_that_does_not_exist_is_named_as_missing()
    {
        await using var h = await AlibabaSyncHarness.StartAsync();

        var checks = Checks(() => h.ServiceAsRamUser(granted: true).PlanSyncTask(Request(r => r.Source.RoleName = "nope")));

        var (result, message, remedy) = Item(checks, "SourceAssumeRole");
        Assert.Equal((CheckResult.Failed, "The source side (account " + A + ") is not authorized for task account " + B + ": role 'nope' does not exist in account " + A + "."), (result, message));
        Assert.StartsWith("With the root account of " + A + ": New-DtsCrossAccountRole -Cloud Alibaba -AccountId " + A + " -RoleName nope -TrustedAccountId " + B, remedy);
    }

    [Fact]
    public async Task A_peer_instance_missing_from_the_listing_through_the_role_names_what_to_check()
    {
        await using var h = await AlibabaSyncHarness.StartAsync();

        var checks = Checks(() => h.ServiceAsRamUser(granted: true).PlanSyncTask(Request(r => r.Source.InstanceId = "rm-src9999999")));

        Assert.Equal((CheckResult.Failed, "No ApsaraDB RDS instance rm-src9999999 in account " + A + " (listed through role 'ram-for-dts'), region cn-hangzhou.",
            "Check -SourceInstanceId, -SourceRegion and -SourceAccountId against the instance list in the console of account " + A + "."), Item(checks, "SourceInstance"));
    }

    [Fact]
    public async Task An_instance_of_the_task_account_missing_names_what_to_check_without_an_account_parameter()
    {
        await using var h = await AlibabaSyncHarness.StartAsync();

        var checks = Checks(() => h.Service().PlanSyncTask(Request(r => r.Destination.InstanceId = "rm-dst9999999")));

        Assert.Equal((CheckResult.Failed, "No ApsaraDB RDS instance rm-dst9999999 in the task account " + B + ", region cn-hangzhou.",
            "Check -DestinationInstanceId, -DestinationRegion against the instance list in the console of account " + B + "."), Item(checks, "DestinationInstance"));
    }

    [Fact]
    public async Task An_instance_of_another_engine_says_which_engine_to_pass()
    {
        await using var h = await AlibabaSyncHarness.StartAsync();

        var checks = Checks(() => h.Service().PlanSyncTask(Request(r => { r.Source.Engine = "PostgreSQL"; r.Destination.Engine = "PostgreSQL"; })));

        Assert.Equal((CheckResult.Failed, "Instance rm-dst0000001 in the task account " + B + ", region cn-hangzhou, is an RDS MySQL instance, not PostgreSQL.", "Pass -DestinationEngine MySQL."),
            Item(checks, "DestinationInstance"));
    }

    [Fact]
    public async Task A_listing_the_cloud_refuses_says_what_it_answered_and_which_permission_is_missing()
    {
        await using var h = await AlibabaSyncHarness.StartAsync();
        const string Refusal = "User not authorized to operate on the specified resource.";
        h.Faults.Add("Alibaba", "DescribeDBInstances", "Forbidden.RAM", times: 1, httpStatus: 403, message: Refusal);
        var own = Checks(() => h.Service().PlanSyncTask(Request()));
        h.Faults.Add("Alibaba", "DescribeDBInstances", "Forbidden.RAM", times: 1, httpStatus: 403, message: Refusal);
        var peer = Checks(() => h.ServiceAsRamUser(granted: true).PlanSyncTask(Request()));

        Assert.Equal((CheckResult.Failed, "Listing the RDS instances of the task account " + B + " in cn-hangzhou failed: Forbidden.RAM " + Refusal,
            "The credentials need RDS read access (AliyunRDSReadOnlyAccess) in account " + B + "."), Item(own, "DestinationInstance"));
        Assert.Equal((CheckResult.Failed, "Listing the RDS instances of account " + A + " (listed through role 'ram-for-dts') in cn-hangzhou failed: Forbidden.RAM " + Refusal,
            "Attach AliyunDTSRolePolicy to the role: New-DtsCrossAccountRole -Cloud Alibaba -AccountId " + A + " -RoleName ram-for-dts -TrustedAccountId " + B), Item(peer, "SourceInstance"));
    }

    [Fact]
    public async Task A_database_reached_as_a_self_managed_one_is_left_to_the_DTS_precheck()
    {
        await using var h = await AlibabaSyncHarness.StartAsync();

        var checks = Checks(() => h.ServiceAsRamUser(granted: true).PlanSyncTask(Request(r =>
        {
            r.Source.InstanceId = null;
            r.Source.ConnectionType = "Express";
            r.Source.IPAddress = "10.1.2.3";
            r.Source.Port = 3306;
            r.Source.VpcId = "vpc-a0000001";
        })));

        Assert.Equal((CheckResult.Skipped, "Only ApsaraDB RDS instances are listed before buying; MySQL (Express Connect, VPN Gateway, or Smart Access Gateway) vpc-a0000001 "
            + "is checked by the DTS precheck.", (string?)null), Item(checks, "SourceInstance"));
    }

    // ------------------------------------------------------------------ two-way: the edition or architecture

    private static (AlibabaDbInstance Source, AlibabaDbInstance Destination) TwoInstances(AlibabaSyncHarness h, string engine, string prefix, Action<AlibabaDbInstance> destination)
    {
        var source = new AlibabaDbInstance { InstanceId = prefix + "src0000001", Engine = engine.ToLowerInvariant(), Region = "cn-hangzhou", InstanceType = engine == "Tair" ? "REDIS" : "MONGODB" };
        var dest = new AlibabaDbInstance { InstanceId = prefix + "dst0000001", Engine = engine.ToLowerInvariant(), Region = "cn-hangzhou", InstanceType = source.InstanceType };
        if (engine == "Tair") source.EditionType = "Enterprise";
        destination(dest);
        lock (h.State.Sync)
        {
            h.State.Alibaba.Accounts[A].Instances.Add(source);
            h.State.Alibaba.Accounts[B].Instances.Add(dest);
        }
        return (source, dest);
    }

    private static SyncTaskRequest TwoWayOf(string engine, (AlibabaDbInstance Source, AlibabaDbInstance Destination) i) => Request(r =>
    {
        r.TwoWay = true;
        r.Source.Engine = engine;
        r.Source.InstanceId = i.Source.InstanceId;
        r.Destination.Engine = engine;
        r.Destination.InstanceId = i.Destination.InstanceId;
    });

    [Theory]
    [InlineData("Enterprise", "Passed", "r-dst0000001 is Tair (Enterprise Edition) (EditionType Enterprise).", null)]
    [InlineData("Community", "Failed", "r-dst0000001 is a Redis Open-Source Edition instance (EditionType Community), not Tair (Enterprise Edition): cross-account two-way synchronization supports Tair (Enterprise Edition) only.",
        "Use a Tair (Enterprise Edition) instance on both sides, or sync one way (drop -TwoWay).")]
    public async Task A_two_way_Tair_instance_is_read_for_its_edition(string edition, string result, string message, string? remedy)
    {
        await using var h = await AlibabaSyncHarness.StartAsync();
        var instances = TwoInstances(h, "Tair", "r-", d => d.EditionType = edition);

        var checks = Checks(() => h.ServiceAsRamUser(granted: true).PlanSyncTask(TwoWayOf("Tair", instances)));

        Assert.Equal((CheckResult.Passed, "r-src0000001 is Tair (Enterprise Edition) (EditionType Enterprise).", (string?)null), Item(checks, "SourceTwoWayType"));
        Assert.Equal((result, message, remedy), Item(checks, "DestinationTwoWayType"));
    }

    [Theory]
    [InlineData("sharding", "3", "Passed", "dds-dst0000001 is a MongoDB sharded cluster instance.", null)]
    [InlineData("replicate", "5", "Passed", "dds-dst0000001 is a MongoDB replica set instance (5 nodes).", null)]
    [InlineData("replicate", "1", "Failed", "dds-dst0000001 is a standalone MongoDB instance (DBInstanceType replicate, ReplicationFactor 1): cross-account two-way synchronization supports MongoDB replica set or sharded cluster instances only.",
        "Use a replica set or sharded cluster instance on both sides, or sync one way (drop -TwoWay).")]
    public async Task A_two_way_MongoDB_instance_is_read_for_its_architecture(string type, string nodes, string result, string message, string? remedy)
    {
        await using var h = await AlibabaSyncHarness.StartAsync();
        var instances = TwoInstances(h, "MongoDB", "dds-", d => { d.DBInstanceType = type; d.ReplicationFactor = nodes; });

        var checks = Checks(() => h.ServiceAsRamUser(granted: true).PlanSyncTask(TwoWayOf("MongoDB", instances)));

        Assert.Equal((CheckResult.Passed, "dds-src0000001 is a MongoDB replica set instance (3 nodes).", (string?)null), Item(checks, "SourceTwoWayType"));
        Assert.Equal((result, message, remedy), Item(checks, "DestinationTwoWayType"));
        // The role was assumed; items skipped for other reasons (no RDS listing of MongoDB) do not make the roles unchecked.
        Assert.Equal(CheckResult.Skipped, Item(checks, "SourceInstance").Item1);
        Assert.Equal(CheckResult.Passed, Item(checks, "TwoWayAuthorization").Item1);
    }

    [Fact]
    public async Task With_a_root_key_the_peer_edition_is_left_to_the_DTS_precheck_and_a_failed_read_says_what_to_allow()
    {
        await using var h = await AlibabaSyncHarness.StartAsync();
        var instances = TwoInstances(h, "Tair", "r-", d => d.EditionType = "Enterprise");
        h.Faults.Add("Alibaba", "DescribeInstanceAttribute", "Forbidden.RAM", times: 1, httpStatus: 403, message: "User not authorized to operate on the specified resource.");

        var checks = Checks(() => h.Service().PlanSyncTask(TwoWayOf("Tair", instances)));

        Assert.Equal((CheckResult.Skipped, "The edition / architecture of r-src0000001 is read through the role, which was not assumed; the DTS precheck checks it.", (string?)null),
            Item(checks, "SourceTwoWayType"));
        Assert.Equal((CheckResult.Failed, "Reading r-dst0000001 in account " + B + " to tell its edition / architecture failed: Forbidden.RAM User not authorized to operate on the specified resource.",
            "The credentials need read access to the instance in account " + B + "."), Item(checks, "DestinationTwoWayType"));
    }

    [Fact]
    public async Task A_failed_read_of_the_peer_edition_through_the_role_says_which_policy_the_role_needs()
    {
        await using var h = await AlibabaSyncHarness.StartAsync();
        var instances = TwoInstances(h, "Tair", "r-", d => d.EditionType = "Enterprise");
        // The source (read through the role) is read first.
        h.Faults.Add("Alibaba", "DescribeInstanceAttribute", "Forbidden.RAM", times: 1, httpStatus: 403, message: "User not authorized to operate on the specified resource.");

        var checks = Checks(() => h.ServiceAsRamUser(granted: true).PlanSyncTask(TwoWayOf("Tair", instances)));

        Assert.Equal((CheckResult.Failed, "Reading r-src0000001 in account " + A + " to tell its edition / architecture failed: Forbidden.RAM User not authorized to operate on the specified resource.",
            "Attach AliyunDTSRolePolicy to role ram-for-dts of account " + A + "."), Item(checks, "SourceTwoWayType"));
        Assert.Equal(CheckResult.Passed, Item(checks, "DestinationTwoWayType").Item1);
    }

    [Fact]
    public async Task An_instance_is_found_among_more_than_one_page_of_instances_in_its_region()
    {
        await using var h = await AlibabaSyncHarness.StartAsync();
        // DescribeDBInstances answers 30 instances a page by default: the check asks for the one instance by its ID.
        lock (h.State.Sync)
        {
            var own = h.State.Alibaba.Accounts[B].Instances;
            own.Remove(own.Single(i => i.InstanceId == "rm-dst0000001"));
            for (int i = 0; i < 40; i++) own.Add(new AlibabaDbInstance { InstanceId = "rm-many" + i.ToString("D6"), Engine = "MySQL", Region = "cn-hangzhou" });
            own.Add(new AlibabaDbInstance { InstanceId = "rm-dst0000001", Engine = "MySQL", Region = "cn-hangzhou" });
        }

        var checks = Checks(() => h.Service().PlanSyncTask(Request()));

        Assert.Equal(CheckResult.Passed, Item(checks, "DestinationInstance").Item1);
    }

    [Fact]
    public async Task A_third_account_user_granted_neither_role_is_told_both_accounts_and_how_each_owner_authorizes()
    {
        await using var h = await AlibabaSyncHarness.StartAsync();
        const string C = AlibabaSyncHarness.C;
        // Each owner's role trusts the third account C, whose RAM user dts-operator (the seed's, no STS grant) creates the task.
        h.RolesTrustingC();

        var checks = Checks(() => h.ServiceWithKey("LTAIEMUALIBABAUSERC031").PlanSyncTask(Request(r =>
        {
            r.TwoWay = true;
            r.Source.RoleName = "ram-for-c";
            r.Destination.AccountId = B;
            r.Destination.RoleName = "ram-for-c";
        })));

        var (result, message, remedy) = Item(checks, "TwoWayAuthorization");
        Assert.Equal(CheckResult.Failed, result);
        Assert.StartsWith("Both database accounts of a cross-account two-way task must complete RAM authorization separately; not authorized: account " + A + " (source), account "
            + B + " (destination). The directions: ", message);
        Assert.Equal("With the root account of " + A + ": New-DtsCrossAccountRole -Cloud Alibaba -AccountId " + A + " -RoleName ram-for-c -TrustedAccountId " + C + ". "
            + "With the root account of " + B + ": New-DtsCrossAccountRole -Cloud Alibaba -AccountId " + B + " -RoleName ram-for-c -TrustedAccountId " + C + ".", remedy);
    }
}
