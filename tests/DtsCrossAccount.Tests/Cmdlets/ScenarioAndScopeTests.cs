using DtsCrossAccount.Tests.Infrastructure;

namespace DtsCrossAccount.Tests.Cmdlets;

/// <summary>Scenario planning from three account IDs, refusals that need no call, and tab completion.</summary>
public sealed class ScenarioAndScopeTests : IAsyncLifetime
{
    private const string A = "1000000000000001", B = "1000000000000002", C = "1000000000000003";
    private ModuleSession _s = null!;

    public async Task InitializeAsync() => _s = await ModuleSession.StartAsync();

    public async Task DisposeAsync() => await _s.DisposeAsync();

    [Theory]
    [InlineData(A, B, B, "CrossAccountSource", new[] { A }, new[] { "Source" })]
    [InlineData(A, B, A, "CrossAccountDestination", new[] { B }, new[] { "Destination" })]
    [InlineData(A, B, C, "CrossAccountBoth", new[] { A, B }, new[] { "Source", "Destination" })]
    public void Alibaba_scenario_follows_from_the_three_ids_and_WhatIf_shows_the_plan_without_writing(
        string source, string destination, string task, string scenario, string[] owners, string[] endpoints)
    {
        int mark = _s.CallCount;
        var r = _s.Run($"New-DtsCrossAccountRole -Cloud Alibaba -SourceAccountId {source} -DestinationAccountId {destination} -TaskAccountId {task} -ProfileName alibaba-a -WhatIf -Verbose");
        Assert.Empty(r.Errors);
        Assert.DoesNotContain(_s.Calls.Snapshot().Skip(mark), c => c.IsWrite);
        Assert.Contains(r.Verbose, v => v.StartsWith("Scenario " + scenario) && v.Contains(owners.Length + " role(s) needed"));
        // The caller (A) sees its own role as a plan; a role in another owner's account is reported as that owner's step.
        if (owners.Contains(A)) Assert.Contains(r.Verbose, v => v.StartsWith("Plan:") && v.Contains(A) && v.Contains(task));
        // Roles in other owners' accounts come back as pending objects, each labelled with its endpoint (source or
        // destination side); the caller's own role is only a plan under -WhatIf.
        var pending = r.All<CrossAccountRole>().ToList();
        var expected = owners.Zip(endpoints).Where(x => x.First != A).ToList();
        Assert.Equal(expected.Select(x => x.First), pending.Select(p => p.AccountId));
        Assert.Equal(expected.Select(x => x.Second), pending.Select(p => p.Endpoint));
        Assert.Equal(expected.Count, r.Warnings.Count);
        foreach (var p in pending)
        {
            Assert.Equal(scenario, p.Scenario);
            Assert.Equal(task, p.TrustedAccountId);
            Assert.False(p.Changed);
            Assert.Contains("New-DtsCrossAccountRole", Assert.Single(p.Changes));
        }
    }

    [Fact]
    public void Alibaba_three_account_scenario_is_completed_by_each_owner_and_labels_each_role()
    {
        var byA = _s.Run($"New-DtsCrossAccountRole -Cloud Alibaba -SourceAccountId {A} -DestinationAccountId {B} -TaskAccountId {C} -ProfileName alibaba-a");
        Assert.Empty(byA.Errors);
        var created = byA.All<CrossAccountRole>().Single(x => x.Changed);
        Assert.Equal((A, C, "Source", "CrossAccountBoth"), (created.AccountId, created.TrustedAccountId, created.Endpoint, created.Scenario));
        var byB = _s.Run($"New-DtsCrossAccountRole -Cloud Alibaba -SourceAccountId {A} -DestinationAccountId {B} -TaskAccountId {C} -ProfileName alibaba-b");
        var second = byB.All<CrossAccountRole>().Single(x => x.Changed);
        Assert.Equal((B, C, "Destination"), (second.AccountId, second.TrustedAccountId, second.Endpoint));
        Assert.True(_s.State.Alibaba.Accounts[B].Roles.ContainsKey("ram-for-dts"));
    }

    [Fact]
    public void Tencent_refuses_a_cross_account_destination_scenario_before_any_call()
    {
        int mark = _s.CallCount;
        var r = _s.Run("New-DtsCrossAccountRole -Cloud Tencent -SourceAccountId 100000000001 -DestinationAccountId 100000000002 -TaskAccountId 100000000001 -ProfileName tencent-a");
        var e = Assert.Single(r.Errors);
        Assert.StartsWith("ScenarioNotSupported,", e.FullyQualifiedErrorId);
        Assert.Contains("Data sync direction", e.Exception.Message);
        Assert.Equal(mark, _s.CallCount);
    }

    [Theory]
    // Tencent: MySQL to CDWPG is outside the supported scope.
    [InlineData("New-DtsSyncTask -Cloud Tencent -Name x -Region ap-guangzhou -SourceAccountId 100000000001 -SourceInstanceId cdb-src00001 -SourceEngine MySQL -DestinationInstanceId cdwpg-dst0001 -DestinationEngine cdwpg -SourceDatabaseCredential $db -DestinationDatabaseCredential $db -Database shop -ProfileName tencent-b -Confirm:$false", "TDSQL-C")]
    // Alibaba: SQL Server is not a destination in another account; two-way PolarDB across accounts; finance vs public.
    // (Which side is in another account is known once the caller is: only STS GetCallerIdentity may be called first.)
    [InlineData("New-DtsSyncTask -Cloud Alibaba -Name x -Region cn-hangzhou -DestinationAccountId 1000000000000001 -SourceInstanceId rm-src0000001 -SourceEngine MySQL -DestinationInstanceId rm-dst0000001 -DestinationEngine 'SQL Server' -SourceDatabaseCredential $db -DestinationDatabaseCredential $db -Database shop -ProfileName alibaba-b -Confirm:$false", "destination")]
    [InlineData("New-DtsSyncTask -Cloud Alibaba -Name x -Region cn-hangzhou -SourceAccountId 1000000000000001 -SourceInstanceId rm-src0000001 -SourceEngine PolarDBMySQL -DestinationInstanceId rm-dst0000001 -DestinationEngine PolarDBMySQL -TwoWay -SourceDatabaseCredential $db -DestinationDatabaseCredential $db -Database shop -ProfileName alibaba-b -Confirm:$false", "two-way")]
    [InlineData("New-DtsSyncTask -Cloud Alibaba -Name x -SourceRegion cn-hangzhou-finance -DestinationRegion cn-hangzhou -SourceAccountId 1000000000000009 -SourceInstanceId rm-fin0000001 -DestinationInstanceId rm-dst0000001 -SourceDatabaseCredential $db -DestinationDatabaseCredential $db -Database shop -ProfileName alibaba-b -Confirm:$false", "Finance")]
    public void Unsupported_sync_tasks_are_refused_before_any_call(string command, string expected)
    {
        _s.Run("$db = [pscredential]::new('u', [System.Net.NetworkCredential]::new('', 'p').SecurePassword)");
        int mark = _s.CallCount;
        var r = _s.Run(command);
        var e = Assert.Single(r.Errors);
        Assert.Contains(expected, e.Exception.Message, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain(_s.Calls.Snapshot().Skip(mark), c => c.Action != "GetCallerIdentity");
    }

    [Theory]
    [InlineData("New-DtsSyncTask -Cloud Tencent -SourceEngine ", "tdsqlmysql")]
    [InlineData("New-DtsSyncTask -Cloud Tencent -DestinationEngine cyn", "cynosdbmysql")]
    [InlineData("New-DtsSyncTask -Cloud Tencent -Region ap-gu", "ap-guangzhou")]
    [InlineData("Test-DtsCrossAccountAccess -Cloud Alibaba -Region cn-hangzhou-f", "cn-hangzhou-finance")]
    [InlineData("New-DtsCrossAccountRole -Cloud Alibaba -ProfileName alibaba-c", "alibaba-c-operator")]
    [InlineData("Test-DtsCrossAccountAccess -Cloud Tencent -OwnerProfileName tencent-", "tencent-b-sub")]
    public void Tab_completion_offers_regions_engines_and_profiles(string input, string expected)
    {
        int mark = _s.CallCount;
        var r = _s.Run("(TabExpansion2 -inputScript $args[0] -cursorColumn $args[0].Length).CompletionMatches.CompletionText", input);
        Assert.Empty(r.Errors);
        Assert.Contains(expected, r.Output.Select(o => o.ToString()));
        Assert.Equal(mark, _s.CallCount);
    }
}
