using System.Text.Json.Nodes;
using Xunit;
using static DtsCrossAccount.Tests.Emulator.Alibaba.AlibabaHarness;

namespace DtsCrossAccount.Tests.Emulator.Alibaba;

/// <summary>Scenario 1 of the guide: A owns the source, B owns the destination and creates the task.</summary>
public sealed class AlibabaDtsTests
{
    private static readonly (string, string)[] SourceInA = { ("SourceEndpointOwnerID", A), ("SourceEndpointRole", "ram-for-dts") };

    private static JsonObject PrecheckOf(AlibabaHarness h, string taskUid, string jobId) =>
        h.Call(h.Root(taskUid), "dts", "DescribePreCheckStatus", ("DtsJobId", jobId), ("JobCode", "01"));

    /// <summary>Configures and starts the task, then polls once so the precheck completes; returns the failed items.</summary>
    private static List<JsonNode> RunPrecheck(AlibabaHarness h, string taskUid, params (string, string)[] crossAccount)
    {
        var (instanceId, jobId) = h.CreateSyncInstance(taskUid);
        h.Configure(taskUid, instanceId, "none", extra: crossAccount);
        h.Call(h.Root(taskUid), "dts", "StartDtsJob", ("DtsJobId", jobId));
        var precheck = PrecheckOf(h, taskUid, jobId);
        return precheck["JobProgress"]!.AsArray().Where(i => (string)i!["State"]! == "Failed").Select(i => i!).ToList();
    }

    [Fact]
    public void Full_life_cycle_reaches_synchronizing_one_step_per_poll()
    {
        var h = new AlibabaHarness(dtsStepSeconds: 30);
        h.CreateDtsRole(A, "ram-for-dts", DtsTrustPolicy(B));
        var (instanceId, jobId) = h.CreateSyncInstance(B);
        Assert.StartsWith("dts", instanceId);
        Assert.Equal("NotConfigured", h.Status(B, jobId));

        var configured = h.Configure(B, instanceId, "none", extra: SourceInA);
        Assert.Equal(jobId, (string)configured["DtsJobId"]!);
        Assert.Equal("NotStarted", h.Status(B, jobId));

        h.Call(h.Root(B), "dts", "StartDtsJob", ("DtsJobId", jobId));
        Assert.Equal("Prechecking", h.Status(B, jobId));
        Assert.Equal("Checking", (string)PrecheckOf(h, B, jobId)["State"]!);
        Assert.Equal("Prechecking", h.Status(B, jobId)); // the step time has not passed yet

        var seen = new List<string>();
        for (var i = 0; i < 3; i++)
        {
            h.Core.State.Clock.Advance(TimeSpan.FromSeconds(31));
            seen.Add(h.Status(B, jobId));
        }
        Assert.Equal(new[] { "PreCheckPass", "Initializing", "Synchronizing" }, seen);

        var precheck = PrecheckOf(h, B, jobId);
        Assert.Equal(("Finished", 0), ((string)precheck["State"]!, (int)precheck["ErrorItem"]!));
        Assert.Contains(precheck["JobProgress"]!.AsArray(), i => (string)i!["Item"]! == "CHECK_CROSS_ACCOUNT_ROLE_SRC" && (string)i["State"]! == "Success");

        var detail = h.Call(h.Root(B), "dts", "DescribeDtsJobDetail", ("DtsJobId", jobId));
        Assert.True((bool)detail["Success"]!);
        Assert.Equal(instanceId, (string)detail["DtsInstanceID"]!);
        Assert.Equal((A, "ram-for-dts", "rm-src0000001"), ((string)detail["SourceEndpoint"]!["AliyunUid"]!,
            (string)detail["SourceEndpoint"]!["RoleName"]!, (string)detail["SourceEndpoint"]!["InstanceID"]!));
        Assert.Null(detail["DestinationEndpoint"]!["AliyunUid"]);

        h.Call(h.Root(B), "dts", "SuspendDtsJob", ("DtsJobId", jobId));
        Assert.Equal("Suspending", h.Status(B, jobId));
        h.Call(h.Root(B), "dts", "DeleteDtsJob", ("DtsJobId", jobId));
        Assert.Equal("Forbidden.InstanceNotFound", h.Fails(h.Root(B), "dts", "DescribeDtsJobDetail", ("DtsJobId", jobId)).Code);
    }

    [Fact]
    public void Auto_start_all_begins_the_precheck_at_configuration()
    {
        var h = new AlibabaHarness();
        h.CreateDtsRole(A, "ram-for-dts", DtsTrustPolicy(B));
        var (instanceId, jobId) = h.CreateSyncInstance(B);
        h.Configure(B, instanceId, "all", extra: SourceInA);
        Assert.Equal("PreCheckPass", h.Status(B, jobId));
    }

    [Fact]
    public void Precheck_fails_when_AliyunDTSRolePolicy_is_not_attached()
    {
        var h = new AlibabaHarness();
        h.CreateDtsRole(A, "ram-for-dts", DtsTrustPolicy(B), attachRolePolicy: false);
        var failed = RunPrecheck(h, B, SourceInA);
        var role = failed.Single(i => (string)i["Item"]! == "CHECK_CROSS_ACCOUNT_ROLE_SRC");
        Assert.Contains("AliyunDTSRolePolicy", (string)role["ErrMsg"]!);
        Assert.Contains("AliyunDTSRolePolicy", (string)role["RepairMethod"]!);
        Assert.False((bool)role["CanSkip"]!);
        Assert.Equal("PrecheckFailed", h.Status(B, h.Core.State.Alibaba.Accounts[B].DtsInstances.Values.Single().JobId!));
    }

    [Fact]
    public void Precheck_fails_when_the_trust_policy_names_the_wrong_account()
    {
        var h = new AlibabaHarness();
        // A entered its own ID: RAM stored "dts.aliyuncs.com" and the RAM principal is A, not B.
        h.CreateDtsRole(A, "ram-for-dts", DtsTrustPolicy(A));
        var message = (string)RunPrecheck(h, B, SourceInA).Single(i => (string)i["Item"]! == "CHECK_CROSS_ACCOUNT_ROLE_SRC")["ErrMsg"]!;
        Assert.Contains($"{B}@dts.aliyuncs.com", message);
        Assert.Contains("\"dts.aliyuncs.com\"", message);
        Assert.Contains($"acs:ram::{B}:root", message);
    }

    [Fact]
    public void Precheck_fails_when_only_a_ram_user_of_that_name_exists()
    {
        var h = new AlibabaHarness();
        // A has a RAM user "ops-admin" but no role of that name (the guide's "Roles, not Users").
        var failed = RunPrecheck(h, B, ("SourceEndpointOwnerID", A), ("SourceEndpointRole", "ops-admin"));
        Assert.Contains("not found", (string)failed.Single(i => (string)i["Item"]! == "CHECK_CROSS_ACCOUNT_ROLE_SRC")["ErrMsg"]!);
        Assert.Contains(failed, i => (string)i["Item"]! == "CHECK_CONN_SRC");
    }

    [Fact]
    public void Precheck_fails_when_the_task_account_has_not_authorized_dts()
    {
        var h = new AlibabaHarness();
        h.CreateDtsRole(A, "ram-for-dts", DtsTrustPolicy(B));
        h.Core.State.Alibaba.Accounts[B].DtsServiceRoleAuthorized = false;
        var failed = RunPrecheck(h, B, SourceInA);
        var item = Assert.Single(failed);
        Assert.Equal("CHECK_DTS_SERVICE_ROLE", (string)item["Item"]!);
        Assert.Contains("AliyunDTSDefaultRole", (string)item["ErrMsg"]!);
    }

    [Fact]
    public void Precheck_fails_for_missing_databases_and_instances_in_the_wrong_region()
    {
        var h = new AlibabaHarness();
        h.CreateDtsRole(A, "ram-for-dts", DtsTrustPolicy(B));
        var (instanceId, jobId) = h.CreateSyncInstance(B);
        h.Configure(B, instanceId, "all", "{\"nosuchdb\":{\"name\":\"nosuchdb\",\"all\":true}}", SourceInA);
        Assert.Equal("PrecheckFailed", h.Status(B, jobId));
        Assert.Contains("nosuchdb", (string)PrecheckOf(h, B, jobId)["JobProgress"]!.AsArray().Single(i => (string)i!["State"]! == "Failed")!["ErrMsg"]!);

        var failed = RunPrecheck(h, B, ("SourceEndpointOwnerID", A), ("SourceEndpointRole", "ram-for-dts"), ("SourceEndpointInstanceID", "rm-src0000002"));
        Assert.Contains("cn-shanghai", (string)failed.Single()["ErrMsg"]!);
    }

    [Fact]
    public void Scenario_three_checks_both_roles_for_the_designated_account()
    {
        var h = new AlibabaHarness();
        h.CreateDtsRole(A, "ram-for-dts", DtsTrustPolicy(C));
        h.CreateDtsRole(B, "ram-for-dts", DtsTrustPolicy(B)); // B made the collapse mistake
        var failed = RunPrecheck(h, C, ("SourceEndpointOwnerID", A), ("SourceEndpointRole", "ram-for-dts"),
            ("DestinationEndpointOwnerID", B), ("DestinationEndpointRole", "ram-for-dts"));
        Assert.Equal(new[] { "CHECK_CROSS_ACCOUNT_ROLE_DEST", "CHECK_CONN_DEST" }, failed.Select(i => (string)i["Item"]!));
    }

    [Fact]
    public void Accounts_of_different_cloud_types_are_refused()
    {
        var h = new AlibabaHarness();
        var (instanceId, _) = h.CreateSyncInstance(B);
        var e = h.Fails(h.Root(B), "dts", "ConfigureDtsJob", Parameters(instanceId, ("SourceEndpointOwnerID", F), ("SourceEndpointRole", "ram-for-dts")));
        Assert.Equal(("InvalidParameter.CloudType", 400), (e.Code, e.HttpStatus));
        Assert.Equal("NotConfigured", h.Status(B, h.Core.State.Alibaba.Accounts[B].DtsInstances[instanceId].JobId!));
    }

    [Fact]
    public void Owner_id_requires_a_role()
    {
        var h = new AlibabaHarness();
        var (instanceId, _) = h.CreateSyncInstance(B);
        var e = h.Fails(h.Root(B), "dts", "ConfigureDtsJob", Parameters(instanceId, ("SourceEndpointOwnerID", A)));
        Assert.Contains("SourceEndpointRole", e.Message);
    }

    [Fact]
    public void Cross_account_two_way_sync_is_limited_to_rds_mysql_tair_and_mongodb()
    {
        var h = new AlibabaHarness();
        h.CreateDtsRole(A, "ram-for-dts", DtsTrustPolicy(B));
        var (pgInstance, _) = h.CreateSyncInstance(B, architecture: "bidirectional", sourceEngine: "PostgreSQL", destinationEngine: "PostgreSQL");
        var e = h.Fails(h.Root(B), "dts", "ConfigureDtsJob", Parameters(pgInstance,
            ("SourceEndpointOwnerID", A), ("SourceEndpointRole", "ram-for-dts"), ("SourceEndpointInstanceID", "pc-src0000001"),
            ("SourceEndpointEngineName", "POSTGRESQL"), ("DestinationEndpointEngineName", "POSTGRESQL")));
        Assert.Equal("InvalidParameter.SyncArchitecture", e.Code);

        var (mysqlInstance, jobId) = h.CreateSyncInstance(B, architecture: "bidirectional");
        h.Configure(B, mysqlInstance, "all", extra: SourceInA);
        Assert.Equal("PreCheckPass", h.Status(B, jobId));
    }

    [Fact]
    public void Describe_dts_jobs_lists_sync_tasks_only_with_job_type_sync()
    {
        var h = new AlibabaHarness();
        h.CreateDtsRole(A, "ram-for-dts", DtsTrustPolicy(B));
        var (instanceId, jobId) = h.CreateSyncInstance(B);
        h.Configure(B, instanceId, "none", extra: SourceInA);

        var byDefault = h.Call(h.Root(B), "dts", "DescribeDtsJobs", ("Region", "cn-hangzhou"), ("Type", "name"), ("Params", "orders"));
        Assert.Equal(0, (int)byDefault["TotalRecordCount"]!);

        var sync = h.Call(h.Root(B), "dts", "DescribeDtsJobs", ("Region", "cn-hangzhou"), ("Type", "name"), ("Params", "orders"), ("JobType", "SYNC"));
        Assert.Equal(1, (int)sync["TotalRecordCount"]!);
        var job = sync["DtsJobList"]!.AsArray().Single()!;
        Assert.Equal((jobId, "orders-to-replica", "NotStarted"), ((string)job["DtsJobId"]!, (string)job["DtsJobName"]!, (string)job["Status"]!));

        Assert.Equal(0, (int)h.Call(h.Root(B), "dts", "DescribeDtsJobs", ("Region", "cn-shanghai"), ("JobType", "SYNC"))["TotalRecordCount"]!);
        Assert.Equal(0, (int)h.Call(h.Root(A), "dts", "DescribeDtsJobs", ("Region", "cn-hangzhou"), ("JobType", "SYNC"))["TotalRecordCount"]!);
    }

    [Fact]
    public void Ram_user_without_dts_permission_is_refused()
    {
        var h = new AlibabaHarness();
        var e = h.Fails(h.User(A, "ops-admin"), "dts", "CreateDtsInstance", ("Type", "SYNC"), ("PayType", "PostPaid"),
            ("SourceRegion", "cn-hangzhou"), ("DestinationRegion", "cn-hangzhou"));
        Assert.Equal(("Forbidden.RAM", 403), (e.Code, e.HttpStatus));
        h.Call(h.User(C, "dts-operator"), "dts", "CreateDtsInstance", ("Type", "SYNC"), ("PayType", "PostPaid"),
            ("SourceRegion", "cn-hangzhou"), ("DestinationRegion", "cn-hangzhou"));
    }

    private static (string, string)[] Parameters(string instanceId, params (string, string)[] extra)
    {
        var p = new Dictionary<string, string>
        {
            ["DtsJobName"] = "t", ["JobType"] = "SYNC", ["DtsInstanceId"] = instanceId, ["StructureInitialization"] = "true",
            ["DataInitialization"] = "true", ["DataSynchronization"] = "true", ["DbList"] = "{\"shop\":{\"name\":\"shop\",\"all\":true}}",
            ["SourceEndpointInstanceType"] = "RDS", ["SourceEndpointInstanceID"] = "rm-src0000001", ["SourceEndpointEngineName"] = "MYSQL",
            ["SourceEndpointRegion"] = "cn-hangzhou", ["DestinationEndpointInstanceType"] = "RDS",
            ["DestinationEndpointInstanceID"] = "rm-dst0000001", ["DestinationEndpointEngineName"] = "MYSQL", ["DestinationEndpointRegion"] = "cn-hangzhou",
        };
        foreach (var (k, v) in extra) p[k] = v;
        return p.Select(kv => (kv.Key, kv.Value)).ToArray();
    }
}
