#nullable enable
using DtsCrossAccount.Alibaba;
using DtsCrossAccount.Json;
using DtsCrossAccount.Services;
using static DtsCrossAccount.Tests.Alibaba.AlibabaSpecs;

namespace DtsCrossAccount.Tests.Alibaba;

/// <summary>
/// What New-DtsSyncTask for Alibaba writes: the SyncTask object field by field, each DTS precheck item as a CheckItem,
/// how an endpoint is described in plans and messages, the Test-DtsCrossAccountAccess hint for each cross-account side,
/// and the database passwords kept out of every cloud text. Below the engine, with no call (<see cref="AlibabaSpecs"/>).
/// </summary>
public sealed class AlibabaSyncTaskOutputTests
{
    // ------------------------------------------------------------------ the SyncTask

    [Fact]
    public void The_task_carries_the_job_and_each_endpoint_as_DTS_reaches_it()
    {
        // A cross-account source over Express Connect in Shanghai into an RDS MySQL instance of the task account in Hangzhou.
        var t = Resolve(Request(r =>
        {
            r.Name = "orders-sync";
            r.Source.Region = "cn-shanghai";
            r.Source.RoleName = "dts-reader";
            Reach(r.Source, "ExpressConnect", vpc: "vpc-a0000001", ip: "172.16.0.10", port: 3306);
        }));
        var changes = new List<string> { "Configured job", "Bought instance" };

        var task = AlibabaSyncTaskOutput.BuildTask(t, "dtsjob0001", "dtsinst0001", "Synchronizing", null, changes);

        Assert.Equal(("Alibaba", "dtsjob0001", "dtsinst0001", "orders-sync", "Synchronizing"), (task.Cloud, task.TaskId, task.InstanceId, task.Name, task.Status));
        // DTS runs in the destination's region; the module buys pay-as-you-go (PostPaid) instances only.
        Assert.Equal(("cn-hangzhou", "PayAsYouGo"), (task.Region, task.BillingMethod));
        // The source as DTS reaches it: the VPC connected to it, and the role DTS assumes in its account.
        Assert.Equal((A, "vpc-a0000001", "cn-shanghai", "MySQL", "dts-reader"), (task.SourceAccountId, task.SourceInstanceId, task.SourceRegion, task.SourceEngine, task.SourceRoleName));
        // The destination is the task account's own: no role.
        Assert.Equal((B, "rm-dst0000001", "cn-hangzhou", "MySQL", (string?)null), (task.DestinationAccountId, task.DestinationInstanceId, task.DestinationRegion, task.DestinationEngine, task.DestinationRoleName));
        Assert.Null(task.ReverseStatus);
        Assert.Empty(task.Checks);
        Assert.True(task.Changed);
        Assert.Equal(changes, task.Changes);
    }

    [Fact]
    public void A_destination_in_another_account_reports_the_role_DTS_assumes_there_and_the_source_of_the_task_account_none()
    {
        var t = Resolve(Request(r =>
        {
            r.Source.AccountId = null;
            r.Destination.AccountId = A;
            r.Destination.Engine = "MySQL";
        }));

        var task = AlibabaSyncTaskOutput.BuildTask(t, "dtsjob0001", "dtsinst0001", "Synchronizing", null, new List<string>());

        Assert.Equal((B, (string?)null), (task.SourceAccountId, task.SourceRoleName));
        Assert.Equal((A, "ram-for-dts"), (task.DestinationAccountId, task.DestinationRoleName));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    public void A_job_configured_before_its_purchase_has_no_instance_ID(string? instanceId)
    {
        var task = AlibabaSyncTaskOutput.BuildTask(Resolve(Request()), "dtsjob0001", instanceId!, "NotStarted", null, new List<string>());

        Assert.Null(task.InstanceId);
    }

    [Theory]
    [InlineData(null, 0, false)]
    [InlineData(null, 1, true)]
    [InlineData(true, 0, true)]    // a step done in an earlier, failed run
    [InlineData(false, 2, false)]
    public void Changed_says_whether_the_run_changed_anything_unless_the_caller_knows_better(bool? changed, int changeCount, bool expected)
    {
        var changes = Enumerable.Range(1, changeCount).Select(i => "change " + i).ToList();

        var task = AlibabaSyncTaskOutput.BuildTask(Resolve(Request()), "dtsjob0001", "dtsinst0001", "Synchronizing", null, changes, changed);

        Assert.Equal(expected, task.Changed);
        Assert.Equal(changeCount, task.Changes.Length);
    }

    [Fact]
    public void A_two_way_task_shows_its_reverse_direction_as_not_configured_until_the_forward_job_runs()
    {
        var task = AlibabaSyncTaskOutput.BuildTask(Resolve(Request(r => r.TwoWay = true)), "dtsjob0001", "dtsinst0001", "Synchronizing", null, new List<string>());

        Assert.Equal("NotConfigured", task.ReverseStatus);
    }

    [Fact]
    public void The_checks_made_are_carried_as_given()
    {
        var checks = new[] { new CheckItem { Name = "Scope", Result = CheckResult.Passed, Message = "ok" } };

        var task = AlibabaSyncTaskOutput.BuildTask(Resolve(Request()), "dtsjob0001", "dtsinst0001", "PrecheckFailed", checks, new List<string>());

        Assert.Same(checks, task.Checks);
    }

    // ------------------------------------------------------------------ precheck items

    private static JsonObject Item(string? state, string? names = "CHECK_SRC_CONN", string? item = "CHECK_CONN", string? errMsg = null, string? errDetail = null, string? repair = null)
    {
        var o = new JsonObject();
        if (state != null) o.Set("State", state);
        if (names != null) o.Set("Names", names);
        if (item != null) o.Set("Item", item);
        if (errMsg != null) o.Set("ErrMsg", errMsg);
        if (errDetail != null) o.Set("ErrDetail", errDetail);
        if (repair != null) o.Set("RepairMethod", repair);
        return o;
    }

    [Theory]
    // JobProgress[].State of DescribePreCheckStatus: NotStarted, Checking, Migrating, Failed, Warning, Success (cloud-apis.md V3.4).
    [InlineData("Success", CheckResult.Passed)]
    [InlineData("success", CheckResult.Passed)]
    [InlineData("Failed", CheckResult.Failed)]
    [InlineData("Warning", CheckResult.Warning)]
    [InlineData("Checking", CheckResult.Skipped)]
    [InlineData("NotStarted", CheckResult.Skipped)]
    public void A_precheck_item_is_passed_failed_warned_or_not_done(string state, string result)
    {
        Assert.Equal(result, AlibabaSyncTaskOutput.ToCheckItem(Resolve(Request()), Item(state)).Result);
    }

    [Fact]
    public void A_precheck_item_is_named_by_its_names_or_else_its_short_name()
    {
        var t = Resolve(Request());

        Assert.Equal("CHECK_SRC_CONN", AlibabaSyncTaskOutput.ToCheckItem(t, Item("Success")).Name);
        Assert.Equal("CHECK_CONN", AlibabaSyncTaskOutput.ToCheckItem(t, Item("Success", names: null)).Name);
    }

    [Theory]
    [InlineData("Failed", "Cannot connect", "timeout after 10 s", "Cannot connect (timeout after 10 s)")]
    [InlineData("Failed", "Cannot connect", null, "Cannot connect")]
    [InlineData("Failed", "Cannot connect", "", "Cannot connect")]
    [InlineData("Failed", null, null, "Failed")]                       // no message: the state says it
    [InlineData("Warning", "", "binlog retention is short", "Warning (binlog retention is short)")]
    [InlineData("Success", null, null, "Passed.")]
    [InlineData("Success", null, "checked 3 tables", "Passed.")]      // the detail of a passed item is noise
    public void A_precheck_items_message_is_its_error_with_the_detail_or_its_state(string state, string? errMsg, string? errDetail, string message)
    {
        var check = AlibabaSyncTaskOutput.ToCheckItem(Resolve(Request()), Item(state, errMsg: errMsg, errDetail: errDetail, repair: "Open port 3306 to DTS."));

        Assert.Equal(message, check.Message);
        Assert.Equal("Open port 3306 to DTS.", check.Remedy);
    }

    [Fact]
    public void A_precheck_item_echoing_a_database_password_shows_it_masked()
    {
        var check = AlibabaSyncTaskOutput.ToCheckItem(Resolve(Request()), Item("Failed",
            errMsg: "Access denied for dts_user (password " + SourcePassword + ")", errDetail: "tried " + DestinationPassword, repair: "Check " + SourcePassword));

        Assert.Equal("Access denied for dts_user (password ****) (tried ****)", check.Message);
        Assert.Equal("Check ****", check.Remedy);
    }

    // ------------------------------------------------------------------ passwords

    [Theory]
    [InlineData("abc", "login abc failed", "login **** failed")]
    [InlineData("ab", "login ab failed", "login ab failed")]   // two characters would mask parts of ordinary words
    public void A_password_of_three_characters_or_more_is_masked_in_cloud_text(string password, string text, string shown)
    {
        var t = Resolve(Request(r => r.Destination.Password = password));

        Assert.Equal(shown, AlibabaSyncTaskOutput.Redact(t, text));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    public void No_text_stays_no_text(string? text)
    {
        Assert.Equal(text, AlibabaSyncTaskOutput.Redact(Resolve(Request()), text!));
    }

    // ------------------------------------------------------------------ endpoints in plans and messages

    public static TheoryData<string, string> Endpoints => new()
    {
        { "AlibabaCloudInstance", "Redis rm-x0000001 (cn-hangzhou, account " + A + ", cross-account via role ram-for-dts)" },
        { "ExpressConnect", "Redis 172.16.0.10:6379 vpc-x0000001 (cn-hangzhou, account " + A + ", cross-account via role ram-for-dts)" },
        { "SelfManagedOnEcs", "Redis port 6379 on i-x0000001 (cn-hangzhou, account " + A + ", cross-account via role ram-for-dts)" },
        { "Cen", "Redis 172.16.0.10:6379 vpc-x0000001 via cen-x0000001 (cn-hangzhou, account " + A + ", cross-account via role ram-for-dts)" },
        { "DatabaseGateway", "Redis 172.16.0.10:6379 dg-x0000001 (cn-hangzhou, account " + A + ", cross-account via role ram-for-dts)" },
    };

    [Theory]
    [MemberData(nameof(Endpoints))]
    public void An_endpoint_is_described_by_how_DTS_reaches_it(string connection, string described)
    {
        var t = Resolve(Request(r =>
        {
            r.Source.Engine = "Redis";
            switch (connection)
            {
                case "AlibabaCloudInstance": Reach(r.Source, connection, instanceId: "rm-x0000001"); break;
                case "ExpressConnect": Reach(r.Source, connection, vpc: "vpc-x0000001", ip: "172.16.0.10", port: 6379); break;
                case "SelfManagedOnEcs": Reach(r.Source, connection, ecs: "i-x0000001", port: 6379); break;
                case "Cen": Reach(r.Source, connection, vpc: "vpc-x0000001", cen: "cen-x0000001", ip: "172.16.0.10", port: 6379); break;
                default: Reach(r.Source, connection, gateway: "dg-x0000001", ip: "172.16.0.10", port: 6379); break;
            }
        }));

        Assert.Equal(described, AlibabaSyncTaskOutput.DescribeEndpoint(t.Source));
        Assert.Equal("MySQL rm-dst0000001 (cn-hangzhou, account " + B + ")", AlibabaSyncTaskOutput.DescribeEndpoint(t.Destination));
    }

    // ------------------------------------------------------------------ the hint after a failed precheck

    [Fact]
    public void A_task_with_both_databases_in_other_accounts_gets_one_access_test_per_side()
    {
        var t = Resolve(Request(r => { r.Destination.AccountId = B; r.Destination.RoleName = "ram-for-c"; }, caller: C));

        Assert.Equal("To see whether a cross-account role is the cause, run for each side: "
            + "(source) Test-DtsCrossAccountAccess -Cloud Alibaba -RoleAccountId " + A + " -RoleName ram-for-dts -TrustedAccountId " + C + " -OwnerProfileName <root profile of " + A + ">; "
            + "(destination) Test-DtsCrossAccountAccess -Cloud Alibaba -RoleAccountId " + B + " -RoleName ram-for-c -TrustedAccountId " + C + " -OwnerProfileName <root profile of " + B + ">. ",
            AlibabaSyncTaskOutput.RoleHints(t));
    }

    [Fact]
    public void A_task_with_one_database_in_another_account_gets_the_access_test_of_that_side()
    {
        Assert.Equal("To see whether a cross-account role is the cause, run for each side: (source) Test-DtsCrossAccountAccess -Cloud Alibaba -RoleAccountId " + A
            + " -RoleName ram-for-dts -TrustedAccountId " + B + " -OwnerProfileName <root profile of " + A + ">. ", AlibabaSyncTaskOutput.RoleHints(Resolve(Request())));
    }

    [Fact]
    public void A_task_within_one_account_gets_no_role_hint()
    {
        Assert.Equal("", AlibabaSyncTaskOutput.RoleHints(Resolve(Request(r => r.Source.AccountId = null))));
    }
}
