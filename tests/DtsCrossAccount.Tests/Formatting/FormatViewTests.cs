using System.Management.Automation;
using System.Management.Automation.Runspaces;
using System.Text.RegularExpressions;
using System.Xml.Linq;
using DtsCrossAccount.Sandbox;
using DtsCrossAccount.Tests.Infrastructure;

namespace DtsCrossAccount.Tests.Formatting;

/// <summary>
/// What a console shows for each output type: objects go through Out-Default to a host that captures the text (the bare
/// engine has no Format-Table/Out-String), with the module imported from the repository root as a user would.
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

    [Theory]
    [InlineData("[DtsCrossAccount.CrossAccountRole]@{ Cloud='Alibaba'; AccountId='1000000000000001'; RoleName='ram-for-dts'; TrustedAccountId='1000000000000003'; Changed=$true; Arn='acs:ram::1000000000000001:role/ram-for-dts'; Description='hidden in table' }",
        new[] { "Cloud", "AccountId", "RoleName", "TrustedAccountId", "Changed", "Arn" }, new[] { "Alibaba", "1000000000000001", "ram-for-dts", "1000000000000003", "True", "acs:ram::1000000000000001:role/ram-for-dts" })]
    [InlineData("[DtsCrossAccount.AssumeRoleGrant]@{ Cloud='Tencent'; AccountId='100000000002'; SubAccountUin='100000000021'; SubAccountName='dts-operator'; PolicyName='DTS-AssumeRole-100000000001-DTS-role'; Resource='qcs::cam::uin/100000000001:roleName/DTS-role' }",
        new[] { "Cloud", "AccountId", "SubAccount", "PolicyName", "Changed", "Resource" }, new[] { "dts-operator (100000000021)", "DTS-AssumeRole-100000000001-DTS-role", "qcs::cam::uin/100000000001:roleName/DTS-role" })]
    [InlineData("[DtsCrossAccount.SyncTask]@{ Cloud='Tencent'; TaskId='sync-abc'; Name='orders-sync'; Status='Running'; SourceAccountId='100000000001'; SourceInstanceId='cdb-src00001'; DestinationAccountId='100000000002'; DestinationInstanceId='cdb-dst00001' }",
        new[] { "Cloud", "TaskId", "Name", "Status", "Source", "Destination", "Changed" }, new[] { "sync-abc", "orders-sync", "Running", "100000000001/cdb-src00001", "100000000002/cdb-dst00001" })]
    [InlineData("[DtsCrossAccount.CallerIdentity]@{ Cloud='Alibaba'; AccountId='1000000000000003'; UserId='2000000000000031'; Type='RamUser'; Arn='acs:ram::1000000000000003:user/dts-operator' }",
        new[] { "Cloud", "AccountId", "UserId", "Type", "Arn" }, new[] { "1000000000000003", "RamUser", "acs:ram::1000000000000003:user/dts-operator" })]
    [InlineData("[DtsCrossAccount.CheckItem]@{ Name='AssumeRole'; Result='Failed'; Message='not allowed'; Remedy='Run Grant-DtsSubAccountAssumeRole.' }",
        new[] { "Result", "Name", "Message", "Remedy" }, new[] { "Failed", "AssumeRole", "not allowed", "Run Grant-DtsSubAccountAssumeRole." })]
    public void Each_output_type_shows_as_a_table_with_the_columns_a_person_needs(string create, string[] headers, string[] values)
    {
        var lines = Show(create + " | Out-Default").Split('\n').Select(l => l.TrimEnd('\r')).Where(l => l.Trim().Length > 0).ToList();
        // Header line, dashes line, one row.
        Assert.True(lines.Count >= 3, string.Join("\n", lines));
        Assert.Equal(headers, Regex.Split(lines[0].Trim(), @"\s+"));
        Assert.Matches(@"^-+(\s+-+)*$", lines[1].Trim());
        string rows = string.Join("\n", lines.Skip(2));
        foreach (var v in values) Assert.Contains(v, rows);
        Assert.DoesNotContain("hidden in table", rows);
    }

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
