using System.Management.Automation;
using System.Management.Automation.Runspaces;
using System.Text.RegularExpressions;
using System.Xml.Linq;
using DtsCrossAccount.Sandbox;
using DtsCrossAccount.Tests.Infrastructure;

namespace DtsCrossAccount.Tests.Formatting;

/// <summary>
/// What a console shows for each output type, rendered by the full engine (the Sandbox's host, a 120-column window)
/// with the module imported from the repository root as a user would.
/// </summary>
public sealed class FormatViewTests : IDisposable
{
    private readonly StringWriter _console = new();
    private readonly Runspace _runspace;

    public FormatViewTests()
    {
        _runspace = RunspaceFactory.CreateRunspace(new SandboxHost(_console), InitialSessionState.CreateDefault2());
        _runspace.Open();
        Show("Import-Module -Name $args[0] -ErrorAction Stop", RepoPaths.Manifest);
    }

    public void Dispose() => _runspace.Dispose();

    private string Show(string script, params object[] args)
    {
        _console.GetStringBuilder().Clear();
        using var ps = PowerShell.Create();
        ps.Runspace = _runspace;
        ps.AddScript(script);
        foreach (var a in args) ps.AddArgument(a);
        ps.Invoke();
        Assert.False(ps.HadErrors, string.Join("\n", ps.Streams.Error.Select(e => e.ToString())));
        // The host renders headers with ANSI styles; the words are what a person reads.
        return Regex.Replace(_console.ToString(), "\x1b\\[[0-9;]*m", "");
    }

    private const string SampleCheck =
        "$c = [DtsCrossAccount.AccessCheck]@{ Cloud = 'Tencent'; RoleArn = 'qcs::cam::uin/100000000001:roleName/DTS-role'; Passed = $false; Checks = @(" +
        "[DtsCrossAccount.CheckItem]@{ Name = 'CallerIdentity'; Result = 'Passed'; Message = 'The task would be created by sub-account 100000000021.'; Remedy = 'never shown' }," +
        "[DtsCrossAccount.CheckItem]@{ Name = 'AssumeRole'; Result = 'Failed'; Message = 'Sub-account 100000000021 may not assume the role.'; Remedy = 'Run Grant-DtsSubAccountAssumeRole -SubAccountUin 100000000021.' }," +
        "[DtsCrossAccount.CheckItem]@{ Name = 'ListInstances'; Result = 'Skipped'; Message = 'No -Region was given.' }) }; ";

    [Fact]
    public void AccessCheck_prints_one_line_per_check_with_its_result_and_the_remedy_of_failed_checks()
    {
        var lines = Show(SampleCheck + "$c | Out-Default").Split('\n').Select(l => l.TrimEnd('\r')).Where(l => l.Trim().Length > 0).ToList();
        Assert.Contains(lines, l => l.Contains("qcs::cam::uin/100000000001:roleName/DTS-role") && l.Contains("FAILED"));
        int passed = lines.FindIndex(l => l.Contains("[Passed] CallerIdentity: The task would be created by sub-account 100000000021."));
        int failed = lines.FindIndex(l => l.Contains("[Failed] AssumeRole: Sub-account 100000000021 may not assume the role."));
        int skipped = lines.FindIndex(l => l.Contains("[Skipped] ListInstances: No -Region was given."));
        Assert.True(passed >= 0 && failed > passed && skipped > failed, string.Join("\n", lines));
        Assert.Contains("Remedy: Run Grant-DtsSubAccountAssumeRole -SubAccountUin 100000000021.", lines[failed + 1]);
        Assert.DoesNotContain(lines, l => l.Contains("never shown"));
    }

    [Fact]
    public void A_passed_AccessCheck_says_so_in_its_heading()
    {
        string text = Show("[DtsCrossAccount.AccessCheck]@{ Cloud = 'Alibaba'; RoleArn = 'acs:ram::1000000000000001:role/ram-for-dts'; Passed = $true; Checks = @() } | Out-Default");
        Assert.Contains("Alibaba acs:ram::1000000000000001:role/ram-for-dts: all checks passed", text);
    }

    private const string SampleRole = "[DtsCrossAccount.CrossAccountRole]@{ Cloud='Alibaba'; AccountId='1000000000000001'; RoleName='ram-for-dts-via-c'; TrustedAccountId='1000000000000003'; Changed=$true; Arn='acs:ram::1000000000000001:role/ram-for-dts-via-c'; Description='hidden in table' }";
    private const string SampleGrant = "[DtsCrossAccount.AssumeRoleGrant]@{ Cloud='Alibaba'; AccountId='1000000000000003'; SubAccountUin='2000000000000031'; SubAccountName='dts-operator'; PolicyName='DTS-AssumeRole-1000000000000001-ram-for-dts-via-c'; Resource='acs:ram::1000000000000001:role/ram-for-dts-via-c'; Changed=$true }";
    private const string SampleTask = "[DtsCrossAccount.SyncTask]@{ Cloud='Alibaba'; TaskId='ze3wfspanenw'; Name='orders-a-to-b-via-c'; Status='Synchronizing'; SourceAccountId='1000000000000001'; SourceInstanceId='rm-src0000001'; DestinationAccountId='1000000000000002'; DestinationInstanceId='rm-dst0000001'; Changed=$true }";
    private const string SampleListed = "[DtsCrossAccount.SyncTask]@{ Cloud='Tencent'; TaskId='sync-kl5qyyf4'; Name='orders-a-nightly'; Status='Running'; DelaySeconds=2.5; SourceAccountId='100000000001'; SourceInstanceId='cdb-src00001'; DestinationAccountId='100000000002'; DestinationInstanceId='cdb-dst00001'; Changed=$false }";
    private const string SampleIdentity = "[DtsCrossAccount.CallerIdentity]@{ Cloud='Alibaba'; AccountId='1000000000000003'; UserId='2000000000000031'; Type='RamUser'; Arn='acs:ram::1000000000000003:user/dts-operator' }";
    private const string SampleItem = "[DtsCrossAccount.CheckItem]@{ Name='TrustPolicyServicePrincipal'; Result='Failed'; Message='The Service principal is dts.aliyuncs.com: the account ID before it was not accepted, so DTS cannot assume the role for the task account.'; Remedy='Run Set-DtsTrustPolicy -Cloud Alibaba -AccountId 1000000000000001 -RoleName ram-for-dts -TrustedAccountId 1000000000000003.' }";

    public static TheoryData<string, string[], string[]> Tables() => new()
    {
        { SampleRole, new[] { "Cloud", "AccountId", "RoleName", "TrustedAccountId", "Changed" }, new[] { "Alibaba", "1000000000000001", "ram-for-dts-via-c", "1000000000000003", "True" } },
        { SampleGrant, new[] { "Cloud", "AccountId", "SubAccount", "Changed", "PolicyName" }, new[] { "dts-operator (2000000000000031)", "True", "DTS-AssumeRole-1000000000000001-ram-for-dts-via-c" } },
        { SampleTask, new[] { "Cloud", "TaskId", "Name", "Status", "Delay", "Changed", "Source", "Destination" }, new[] { "ze3wfspanenw", "orders-a-to-b-via-c", "Synchronizing", "True", "rm-src0000001", "(1000000000000001)", "rm-dst0000001", "(1000000000000002)" } },
        { SampleListed, new[] { "Cloud", "TaskId", "Name", "Status", "Delay", "Changed", "Source", "Destination" }, new[] { "sync-kl5qyyf4", "orders-a-nightly", "Running", "2.5 s", "False", "cdb-src00001", "(100000000002)" } },
        { SampleIdentity, new[] { "Cloud", "AccountId", "Type", "UserId", "Arn" }, new[] { "1000000000000003", "RamUser", "2000000000000031", "acs:ram::1000000000000003:user/dts-operator" } },
        { SampleItem, new[] { "Result", "Name", "Message", "Remedy" }, new[] { "Failed", "TrustPolicyServicePrincipal" } },
    };

    /// <summary>
    /// Each type's default table at 120 columns (what the Sandbox and a common terminal show): every column, the
    /// Changed flag and the status included, no line wider than the window, each value whole on one line of its cell.
    /// </summary>
    [Theory]
    [MemberData(nameof(Tables))]
    public void Each_table_view_keeps_every_column_within_120_columns(string create, string[] headers, string[] values)
    {
        var lines = Lines(Show(create + " | Out-String -Width 120 | Write-Host -NoNewline"));
        // Header line, dashes line, the row's lines.
        Assert.True(lines.Count >= 3, string.Join("\n", lines));
        Assert.Equal(headers, Regex.Split(lines[0].Trim(), @"\s+"));
        Assert.Matches(@"^-+(\s+-+)*$", lines[1].Trim());
        Assert.All(lines, l => Assert.True(l.Length <= 120, $"{l.Length} columns: {l}"));
        var rows = lines.Skip(2).ToList();
        foreach (var v in values) Assert.Contains(rows, r => r.Contains(v, StringComparison.Ordinal));
        Assert.DoesNotContain(rows, r => r.Contains("hidden in table"));
    }

    [Fact]
    public void A_role_in_an_80_column_console_is_one_line_with_its_name_and_account_and_the_list_view_keeps_the_Arn()
    {
        var table = Lines(Show(SampleRole + " | Out-String -Width 80 | Write-Host -NoNewline"));
        Assert.Equal(3, table.Count);
        Assert.All(table, l => Assert.True(l.Length <= 80, l));
        Assert.Matches(@"^Alibaba\s+1000000000000001\s+ram-for-dts-via-c\s+1000000000000003\s+True$", table[2]);

        var list = Lines(Show(SampleRole + " | Format-List | Out-String -Width 80 | Write-Host -NoNewline"));
        Assert.Contains(list, l => Regex.IsMatch(l, @"^Arn\s+: acs:ram::1000000000000001:role/ram-for-dts-via-c$"));
    }

    [Fact]
    public void A_long_check_message_folds_at_word_boundaries_within_120_columns()
    {
        string message = string.Join(" ", Enumerable.Repeat("sub-account 100000000021 may not assume qcs::cam::uin/100000000001:roleName/DTS-role;", 4));
        string create = SampleCheck.Replace("'Sub-account 100000000021 may not assume the role.'", "'" + message + "'");
        var lines = Lines(Show(create + "$c | Out-String -Width 120 | Write-Host -NoNewline"));
        Assert.All(lines, l => Assert.True(l.Length <= 120, $"{l.Length} columns: {l}"));
        int failed = lines.FindIndex(l => l.StartsWith("  [Failed] AssumeRole: sub-account 100000000021", StringComparison.Ordinal));
        int remedy = lines.FindIndex(l => l.StartsWith("      Remedy: ", StringComparison.Ordinal));
        Assert.True(failed >= 0 && remedy > failed + 1, string.Join("\n", lines));
        // Continuations are indented under their check, and rejoining the lines gives back every word whole.
        Assert.All(lines.Skip(failed + 1).Take(remedy - failed - 1), l => Assert.StartsWith("      ", l));
        Assert.Equal("[Failed] AssumeRole: " + message, string.Join(" ", lines.Skip(failed).Take(remedy - failed).Select(l => l.Trim())));
    }

    [Fact]
    public void A_list_view_shows_each_change_and_each_check_on_a_line_of_its_own()
    {
        string task = SampleTask.Replace("Changed=$true", "Changed=$true; Changes=@('Created sync task orders', 'Started sync task orders'); Checks=@(" +
            "[DtsCrossAccount.CheckItem]@{ Name='AssumeRole'; Result='Passed'; Message='Role assumed.' }, [DtsCrossAccount.CheckItem]@{ Name='Engines'; Result='Failed'; Message='MySQL to Redis is not offered.'; Remedy='Pick another target.' })");
        var lines = Lines(Show(task + " | Format-List | Out-String -Width 120 | Write-Host -NoNewline"));
        int created = lines.FindIndex(l => Regex.IsMatch(l, @"^Changes\s+: Created sync task orders$"));
        Assert.True(created >= 0, string.Join("\n", lines));
        Assert.Matches(@"^\s+Started sync task orders$", lines[created + 1]);
        int passed = lines.FindIndex(l => Regex.IsMatch(l, @"^Checks\s+: \[Passed\] AssumeRole: Role assumed\.$"));
        Assert.True(passed >= 0, string.Join("\n", lines));
        Assert.Matches(@"^\s+\[Failed\] Engines: MySQL to Redis is not offered\.$", lines[passed + 1]);
        Assert.Matches(@"^\s+Remedy: Pick another target\.$", lines[passed + 2]);
    }

    /// <summary>
    /// PowerShell parses every script block of the format file at import, and a .NET type named in one
    /// ([Environment]::NewLine was) is resolved there: about 9 ms of each import, a fifth of the file's cost. Newlines
    /// are written "`n", which the format writers split on, on Windows too.
    /// </summary>
    [Fact]
    public void The_format_files_script_blocks_name_no_dotnet_type()
    {
        var doc = XDocument.Load(Path.Combine(RepoPaths.Root, "DtsCrossAccount.format.ps1xml"));
        var blocks = doc.Descendants("ScriptBlock").Select(b => b.Value).ToList();
        Assert.NotEmpty(blocks);
        Assert.All(blocks, b => Assert.DoesNotMatch(@"\[[A-Za-z_][\w.]*\]::", b));
    }

    private static List<string> Lines(string text) =>
        text.Split('\n').Select(l => l.TrimEnd('\r')).Where(l => l.Trim().Length > 0).ToList();

    [Fact]
    public void Format_file_has_a_default_view_and_a_list_view_for_every_output_type()
    {
        var doc = XDocument.Load(Path.Combine(RepoPaths.Root, "DtsCrossAccount.format.ps1xml"));
        var outputTypes = typeof(CrossAccountRole).Assembly.GetTypes()
            // Static classes (CheckResult's names) are not output types.
            .Where(t => t.IsPublic && t.IsClass && t.Namespace == "DtsCrossAccount" && t.IsSealed && !t.IsAbstract).Select(t => t.FullName!).ToList();
        Assert.Contains("DtsCrossAccount.CheckItem", outputTypes);
        foreach (var type in outputTypes)
        {
            var views = doc.Descendants("View").Where(v => v.Element("ViewSelectedBy")!.Element("TypeName")!.Value == type).ToList();
            Assert.True(views.Count >= 2, type + " needs a default view and a list view");
            Assert.True(views[0].Element("TableControl") != null || views[0].Element("CustomControl") != null, type + ": the first view should be a table or custom view");
            Assert.Contains(views, v => v.Element("ListControl") != null);
        }
    }
}
