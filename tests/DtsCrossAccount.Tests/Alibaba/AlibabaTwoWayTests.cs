using DtsCrossAccount.Tests.Infrastructure;
using static DtsCrossAccount.Tests.Emulator.Alibaba.AlibabaHarness;

namespace DtsCrossAccount.Tests.Alibaba;

/// <summary>
/// Two-way sync is both directions, not only a bidirectional purchase: the forward job is started, and once it runs
/// the reverse direction (destination → source) is configured and started on the same DTS instance, authorized by
/// the same cross-account role. A re-run finishes what a previous run left and changes nothing once both run.
/// </summary>
public sealed class AlibabaTwoWayTests
{
    private const string DbPassword = "Db-TwoWay-Pass3";
    private const string Credentials =
        "$db = [pscredential]::new('dts_user', [System.Net.NetworkCredential]::new('', '" + DbPassword + "').SecurePassword)\n";

    private static string Task(string name, string extra) =>
        Credentials + "New-DtsSyncTask -Cloud Alibaba -ProfileName alibaba-b -Region cn-hangzhou -Name " + name
        + " -SourceAccountId " + A + " -SourceInstanceId rm-src0000001 -SourceDatabaseCredential $db -DestinationInstanceId rm-dst0000001"
        + " -DestinationDatabaseCredential $db -Database shop -TwoWay -Confirm:$false " + extra;

    private static async Task<ModuleSession> WithRoleAsync()
    {
        var s = await ModuleSession.StartAsync();
        Assert.Empty(s.Run("New-DtsCrossAccountRole -Cloud Alibaba -ProfileName alibaba-a -AccountId " + A + " -TrustedAccountId " + B + " -Confirm:$false").Errors);
        return s;
    }

    [Fact]
    public async Task Both_directions_are_configured_and_running_and_a_rerun_changes_nothing()
    {
        await using var s = await WithRoleAsync();
        var r = s.Run(Task("two-way-both", "-Wait"));
        Assert.Empty(r.Errors);
        var t = r.Single<SyncTask>();
        Assert.Equal(("Synchronizing", "Synchronizing"), (t.Status, t.ReverseStatus));

        var instance = s.State.Alibaba.Accounts[B].DtsInstances[t.InstanceId];
        Assert.Equal("bidirectional", instance.SyncArchitecture);
        var reverse = Assert.IsType<DtsCrossAccount.Emulator.Alibaba.AlibabaDtsInstance>(instance.Reverse);
        Assert.Equal(t.ReverseTaskId, reverse.JobId);
        Assert.NotEqual(t.TaskId, t.ReverseTaskId);
        var config = reverse.Config!;
        Assert.Equal("Reverse", config["SynchronizationDirection"]);
        // Swapped endpoints; the source owner's role now authorizes the reverse direction's destination.
        Assert.Equal(("rm-dst0000001", "rm-src0000001"), (config["SourceEndpointInstanceID"], config["DestinationEndpointInstanceID"]));
        Assert.Equal((A, "ram-for-dts"), (config["DestinationEndpointOwnerID"], config["DestinationEndpointRole"]));
        Assert.False(config.ContainsKey("SourceEndpointOwnerID"));
        Assert.Equal(("false", "false", "true"), (config["StructureInitialization"], config["DataInitialization"], config["DataSynchronization"]));
        // Root keys of B cannot assume A's role before buying (STS refuses root AccessKeys): the item says what each
        // direction relies on and leaves it to the precheck of each direction, which passed.
        Assert.Contains(t.Checks, c => c.Name == "TwoWayAuthorization" && c.Result == CheckResult.Skipped && c.Message.Contains("role 'ram-for-dts' of account " + A));
        Assert.Contains(t.Checks, c => c.Name.StartsWith("Reverse: ", StringComparison.Ordinal));
        Assert.Contains(t.Changes, c => c.Contains("Started the reverse direction"));
        Assert.DoesNotContain(DbPassword, r.AllText());

        int mark = s.CallCount;
        var again = s.Run(Task("two-way-both", "-Wait")).Single<SyncTask>();
        Assert.False(again.Changed);
        Assert.Equal((t.TaskId, t.ReverseTaskId, "Synchronizing"), (again.TaskId, again.ReverseTaskId, again.ReverseStatus));
        Assert.Empty(s.WritesSince(mark));

        // Get-DtsSyncTask shows the two-way task once, with its reverse direction, whether listed or read by name.
        var listed = s.Run("Get-DtsSyncTask -Cloud Alibaba -ProfileName alibaba-b -Region cn-hangzhou");
        Assert.Empty(listed.Errors);
        var mine = listed.All<SyncTask>().Where(x => x.Name == "two-way-both").ToList();
        Assert.Single(mine);
        Assert.DoesNotContain(listed.All<SyncTask>(), x => x.TaskId == t.ReverseTaskId);
        Assert.Equal((t.TaskId, t.ReverseTaskId, "Synchronizing"), (mine[0].TaskId, mine[0].ReverseTaskId, mine[0].ReverseStatus));
    }

    [Fact]
    public async Task The_plan_names_both_directions_and_both_authorizations_and_writes_nothing()
    {
        await using var s = await WithRoleAsync();
        int mark = s.CallCount;
        var r = s.Run(Task("two-way-plan", "-WhatIf -Verbose"));
        Assert.Empty(r.Errors);
        Assert.Empty(s.WritesSince(mark));
        var text = r.AllText();
        Assert.Contains("SynchronizationDirection=Reverse", text);
        Assert.Contains("reverse MySQL rm-dst0000001", text);
        Assert.Contains("role 'ram-for-dts' of account " + A, text);
    }

    [Fact]
    public async Task A_run_stopped_before_the_reverse_direction_is_finished_by_the_next_run()
    {
        await using var s = await WithRoleAsync();
        // A one-way-looking run: configured, not started; the reverse cannot exist before the forward job runs.
        var first = s.Run(Task("two-way-later", "-NoStart")).Single<SyncTask>();
        Assert.Equal(("NotStarted", "NotConfigured"), (first.Status, first.ReverseStatus));
        Assert.Null(s.State.Alibaba.Accounts[B].DtsInstances[first.InstanceId].Reverse);

        var second = s.Run(Task("two-way-later", "-Wait"));
        Assert.Empty(second.Errors);
        var t = second.Single<SyncTask>();
        Assert.Equal((first.InstanceId, "Synchronizing", "Synchronizing"), (t.InstanceId, t.Status, t.ReverseStatus));
        Assert.Single(s.State.Alibaba.Accounts[B].DtsInstances);
    }

    [Fact]
    public async Task The_emulator_refuses_a_reverse_direction_before_the_forward_job_runs()
    {
        var h = new DtsCrossAccount.Tests.Emulator.Alibaba.AlibabaHarness();
        h.CreateDtsRole(A, "ram-for-dts", DtsTrustPolicy(B));
        var (oneWay, _) = h.CreateSyncInstance(B);
        h.Configure(B, oneWay, "none", extra: new[] { ("SourceEndpointOwnerID", A), ("SourceEndpointRole", "ram-for-dts") });
        var e = h.Fails(h.Root(B), "dts", "ConfigureDtsJob", ("DtsJobName", "x"), ("JobType", "SYNC"), ("DtsInstanceId", oneWay), ("SynchronizationDirection", "Reverse"),
            ("StructureInitialization", "false"), ("DataInitialization", "false"), ("DataSynchronization", "true"), ("DbList", "{\"shop\":{\"name\":\"shop\",\"all\":true}}"),
            ("SourceEndpointInstanceType", "RDS"), ("DestinationEndpointInstanceType", "RDS"));
        Assert.Contains("bidirectional", e.Message);

        var (twoWay, _) = h.CreateSyncInstance(B, architecture: "bidirectional");
        h.Configure(B, twoWay, "none", extra: new[] { ("SourceEndpointOwnerID", A), ("SourceEndpointRole", "ram-for-dts") });
        var notYet = h.Fails(h.Root(B), "dts", "ConfigureDtsJob", ("DtsJobName", "x"), ("JobType", "SYNC"), ("DtsInstanceId", twoWay), ("SynchronizationDirection", "Reverse"),
            ("StructureInitialization", "false"), ("DataInitialization", "false"), ("DataSynchronization", "true"), ("DbList", "{\"shop\":{\"name\":\"shop\",\"all\":true}}"),
            ("SourceEndpointInstanceType", "RDS"), ("DestinationEndpointInstanceType", "RDS"));
        Assert.Equal("OperationDenied.JobStatus", notYet.Code);
    }
    /// <summary>Tair (Enterprise) from Redis and a MongoDB replica set from a standalone, read from the instance, not taken from -…Engine.</summary>
    [Theory]
    [InlineData("Tair", "REDIS", "Redis", "Enterprise", "replicate", "3", true)]
    [InlineData("Tair", "REDIS", "Redis", "Community", "replicate", "3", false)]
    [InlineData("MongoDB", "MONGODB", "MongoDB", "", "replicate", "3", true)]
    [InlineData("MongoDB", "MONGODB", "MongoDB", "", "sharding", "", true)]
    [InlineData("MongoDB", "MONGODB", "MongoDB", "", "replicate", "1", false)]
    public async Task The_edition_or_architecture_is_read_from_the_instance(string engine, string type, string emulatorEngine, string edition, string architecture, string nodes, bool allowed)
    {
        await using var s = await WithRoleAsync();
        var src = new DtsCrossAccount.Emulator.Alibaba.AlibabaDbInstance { InstanceId = "x-src0000001", Engine = emulatorEngine, Region = "cn-hangzhou", InstanceType = type, EditionType = "Enterprise", DBInstanceType = "replicate", ReplicationFactor = "3" };
        src.Databases["shop"] = new List<string> { "orders" };
        s.State.Alibaba.Accounts[A].Instances.Add(src);
        s.State.Alibaba.Accounts[B].Instances.Add(new DtsCrossAccount.Emulator.Alibaba.AlibabaDbInstance
            { InstanceId = "x-dst0000001", Engine = emulatorEngine, Region = "cn-hangzhou", InstanceType = type, EditionType = edition, DBInstanceType = architecture, ReplicationFactor = nodes });

        var r = s.Run(Credentials + "New-DtsSyncTask -Cloud Alibaba -ProfileName alibaba-b -Region cn-hangzhou -Name two-way-" + engine.ToLowerInvariant()
            + " -SourceAccountId " + A + " -SourceInstanceId x-src0000001 -SourceEngine " + engine + " -DestinationInstanceId x-dst0000001 -DestinationEngine " + engine
            + " -SourceDatabaseCredential $db -DestinationDatabaseCredential $db -Database shop -TwoWay -Wait -Confirm:$false");
        var readAction = type == "REDIS" ? "DescribeInstanceAttribute" : "DescribeDBInstanceAttribute";
        Assert.Contains(s.Calls.Snapshot(), c => c.Action == readAction);
        if (allowed)
        {
            Assert.Empty(r.Errors);
            var t = r.Single<SyncTask>();
            Assert.Equal(("Synchronizing", "Synchronizing"), (t.Status, t.ReverseStatus));
            Assert.Equal(CheckResult.Passed, t.Checks.Single(c => c.Name == "DestinationTwoWayType").Result);
            var reverse = s.State.Alibaba.Accounts[B].DtsInstances[t.InstanceId].Reverse!.Config!;
            Assert.Equal((A, "x-src0000001"), (reverse["DestinationEndpointOwnerID"], reverse["DestinationEndpointInstanceID"]));
        }
        else
        {
            var e = Assert.Single(r.Errors);
            Assert.StartsWith("SyncTaskPreflightFailed,", e.FullyQualifiedErrorId);
            var task = Assert.IsType<SyncTask>(e.TargetObject);
            var item = task.Checks.Single(c => c.Name == "DestinationTwoWayType");
            Assert.Equal(CheckResult.Failed, item.Result);
            Assert.Contains(type == "REDIS" ? "Redis Open-Source Edition" : "standalone", item.Message);
            Assert.Empty(s.State.Alibaba.Accounts[B].DtsInstances);
        }
    }
}
