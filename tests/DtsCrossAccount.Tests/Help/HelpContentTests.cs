using System.Management.Automation;
using System.Text.RegularExpressions;
using System.Xml.Linq;
using DtsCrossAccount.Tests.Infrastructure;
using static DtsCrossAccount.Tests.Help.HelpFiles;

namespace DtsCrossAccount.Tests.Help;

/// <summary>Get-Help on the module imported from the repository root shows the help we wrote, not the generated stub.</summary>
public sealed class HelpContentTests : IAsyncLifetime
{
    private ModuleSession _s = null!;

    public async Task InitializeAsync() => _s = await ModuleSession.StartAsync();

    public async Task DisposeAsync() => await _s.DisposeAsync();

    public static IEnumerable<object[]> Cmdlets => CmdletNames();

    [Theory]
    [MemberData(nameof(Cmdlets))]
    public void Get_Help_Full_shows_the_synopsis_description_and_examples_of_the_help_file(string cmdlet)
    {
        var maml = MamlCommand(cmdlet);
        string synopsis = maml.Element(Command + "details")!.Element(Maml + "description")!.Value.Trim();
        string firstDescription = maml.Element(Maml + "description")!.Elements(Maml + "para").First().Value.Trim();
        var codes = maml.Descendants(Dev + "code").Select(c => c.Value).ToList();

        var r = _s.Run("$h = Get-Help -Name $args[0] -Full; $h.Synopsis; ($h.description | ForEach-Object { $_.Text }) -join \"`n\"; $h.examples.example | ForEach-Object { $_.code }", cmdlet);
        Assert.Empty(r.Errors);
        var lines = r.Output.Select(o => o.ToString()).ToList();
        Assert.Equal(synopsis, lines[0]);
        Assert.Contains(firstDescription, lines[1]);
        Assert.True(codes.Count >= 2, cmdlet + " needs at least two examples");
        Assert.Equal(codes, lines.Skip(2));
    }

    [Theory]
    [MemberData(nameof(Cmdlets))]
    public void Every_cmdlet_has_an_example_for_each_cloud(string cmdlet)
    {
        var examples = string.Join("\n", MamlCommand(cmdlet).Descendants(Dev + "code").Select(c => c.Value));
        Assert.Contains("-Cloud Tencent", examples);
        Assert.Contains("-Cloud Alibaba", examples);
    }

    [Theory]
    [MemberData(nameof(Cmdlets))]
    public void Help_file_has_inputs_outputs_notes_and_the_declared_output_type(string cmdlet)
    {
        var maml = MamlCommand(cmdlet);
        Assert.NotEmpty(maml.Descendants(Command + "inputType"));
        Assert.NotEmpty(maml.Element(Maml + "alertSet")!.Descendants(Maml + "para"));
        var type = HelpFiles.CmdletTypes().Single(t => CmdletName(t) == cmdlet);
        var declared = type.GetCustomAttributes(typeof(OutputTypeAttribute), false).Cast<OutputTypeAttribute>().SelectMany(a => a.Type).Select(t => t.Name);
        var documented = maml.Descendants(Command + "returnValue").Select(v => v.Element(Dev + "type")!.Element(Maml + "name")!.Value);
        Assert.Equal(declared.OrderBy(x => x), documented.OrderBy(x => x));
    }

    [Fact]
    public void About_topic_is_found_and_explains_scenarios_credentials_and_the_emulator()
    {
        var r = _s.Run("Get-Help about_DtsCrossAccount | ForEach-Object { $_.ToString() }");
        Assert.Empty(r.Errors);
        string text = string.Join("\n", r.Output.Select(o => o.ToString()));
        foreach (var fact in new[]
                 {
                     "QcloudDTSReadOnlyAccess", "AliyunDTSRolePolicy", "acs:ram::<task account>:root", "<task account>@dts.aliyuncs.com",
                     "\"dts.aliyuncs.com\"", "CrossAccountSource", "CrossAccountDestination", "CrossAccountBoth",
                     "~/.tencentcloud/credentials", "TENCENTCLOUD_CREDENTIALS_FILE", "~/.aliyun/config.json", "ALIBABA_CLOUD_CONFIG_FILE",
                     "TENCENTCLOUD_SECRET_ID", "ALIBABA_CLOUD_SECURITY_TOKEN", "Get-AutomationPSCredential", "DTSCROSSACCOUNT_ENDPOINT_URL",
                     "dotnet run --project src/DtsCrossAccount.Emulator -- --port 0",
                 })
            Assert.Contains(fact, text);
        // The credential order as the chain applies it: parameters, then the named profile, then the environment.
        Assert.True(text.IndexOf("-Credential", StringComparison.Ordinal) < text.IndexOf("-ProfileName <name>", StringComparison.Ordinal));
        Assert.True(text.IndexOf("-ProfileName <name>", StringComparison.Ordinal) < text.IndexOf("3. The environment", StringComparison.Ordinal));
    }

    [Fact]
    public void Help_file_is_well_formed_maml_with_one_entry_per_exported_cmdlet()
    {
        var names = XDocument.Load(MamlPath).Root!.Elements(Command + "command")
            .Select(c => c.Element(Command + "details")!.Element(Command + "name")!.Value).OrderBy(n => n, StringComparer.Ordinal);
        var exported = _s.Run("(Get-Command -Module DtsCrossAccount).Name").Output.Select(o => o.ToString()).OrderBy(n => n, StringComparer.Ordinal);
        Assert.Equal(exported, names);
        Assert.DoesNotMatch(new Regex(@"[A-Z]:\\|/home/|/Users/|/tmp/"), File.ReadAllText(MamlPath));
    }
}
