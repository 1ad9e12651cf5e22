using System.Management.Automation;
using DtsCrossAccount.Emulator.Alibaba;
using DtsCrossAccount.Tests.Infrastructure;
using static DtsCrossAccount.Tests.Emulator.Alibaba.AlibabaHarness;

namespace DtsCrossAccount.Tests.Alibaba;

/// <summary>
/// Every connection type the support table accepts for a cross-account source is configured end to end: the cmdlet
/// parameters become the ConfigureDtsJob fields the API reference asks for, the emulator (which refuses a request that
/// lacks them) accepts them, and the task reaches Synchronizing. Missing and misplaced parameters are refused before
/// any call, naming what the type needs.
/// </summary>
public sealed class AlibabaEndpointReachTests
{
    private const string DbPassword = "Db-Reach-Pass7";
    private const string Credentials =
        "$db = [pscredential]::new('dts_user', [System.Net.NetworkCredential]::new('', '" + DbPassword + "').SecurePassword)\n";

    private static string Task(string name, string extra) =>
        Credentials + "New-DtsSyncTask -Cloud Alibaba -ProfileName alibaba-b -Region cn-hangzhou -Name " + name
        + " -SourceAccountId " + A + " -SourceDatabaseCredential $db -DestinationDatabaseCredential $db -Database shop -Confirm:$false " + extra;

    private static async Task<ModuleSession> WithRoleAsync()
    {
        var s = await ModuleSession.StartAsync();
        var role = s.Run("New-DtsCrossAccountRole -Cloud Alibaba -ProfileName alibaba-a -AccountId " + A + " -TrustedAccountId " + B + " -Confirm:$false");
        Assert.Empty(role.Errors);
        // A Tair / Redis destination of the task account for the engines that reach their source through CEN or a gateway.
        var redis = new AlibabaDbInstance { InstanceId = "r-dst0000001", Engine = "Redis", Region = "cn-hangzhou", InstanceType = "REDIS" };
        s.State.Alibaba.Accounts[B].Instances.Add(redis);
        return s;
    }

    public static TheoryData<string, string, string, string[]> Sources => new()
    {
        // connection, engine and destination, parameters, expected wire fields "Name=Value"
        { "ExpressConnect", "-SourceEngine MySQL -DestinationInstanceId rm-dst0000001",
          "-SourceVpcId vpc-a0000001 -SourceIPAddress 172.16.0.10 -SourcePort 3306 -SourceVSwitchId vsw-a0000001",
          new[] { "SourceEndpointInstanceType=EXPRESS", "SourceEndpointInstanceID=vpc-a0000001", "SourceEndpointIP=172.16.0.10", "SourceEndpointPort=3306", "SourceEndpointVSwitchID=vsw-a0000001" } },
        { "SelfManagedOnEcs", "-SourceEngine MySQL -DestinationInstanceId rm-dst0000001",
          "-SourceEcsInstanceId i-a0000001 -SourcePort 3307",
          new[] { "SourceEndpointInstanceType=ECS", "SourceEndpointInstanceID=i-a0000001", "SourceEndpointPort=3307" } },
        { "Cen", "-SourceEngine Redis -DestinationEngine Redis -DestinationInstanceId r-dst0000001",
          "-SourceVpcId vpc-a0000002 -SourceCenId cen-a0000001 -SourceIPAddress 10.1.2.3 -SourcePort 6379",
          new[] { "SourceEndpointInstanceType=CEN", "SourceEndpointInstanceID=vpc-a0000002", "SourceEndpointIP=10.1.2.3", "SourceEndpointPort=6379" } },
        { "DatabaseGateway", "-SourceEngine Tair -DestinationEngine Redis -DestinationInstanceId r-dst0000001",
          "-SourceGatewayId dg-a0000001 -SourceIPAddress 192.168.1.20 -SourcePort 6380",
          new[] { "SourceEndpointInstanceType=DG", "SourceEndpointInstanceID=dg-a0000001", "SourceEndpointIP=192.168.1.20", "SourceEndpointPort=6380" } },
        { "ExpressConnect", "-SourceEngine Oracle -DestinationInstanceId rm-dst0000001",
          "-SourceVpcId vpc-a0000003 -SourceIPAddress 172.16.0.30 -SourcePort 1521 -SourceOracleSid ORCL",
          new[] { "SourceEndpointInstanceType=EXPRESS", "SourceEndpointEngineName=ORACLE", "SourceEndpointOracleSID=ORCL", "SourceEndpointPort=1521" } },
        { "SelfManagedOnEcs", "-SourceEngine DB2LUW -DestinationInstanceId rm-dst0000001",
          "-SourceEcsInstanceId i-a0000004 -SourcePort 50000",
          new[] { "SourceEndpointInstanceType=ECS", "SourceEndpointEngineName=DB2", "SourceEndpointInstanceID=i-a0000004", "SourceEndpointPort=50000" } },
        { "ExpressConnect", "-SourceEngine DB2iSeries -DestinationInstanceId rm-dst0000001",
          "-SourceVpcId vpc-a0000005 -SourceIPAddress 172.16.0.50 -SourcePort 446",
          new[] { "SourceEndpointInstanceType=EXPRESS", "SourceEndpointEngineName=AS400", "SourceEndpointIP=172.16.0.50" } },
    };

    [Theory]
    [MemberData(nameof(Sources))]
    public async Task A_cross_account_source_of_each_connection_type_is_configured_and_synchronizing(string connection, string engines, string reach, string[] wire)
    {
        await using var s = await WithRoleAsync();
        var r = s.Run(Task("reach-" + connection.ToLowerInvariant(), "-SourceConnectionType " + connection + " " + engines + " " + reach + " -Wait"));
        Assert.Empty(r.Errors);
        var t = r.Single<SyncTask>();
        Assert.Equal("Synchronizing", t.Status);

        var config = s.State.Alibaba.Accounts[B].DtsInstances[t.InstanceId].Config!;
        Assert.NotEmpty(wire);
        Assert.All(wire, w =>
        {
            var (name, value) = (w.Split('=')[0], w.Split('=')[1]);
            Assert.True(config.TryGetValue(name, out var sent), name + " was not sent");
            Assert.Equal(value, sent);
        });
        // Still the guide's cross-account source: owner and role travel with the self-managed endpoint.
        Assert.Equal((A, "ram-for-dts"), (config["SourceEndpointOwnerID"], config["SourceEndpointRole"]));
        // What the task reports as its source is what DTS reaches it by, not an RDS ID that was never given.
        Assert.Equal(config["SourceEndpointInstanceID"], t.SourceInstanceId);
        if (connection == "Cen") Assert.Contains("\"srcInstanceId\":\"cen-a0000001\"", config["Reserve"]);
        Assert.DoesNotContain(DbPassword, r.AllText());
    }

    [Fact]
    public async Task A_self_managed_destination_of_the_task_account_is_configured_through_ECS()
    {
        await using var s = await ModuleSession.StartAsync();
        var r = s.Run(Credentials + "New-DtsSyncTask -Cloud Alibaba -ProfileName alibaba-a -Region cn-hangzhou -Name reach-dest -SourceInstanceId rm-src0000001 "
            + "-SourceDatabaseCredential $db -DestinationDatabaseCredential $db -Database shop -Confirm:$false "
            + "-DestinationConnectionType SelfManagedOnEcs -DestinationEcsInstanceId i-d0000001 -DestinationPort 3306 -Wait");
        Assert.Empty(r.Errors);
        var t = r.Single<SyncTask>();
        var config = s.State.Alibaba.Accounts[A].DtsInstances[t.InstanceId].Config!;
        Assert.Equal(("ECS", "i-d0000001", "3306"), (config["DestinationEndpointInstanceType"], config["DestinationEndpointInstanceID"], config["DestinationEndpointPort"]));
        Assert.Equal("Synchronizing", t.Status);
    }

    [Theory]
    [InlineData("-SourceConnectionType SelfManagedOnEcs -SourceEcsInstanceId i-a0000001 -DestinationInstanceId rm-dst0000001", "EndpointParameterRequired", "SourcePort")]
    [InlineData("-SourceConnectionType ExpressConnect -SourceInstanceId rm-src0000001 -SourceVpcId vpc-a1 -SourceIPAddress 10.0.0.1 -SourcePort 3306 -DestinationInstanceId rm-dst0000001", "EndpointParameterNotApplicable", "SourceInstanceId")]
    [InlineData("-SourceConnectionType SelfManagedOnEcs -SourceEcsInstanceId i-a1 -SourcePort 3306 -SourceIPAddress 10.0.0.1 -DestinationInstanceId rm-dst0000001", "EndpointParameterNotApplicable", "SourceIPAddress")]
    [InlineData("-SourceConnectionType Cen -SourceVpcId vpc-a1 -SourceIPAddress 10.0.0.1 -SourcePort 6379 -SourceEngine Redis -DestinationInstanceId rm-dst0000001", "EndpointParameterRequired", "SourceCenId")]
    [InlineData("-SourceEngine Oracle -SourceConnectionType ExpressConnect -SourceVpcId vpc-a1 -SourceIPAddress 10.0.0.1 -SourcePort 1521 -DestinationInstanceId rm-dst0000001", "EndpointParameterRequired", "SourceOracleSid")]
    [InlineData("-SourceInstanceId rm-src0000001 -SourceOracleSid ORCL -DestinationInstanceId rm-dst0000001", "EndpointParameterNotApplicable", "SourceOracleSid")]
    [InlineData("-SourceInstanceId rm-src0000001 -SourceVSwitchId vsw-a1 -DestinationInstanceId rm-dst0000001", "EndpointParameterNotApplicable", "SourceVSwitchId")]
    [InlineData("-SourceConnectionType ExpressConnect -SourceVpcId vpc-a1 -SourceIPAddress '10.0.0.1`n' -SourcePort 3306 -DestinationInstanceId rm-dst0000001", "InvalidEndpointParameter", "SourceIPAddress")]
    [InlineData("-SourceConnectionType ExpressConnect -SourceVpcId vpc-a1 -SourceIPAddress 10.0.0.256 -SourcePort 3306 -DestinationInstanceId rm-dst0000001", "InvalidEndpointParameter", "SourceIPAddress")]
    [InlineData("-SourceConnectionType SelfManagedOnEcs -SourceEcsInstanceId і-a1 -SourcePort 3306 -DestinationInstanceId rm-dst0000001", "InvalidEndpointParameter", "SourceEcsInstanceId")]
    [InlineData("-SourceConnectionType ExpressConnect -SourceVpcId vpc-a1 -SourceIPAddress 10.0.0.1 -SourcePort 3306", "InstanceIdRequired", "DestinationInstanceId")]
    public async Task Reach_parameters_are_checked_before_any_call(string extra, string errorId, string parameter)
    {
        await using var s = await ModuleSession.StartAsync();
        int mark = s.CallCount;
        var r = s.Run(Task("reach-refused", extra));
        var e = Assert.Single(r.Errors);
        Assert.StartsWith(errorId + ",", e.FullyQualifiedErrorId);
        Assert.Equal(ErrorCategory.InvalidArgument, e.CategoryInfo.Category);
        Assert.Contains("-" + parameter, e.Exception.Message);
        Assert.DoesNotContain(s.Calls.Snapshot().Skip(mark), c => c.Action != "GetCallerIdentity");
    }

    [Fact]
    public async Task A_requirement_names_everything_the_type_needs()
    {
        await using var s = await ModuleSession.StartAsync();
        var r = s.Run(Task("reach-dg", "-SourceEngine Redis -SourceConnectionType DatabaseGateway -DestinationInstanceId rm-dst0000001"));
        var e = Assert.Single(r.Errors);
        Assert.StartsWith("EndpointParameterRequired,", e.FullyQualifiedErrorId);
        foreach (var p in new[] { "-SourceGatewayId", "-SourceIPAddress", "-SourcePort" }) Assert.Contains(p, e.Exception.Message);
    }

    [Fact]
    public async Task Oracle_as_a_cloud_instance_is_refused_with_the_connection_types_it_has()
    {
        await using var s = await ModuleSession.StartAsync();
        var r = s.Run(Task("reach-oracle", "-SourceEngine Oracle -SourceInstanceId rm-src0000001 -DestinationInstanceId rm-dst0000001"));
        var e = Assert.Single(r.Errors);
        // Oracle is a cross-account source only through Express Connect (support table) -- refused there first.
        Assert.Matches("^(UnsupportedSourceConnectionType|SelfManagedDatabaseOnly),", e.FullyQualifiedErrorId);
        Assert.Contains("ExpressConnect", e.Exception.Message);
    }

    [Fact]
    public async Task Reach_parameters_are_refused_on_Tencent_by_name()
    {
        await using var s = await ModuleSession.StartAsync();
        int mark = s.CallCount;
        var r = s.Run(Credentials + "New-DtsSyncTask -Cloud Tencent -ProfileName tencent-b -Region ap-guangzhou -Name reach-tc -SourceInstanceId cdb-src00001 "
            + "-SourceDatabaseCredential $db -DestinationInstanceId cdb-dst00001 -DestinationDatabaseCredential $db -Database shop -SourcePort 3306 -SourceCenId cen-x1 -Confirm:$false");
        var e = Assert.Single(r.Errors);
        Assert.StartsWith("ParameterNotForCloud,", e.FullyQualifiedErrorId);
        Assert.Contains("-SourcePort", e.Exception.Message);
        Assert.Contains("-SourceCenId", e.Exception.Message);
        Assert.Equal(mark, s.CallCount);
    }
}
