using System.Text.RegularExpressions;
using static DtsCrossAccount.Tests.Help.HelpFiles;

namespace DtsCrossAccount.Tests.Help;

/// <summary>
/// The help must describe the parameters the code has, no more and no fewer, with the same mandatory flag and pipeline
/// input, in both the MAML and the platyPS markdown (which regenerates the MAML).
/// </summary>
public sealed class HelpParameterParityTests
{
    private static readonly string[] ShouldProcessParameters = { "WhatIf", "Confirm" };

    public static IEnumerable<object[]> Cmdlets => CmdletNames();

    private static Type TypeOf(string cmdlet) => CmdletTypes().Single(t => CmdletName(t) == cmdlet);

    private static IReadOnlyDictionary<string, (bool Required, string Pipeline)> Expected(string cmdlet)
    {
        var type = TypeOf(cmdlet);
        var expected = CodeParameters(type).ToDictionary(p => p.Key, p => p.Value);
        if (SupportsShouldProcess(type))
            foreach (var p in ShouldProcessParameters) expected[p] = (false, "False");
        return expected;
    }

    [Fact]
    public void There_is_a_cmdlet_class_for_each_exported_cmdlet_and_the_base_class_parameters_are_seen()
    {
        var names = Infrastructure.RepoPaths.ExportedCmdlets();
        Assert.NotEmpty(names);
        Assert.Equal(names, CmdletTypes().Select(CmdletName).OrderBy(n => n, StringComparer.Ordinal).ToList());
        foreach (var t in CmdletTypes())
            Assert.Contains("EndpointUrl", CodeParameters(t).Keys);
    }

    [Theory]
    [MemberData(nameof(Cmdlets))]
    public void Maml_parameters_match_the_code(string cmdlet)
    {
        var documented = MamlCommand(cmdlet).Element(Command + "parameters")!.Elements(Command + "parameter").ToDictionary(
            p => p.Element(Maml + "name")!.Value,
            p => ((string)p.Attribute("required")! == "true", (string)p.Attribute("pipelineInput")!));
        AssertSame(cmdlet, "en-US/DtsCrossAccount.dll-Help.xml", Expected(cmdlet), documented);
    }

    [Theory]
    [MemberData(nameof(Cmdlets))]
    public void Maml_syntax_has_one_item_per_parameter_set(string cmdlet)
    {
        // A default set that declares no parameter of its own (Get-DtsSyncTask's List) is a set PowerShell shows too.
        string defaultSet = TypeOf(cmdlet).GetCustomAttributes(typeof(System.Management.Automation.CmdletAttribute), false)
            .Cast<System.Management.Automation.CmdletAttribute>().Single().DefaultParameterSetName;
        var sets = TypeOf(cmdlet).GetProperties()
            .SelectMany(p => p.GetCustomAttributes(typeof(System.Management.Automation.ParameterAttribute), true).Cast<System.Management.Automation.ParameterAttribute>())
            .Select(a => a.ParameterSetName).Append(defaultSet ?? System.Management.Automation.ParameterAttribute.AllParameterSets)
            .Where(n => n != System.Management.Automation.ParameterAttribute.AllParameterSets).Distinct().Count();
        Assert.Equal(Math.Max(1, sets), MamlCommand(cmdlet).Element(Command + "syntax")!.Elements(Command + "syntaxItem").Count());
    }

    [Theory]
    [MemberData(nameof(Cmdlets))]
    public void Markdown_parameters_match_the_code(string cmdlet)
    {
        string text = File.ReadAllText(MarkdownPath(cmdlet)).Replace("\r\n", "\n");
        string parameters = Section(text, "## PARAMETERS");
        var documented = new Dictionary<string, (bool, string)>();
        foreach (Match m in Regex.Matches(parameters, @"^### -(\w+)\n(?<body>.*?)(?=^### |\z)", RegexOptions.Multiline | RegexOptions.Singleline))
        {
            string body = m.Groups["body"].Value;
            // A parameter required in some sets only has one yaml block per set group: it is required in the help's sense when every block says so.
            var required = Regex.Matches(body, @"^Required: (True|False)$", RegexOptions.Multiline).Select(r => r.Groups[1].Value == "True").ToList();
            var pipeline = Regex.Match(body, @"^Accept pipeline input: (.+)$", RegexOptions.Multiline).Groups[1].Value;
            Assert.True(required.Count > 0, cmdlet + ".md: -" + m.Groups[1].Value + " has no ```yaml block");
            documented[m.Groups[1].Value] = (required.All(x => x), pipeline);
        }
        AssertSame(cmdlet, "docs/" + cmdlet + ".md", Expected(cmdlet), documented);
    }

    [Theory]
    [MemberData(nameof(Cmdlets))]
    public void Markdown_has_the_platyPS_front_matter_and_headings(string cmdlet)
    {
        string text = File.ReadAllText(MarkdownPath(cmdlet)).Replace("\r\n", "\n");
        // "online version" is the cmdlet's HelpUri (Get-Help -Online), its page on the project site.
        Assert.StartsWith("---\nexternal help file: DtsCrossAccount.dll-Help.xml\nModule Name: DtsCrossAccount\nonline version: https://github.com/dtscrossaccount/DtsCrossAccount/blob/main/docs/" + cmdlet + ".md\nschema: 2.0.0\n---\n", text);
        int last = -1;
        foreach (var heading in new[] { "# " + cmdlet, "## SYNOPSIS", "## SYNTAX", "## DESCRIPTION", "## EXAMPLES", "## PARAMETERS", "### CommonParameters", "## INPUTS", "## OUTPUTS", "## NOTES", "## RELATED LINKS" })
        {
            int at = text.IndexOf("\n" + heading + "\n", StringComparison.Ordinal);
            Assert.True(at > last, cmdlet + ".md: heading '" + heading + "' missing or out of order");
            last = at;
        }
        Assert.True(Regex.Matches(Section(text, "## EXAMPLES"), "^### Example \\d+", RegexOptions.Multiline).Count >= 2);
    }

    [Fact]
    public void Module_page_lists_every_cmdlet()
    {
        string text = File.ReadAllText(Path.Combine(Infrastructure.RepoPaths.Root, "docs", "DtsCrossAccount.md"));
        Assert.Contains("Module Name: DtsCrossAccount", text);
        foreach (var c in CmdletTypes().Select(CmdletName))
            Assert.Contains("### [" + c + "](" + c + ".md)", text);
    }

    private static string Section(string text, string heading)
    {
        int start = text.IndexOf("\n" + heading + "\n", StringComparison.Ordinal);
        Assert.True(start >= 0, "missing " + heading);
        int end = text.IndexOf("\n## ", start + heading.Length + 2, StringComparison.Ordinal);
        return text.Substring(start + heading.Length + 2, (end < 0 ? text.Length : end) - start - heading.Length - 2);
    }

    private static void AssertSame(string cmdlet, string file, IReadOnlyDictionary<string, (bool Required, string Pipeline)> code, IReadOnlyDictionary<string, (bool, string)> help)
    {
        var missing = code.Keys.Except(help.Keys).ToList();
        var extra = help.Keys.Except(code.Keys).ToList();
        Assert.True(missing.Count == 0, cmdlet + ": parameters in code but not in " + file + ": " + string.Join(", ", missing));
        Assert.True(extra.Count == 0, cmdlet + ": parameters in " + file + " but not in code: " + string.Join(", ", extra));
        foreach (var (name, expected) in code)
            Assert.True(expected == help[name], cmdlet + " -" + name + " in " + file + ": help says " + help[name] + ", code says " + expected);
    }
}
