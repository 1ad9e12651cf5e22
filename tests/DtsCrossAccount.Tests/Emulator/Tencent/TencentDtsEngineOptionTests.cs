using System.Text.Json.Nodes;
using Xunit;
using static DtsCrossAccount.Tests.Emulator.Tencent.TencentHarness;

namespace DtsCrossAccount.Tests.Emulator.Tencent;

/// <summary>
/// The emulator's ConfigureSyncJob and CreateSyncJob take each engine's endpoint shape, the step-5 Options and the
/// purchase as the API documents them, and refuse what the API refuses (docs/emulator-tencent.md "Engines and options").
/// </summary>
public sealed class TencentDtsEngineOptionTests
{
    private const string Bad = "InvalidParameterValue.InvalidParameterValueError";

    private static string Buy(TencentHarness h, string type, string payMode = "PostPay", object? timeSpan = null, object? autoRenew = null)
    {
        var body = new JsonObject
        {
            ["PayMode"] = payMode, ["SrcDatabaseType"] = type, ["SrcRegion"] = Region, ["DstDatabaseType"] = type, ["DstRegion"] = Region,
            ["InstanceClass"] = "micro", ["JobName"] = "engine-" + type,
        };
        if (timeSpan != null) body["TimeSpan"] = JsonValue.Create(timeSpan);
        if (autoRenew != null) body["AutoRenew"] = JsonValue.Create(autoRenew);
        return (string)h.Call(h.KeyOf(B), "dts", "CreateSyncJob", body)["JobIds"]![0]!;
    }

    private static JsonObject Node(string instance, string? role = null) => new()
    {
        ["Region"] = Region, ["InstanceId"] = instance, ["User"] = "dts", ["Password"] = "pw", ["Role"] = role,
    };

    private static JsonObject Body(string jobId, string db, JsonObject? options = null) => new()
    {
        ["JobId"] = jobId, ["SrcAccessType"] = "cdb", ["DstAccessType"] = "cdb",
        ["Objects"] = new JsonObject { ["Mode"] = "Partial", ["Databases"] = new JsonArray(new JsonObject { ["DbName"] = db, ["DbMode"] = "All", ["TableMode"] = "All" }) },
        ["Options"] = options ?? new JsonObject { ["InitType"] = "Full" },
    };

    private static JsonObject Single(string jobId, string src, string dst, string db, JsonObject? options = null)
    {
        var body = Body(jobId, db, options);
        body["SrcNodeType"] = "single"; body["SrcInfo"] = Node(src);
        body["DstNodeType"] = "single"; body["DstInfo"] = Node(dst);
        return body;
    }

    private static JsonObject Tdsql(string jobId, string connect, params JsonObject[] extraSrcNodes)
    {
        var body = Body(jobId, "ledger");
        var nodes = new JsonArray(Node("tdsqlshard-src01", "proxy"));
        foreach (var n in extraSrcNodes) nodes.Add(n);
        body["SrcNodeType"] = "cluster"; body["SrcConnectType"] = connect;
        body["SrcInfos"] = new JsonObject { ["Region"] = Region, ["AccessType"] = "cdb", ["DatabaseType"] = "tdsqlmysql", ["Info"] = nodes };
        body["DstNodeType"] = "cluster";
        body["DstInfos"] = new JsonObject { ["Region"] = Region, ["AccessType"] = "cdb", ["DatabaseType"] = "tdsqlmysql", ["Info"] = new JsonArray(Node("tdsqlshard-dst01", "proxy")) };
        return body;
    }

    private static JsonObject SetNode(string id) => new()
    {
        ["Region"] = Region, ["InstanceId"] = "tdsqlshard-src01", ["User"] = "dts", ["Password"] = "pw", ["Role"] = "set", ["SetId"] = id, ["Ip"] = "10.0.0.12", ["Port"] = 3306,
    };

    private static string StatusAfterCheck(TencentHarness h, string jobId)
    {
        var b = h.KeyOf(B);
        h.Call(b, "dts", "CreateCheckSyncJob", new { JobId = jobId });
        return (string)h.Call(b, "dts", "DescribeCheckSyncJobResult", new { JobId = jobId })["Status"]!;
    }

    [Theory]
    [InlineData("cynosdbmysql", "cynosdbmysql-src01", "cynosdbmysql-dst01", "catalog")]
    [InlineData("mariadb", "tdsql-src00001", "tdsql-dst00001", "billing")]
    public void A_single_node_engine_is_configured_with_SrcInfo_and_its_instances_pass_the_check(string type, string src, string dst, string db)
    {
        var h = new TencentHarness();
        h.CreateSourceRole();
        var b = h.KeyOf(B);
        var job = Buy(h, type);
        JsonObject CrossAccount(JsonObject body)
        {
            var info = body["SrcInfo"]!.AsObject();
            info["Account"] = A; info["AccountMode"] = "other"; info["AccountRole"] = "DTS-role";
            info["TmpSecretId"] = "AKIDtmp"; info["TmpSecretKey"] = "tmp-secret"; info["TmpToken"] = "tmp-token";
            return body;
        }
        // A MySQL instance in a job bought for another engine: the check names the engine it is.
        h.Call(b, "dts", "ConfigureSyncJob", CrossAccount(Single(job, "cdb-src00001", dst, "shop")));
        Assert.Equal("failed", StatusAfterCheck(h, job));
        var errors = h.Call(b, "dts", "DescribeCheckSyncJobResult", new { JobId = job })["StepInfos"]!.AsArray().SelectMany(st => st!["Errors"]!.AsArray()).ToList();
        Assert.Contains(errors, e => ((string)e!["Message"]!).Contains("is a mysql instance, not " + type));

        h.Call(b, "dts", "ConfigureSyncJob", CrossAccount(Single(job, src, dst, db)));
        Assert.Equal("success", StatusAfterCheck(h, job));

        var clustered = CrossAccount(Single(job, src, dst, db));
        clustered["SrcNodeType"] = "cluster";
        Assert.Equal(Bad, h.Fails(b, "dts", "ConfigureSyncJob", clustered).Code);
        var withConnect = CrossAccount(Single(job, src, dst, db));
        withConnect["SrcConnectType"] = "proxy";
        Assert.Equal(Bad, h.Fails(b, "dts", "ConfigureSyncJob", withConnect).Code);
    }

    [Fact]
    public void A_TDSQL_job_needs_SrcInfos_with_the_proxy_first_and_SrcConnectType()
    {
        var h = new TencentHarness();
        var b = h.KeyOf(B);
        var job = Buy(h, "tdsqlmysql");

        var single = Single(job, "tdsqlshard-src01", "tdsqlshard-dst01", "ledger");
        Assert.Equal(Bad, h.Fails(b, "dts", "ConfigureSyncJob", single).Code);
        var noConnect = Tdsql(job, "proxy");
        noConnect.Remove("SrcConnectType");
        Assert.Equal("MissingParameter", h.Fails(b, "dts", "ConfigureSyncJob", noConnect).Code);
        Assert.Equal(Bad, h.Fails(b, "dts", "ConfigureSyncJob", Tdsql(job, "direct")).Code);
        // set: every set node with SetId, Ip, Port, after the proxy node.
        Assert.Equal(Bad, h.Fails(b, "dts", "ConfigureSyncJob", Tdsql(job, "set")).Code);
        var setFirst = Tdsql(job, "set", SetNode("set_1"));
        var nodes = setFirst["SrcInfos"]!["Info"]!.AsArray();
        var proxy = nodes[0]!; nodes.RemoveAt(0); nodes.Add(proxy);
        Assert.Equal(Bad, h.Fails(b, "dts", "ConfigureSyncJob", setFirst).Code);
        var noIp = SetNode("set_1"); noIp.Remove("Ip");
        Assert.Equal(Bad, h.Fails(b, "dts", "ConfigureSyncJob", Tdsql(job, "set", noIp)).Code);
        Assert.Equal("UnInitialized", (string?)h.Call(b, "dts", "DescribeSyncJobs", new { JobId = job })["JobList"]![0]!["Status"]);

        h.Call(b, "dts", "ConfigureSyncJob", Tdsql(job, "set", SetNode("set_1"), SetNode("set_2")));
        var info = h.Call(b, "dts", "DescribeSyncJobs", new { JobId = job })["JobList"]![0]!;
        Assert.Equal("cluster", (string?)info["SrcNodeType"]);
        var listed = info["SrcInfos"]!["Info"]!.AsArray();
        Assert.Equal(3, listed.Count);
        Assert.All(listed, n => Assert.Null(n!["Password"]));
        Assert.Equal("set_2", (string?)listed[2]!["SetId"]);
    }

    [Fact]
    public void Options_are_checked_as_the_Options_model_documents_them()
    {
        var h = new TencentHarness();
        var b = h.KeyOf(B);
        var job = Buy(h, "mysql");
        JsonObject With(Action<JsonObject> change)
        {
            var o = new JsonObject { ["InitType"] = "Full", ["OpTypes"] = new JsonArray("Insert", "Update", "Delete", "DDL") };
            change(o);
            return Single(job, "cdb-src00001", "cdb-dst00001", "shop", o);
        }
        Assert.Equal(Bad, h.Fails(b, "dts", "ConfigureSyncJob", With(o => o["DealOfExistSameTable"] = "InitializeAfterDelete")).Code);
        Assert.Equal(Bad, h.Fails(b, "dts", "ConfigureSyncJob", With(o => o["ConflictHandleType"] = "Overwrite")).Code);
        Assert.Equal(Bad, h.Fails(b, "dts", "ConfigureSyncJob", With(o => o["ConflictHandleType"] = "ConditionCover")).Code);
        Assert.Equal(Bad, h.Fails(b, "dts", "ConfigureSyncJob", With(o =>
        {
            o["ConflictHandleType"] = "ConditionCover";
            o["ConflictHandleOption"] = new JsonObject { ["ConditionColumn"] = "updated_at", ["ConditionOperator"] = "<", ["ConditionOrderInSrcAndDst"] = ">" };
        })).Code);
        Assert.Equal(Bad, h.Fails(b, "dts", "ConfigureSyncJob", With(o => o["OpTypes"] = new JsonArray("DDL"))).Code);
        Assert.Equal(Bad, h.Fails(b, "dts", "ConfigureSyncJob", With(o => o["OpTypes"] = new JsonArray("Insert", "PartialDDL"))).Code);
        Assert.Equal(Bad, h.Fails(b, "dts", "ConfigureSyncJob", With(o =>
        {
            o["OpTypes"] = new JsonArray("Insert", "PartialDDL");
            o["DdlOptions"] = new JsonArray(new JsonObject { ["DdlObject"] = "View", ["DdlValue"] = new JsonArray("Alter") });
        })).Code);

        h.Call(b, "dts", "ConfigureSyncJob", With(o =>
        {
            o["ConflictHandleType"] = "ConditionCover";
            o["ConflictHandleOption"] = new JsonObject { ["ConditionColumn"] = "updated_at", ["ConditionOperator"] = ">", ["ConditionOrderInSrcAndDst"] = "<" };
            o["DealOfExistSameTable"] = "ExecuteAfterIgnore";
            o["OpTypes"] = new JsonArray("Insert", "Update", "PartialDDL");
            o["DdlOptions"] = new JsonArray(new JsonObject { ["DdlObject"] = "Table", ["DdlValue"] = new JsonArray("Create", "Rename") });
        }));
        var options = h.Call(b, "dts", "DescribeSyncJobs", new { JobId = job })["JobList"]![0]!["Options"]!;
        Assert.Equal("ExecuteAfterIgnore", (string?)options["DealOfExistSameTable"]);
        Assert.Equal("<", (string?)options["ConflictHandleOption"]!["ConditionOrderInSrcAndDst"]);
        Assert.Equal("Rename", (string?)options["DdlOptions"]![0]!["DdlValue"]![1]);
    }

    [Fact]
    public void A_subscription_is_bought_for_1_to_100_months_and_shows_its_expiry()
    {
        var h = new TencentHarness();
        var b = h.KeyOf(B);
        Assert.Equal(Bad, h.Fails(b, "dts", "CreateSyncJob", new { PayMode = "PrePay", SrcDatabaseType = "mysql", SrcRegion = Region, DstDatabaseType = "mysql", DstRegion = Region, TimeSpan = 101 }).Code);
        Assert.Equal(Bad, h.Fails(b, "dts", "CreateSyncJob", new { PayMode = "PrePay", SrcDatabaseType = "mysql", SrcRegion = Region, DstDatabaseType = "mysql", DstRegion = Region, AutoRenew = 2 }).Code);
        Assert.Empty(h.Core.State.Tencent.Accounts[B].SyncJobs);

        var job = Buy(h, "mysql", "PrePay", 3, 1);
        var info = h.Call(b, "dts", "DescribeSyncJobs", new { JobId = job })["JobList"]![0]!;
        Assert.Equal("PrePay", (string?)info["PayMode"]);
        Assert.Equal(1, (int)info["AutoRenew"]!);
        var created = DateTime.Parse((string)info["CreateTime"]!, System.Globalization.CultureInfo.InvariantCulture);
        var expires = DateTime.Parse((string)info["ExpireTime"]!, System.Globalization.CultureInfo.InvariantCulture);
        Assert.Equal(created.AddMonths(3), expires);

        // Pay-as-you-go ignores TimeSpan and AutoRenew, as documented ("meaningful only for PrePay").
        var post = Buy(h, "mysql", "PostPay", 500, 7);
        var postInfo = h.Call(b, "dts", "DescribeSyncJobs", new { JobId = post })["JobList"]![0]!;
        Assert.Equal(0, (int)postInfo["AutoRenew"]!);
        Assert.Equal("0000-00-00 00:00:00", (string?)postInfo["ExpireTime"]);
    }
}
