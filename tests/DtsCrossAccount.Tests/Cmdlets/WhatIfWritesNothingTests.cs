using DtsCrossAccount.Tests.Infrastructure;

namespace DtsCrossAccount.Tests.Cmdlets;

/// <summary>
/// -WhatIf on every write cmdlet, every parameter set that writes, on both clouds, leaves the emulator's call log without a
/// single write call (the emulator's own read/write classification, whatever the call's result). Each case then runs
/// without -WhatIf and must write, so a case that plans nothing cannot pass; and the cases must cover every parameter set
/// of every cmdlet that supports -WhatIf, so a new one cannot be forgotten.
/// </summary>
public sealed class WhatIfWritesNothingTests
{
    private const string TA = "100000000001", TB = "100000000002", TC = "100000000003";
    private const string AA = "1000000000000001", AB = "1000000000000002", AC = "1000000000000003";
    private const string Db = "$db = [pscredential]::new('dts_user', [System.Net.NetworkCredential]::new('', 'Whatif-Db-Pass1').SecurePassword)";

    /// <summary>One write invocation: the command (without -WhatIf) and how the real run keeps its result for later cases.</summary>
    public sealed record Case(string Cmdlet, string ParameterSet, string Command, string Keep = "$null");

    private static readonly string TencentTask =
        "$role | New-DtsSyncTask -ProfileName tencent-b -Region ap-guangzhou -Name whatif-task -SourceInstanceId cdb-src00001 " +
        "-DestinationInstanceId cdb-dst00001 -SourceDatabaseCredential $db -DestinationDatabaseCredential $db -Database shop -Confirm:$false";

    private static readonly string AlibabaTask =
        "$role | New-DtsSyncTask -ProfileName alibaba-c -Region cn-hangzhou -Name whatif-task -SourceInstanceId rm-src0000001 " +
        "-DestinationRole $dst -DestinationInstanceId rm-dst0000001 -SourceDatabaseCredential $db -DestinationDatabaseCredential $db -Database shop -Confirm:$false";

    // In order: later cases use what earlier real runs created. The task is bought with -NoStart first, so the second
    // task case is the resume path (start a task that exists).
    public static readonly Case[] Tencent =
    {
        new("New-DtsCrossAccountRole", "Role", $"New-DtsCrossAccountRole -Cloud Tencent -ProfileName tencent-a -AccountId {TA} -TrustedAccountId {TB} -RoleName DTS-role", "$role"),
        new("New-DtsCrossAccountRole", "Scenario", $"New-DtsCrossAccountRole -Cloud Tencent -ProfileName tencent-a -SourceAccountId {TA} -DestinationAccountId {TB} -TaskAccountId {TB} -RoleName DTS-scenario"),
        new("Grant-DtsSubAccountAssumeRole", "SubAccountUin", "$role | Grant-DtsSubAccountAssumeRole -ProfileName tencent-b -SubAccountUin 100000000021"),
        new("New-DtsSyncTask", "__AllParameterSets", TencentTask + " -NoStart"),
        new("New-DtsSyncTask", "__AllParameterSets", TencentTask),
        // Another engine with step 5's options, bought as a subscription: -WhatIf neither buys nor asks the purchase question.
        new("New-DtsSyncTask", "__AllParameterSets", TencentTask.Replace("whatif-task", "whatif-ledger").Replace("cdb-src00001", "tdsqlshard-src01 -SourceEngine TDSQL")
            .Replace("cdb-dst00001", "tdsqlshard-dst01 -DestinationEngine TDSQL").Replace("-Database shop", "-Database ledger") +
            " -SourceTdsqlConnection Set -SourceTdsqlSet 'set_1=10.0.0.12:3306' -ConflictHandling Cover -ExistingTableHandling ExecuteAfterIgnore -SyncDdl Table.Create -PayMode Subscription -Period 2 -AutoRenew -Force -NoStart"),
        new("Set-DtsTrustPolicy", "__AllParameterSets", $"$role | Set-DtsTrustPolicy -ProfileName tencent-a -TrustedAccountId {TC} -Confirm:$false"),
    };

    public static readonly Case[] Alibaba =
    {
        new("New-DtsCrossAccountRole", "Role", $"New-DtsCrossAccountRole -Cloud Alibaba -ProfileName alibaba-a -AccountId {AA} -TrustedAccountId {AC}", "$role"),
        // Run by the destination owner: creates B's role, reports A's as A's step.
        new("New-DtsCrossAccountRole", "Scenario", $"New-DtsCrossAccountRole -Cloud Alibaba -ProfileName alibaba-b -SourceAccountId {AA} -DestinationAccountId {AB} -TaskAccountId {AC}", "$scenario"),
        new("Grant-DtsSubAccountAssumeRole", "RamUserName", "$role | Grant-DtsSubAccountAssumeRole -ProfileName alibaba-c -RamUserName dts-operator"),
        new("New-DtsSyncTask", "__AllParameterSets", "$dst = $scenario | Where-Object AccountId -eq '" + AB + "'; " + AlibabaTask + " -NoStart"),
        new("New-DtsSyncTask", "__AllParameterSets", AlibabaTask),
        new("Set-DtsTrustPolicy", "__AllParameterSets", $"$role | Set-DtsTrustPolicy -ProfileName alibaba-a -TrustedAccountId {AB} -Confirm:$false"),
    };

    [Fact]
    public async Task Tencent_WhatIf_makes_no_write_call_on_any_cmdlet() => await RunCases(Tencent);

    [Fact]
    public async Task Alibaba_WhatIf_makes_no_write_call_on_any_cmdlet() => await RunCases(Alibaba);

    private static async Task RunCases(Case[] cases)
    {
        await using var s = await ModuleSession.StartAsync();
        Assert.Empty(s.Run(Db).Errors);
        foreach (var c in cases)
        {
            string label = c.Cmdlet + " (" + c.ParameterSet + "): " + c.Command;
            int mark = s.CallCount;
            var whatIf = s.Run(c.Command + " -WhatIf");
            Assert.True(whatIf.Errors.Count == 0 && whatIf.Terminating == null, label + "\n" + Describe(whatIf));
            var calls = s.Calls.Snapshot().Skip(mark).ToList();
            Assert.True(calls.Count > 0, label + ": planned without reading anything"); // bound and planned, not refused early
            Assert.True(!calls.Any(x => x.IsWrite), label + " wrote under -WhatIf: " + string.Join(", ", calls.Where(x => x.IsWrite).Select(x => x.Action + " " + x.Result)));

            mark = s.CallCount;
            var real = s.Run(c.Keep + " = " + c.Command + "; " + c.Keep);
            Assert.True(real.Errors.Count == 0 && real.Terminating == null, label + "\n" + Describe(real));
            Assert.True(s.WritesSince(mark).Count > 0, label + ": the same command without -WhatIf wrote nothing, so the -WhatIf check proves nothing");
        }
    }

    [Fact]
    public async Task The_cases_cover_every_parameter_set_of_every_cmdlet_that_supports_WhatIf()
    {
        await using var s = await ModuleSession.StartAsync();
        var r = s.Run("Get-Command -Module DtsCrossAccount | Where-Object { $_.Parameters.ContainsKey('WhatIf') } | ForEach-Object { $n = $_.Name; $_.ParameterSets | ForEach-Object { $n + '/' + $_.Name } }");
        var sets = r.Output.Select(o => o.ToString()).OrderBy(x => x).ToList();
        Assert.Equal(6, sets.Count); // New-DtsCrossAccountRole x2, Grant x2, Set-DtsTrustPolicy, New-DtsSyncTask
        var covered = Tencent.Concat(Alibaba).Select(c => c.Cmdlet + "/" + c.ParameterSet).Distinct().OrderBy(x => x).ToList();
        Assert.Equal(sets, covered);
    }

    private static string Describe(RunResult r) => string.Join("\n", r.Errors.Select(e => e.FullyQualifiedErrorId + ": " + e.Exception.Message)) + "\n" + r.Terminating;
}
