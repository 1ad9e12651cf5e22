using System.Collections;
using System.Management.Automation;
using DtsCrossAccount.Tests.Infrastructure;

namespace DtsCrossAccount.Tests.Cmdlets;

/// <summary>
/// Every string parameter of every cmdlet, on both clouds, fed a trailing newline, a Unicode lookalike and an over-long
/// value: each is refused with a clear error before any API call (the emulator's call log does not move).
/// </summary>
public sealed class StrictInputTests : IAsyncLifetime
{
    private ModuleSession _s = null!;

    public async Task InitializeAsync() => _s = await ModuleSession.StartAsync();

    public async Task DisposeAsync() => await _s.DisposeAsync();

    // Parameters whose documented rules accept non-Latin letters, so a lookalike letter is valid text there:
    // descriptions and task names are free text; database and table names are MySQL identifiers, which may hold
    // any character from U+0080 to U+FFFF (MySQL "Schema Object Names"). They still refuse newlines and excess length.
    private static readonly HashSet<string> UnicodeText = new(StringComparer.OrdinalIgnoreCase) { "Description", "Name", "Database", "Table", "ConflictConditionColumn" };

    // The common parameters of PowerShell itself are not the module's to check.
    private static readonly HashSet<string> NotOurs = new(StringComparer.OrdinalIgnoreCase)
    {
        "ErrorVariable", "WarningVariable", "InformationVariable", "OutVariable", "PipelineVariable",
    };

    private const string A = "100000000001", B = "100000000002";
    private const string AA = "1000000000000001", AB = "1000000000000002";

    /// <summary>One valid call per cmdlet and cloud: parameter -> good value. Every string parameter must appear in one.</summary>
    public static IEnumerable<object[]> Cases()
    {
        yield return Case("Tencent", "New-DtsCrossAccountRole", ("AccountId", A), ("TrustedAccountId", B), ("RoleName", "DTS-role"), ("ExternalId", "ext-0001"),
            ("Description", "DTS role"), ("ProfileName", "tencent-a"), ("Region", "ap-guangzhou"), ("SessionToken", "token0001"));
        yield return Case("Tencent", "New-DtsCrossAccountRole", ("SourceAccountId", A), ("DestinationAccountId", B), ("TaskAccountId", B), ("RoleName", "DTS-role"),
            ("Description", "DTS role"), ("ProfileName", "tencent-a"));
        yield return Case("Tencent", "Set-DtsTrustPolicy", ("AccountId", A), ("RoleName", "DTS-role"), ("TrustedAccountId", B), ("ExternalId", "ext-0001"), ("ProfileName", "tencent-a"));
        yield return Case("Tencent", "Grant-DtsSubAccountAssumeRole", ("RoleAccountId", A), ("RoleName", "DTS-role"), ("TrustedAccountId", B), ("SubAccountUin", "100000000021"),
            ("PolicyName", "DTS-grant"), ("ProfileName", "tencent-b"));
        yield return Case("Tencent", "Revoke-DtsSubAccountAssumeRole", ("SubAccountUin", "100000000021"), ("PolicyName", "DTS-grant"), ("RoleAccountId", A),
            ("RoleName", "DTS-role"), ("AccountId", B), ("ProfileName", "tencent-b"));
        yield return Case("Tencent", "Remove-DtsCrossAccountRole", ("AccountId", A), ("RoleName", "DTS-role"), ("ProfileName", "tencent-a"));
        yield return Case("Tencent", "Test-DtsCrossAccountAccess", ("RoleAccountId", A), ("RoleName", "DTS-role"), ("ExternalId", "ext-0001"), ("TrustedAccountId", B),
            ("Region", "ap-guangzhou"), ("Engine", "mysql"), ("OwnerProfileName", "tencent-a"), ("ProfileName", "tencent-b"));
        yield return Case("Tencent", "New-DtsSyncTask", ("Name", "orders"), ("SourceAccountId", A), ("SourceInstanceId", "cdb-src00001"), ("SourceRegion", "ap-guangzhou"),
            ("SourceEngine", "MySQL"), ("SourceRoleName", "DTS-role"), ("SourceExternalId", "ext-0001"), ("DestinationInstanceId", "cdb-dst00001"),
            ("DestinationRegion", "ap-guangzhou"), ("DestinationEngine", "MySQL"), ("Database", "shop"), ("Table", "shop.orders"), ("InstanceClass", "small"),
            ("ProfileName", "tencent-b"), ("Region", "ap-guangzhou"));
        // TDSQL set connection and conditional overwrite: "!" marks a parameter the call needs but the test does not vary.
        yield return Case("Tencent", "New-DtsSyncTask", ("Name", "ledger"), ("SourceAccountId", A), ("SourceInstanceId", "tdsqlshard-src01"), ("SourceEngine", "TDSQL"),
            ("!SourceTdsqlConnection", "Set"), ("SourceTdsqlSet", "set_1=10.0.0.12:3306"), ("DestinationInstanceId", "tdsqlshard-dst01"), ("DestinationEngine", "TDSQL"),
            ("Database", "ledger"), ("!ConflictHandling", "ConditionCover"), ("ConflictConditionColumn", "updated_at"), ("!ConflictConditionOrder", ">"),
            ("ProfileName", "tencent-b"));
        yield return Case("Tencent", "Get-DtsSyncTask", ("Name", "orders"), ("Status", "Running"), ("ProfileName", "tencent-b"), ("Region", "ap-guangzhou"));
        yield return Case("Tencent", "Get-DtsSyncTask", ("TaskId", "sync-abcd1234"), ("ProfileName", "tencent-b"));
        yield return Case("Tencent", "Stop-DtsSyncTask", ("Name", "orders"), ("ProfileName", "tencent-b"));
        yield return Case("Tencent", "Stop-DtsSyncTask", ("TaskId", "sync-abcd1234"), ("ProfileName", "tencent-b"));
        yield return Case("Tencent", "Remove-DtsSyncTask", ("Name", "orders"), ("ProfileName", "tencent-b"));
        yield return Case("Tencent", "Remove-DtsSyncTask", ("TaskId", "sync-abcd1234"), ("ProfileName", "tencent-b"));

        yield return Case("Alibaba", "New-DtsCrossAccountRole", ("AccountId", AA), ("TrustedAccountId", AB), ("RoleName", "ram-for-dts"), ("ExternalId", "ext-0001"),
            ("Description", "DTS role"), ("ProfileName", "alibaba-a"), ("Region", "cn-hangzhou"), ("SessionToken", "token0001"));
        yield return Case("Alibaba", "Set-DtsTrustPolicy", ("AccountId", AA), ("RoleName", "ram-for-dts"), ("TrustedAccountId", AB), ("ProfileName", "alibaba-a"));
        yield return Case("Alibaba", "Grant-DtsSubAccountAssumeRole", ("RoleAccountId", AA), ("RoleName", "ram-for-dts"), ("TrustedAccountId", AB), ("RamUserName", "dts-operator"),
            ("PolicyName", "DTS-grant"), ("ProfileName", "alibaba-b"));
        yield return Case("Alibaba", "Revoke-DtsSubAccountAssumeRole", ("RamUserName", "dts-operator"), ("PolicyName", "DTS-grant"), ("RoleAccountId", AA),
            ("RoleName", "ram-for-dts"), ("AccountId", AB), ("ProfileName", "alibaba-b"));
        yield return Case("Alibaba", "Remove-DtsCrossAccountRole", ("AccountId", AA), ("RoleName", "ram-for-dts"), ("ProfileName", "alibaba-a"));
        yield return Case("Alibaba", "Test-DtsCrossAccountAccess", ("RoleAccountId", AA), ("RoleName", "ram-for-dts"), ("TrustedAccountId", AB),
            ("Region", "cn-hangzhou"), ("OwnerProfileName", "alibaba-a"), ("ProfileName", "alibaba-b"));
        yield return Case("Alibaba", "New-DtsSyncTask", ("Name", "orders"), ("SourceAccountId", AA), ("SourceInstanceId", "rm-src0000001"), ("SourceRegion", "cn-hangzhou"),
            ("SourceEngine", "MySQL"), ("SourceRoleName", "ram-for-dts"), ("SourceConnectionType", "Alibaba Cloud Instance"), ("DestinationAccountId", AB),
            ("DestinationInstanceId", "rm-dst0000001"), ("DestinationRegion", "cn-hangzhou"), ("DestinationEngine", "MySQL"), ("DestinationRoleName", "ram-for-dts"),
            ("Database", "shop"), ("Table", "shop.orders"), ("InstanceClass", "small"), ("ProfileName", "alibaba-b"), ("Region", "cn-hangzhou"));
        yield return Case("Alibaba", "Get-DtsSyncTask", ("Name", "orders"), ("Status", "Synchronizing"), ("ProfileName", "alibaba-b"));
        yield return Case("Alibaba", "Get-DtsSyncTask", ("TaskId", "l3m1213ye7l1a2b"), ("ProfileName", "alibaba-b"));
        yield return Case("Alibaba", "Stop-DtsSyncTask", ("TaskId", "l3m1213ye7l1a2b"), ("ProfileName", "alibaba-b"));
        yield return Case("Alibaba", "Remove-DtsSyncTask", ("Name", "orders"), ("ProfileName", "alibaba-b"));
        // How self-managed databases are reached, one connection type per side (ports are integers, checked at binding).
        yield return Case("Alibaba", "New-DtsSyncTask", ("Name", "orders"), ("SourceAccountId", AA), ("SourceEngine", "Oracle"), ("SourceConnectionType", "ExpressConnect"),
            ("SourceVpcId", "vpc-a0000001"), ("SourceIPAddress", "172.16.0.10"), ("SourceVSwitchId", "vsw-a0000001"), ("SourceOracleSid", "ORCL"),
            ("DestinationEngine", "Oracle"), ("DestinationConnectionType", "DatabaseGateway"), ("DestinationGatewayId", "dg-d0000001"),
            ("DestinationIPAddress", "10.0.0.9"), ("DestinationOracleSid", "ORCL"), ("Database", "shop"), ("ProfileName", "alibaba-b"));
        yield return Case("Alibaba", "New-DtsSyncTask", ("Name", "orders"), ("SourceConnectionType", "DatabaseGateway"), ("SourceGatewayId", "dg-a0000001"),
            ("SourceIPAddress", "10.0.0.8"), ("DestinationConnectionType", "Cen"), ("DestinationVpcId", "vpc-d0000001"), ("DestinationCenId", "cen-d0000001"),
            ("DestinationIPAddress", "10.0.0.9"), ("Database", "shop"), ("ProfileName", "alibaba-b"));
        yield return Case("Alibaba", "New-DtsSyncTask", ("Name", "orders"), ("SourceConnectionType", "Cen"), ("SourceVpcId", "vpc-a0000001"), ("SourceCenId", "cen-a0000001"),
            ("SourceIPAddress", "10.0.0.8"), ("DestinationConnectionType", "SelfManagedOnEcs"), ("DestinationEcsInstanceId", "i-d0000001"), ("Database", "shop"), ("ProfileName", "alibaba-b"));
        yield return Case("Alibaba", "New-DtsSyncTask", ("Name", "orders"), ("SourceConnectionType", "SelfManagedOnEcs"), ("SourceEcsInstanceId", "i-a0000001"),
            ("DestinationInstanceId", "rm-dst0000001"), ("Database", "shop"), ("ProfileName", "alibaba-b"));
    }

    /// <summary>The common parameters (-SessionToken, -Region) are added to every case: each cmdlet must check them.</summary>
    private static object[] Case(string cloud, string cmdlet, params (string Name, string Value)[] parameters)
    {
        var all = parameters.ToList();
        if (all.All(p => p.Name != "SessionToken")) all.Add(("SessionToken", "token0001"));
        if (all.All(p => p.Name != "Region")) all.Add(("Region", cloud == "Tencent" ? "ap-guangzhou" : "cn-hangzhou"));
        return new object[] { cloud, cmdlet, string.Join(";", all.Select(p => p.Name + "=" + p.Value)) };
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void Every_string_parameter_refuses_a_newline_a_lookalike_and_an_overlong_value_before_any_call(string cloud, string cmdlet, string parameters)
    {
        var all = parameters.Split(';').Select(p => p.Split('=', 2)).ToDictionary(p => p[0].TrimStart('!'), p => p[1]);
        var good = parameters.Split(';').Select(p => p.Split('=', 2)).Where(p => !p[0].StartsWith('!')).ToDictionary(p => p[0], p => p[1]);
        Assert.NotEmpty(good);
        var failures = new List<string>();
        int tried = 0;
        foreach (var (name, value) in good)
        {
            var variants = new List<(string Kind, string Bad)> { ("trailing newline", value + "\n"), ("over-long", OverLong(name, value)) };
            if (!UnicodeText.Contains(name)) variants.Add(("lookalike", Lookalike(value)));
            foreach (var (kind, bad) in variants)
            {
                tried++;
                var p = new Hashtable(StringComparer.OrdinalIgnoreCase) { ["Cloud"] = cloud };
                foreach (var (n, v) in all) if (n != "SessionToken") p[n] = v;
                p[name] = name is "Database" or "Table" ? new[] { bad } : bad;
                int mark = _s.CallCount;
                var r = _s.Run("$p = $args[1]; if ((Get-Command $args[0]).Parameters.ContainsKey('Confirm')) { $p.Confirm = $false }; " +
                               "if ($args[0] -eq 'New-DtsSyncTask') { $c = [pscredential]::new('dts', [System.Net.NetworkCredential]::new('', 'Passw0rd!').SecurePassword); " +
                               "$p.SourceDatabaseCredential = $c; $p.DestinationDatabaseCredential = $c }; & $args[0] @p", cmdlet, p);
                string what = $"{cmdlet} -{name} ({cloud}, {kind})";
                if (_s.CallCount != mark) { failures.Add(what + ": " + (_s.CallCount - mark) + " API call(s) made"); continue; }
                if (r.Output.Count > 0) { failures.Add(what + ": wrote output"); continue; }
                var error = r.Errors.FirstOrDefault();
                if (error == null) { failures.Add(what + ": no error" + (r.Terminating == null ? "" : " (terminating: " + r.Terminating.Message + ")")); continue; }
                if (error.FullyQualifiedErrorId.StartsWith("NamedParameterNotFound", StringComparison.Ordinal)) { failures.Add(what + ": test bug: " + error.Exception.Message); continue; }
                if (error.CategoryInfo.Category != ErrorCategory.InvalidArgument) { failures.Add(what + ": category " + error.CategoryInfo.Category + " " + error.FullyQualifiedErrorId); continue; }
                // Clear: names the parameter it refuses and never echoes a raw line break.
                string message = error.Exception.Message;
                string label = name == "Region" && cmdlet == "New-DtsSyncTask" ? "Region" : name;
                if (!message.Contains(label, StringComparison.OrdinalIgnoreCase)) failures.Add(what + ": message does not name the parameter: " + message);
                if (message.Contains('\n')) failures.Add(what + ": message contains a raw line break");
            }
        }
        Assert.True(tried >= good.Count * 2);
        Assert.True(failures.Count == 0, string.Join("\n", failures));
    }

    [Fact]
    public void The_cases_cover_every_string_parameter_of_every_cmdlet()
    {
        var covered = Cases().Select(c => ((string)c[1], (string)c[2]))
            .SelectMany(c => c.Item2.Split(';').Where(p => !p.StartsWith('!')).Select(p => c.Item1 + " -" + p.Split('=')[0])).ToHashSet(StringComparer.OrdinalIgnoreCase);
        // ValidateSet parameters (-Initialization, -ConflictHandling, -PayMode ...) are checked by PowerShell at binding
        // (A_validate_set_parameter_refuses_a_trailing_newline_at_binding); the rest is the module's to check.
        var r = _s.Run("Get-Command -Module DtsCrossAccount | ForEach-Object { $c = $_; $c.Parameters.Values | " +
                       "Where-Object { ($_.ParameterType -eq [string] -or $_.ParameterType -eq [string[]]) -and -not ($_.Attributes | Where-Object { $_ -is [System.Management.Automation.ValidateSetAttribute] }) } | " +
                       "ForEach-Object { $c.Name + ' -' + $_.Name } }");
        var all = r.Output.Select(o => o.ToString()).Where(s => !NotOurs.Contains(s.Split(" -")[1])).ToList();
        Assert.NotEmpty(all);
        var missing = all.Where(p => !covered.Contains(p)).ToList();
        Assert.True(missing.Count == 0, "Not fed bad input by the test: " + string.Join(", ", missing));
    }

    [Theory]
    [InlineData("Initialization", "Structure")]
    [InlineData("ConflictHandling", "Cover")]
    [InlineData("ConflictConditionOrder", ">")]
    [InlineData("ExistingTableHandling", "ExecuteAfterIgnore")]
    [InlineData("SyncOperation", "Insert")]
    [InlineData("SyncDdl", "Table.Create")]
    [InlineData("PayMode", "Subscription")]
    [InlineData("SourceTdsqlConnection", "Set")]
    public void A_validate_set_parameter_refuses_a_trailing_newline_and_a_lookalike_at_binding(string name, string value)
    {
        foreach (var bad in new[] { value + "`n", value.Length > 1 ? Lookalike(value) : value + "x" })
        {
            int mark = _s.CallCount;
            var r = _s.Run("New-DtsSyncTask -Cloud Tencent -Name x -SourceInstanceId cdb-src00001 -DestinationInstanceId cdb-dst00001 -Database shop -" + name +
                           " \"" + bad + "\" -ProfileName tencent-b -WhatIf");
            Assert.Contains(name, r.Terminating?.Message ?? r.Errors.Single().Exception.Message);
            Assert.Empty(r.Output);
            Assert.Equal(mark, _s.CallCount);
        }
    }

    [Fact]
    public void The_validate_set_theory_covers_every_validate_set_string_parameter()
    {
        var tested = typeof(StrictInputTests).GetMethod(nameof(A_validate_set_parameter_refuses_a_trailing_newline_and_a_lookalike_at_binding))!
            .GetCustomAttributes(typeof(InlineDataAttribute), false).Cast<InlineDataAttribute>().Select(a => (string)a.GetData(null!).First()[0]).ToHashSet();
        var r = _s.Run("(Get-Command New-DtsSyncTask).Parameters.Values | Where-Object { ($_.ParameterType -eq [string] -or $_.ParameterType -eq [string[]]) -and " +
                       "($_.Attributes | Where-Object { $_ -is [System.Management.Automation.ValidateSetAttribute] }) } | ForEach-Object Name");
        var sets = r.Output.Select(o => o.ToString()).ToList();
        Assert.NotEmpty(sets);
        Assert.DoesNotContain(sets, s => !tested.Contains(s));
    }

    private static string OverLong(string name, string value) => name switch
    {
        _ when value.All(char.IsAsciiDigit) => new string('1', 2000),
        "Table" => "shop." + new string('t', 200),
        "SessionToken" => new string('t', 9000),
        _ => value + new string('x', 2000),
    };

    /// <summary>The value with its first Latin letter replaced by the Cyrillic one that looks the same, or its first digit by an Arabic-Indic digit.</summary>
    private static string Lookalike(string value)
    {
        var map = new Dictionary<char, char> { ['a'] = '\u0430', ['e'] = '\u0435', ['o'] = '\u043E', ['p'] = '\u0440', ['c'] = '\u0441', ['x'] = '\u0445', ['y'] = '\u0443',
            ['A'] = '\u0410', ['B'] = '\u0412', ['C'] = '\u0421', ['E'] = '\u0415', ['M'] = '\u041C', ['T'] = '\u0422', ['S'] = '\u0405', ['D'] = '\u0189', ['s'] = '\u0455',
            ['t'] = '\u0442', ['d'] = '\u0501', ['r'] = '\u0433', ['n'] = '\u0578', ['k'] = '\u043A', ['m'] = '\u0271', ['i'] = '\u0456', ['l'] = '\u04CF', ['g'] = '\u0261',
            ['h'] = '\u04BB', ['u'] = '\u057D', ['w'] = '\u0461', ['L'] = '\u216C', ['Q'] = '\u051A', ['y'] = '\u0443' };
        var chars = value.ToCharArray();
        for (int i = 0; i < chars.Length; i++)
        {
            if (char.IsAsciiDigit(chars[i])) { chars[i] = (char)('\u0660' + (chars[i] - '0')); return new string(chars); }
            if (map.TryGetValue(chars[i], out var look)) { chars[i] = look; return new string(chars); }
        }
        throw new InvalidOperationException("No lookalike for " + value);
    }
}
