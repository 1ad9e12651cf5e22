#nullable enable
using DtsCrossAccount.Core;
using DtsCrossAccount.Services;

namespace DtsCrossAccount.Tests.Tencent;

/// <summary>
/// The checks New-DtsSyncTask for Tencent makes before it buys, item by item as the SyncTask (and -WhatIf) shows them:
/// the scope, each instance listed in its owner's account (the peer's through the role), a role that cannot be assumed,
/// an instance of another engine or missing, and a listing the cloud refuses. Below the engine (<see cref="TencentSyncHarness"/>).
/// </summary>
public sealed class TencentChecksBeforeBuyingTests
{
    private const string A = TencentSyncHarness.A, B = TencentSyncHarness.B, Region = TencentSyncHarness.Region;

    private static IReadOnlyList<CheckItem> Checks(TencentSyncHarness h, Action<SyncTaskRequest>? change = null)
    {
        var request = TencentSyncHarness.Request("checked");
        change?.Invoke(request);
        try { return h.Plan(request).Checks; }
        catch (DtsCrossAccountException e) when (e.ErrorId == "SyncTaskPreflightFailed") { return Assert.IsType<SyncTask>(e.Target).Checks; }
    }

    private static (string, string, string?) Item(IReadOnlyList<CheckItem> checks, string name)
    {
        var item = Assert.Single(checks, c => c.Name == name);
        return (item.Result, item.Message, string.IsNullOrEmpty(item.Remedy) ? null : item.Remedy);
    }

    [Fact]
    public async Task A_cross_account_task_lists_the_scope_and_both_instances_the_peer_one_through_the_role()
    {
        await using var h = await TencentSyncHarness.StartAsync();

        var checks = Checks(h);

        Assert.Equal(new[] { "Scope", "DatabaseCredential", "SourceAssumeRole", "SourceInstance", "DestinationInstance" }, checks.Select(c => c.Name));
        Assert.Equal((CheckResult.Passed, "mysql in " + Region + " → mysql in " + Region + ", source in account " + A + ": allowed (the guide's Supported Scope for a "
            + "cross-account task), target in the task account " + B + ".", (string?)null), Item(checks, "Scope"));
        Assert.Equal((CheckResult.Passed, "Database accounts are given for both instances (DTS checks the passwords in its verification).", (string?)null), Item(checks, "DatabaseCredential"));
        Assert.Equal((CheckResult.Passed, "TencentDB for MySQL instance cdb-src00001 exists in account " + A + " (listed through role 'DTS-role'), region " + Region + ".", (string?)null),
            Item(checks, "SourceInstance"));
        Assert.Equal((CheckResult.Passed, "TencentDB for MySQL instance cdb-dst00001 exists in the task account " + B + ", region " + Region + ".", (string?)null),
            Item(checks, "DestinationInstance"));
    }

    [Fact]
    public async Task A_task_within_one_account_says_so_and_assumes_no_role()
    {
        await using var h = await TencentSyncHarness.StartAsync();

        var checks = Checks(h, r =>
        {
            r.Source.AccountId = null;
            r.Source.RoleName = null;
            r.Source.ExternalId = null;
            r.Source.InstanceId = "cdb-dst00002";
            r.Source.Region = "ap-shanghai";
        });

        Assert.Equal(new[] { "Scope", "DatabaseCredential", "SourceInstance", "DestinationInstance" }, checks.Select(c => c.Name));
        Assert.StartsWith("mysql in ap-shanghai → mysql in " + Region + ", same account: allowed", Item(checks, "Scope").Item2);
        Assert.Equal((CheckResult.Passed, "TencentDB for MySQL instance cdb-dst00002 exists in the task account " + B + ", region ap-shanghai.", (string?)null), Item(checks, "SourceInstance"));
    }

    [Fact]
    public async Task When_the_role_cannot_be_assumed_the_peer_instance_is_not_listed_and_says_why()
    {
        await using var h = await TencentSyncHarness.StartAsync(withRole: false);

        var checks = Checks(h);

        Assert.Equal(CheckResult.Failed, Item(checks, "SourceAssumeRole").Item1);
        Assert.Equal((CheckResult.Skipped, "Instance cdb-src00001 of account " + A + " is listed through the role, which could not be assumed.", (string?)null), Item(checks, "SourceInstance"));
        Assert.Equal(CheckResult.Passed, Item(checks, "DestinationInstance").Item1);
    }

    [Fact]
    public async Task An_instance_of_another_engine_in_scope_says_which_engine_to_pass()
    {
        await using var h = await TencentSyncHarness.StartAsync();

        var checks = Checks(h, r => r.Destination.InstanceId = "tdsql-dst00001");

        Assert.Equal((CheckResult.Failed, "Instance tdsql-dst00001 in the task account " + B + ", region " + Region + ", is a TencentDB for MariaDB instance, not TencentDB for MySQL.",
            "Pass -DestinationEngine mariadb."), Item(checks, "DestinationInstance"));
    }

    [Fact]
    public async Task A_missing_instance_names_the_parameters_to_check_and_the_account_whose_console_lists_it()
    {
        await using var h = await TencentSyncHarness.StartAsync();

        var peer = Checks(h, r => r.Source.InstanceId = "cdb-src99999");
        var own = Checks(h, r => r.Destination.InstanceId = "cdb-dst99999");

        Assert.Equal((CheckResult.Failed, "No TencentDB for MySQL instance cdb-src99999 in account " + A + " (listed through role 'DTS-role'), region " + Region + ".",
            "Check -SourceInstanceId, -SourceRegion and -SourceAccountId against the instance list in the console of account " + A + "."), Item(peer, "SourceInstance"));
        Assert.Equal((CheckResult.Failed, "No TencentDB for MySQL instance cdb-dst99999 in the task account " + B + ", region " + Region + ".",
            "Check -DestinationInstanceId, -DestinationRegion against the instance list in the console of account " + B + "."), Item(own, "DestinationInstance"));
    }

    [Fact]
    public async Task A_listing_the_cloud_refuses_says_what_it_answered_and_what_permission_or_policy_is_missing()
    {
        await using var h = await TencentSyncHarness.StartAsync();
        // The first listing is the peer's (through the role), the second the task account's own.
        h.Server.Faults.Add("Tencent", "DescribeMigrateDBInstances", "UnauthorizedOperation", times: 2, httpStatus: 200, message: "You are not authorized to perform this operation.");

        var checks = Checks(h);

        Assert.Equal((CheckResult.Failed, "Listing the mysql instances of account " + A + " (listed through role 'DTS-role') in " + Region + " failed: [UnauthorizedOperation] "
            + "You are not authorized to perform this operation.",
            "Make sure role 'DTS-role' has the preset policy QcloudDTSReadOnlyAccess: New-DtsCrossAccountRole -Cloud Tencent -AccountId " + A + " -TrustedAccountId " + B
            + " -RoleName DTS-role -ExternalId <external ID> -ProfileName <profile of account " + A + ">"), Item(checks, "SourceInstance"));
        Assert.Equal((CheckResult.Failed, "Listing the mysql instances of the task account " + B + " in " + Region + " failed: [UnauthorizedOperation] You are not authorized to perform this operation.",
            "The credentials need DTS read access (for example QcloudDTSReadOnlyAccess) in account " + B + "."), Item(checks, "DestinationInstance"));
    }

    [Theory]
    [InlineData("ResourceNotFound.RoleNotFound", "role not found: check the peer account ID '" + A + "' and role name 'DTS-role' ([ResourceNotFound.RoleNotFound] The role does not exist).")]
    [InlineData("UnauthorizedOperation", "Not allowed to assume qcs::cam::uin/" + A + ":roleName/DTS-role ([UnauthorizedOperation] The role does not exist).")]
    [InlineData("InvalidParameter", "AssumeRole on qcs::cam::uin/" + A + ":roleName/DTS-role failed: [InvalidParameter] The role does not exist.")]
    public async Task An_AssumeRole_refusal_quotes_the_clouds_message_once_inside_a_sentence_that_ends_once(string code, string message)
    {
        await using var h = await TencentSyncHarness.StartAsync();
        // The cloud's message ends with a full stop of its own; quoted inside ours it must not leave "..", nor ".)".
        h.Server.Faults.Add("Tencent", "AssumeRole", code, times: 1, httpStatus: 200, message: "The role does not exist.");

        var checks = Checks(h);

        Assert.Equal(message, Item(checks, "SourceAssumeRole").Item2);
    }

    [Fact]
    public async Task The_access_test_quotes_a_refused_listing_and_a_refused_role_read_once_each()
    {
        await using var h = await TencentSyncHarness.StartAsync();
        var ctx = h.Context(B);
        var ownerKey = h.State.Tencent.Keys.Values.First(k => k.Owner.AccountId == A && k.Owner.IsRoot && k.Token == null);
        ctx.OwnerCredential = new CloudCredential(ownerKey.Id, ownerKey.Secret, null, "test");
        var service = new CrossAccountService(CloudProviderFactory.Create(CloudKind.Tencent, ctx), ctx);
        h.Server.Faults.Add("Tencent", "DescribeMigrateDBInstances", "UnauthorizedOperation", times: 1, httpStatus: 200, message: "You are not authorized to perform this operation.");
        h.Server.Faults.Add("Tencent", "GetRole", "InvalidParameter", times: 1, httpStatus: 200, message: "The request is not valid.");

        var checks = service.TestAccess(new AccessCheckRequest { RoleAccountId = A, RoleName = "DTS-role", ExternalId = TencentSyncHarness.ExternalId, Region = Region }).Checks;

        Assert.Equal("Listing the instances of account " + A + " in " + Region + " failed: [UnauthorizedOperation] You are not authorized to perform this operation.",
            Item(checks, "ListInstances").Item2);
        var ownerItems = checks.Where(c => c.Message.StartsWith("Reading role ", StringComparison.Ordinal)).ToList();
        Assert.NotEmpty(ownerItems);
        Assert.All(ownerItems, c => Assert.Equal("Reading role 'DTS-role' with the owner credentials failed: [InvalidParameter] The request is not valid.", c.Message));
    }
}
