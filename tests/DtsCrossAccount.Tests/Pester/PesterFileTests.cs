using System.Management.Automation.Language;
using DtsCrossAccount.Tests.Help;
using DtsCrossAccount.Tests.Infrastructure;

namespace DtsCrossAccount.Tests.Pester;

/// <summary>Static checks on the Pester files (they also run for real: PesterSuiteTests): they parse, use Pester 5 syntax and cover every cmdlet on both clouds.</summary>
public sealed class PesterFileTests
{
    private static string PesterDir => Path.Combine(RepoPaths.Root, "tests", "Pester");

    private static IEnumerable<string> TestFiles() => Directory.GetFiles(PesterDir, "*.Tests.ps1");

    private static ScriptBlockAst Parse(string path)
    {
        var ast = Parser.ParseFile(path, out _, out var errors);
        Assert.True(errors.Length == 0, Path.GetFileName(path) + ": " + string.Join("; ", errors.Select(e => e.Extent.StartLineNumber + ": " + e.Message)));
        return ast;
    }

    private static IEnumerable<CommandAst> Commands(Ast ast, string name) =>
        ast.FindAll(a => a is CommandAst c && string.Equals(c.GetCommandName(), name, StringComparison.OrdinalIgnoreCase), true).Cast<CommandAst>();

    [Fact]
    public void Every_Pester_file_and_helper_parses_without_errors()
    {
        Assert.NotEmpty(TestFiles());
        foreach (var file in Directory.GetFiles(PesterDir, "*.ps1")) Parse(file);
    }

    [Fact]
    public void Every_exported_cmdlet_has_a_Describe_block()
    {
        var described = TestFiles().SelectMany(f => Commands(Parse(f), "Describe"))
            .Select(c => c.CommandElements.Skip(1).OfType<StringConstantExpressionAst>().FirstOrDefault()?.Value).ToHashSet();
        foreach (var cmdlet in HelpFiles.CmdletTypes().Select(HelpFiles.CmdletName))
            Assert.Contains(cmdlet, described);
    }

    [Fact]
    public void Pester_files_use_Pester_5_syntax()
    {
        Assert.NotEmpty(TestFiles());
        Assert.NotEmpty(TestFiles().SelectMany(f => Commands(Parse(f), "Should")));
        foreach (var file in TestFiles())
        {
            var ast = Parse(file);
            // Pester 5 runs set-up only inside BeforeAll/BeforeEach: code at file level outside them is discovery-time only.
            foreach (var statement in ast.EndBlock.Statements)
            {
                var name = (statement as PipelineAst)?.PipelineElements.OfType<CommandAst>().FirstOrDefault()?.GetCommandName();
                Assert.True(name is "BeforeAll" or "AfterAll" or "Describe", Path.GetFileName(file) + ": top-level statement '" + statement.Extent.Text.Split('\n')[0] + "'");
            }
            // Pester 4's `Should Be x` is an error in Pester 5: every assertion names its operator as a parameter.
            foreach (var should in Commands(ast, "Should"))
                Assert.True(should.CommandElements.Count > 1 && should.CommandElements[1] is CommandParameterAst,
                    Path.GetFileName(file) + " line " + should.Extent.StartLineNumber + ": " + should.Extent.Text);
        }
    }

    [Fact]
    public void Each_Describe_covers_WhatIf_when_the_cmdlet_supports_it_and_both_clouds()
    {
        foreach (var type in HelpFiles.CmdletTypes())
        {
            string cmdlet = HelpFiles.CmdletName(type);
            var describe = TestFiles().SelectMany(f => Commands(Parse(f), "Describe"))
                .First(c => c.CommandElements.Skip(1).OfType<StringConstantExpressionAst>().FirstOrDefault()?.Value == cmdlet);
            string text = describe.Extent.Text;
            Assert.Contains("-Cloud Tencent", text);
            Assert.Contains("-Cloud Alibaba", text);
            Assert.Contains("OutputType", text);
            if (HelpFiles.SupportsShouldProcess(type))
            {
                // -WhatIf is proven write-free from the emulator's call log, once per cloud.
                Assert.Contains("-WhatIf", text);
                var noWrite = Commands(describe, "Assert-NoWrite").ToList();
                Assert.True(noWrite.Count >= 2, cmdlet + ": Assert-NoWrite on both clouds");
                Assert.All(noWrite, c => Assert.Contains("-WhatIf", c.Extent.Text));
            }
        }
    }
}
