using System.Text.Json.Nodes;
using DtsCrossAccount.Emulator.Core;
using Xunit;
using static DtsCrossAccount.Tests.Emulator.Tencent.TencentHarness;

namespace DtsCrossAccount.Tests.Emulator.Tencent;

public sealed class TencentDtsTests
{
    private static string CreateJob(TencentHarness h, AccessKey key, string name = "orders-sync", string dstType = "mysql") =>
        (string)h.Call(key, "dts", "CreateSyncJob", new
        {
            PayMode = "PostPay", SrcDatabaseType = "mysql", SrcRegion = Region, DstDatabaseType = dstType, DstRegion = Region,
            Specification = "Standard", Count = 1, InstanceClass = "micro", JobName = name,
            Tags = new[] { new { TagKey = "managed-by", TagValue = "DtsCrossAccount" } },
        })["JobIds"]![0]!;

    private static JsonObject Config(string jobId, string srcInstance = "cdb-src00001", string role = "DTS-role", string? externalId = null,
        string mode = "Partial", string dstInstance = "cdb-dst00001") => new()
    {
        ["JobId"] = jobId,
        ["SrcAccessType"] = "cdb",
        ["DstAccessType"] = "cdb",
        ["Objects"] = new JsonObject
        {
            ["Mode"] = mode,
            ["Databases"] = new JsonArray(
                new JsonObject { ["DbName"] = "shop", ["DbMode"] = "Partial", ["TableMode"] = "Partial", ["Tables"] = new JsonArray(new JsonObject { ["TableName"] = "orders" }) },
                new JsonObject { ["DbName"] = "crm", ["DbMode"] = "All", ["TableMode"] = "All", ["ViewMode"] = "All" }),
        },
        ["SrcInfo"] = new JsonObject
        {
            ["Region"] = Region, ["InstanceId"] = srcInstance, ["User"] = "dts_reader", ["Password"] = "pw-src",
            ["Account"] = A, ["AccountMode"] = "other", ["AccountRole"] = role, ["RoleExternalId"] = externalId,
            ["TmpSecretId"] = "AKIDtmp", ["TmpSecretKey"] = "tmp-secret", ["TmpToken"] = "tmp-token",
        },
        ["DstInfo"] = new JsonObject { ["Region"] = Region, ["InstanceId"] = dstInstance, ["User"] = "dts_writer", ["Password"] = "pw-dst" },
        ["Options"] = new JsonObject { ["InitType"] = "Full", ["DealOfExistSameTable"] = "ReportErrorAfterCheck", ["ConflictHandleType"] = "ReportError", ["OpTypes"] = new JsonArray("Insert", "Update", "Delete", "DDL") },
    };

    private static JsonObject Job(TencentHarness h, AccessKey key, string jobId) =>
        h.Call(key, "dts", "DescribeSyncJobs", new { JobId = jobId })["JobList"]![0]!.AsObject();

    private static JsonObject CheckUntilDone(TencentHarness h, AccessKey key, string jobId)
    {
        h.Call(key, "dts", "CreateCheckSyncJob", new { JobId = jobId });
        h.Core.State.Clock.Advance(TimeSpan.FromSeconds(h.Core.State.DtsStepSeconds + 1));
        return h.Call(key, "dts", "DescribeCheckSyncJobResult", new { JobId = jobId });
    }

    [Fact]
    public void Cross_account_job_goes_from_purchase_to_running()
    {
        var h = new TencentHarness(stepSeconds: 5);
        h.CreateSourceRole(externalId: "ext-77");
        var b = h.KeyOf(B);
        var jobId = CreateJob(h, b);
        Assert.Matches("^sync-[a-z0-9]{8}$", jobId);
        Assert.Equal("UnInitialized", (string?)Job(h, b, jobId)["Status"]);

        h.Call(b, "dts", "ConfigureSyncJob", Config(jobId, externalId: "ext-77"));
        Assert.Equal("Initialized", (string?)Job(h, b, jobId)["Status"]);

        h.Call(b, "dts", "CreateCheckSyncJob", new { JobId = jobId });
        Assert.Equal("running", (string?)h.Call(b, "dts", "DescribeCheckSyncJobResult", new { JobId = jobId })["Status"]);
        Assert.Equal("Checking", (string?)Job(h, b, jobId)["Status"]);

        h.Core.State.Clock.Advance(TimeSpan.FromSeconds(6));
        var check = h.Call(b, "dts", "DescribeCheckSyncJobResult", new { JobId = jobId });
        Assert.Equal("success", (string?)check["Status"]);
        Assert.Equal(100, (int)check["Progress"]!);
        Assert.NotEmpty(check["StepInfos"]!.AsArray());
        Assert.All(check["StepInfos"]!.AsArray(), s => Assert.Empty(s!["Errors"]!.AsArray()));
        Assert.Equal("CheckPass", (string?)Job(h, b, jobId)["Status"]);

        h.Call(b, "dts", "StartSyncJob", new { JobId = jobId });
        Assert.Equal("ReadyRunning", (string?)Job(h, b, jobId)["Status"]);
        h.Core.State.Clock.Advance(TimeSpan.FromSeconds(6));
        var running = Job(h, b, jobId);
        Assert.Equal("Running", (string?)running["Status"]);
        Assert.Contains("Stop", running["Actions"]!.AsArray().Select(a => (string)a!));

        h.Call(b, "dts", "StopSyncJob", new { JobId = jobId });
        h.Core.State.Clock.Advance(TimeSpan.FromSeconds(6));
        Assert.Equal("Stopped", (string?)Job(h, b, jobId)["Status"]);
        h.Call(b, "dts", "IsolateSyncJob", new { JobId = jobId });
        Assert.Equal("Isolated", (string?)Job(h, b, jobId)["TradeStatus"]);
        h.Call(b, "dts", "DestroySyncJob", new { JobId = jobId });
        Assert.Equal(0, (int)h.Call(b, "dts", "DescribeSyncJobs", new { JobId = jobId })["TotalCount"]!);
    }

    [Fact]
    public void Check_fails_when_the_role_lacks_QcloudDTSReadOnlyAccess_and_start_is_refused()
    {
        var h = new TencentHarness();
        h.CreateSourceRole(readOnlyPolicy: false);
        var b = h.KeyOf(B);
        var jobId = CreateJob(h, b);
        h.Call(b, "dts", "ConfigureSyncJob", Config(jobId));

        var check = CheckUntilDone(h, b, jobId);

        Assert.Equal("failed", (string?)check["Status"]);
        var error = check["StepInfos"]!.AsArray().SelectMany(s => s!["Errors"]!.AsArray()).Single()!;
        Assert.Equal("AuthFailure.UnauthorizedOperation", (string?)error["Code"]);
        Assert.Contains("cdb:DescribeDBInstances", (string)error["Message"]!);
        Assert.Contains("QcloudDTSReadOnlyAccess", (string)error["Solution"]!);
        Assert.Equal("CheckNotPass", (string?)Job(h, b, jobId)["Status"]);
        Assert.Equal("OperationDenied.OperationDeniedError", h.Fails(b, "dts", "StartSyncJob", new { JobId = jobId }).Code);

        // Fixing the role and re-checking lets the job pass.
        h.Call(h.KeyOf(A), "cam", "AttachRolePolicy", new { PolicyName = "QcloudDTSReadOnlyAccess", AttachRoleName = "DTS-role" });
        Assert.Equal("success", (string?)CheckUntilDone(h, b, jobId)["Status"]);
    }

    [Fact]
    public void Check_fails_for_a_missing_source_instance()
    {
        var h = new TencentHarness();
        h.CreateSourceRole();
        var b = h.KeyOf(B);
        var jobId = CreateJob(h, b);
        h.Call(b, "dts", "ConfigureSyncJob", Config(jobId, srcInstance: "cdb-gone0001"));

        var check = CheckUntilDone(h, b, jobId);

        Assert.Equal("failed", (string?)check["Status"]);
        var step = check["StepInfos"]!.AsArray().Single(s => (string?)s!["StepId"] == "CheckInstance")!;
        Assert.Equal("failed", (string?)step["Status"]);
        Assert.Equal("ResourceNotFound.InstanceNotFound", (string?)step["Errors"]![0]!["Code"]);
        Assert.Contains("cdb-gone0001", (string)step["Errors"]![0]!["Message"]!);
    }

    [Theory]
    [InlineData("DTS-role-typo", null, "InternalError.GetRoleError")]
    [InlineData("DTS-role", "wrong-ext", "UnauthorizedOperation")]
    public void Check_reports_role_problems_as_the_console_does(string role, string? externalId, string code)
    {
        var h = new TencentHarness();
        h.CreateSourceRole(externalId: "ext-77");
        var b = h.KeyOf(B);
        var jobId = CreateJob(h, b);
        h.Call(b, "dts", "ConfigureSyncJob", Config(jobId, role: role, externalId: externalId));

        var check = CheckUntilDone(h, b, jobId);

        var step = check["StepInfos"]!.AsArray().Single(s => (string?)s!["StepId"] == "CheckRoleAuthorization")!;
        Assert.Equal(code, (string?)step["Errors"]![0]!["Code"]);
        if (code == "InternalError.GetRoleError") Assert.Equal("role not exist", (string?)step["Errors"]![0]!["Message"]);
    }

    [Fact]
    public void Check_fails_for_a_missing_source_table()
    {
        var h = new TencentHarness();
        h.CreateSourceRole();
        var b = h.KeyOf(B);
        var jobId = CreateJob(h, b);
        var cfg = Config(jobId);
        cfg["Objects"]!["Databases"]![0]!["Tables"]![0]!["TableName"] = "invoices";
        h.Call(b, "dts", "ConfigureSyncJob", cfg);

        var step = CheckUntilDone(h, b, jobId)["StepInfos"]!.AsArray().Single(s => (string?)s!["StepId"] == "CheckSyncObjects")!;
        Assert.Contains("shop.invoices", (string)step["Errors"]![0]!["Message"]!);
    }

    [Fact]
    public void ConfigureSyncJob_validates_objects_and_cross_account_fields()
    {
        var h = new TencentHarness();
        var b = h.KeyOf(B);
        var jobId = CreateJob(h, b);

        Assert.Equal("InvalidParameterValue.InvalidParameterValueError", h.Fails(b, "dts", "ConfigureSyncJob", Config(jobId, mode: "All")).Code);
        var empty = Config(jobId);
        empty["Objects"]!["Databases"] = new JsonArray();
        Assert.Equal("InvalidParameterValue.InvalidParameterValueError", h.Fails(b, "dts", "ConfigureSyncJob", empty).Code);
        var noRole = Config(jobId);
        noRole["SrcInfo"]!.AsObject().Remove("AccountRole");
        Assert.Equal("InvalidParameterValue.InvalidParameterValueError", h.Fails(b, "dts", "ConfigureSyncJob", noRole).Code);
        Assert.Equal("UnInitialized", (string?)Job(h, b, jobId)["Status"]);
        Assert.Equal("OperationDenied.OperationDeniedError", h.Fails(b, "dts", "CreateCheckSyncJob", new { JobId = jobId }).Code);
        Assert.Equal("ResourceNotFound.ResourceNotFoundError", h.Fails(b, "dts", "StartSyncJob", new { JobId = "sync-00000000" }).Code);
        Assert.Equal("MissingParameter", h.Fails(b, "dts", "DescribeSyncJobs", new { }, region: null).Code);
    }

    [Fact]
    public void The_listings_refuse_a_parameter_they_do_not_define_as_Tencent_Cloud_does()
    {
        var h = new TencentHarness();
        var b = h.KeyOf(B);
        var job = CreateJob(h, b, "orders-sync");

        var misspelt = h.Fails(b, "dts", "DescribeSyncJobs", new { JobID = job });
        Assert.Equal(("UnknownParameter", "The parameter `JobID` is not recognized."), (misspelt.Code, misspelt.Message));
        Assert.Equal("UnknownParameter", h.Fails(b, "dts", "DescribeMigrateDBInstances", new { DatabaseType = "mysql", Role = "src" }).Code);
        // Every parameter the SDK model defines is accepted.
        Assert.Equal(job, (string?)h.Call(b, "dts", "DescribeSyncJobs", new { JobId = job, JobIds = new[] { job }, JobName = "orders-sync", Order = "CreateTime", OrderSeq = "DESC", Offset = 0, Limit = 10 })["JobList"]![0]!["JobId"]);
        Assert.NotNull(h.Call(b, "dts", "DescribeMigrateDBInstances", new { DatabaseType = "mysql", MigrateRole = "src", InstanceName = "x", Offset = 0, Limit = 10, AccountMode = "self" })["Instances"]);
    }

    [Fact]
    public void DescribeSyncJobs_filters_and_hides_secrets()
    {
        var h = new TencentHarness();
        var b = h.KeyOf(B);
        var first = CreateJob(h, b, "orders-sync");
        var second = CreateJob(h, b, "orders-sync-2");
        var third = CreateJob(h, b, "ledger");
        CreateJob(h, h.KeyOf(C), "orders-sync");
        h.Call(b, "dts", "ConfigureSyncJob", Config(first));

        string[] Ids(object filter) => h.Call(b, "dts", "DescribeSyncJobs", filter)["JobList"]!.AsArray().Select(j => (string)j!["JobId"]!).ToArray();

        Assert.Equal(new[] { second, first }, Ids(new { JobName = "orders-sync" }));
        Assert.Equal(new[] { first }, Ids(new { Status = new[] { "Initialized" } }));
        Assert.Equal(new[] { third, first }, Ids(new { JobIds = new[] { first, third } }));
        Assert.Equal(new[] { first, second }, Ids(new { OrderSeq = "ASC", Limit = 2 }));
        Assert.Equal(new[] { second }, Ids(new { OrderSeq = "ASC", Offset = 1, Limit = 1 }));
        Assert.Equal(3, (int)h.Call(b, "dts", "DescribeSyncJobs", new { TagFilters = new[] { new { TagKey = "managed-by", TagValue = "DtsCrossAccount" } } })["TotalCount"]!);

        var src = Job(h, b, first)["SrcInfo"]!.AsObject();
        Assert.Equal("DTS-role", (string?)src["AccountRole"]);
        Assert.Equal(A, (string?)src["Account"]);
        foreach (var secret in new[] { "Password", "TmpSecretId", "TmpSecretKey", "TmpToken" }) Assert.False(src.ContainsKey(secret), secret);
    }

    [Fact]
    public void Sub_account_jobs_belong_to_its_root_account()
    {
        var h = new TencentHarness();
        var jobId = CreateJob(h, h.KeyOf(SubB));
        Assert.Equal(jobId, (string?)Job(h, h.KeyOf(B), jobId)["JobId"]);
    }
}
