#nullable enable
using System.Text.Json.Nodes;
using DtsCrossAccount.Core;
using DtsCrossAccount.Emulator.Core;
using DtsCrossAccount.Services;

namespace DtsCrossAccount.Tests.Tencent;

/// <summary>
/// Whether a re-run changes a Tencent job, below the engine (TencentSyncHarness): a started job with another
/// configuration is refused with every difference named, read from what DTS lists; a job not yet started is
/// configured again with what differs; the same request writes nothing, even when DTS lists the job in its own order
/// or without options it added later.
/// </summary>
public sealed class TencentSyncTaskPathDiffTests
{
    private const string Name = "orders";

    private static void Change(SyncTaskRequest r, string what)
    {
        switch (what)
        {
            case "source user": r.Source.UserName = "other_reader"; break;
            case "target user": r.Destination.UserName = "other_writer"; break;
            case "role": r.Source.RoleName = "Other-role"; break;
            case "account": r.Source.AccountId = "100000000003"; break;
            case "external ID": r.Source.ExternalId = null; break;
            case "own account": r.Source.AccountId = TencentSyncHarness.B; r.Source.RoleName = null; r.Source.ExternalId = null; break;
            case "target": r.Destination.InstanceId = "cdb-dst00009"; break;
            case "init": r.StructureInitialization = false; break;
            case "conflict": r.Options.ConflictHandling = "Cover"; break;
            case "condition":
                r.Options.ConflictHandling = "ConditionCover"; r.Options.ConflictConditionColumn = "updated_at"; r.Options.ConflictConditionOrder = ">"; break;
            case "tables": r.Options.ExistingTableHandling = "ExecuteAfterIgnore"; break;
            case "operations": r.Options.Operations = new[] { "Insert", "Update" }; break;
            case "objects": r.Databases = new[] { "crm" }; break;
            case "table": r.Tables = new[] { "crm.leads" }; break;
            default: throw new ArgumentException(what);
        }
    }

    [Theory]
    [InlineData("source user", "source database user dts_reader (asked: other_reader)")]
    [InlineData("target user", "target database user dts_writer (asked: other_writer)")]
    [InlineData("role", "source role DTS-role (asked: Other-role)")]
    [InlineData("account", "source account 100000000001 (asked: 100000000003)")]
    [InlineData("external ID", "source external ID set (asked: none)")]
    [InlineData("own account", "source account 100000000001 (asked: (none)); source role DTS-role (asked: (none)); source external ID set (asked: none)")]
    [InlineData("target", "target instance cdb-dst00001 (asked: cdb-dst00009)")]
    [InlineData("init", "initialization Full (asked: Data)")]
    [InlineData("conflict", "conflict handling ReportError (asked: Cover)")]
    [InlineData("condition", "conflict handling ReportError (asked: ConditionCover (updated_at >))")]
    [InlineData("tables", "same-named target tables ReportErrorAfterCheck (asked: ExecuteAfterIgnore)")]
    [InlineData("operations", "operations Insert Update Delete DDL (asked: Insert Update)")]
    [InlineData("objects", "objects shop (asked: crm)")]
    [InlineData("table", "objects shop (asked: crm.leads, shop)")]
    public async Task A_started_job_asked_for_another_configuration_is_refused_naming_exactly_what_differs(string what, string differs)
    {
        await using var h = await TencentSyncHarness.StartAsync();
        Assert.Equal("Running", h.Run(TencentSyncHarness.Request(Name)).Status);
        int mark = h.CallCount;
        var request = TencentSyncHarness.Request(Name);
        Change(request, what);

        var e = Assert.Throws<DtsCrossAccountException>(() => h.Plan(request));

        Assert.Equal("SyncTaskConfigurationDiffers", e.ErrorId);
        Assert.Contains("is Running with another configuration than this command asks: " + differs + ". A started job is not reconfigured.", e.Message);
        Assert.Empty(h.WritesSince(mark));
    }

    [Fact]
    public async Task A_configured_job_not_yet_started_is_configured_again_with_the_difference_then_verified()
    {
        await using var h = await TencentSyncHarness.StartAsync();
        var first = TencentSyncHarness.Request(Name);
        first.NoStart = true;
        first.Wait = false;
        Assert.Equal("Initialized", h.Run(first).Status);
        var request = TencentSyncHarness.Request(Name);
        request.Tables = new[] { "crm.leads" };
        int mark = h.CallCount;

        var task = h.Run(request);

        Assert.Equal("Running", task.Status);
        Assert.Contains(task.Changes, c => c.StartsWith("Configure sync job " + task.TaskId) && c.EndsWith("(differs: objects shop (asked: crm.leads, shop))"));
        Assert.Equal(new[] { "ConfigureSyncJob", "CreateCheckSyncJob", "StartSyncJob" }, h.WritesSince(mark).Where(a => a != "AssumeRole"));
        Assert.Equal(2, h.OnlyJob().Config!["Objects"]!["Databases"]!.AsArray().Count);
    }

    [Fact]
    public async Task A_bought_job_never_configured_is_configured_without_a_difference_to_report()
    {
        await using var h = await TencentSyncHarness.StartAsync();
        h.Fault("ConfigureSyncJob", FaultKind.Reset, times: 20);
        Assert.Throws<DtsCrossAccountException>(() => h.Run(TencentSyncHarness.Request(Name)));
        h.Server.Faults.Clear();

        var plan = h.Plan(TencentSyncHarness.Request("orders", "crm"));

        Assert.NotEmpty(plan.Changes);
        Assert.All(plan.Changes, c => Assert.DoesNotContain("differs", c));
        Assert.Equal("Running", plan.Apply().Status);
    }

    [Fact]
    public async Task Objects_and_options_listed_in_another_order_or_without_the_defaults_are_the_same_configuration()
    {
        await using var h = await TencentSyncHarness.StartAsync();
        var request = TencentSyncHarness.Request(Name, "shop", "crm");
        request.Tables = new[] { "shop.orders" };
        request.Databases = new[] { "crm" };
        Assert.Equal("Running", h.Run(request).Status);
        // DTS lists the databases in its own order and, for a job configured before these options existed, without them (step 5 of the guide).
        var config = h.OnlyJob().Config!;
        var dbs = config["Objects"]!["Databases"]!.AsArray();
        var reversed = dbs.Reverse().Select(d => d!.DeepClone()).ToArray();
        config["Objects"]!["Databases"] = new JsonArray(reversed);
        config["Options"]!.AsObject().Remove("ConflictHandleType");
        config["Options"]!.AsObject().Remove("DealOfExistSameTable");
        int mark = h.CallCount;

        var plan = h.Plan(request);

        Assert.False(plan.HasChanges, string.Join("; ", plan.Changes));
        Assert.Empty(h.WritesSince(mark));
    }

    [Fact]
    public async Task A_job_with_options_other_than_the_defaults_is_unchanged_by_the_same_request()
    {
        await using var h = await TencentSyncHarness.StartAsync();
        SyncTaskRequest Request()
        {
            var r = TencentSyncHarness.Request(Name);
            r.Options.ConflictHandling = "Cover";
            r.Options.ExistingTableHandling = "ExecuteAfterIgnore";
            r.Options.Operations = new[] { "Insert", "Update", "DDL" };
            r.Options.Ddl = new[] { "Table.Create", "Table.Alter" };
            return r;
        }
        Assert.Equal("Running", h.Run(Request()).Status);
        var options = h.OnlyJob().Config!["Options"]!;
        Assert.Equal(("Cover", "ExecuteAfterIgnore"), ((string?)options["ConflictHandleType"], (string?)options["DealOfExistSameTable"]));
        Assert.Contains("PartialDDL", options["OpTypes"]!.AsArray().Select(o => (string?)o));
        int mark = h.CallCount;

        var plan = h.Plan(Request());

        Assert.False(plan.HasChanges, string.Join("; ", plan.Changes));
        Assert.Empty(h.WritesSince(mark));
    }

    [Fact]
    public async Task A_task_within_one_account_ignores_a_role_or_external_ID_given_on_its_re_run()
    {
        await using var h = await TencentSyncHarness.StartAsync();
        SyncTaskRequest Request(string? role, string? externalId)
        {
            var r = TencentSyncHarness.Request(Name, "billing");
            r.Source = new DatabaseEndpointSpec
            {
                AccountId = TencentSyncHarness.B, InstanceId = "tdsql-dst00001", Region = TencentSyncHarness.Region, Engine = "MariaDB",
                RoleName = role, ExternalId = externalId, UserName = "dts_reader", Password = TencentSyncHarness.SourcePassword,
            };
            r.NoStart = true;
            r.Wait = false;
            return r;
        }
        Assert.Equal("Initialized", h.Run(Request(null, null)).Status);
        Assert.Null(h.OnlyJob().Config!["SrcInfo"]!["Account"]);
        int mark = h.CallCount;

        Assert.False(h.Plan(Request(null, null)).HasChanges);
        var plan = h.Plan(Request("DTS-role", TencentSyncHarness.ExternalId));

        Assert.False(plan.HasChanges, string.Join("; ", plan.Changes));
        Assert.Empty(h.WritesSince(mark));
    }

    [Fact]
    public async Task A_started_job_listed_without_objects_or_operations_is_refused_naming_them_as_none()
    {
        await using var h = await TencentSyncHarness.StartAsync();
        Assert.Equal("Running", h.Run(TencentSyncHarness.Request(Name)).Status);
        var config = h.OnlyJob().Config!;
        config.Remove("Objects");
        config["Options"]!.AsObject().Remove("OpTypes");

        var e = Assert.Throws<DtsCrossAccountException>(() => h.Plan(TencentSyncHarness.Request(Name)));

        Assert.Contains("another configuration than this command asks: operations (none) (asked: Insert Update Delete DDL); objects (none) (asked: shop).", e.Message);
    }

    [Fact]
    public async Task A_TDSQL_set_connection_is_sent_proxy_first_with_every_set_and_a_re_run_through_the_proxy_is_refused_once_started()
    {
        await using var h = await TencentSyncHarness.StartAsync();
        var request = Tdsql("set", "set_1700000000_1=10.0.0.12:3306", "set_1700000000_2=10.0.0.13:3307");

        Assert.Equal("Running", h.Run(request).Status);

        var config = h.OnlyJob().Config!;
        Assert.Equal(("cluster", "cluster", "set"), ((string?)config["SrcNodeType"], (string?)config["DstNodeType"], (string?)config["SrcConnectType"]));
        Assert.Null(config["SrcInfo"]);
        Assert.Equal(("ap-guangzhou", "cdb", "tdsqlmysql"), ((string?)config["SrcInfos"]!["Region"], (string?)config["SrcInfos"]!["AccessType"], (string?)config["SrcInfos"]!["DatabaseType"]));
        var nodes = config["SrcInfos"]!["Info"]!.AsArray().Select(n => n!.AsObject()).ToList();
        Assert.Equal(new[] { "proxy", "set", "set" }, nodes.Select(n => (string?)n["Role"]));
        Assert.Equal(new[] { "set_1700000000_1 10.0.0.12 3306", "set_1700000000_2 10.0.0.13 3307" },
            nodes.Skip(1).Select(n => (string?)n["SetId"] + " " + (string?)n["Ip"] + " " + (long?)n["Port"]));
        Assert.All(nodes, n => Assert.Equal(("tdsqlshard-src01", "other", "DTS-role"), ((string?)n["InstanceId"], (string?)n["AccountMode"], (string?)n["AccountRole"])));
        var dstNodes = config["DstInfos"]!["Info"]!.AsArray();
        Assert.Equal("proxy", (string?)Assert.Single(dstNodes)!["Role"]);

        int mark = h.CallCount;
        Assert.False(h.Plan(Tdsql("set", "set_1700000000_1=10.0.0.12:3306", "set_1700000000_2=10.0.0.13:3307")).HasChanges);
        Assert.Empty(h.WritesSince(mark));
        var e = Assert.Throws<DtsCrossAccountException>(() => h.Plan(Tdsql(null)));
        Assert.Contains("source TDSQL connection set (asked: proxy); source TDSQL sets set_1700000000_1=10.0.0.12:3306, set_1700000000_2=10.0.0.13:3307 (asked: (none))", e.Message);
    }

    [Fact]
    public async Task A_TDSQL_proxy_connection_is_sent_as_proxy_and_its_re_run_changes_nothing()
    {
        await using var h = await TencentSyncHarness.StartAsync();
        // What -WhatIf shows: the source reached through its TDSQL connection.
        Assert.Contains(h.Plan(Tdsql(null)).Changes, c => c.Contains("source tdsqlshard-src01 of account " + TencentSyncHarness.A
            + " through role 'DTS-role' (fresh temporary keys) via the TDSQL proxy connection, target ", StringComparison.Ordinal));
        Assert.Equal("Running", h.Run(Tdsql(null)).Status);
        var config = h.OnlyJob().Config!;
        Assert.Equal("proxy", (string?)config["SrcConnectType"]);
        Assert.Equal("proxy", (string?)Assert.Single(config["SrcInfos"]!["Info"]!.AsArray())!["Role"]);
        int mark = h.CallCount;

        Assert.False(h.Plan(Tdsql(null)).HasChanges);
        Assert.Empty(h.WritesSince(mark));
        var e = Assert.Throws<DtsCrossAccountException>(() => h.Plan(Tdsql("set", "set_1=10.0.0.1:3306")));
        Assert.Contains("source TDSQL connection proxy (asked: set); source TDSQL sets (none) (asked: set_1=10.0.0.1:3306)", e.Message);
    }

    private static SyncTaskRequest Tdsql(string? connection, params string[] sets)
    {
        var r = TencentSyncHarness.Request(Name, "ledger");
        r.Source.InstanceId = "tdsqlshard-src01";
        r.Source.Engine = "TDSQL";
        r.Source.TdsqlConnection = connection;
        r.Source.TdsqlSets = sets.Length == 0 ? null : sets;
        r.Destination.InstanceId = "tdsqlshard-dst01";
        r.Destination.Engine = "TDSQL";
        return r;
    }
}
