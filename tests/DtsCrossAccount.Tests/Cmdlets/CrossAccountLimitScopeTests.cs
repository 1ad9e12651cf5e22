using DtsCrossAccount.Tests.Infrastructure;

namespace DtsCrossAccount.Tests.Cmdlets;

/// <summary>
/// The guides' cross-account limits apply where the guides apply them and nowhere else: Alibaba's database-type tables
/// to the side in another account, its two-way list to cross-account two-way tasks; Tencent's four-engine scope to
/// cross-account tasks. Each rule at its edge: the same engines refused across accounts and planned within one.
/// </summary>
public sealed class CrossAccountLimitScopeTests : IAsyncLifetime
{
    private const string AA = "1000000000000001", AB = "1000000000000002", AC = "1000000000000003";
    private const string TA = "100000000001", TB = "100000000002";
    private ModuleSession _s = null!;

    public async Task InitializeAsync()
    {
        _s = await ModuleSession.StartAsync();
        _s.Run("$db = [pscredential]::new('dts_user', [System.Net.NetworkCredential]::new('', 'Db-Pass-1').SecurePassword)");
    }

    public async Task DisposeAsync() => await _s.DisposeAsync();

    private static string Alibaba(string extra) =>
        "New-DtsSyncTask -Cloud Alibaba -ProfileName alibaba-b -Region cn-hangzhou -Name scope-test -SourceInstanceId rm-src0000001 " +
        "-SourceDatabaseCredential $db -DestinationInstanceId rm-dst0000001 -DestinationDatabaseCredential $db -Database shop " + extra;

    private static string Tencent(string extra) =>
        "New-DtsSyncTask -Cloud Tencent -ProfileName tencent-b -Region ap-guangzhou -Name scope-test -SourceInstanceId cdb-src00001 " +
        "-SourceDatabaseCredential $db -DestinationInstanceId cdb-dst00001 -DestinationDatabaseCredential $db -Database shop " + extra;

    /// <summary>
    /// Planned under -WhatIf: no scope refusal and nothing written. The instance IDs here are the seed's MySQL instances,
    /// so the checks before buying may still fail on the instance (its engine) or the role; the Scope check itself passed.
    /// </summary>
    private void Planned(string command)
    {
        int mark = _s.CallCount;
        var r = _s.Run(command + " -WhatIf");
        if (r.Errors.Count > 0)
        {
            var e = Assert.Single(r.Errors);
            Assert.True(e.FullyQualifiedErrorId.StartsWith("SyncTaskPreflightFailed,"), e.FullyQualifiedErrorId + ": " + e.Exception.Message);
            var task = Assert.IsType<SyncTask>(e.TargetObject);
            Assert.Equal(CheckResult.Passed, task.Checks.Single(c => c.Name == "Scope").Result);
            Assert.All(task.Checks.Where(c => c.Result == CheckResult.Failed), c => Assert.Matches("Instance$|AssumeRole$", c.Name));
        }
        Assert.Empty(_s.WritesSince(mark));
    }

    /// <summary>Refused with the error id, with at most "who am I" called first.</summary>
    private void Refused(string command, string errorId)
    {
        int mark = _s.CallCount;
        var r = _s.Run(command + " -Confirm:$false");
        var e = Assert.Single(r.Errors);
        Assert.StartsWith(errorId + ",", e.FullyQualifiedErrorId);
        Assert.Equal(System.Management.Automation.ErrorCategory.InvalidArgument, e.CategoryInfo.Category);
        Assert.DoesNotContain(_s.Calls.Snapshot().Skip(mark), c => c.Action != "GetCallerIdentity");
    }

    [Fact]
    public void Alibaba_a_PostgreSQL_destination_in_the_callers_own_account_is_allowed_and_refused_in_another()
    {
        Planned(Alibaba("-SourceAccountId " + AA + " -DestinationEngine PostgreSQL"));
        // The same destination type owned by another account (three-account shape) is outside the destination table.
        Refused(Alibaba("-SourceAccountId " + AA + " -DestinationAccountId " + AC + " -DestinationEngine PostgreSQL"), "UnsupportedDestinationDatabase");
        // Naming the caller's own account explicitly is still the caller's own account.
        Planned(Alibaba("-SourceAccountId " + AA + " -DestinationAccountId " + AB + " -DestinationEngine PostgreSQL"));
    }

    [Fact]
    public void Alibaba_the_source_table_limits_only_a_source_in_another_account()
    {
        // PolarDB for MySQL is a cross-account source only as an Alibaba Cloud instance.
        Refused(Alibaba("-SourceAccountId " + AA + " -SourceEngine PolarDBMySQL -SourceConnectionType ECS"), "UnsupportedSourceConnectionType");
        // SQL Server is not a cross-account destination, but a cross-account SOURCE of SQL Server into an own MySQL is fine.
        Planned(Alibaba("-SourceAccountId " + AA + " -SourceEngine 'SQL Server'"));
        // A source of the task account itself with a type the source table does not list (ClickHouse), into a
        // destination in another account that the destination table does list (MySQL).
        Planned(Alibaba("-DestinationAccountId " + AA + " -SourceEngine ClickHouse"));
    }

    [Fact]
    public void Alibaba_two_way_limits_apply_to_cross_account_two_way_only()
    {
        Refused(Alibaba("-SourceAccountId " + AA + " -SourceEngine PostgreSQL -DestinationEngine PostgreSQL -TwoWay"), "UnsupportedTwoWayDatabase");
        Planned(Alibaba("-SourceEngine PostgreSQL -DestinationEngine PostgreSQL -TwoWay"));
        Planned(Alibaba("-SourceAccountId " + AA + " -SourceEngine MySQL -DestinationEngine MySQL -TwoWay"));
    }

    [Fact]
    public void Tencent_the_four_engine_scope_limits_cross_account_tasks_only()
    {
        Refused(Tencent("-SourceAccountId " + TA + " -SourceEngine postgresql -DestinationEngine postgresql"), "UnsupportedTencentEngine");
        Planned(Tencent("-SourceEngine postgresql -DestinationEngine postgresql"));
        // The caller's own root account named as the source's: not cross-account either.
        Planned(Tencent("-SourceAccountId " + TB + " -SourceEngine postgresql -DestinationEngine postgresql"));
        // Inside the scope across accounts: planned.
        Planned(Tencent("-SourceAccountId " + TA + " -SourceEngine TDSQL-C -DestinationEngine mariadb"));
    }
}

/// <summary>DestinationEndpointOwnerID only where ConfigureDtsJob documents it (an RDS MySQL destination).</summary>
public sealed class AlibabaDestinationOwnerTests : IAsyncLifetime
{
    private const string AA = "1000000000000001", AB = "1000000000000002";
    private ModuleSession _s = null!;

    public async Task InitializeAsync()
    {
        _s = await ModuleSession.StartAsync();
        _s.Run("$db = [pscredential]::new('dts_user', [System.Net.NetworkCredential]::new('', 'Db-Pass-1').SecurePassword)");
    }

    public async Task DisposeAsync() => await _s.DisposeAsync();

    [Theory]
    [InlineData("Redis")]
    [InlineData("PolarDBMySQL")]
    [InlineData("MongoDB")]
    public void A_destination_in_another_account_that_is_not_RDS_MySQL_is_refused_with_the_guides_other_way(string engine)
    {
        int mark = _s.CallCount;
        var r = _s.Run("New-DtsSyncTask -Cloud Alibaba -ProfileName alibaba-a -Region cn-hangzhou -Name owner-test -SourceInstanceId rm-src0000001 " +
                       "-SourceDatabaseCredential $db -DestinationAccountId " + AB + " -DestinationInstanceId r-dst0000001 -DestinationEngine " + engine +
                       " -DestinationDatabaseCredential $db -Database shop -Confirm:$false");
        var e = Assert.Single(r.Errors);
        Assert.StartsWith("DestinationOwnerNotSupported,", e.FullyQualifiedErrorId);
        Assert.Contains("scenario 1", e.Exception.Message);
        Assert.Contains("New-DtsCrossAccountRole -Cloud Alibaba -AccountId " + AA + " -TrustedAccountId " + AB, e.Exception.Message);
        Assert.DoesNotContain(_s.Calls.Snapshot().Skip(mark), c => c.Action != "GetCallerIdentity");
    }

    [Fact]
    public void The_emulator_refuses_the_owner_field_for_a_destination_other_than_RDS_MySQL()
    {
        var h = new Emulator.Alibaba.AlibabaHarness();
        var (instance, _) = h.CreateSyncInstance(AA, destinationEngine: "Redis");
        var error = Assert.Throws<DtsCrossAccount.Emulator.Core.ApiError>(() => h.Configure(AA, instance, extra: new[]
        {
            ("DestinationEndpointInstanceType", "REDIS"), ("DestinationEndpointEngineName", "REDIS"), ("DestinationEndpointInstanceID", "r-dst0000001"),
            ("DestinationEndpointOwnerID", AB), ("DestinationEndpointRole", "ram-for-dts"),
        }));
        Assert.Equal("InvalidParameter", error.Code);
        Assert.Contains("RDS MySQL", error.Message);
    }
}
