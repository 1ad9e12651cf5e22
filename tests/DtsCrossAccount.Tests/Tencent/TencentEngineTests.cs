using System.Management.Automation;
using System.Text.Json.Nodes;
using DtsCrossAccount.Tests.Infrastructure;
using static DtsCrossAccount.Tests.Tencent.TencentFlowTests;

namespace DtsCrossAccount.Tests.Tencent;

/// <summary>
/// The guide's Supported Scope beyond MySQL, end to end through New-DtsSyncTask: TDSQL for MySQL (cluster endpoints,
/// proxy or set connection), TDSQL-C for MySQL and MariaDB (single-node endpoints), each with its own database type.
/// </summary>
public sealed class TencentEngineTests : IAsyncLifetime
{
    private ModuleSession _s = null!;

    public async Task InitializeAsync() => _s = await ModuleSession.StartAsync();

    public async Task DisposeAsync() => await _s.DisposeAsync();

    private static string Task(string name, string engine, string source, string target, string database, string extra = "") =>
        DbCredentials + CreateRole + "; $role | New-DtsSyncTask -ProfileName tencent-b -Region ap-guangzhou -Name " + name +
        " -SourceInstanceId " + source + " -SourceEngine " + engine + " -SourceDatabaseCredential $src -DestinationInstanceId " + target +
        " -DestinationEngine " + engine + " -DestinationDatabaseCredential $dst -Database " + database + " -Confirm:$false " + extra;

    [Theory]
    [InlineData("TDSQL-C", "cynosdbmysql", "cynosdbmysql-src01", "cynosdbmysql-dst01", "catalog")]
    [InlineData("MariaDB", "mariadb", "tdsql-src00001", "tdsql-dst00001", "billing")]
    public void A_single_node_engine_runs_with_its_database_type_and_SrcInfo(string engine, string type, string source, string target, string database)
    {
        var r = _s.Run(Task("t-" + type, engine, source, target, database, "-Wait"));
        Assert.True(r.Errors.Count == 0, string.Join("\n", r.Errors.Select(e => e.Exception.Message)));
        var t = r.All<SyncTask>().Single();
        Assert.Equal("Running", t.Status);
        Assert.Equal(type, t.SourceEngine);
        Assert.Contains(t.Checks, c => c.Name == "SourceInstance" && c.Result == CheckResult.Passed && c.Message.Contains(source));

        var job = _s.State.Tencent.Accounts[B].SyncJobs[t.TaskId];
        Assert.Equal(type, job.SrcDatabaseType);
        Assert.Equal(type, job.DstDatabaseType);
        var config = job.Config!;
        Assert.Equal("single", (string?)config["SrcNodeType"]);
        Assert.Equal(source, (string?)config["SrcInfo"]!["InstanceId"]);
        Assert.Equal("other", (string?)config["SrcInfo"]!["AccountMode"]);
        Assert.Equal(target, (string?)config["DstInfo"]!["InstanceId"]);
        Assert.Null(config["SrcInfos"]);
        Assert.Null(config["SrcConnectType"]);

        int mark = _s.CallCount;
        var again = _s.Run(Task("t-" + type, engine, source, target, database, "-Wait"));
        Assert.Empty(again.Errors);
        Assert.False(again.All<SyncTask>().Single().Changed);
        Assert.Empty(_s.WritesSince(mark));
    }

    [Fact]
    public void TDSQL_runs_through_the_proxy_by_default_with_cluster_endpoints()
    {
        var r = _s.Run(Task("ledger", "TDSQL", "tdsqlshard-src01", "tdsqlshard-dst01", "ledger", "-Wait"));
        Assert.True(r.Errors.Count == 0, string.Join("\n", r.Errors.Select(e => e.Exception.Message)));
        var t = r.All<SyncTask>().Single();
        Assert.Equal("Running", t.Status);
        Assert.Equal("tdsqlmysql", t.SourceEngine);

        var config = _s.State.Tencent.Accounts[B].SyncJobs[t.TaskId].Config!;
        Assert.Equal("cluster", (string?)config["SrcNodeType"]);
        Assert.Equal("proxy", (string?)config["SrcConnectType"]);
        Assert.Null(config["SrcInfo"]);
        var nodes = config["SrcInfos"]!["Info"]!.AsArray();
        var proxy = Assert.Single(nodes)!;
        Assert.Equal("proxy", (string?)proxy["Role"]);
        Assert.Equal("tdsqlshard-src01", (string?)proxy["InstanceId"]);
        Assert.Equal(A, (string?)proxy["Account"]);
        Assert.False(string.IsNullOrEmpty((string?)proxy["TmpToken"]));
        Assert.Equal("tdsqlmysql", (string?)config["SrcInfos"]!["DatabaseType"]);
        Assert.Equal("cluster", (string?)config["DstNodeType"]);
        Assert.Equal("tdsqlshard-dst01", (string?)config["DstInfos"]!["Info"]![0]!["InstanceId"]);
        Assert.DoesNotContain(SourcePassword, r.AllText());
    }

    [Fact]
    public void TDSQL_set_connection_sends_every_set_and_a_changed_set_list_reconfigures_a_task_not_yet_started()
    {
        string sets = "-SourceTdsqlConnection Set -SourceTdsqlSet 'set_1700000000_1=10.0.0.12:3306','set_1700000000_2=10.0.0.13:3306'";
        var r = _s.Run(Task("ledger-sets", "TDSQL", "tdsqlshard-src01", "tdsqlshard-dst01", "ledger", "-NoStart " + sets));
        Assert.True(r.Errors.Count == 0, string.Join("\n", r.Errors.Select(e => e.Exception.Message)));
        var t = r.All<SyncTask>().Single();
        var config = _s.State.Tencent.Accounts[B].SyncJobs[t.TaskId].Config!;
        Assert.Equal("set", (string?)config["SrcConnectType"]);
        var nodes = config["SrcInfos"]!["Info"]!.AsArray().Select(n => n!.AsObject()).ToList();
        Assert.Equal(new[] { "proxy", "set", "set" }, nodes.Select(n => (string)n["Role"]!));
        Assert.Equal("set_1700000000_1", (string?)nodes[1]["SetId"]);
        Assert.Equal("10.0.0.13", (string?)nodes[2]["Ip"]);
        Assert.Equal(3306, (int)nodes[2]["Port"]!);

        var again = _s.Run(Task("ledger-sets", "TDSQL", "tdsqlshard-src01", "tdsqlshard-dst01", "ledger",
            "-NoStart -SourceTdsqlConnection Set -SourceTdsqlSet 'set_1700000000_1=10.0.0.12:3306'"));
        Assert.Empty(again.Errors);
        var changed = again.All<SyncTask>().Single();
        Assert.True(changed.Changed);
        Assert.Contains(changed.Changes, c => c.Contains("source TDSQL sets") && c.Contains("set_1700000000_2"));
        Assert.Equal(2, _s.State.Tencent.Accounts[B].SyncJobs[t.TaskId].Config!["SrcInfos"]!["Info"]!.AsArray().Count);
    }

    [Theory]
    [InlineData("-SourceEngine MySQL -SourceInstanceId cdb-src00001 -SourceTdsqlConnection Proxy", "TdsqlConnectionForOtherEngine", "TDSQL for MySQL source")]
    [InlineData("-SourceEngine TDSQL -SourceInstanceId tdsqlshard-src01 -SourceTdsqlConnection Set", "TdsqlSetsMissing", "-SourceTdsqlSet")]
    [InlineData("-SourceEngine TDSQL -SourceInstanceId tdsqlshard-src01 -SourceTdsqlSet 'set_1=10.0.0.1:3306'", "TdsqlSetsWithProxy", "-SourceTdsqlConnection Set")]
    [InlineData("-SourceEngine TDSQL -SourceInstanceId tdsqlshard-src01 -SourceTdsqlConnection Set -SourceTdsqlSet 'set_1=10.0.0.300:3306'", "InvalidTdsqlSet", "setId=ip:port")]
    [InlineData("-SourceEngine TDSQL -SourceInstanceId tdsqlshard-src01 -SourceTdsqlConnection Set -SourceTdsqlSet 'set_1=10.0.0.1:3306','set_1=10.0.0.2:3306'", "DuplicateTdsqlSet", "set_1 twice")]
    public void The_TDSQL_connection_is_checked_before_any_call(string args, string errorId, string says)
    {
        int mark = _s.CallCount;
        var r = _s.Run(DbCredentials + "New-DtsSyncTask -Cloud Tencent -ProfileName tencent-b -Region ap-guangzhou -Name x -SourceAccountId " + A +
                       " -SourceDatabaseCredential $src -DestinationInstanceId tdsqlshard-dst01 -DestinationEngine TDSQL -DestinationDatabaseCredential $dst " +
                       "-Database ledger -Confirm:$false " + args);
        var e = Assert.Single(r.Errors);
        Assert.StartsWith(errorId + ",", e.FullyQualifiedErrorId);
        Assert.Equal(ErrorCategory.InvalidArgument, e.CategoryInfo.Category);
        Assert.Contains(says, e.Exception.Message);
        Assert.Empty(r.Output);
        Assert.Equal(mark, _s.CallCount);
    }

    [Fact]
    public void An_instance_of_another_engine_fails_the_check_before_buying_and_names_its_engine()
    {
        int mark = _s.CallCount;
        var r = _s.Run(Task("ledger-as-mariadb", "MariaDB", "tdsqlshard-src01", "tdsql-dst00001", "ledger"));
        var e = Assert.Single(r.Errors);
        Assert.Contains("is a TDSQL for MySQL instance, not TencentDB for MariaDB", e.Exception.Message);
        Assert.Contains("-SourceEngine tdsqlmysql", e.Exception.Message);
        Assert.DoesNotContain(_s.WritesSince(mark), c => c.Action == "CreateSyncJob");
        Assert.Empty(_s.State.Tencent.Accounts[B].SyncJobs);
    }
}
