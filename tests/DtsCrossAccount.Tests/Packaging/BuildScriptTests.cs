using System.Management.Automation.Language;
using DtsCrossAccount.Tests.Infrastructure;

namespace DtsCrossAccount.Tests.Packaging;

/// <summary>build.ps1's shape, checked with the PowerShell parser; BuildScriptRunTests runs its tasks for real.</summary>
public sealed class BuildScriptTests
{
    private static ScriptBlockAst Parse()
    {
        var ast = Parser.ParseFile(Path.Combine(RepoPaths.Root, "build.ps1"), out _, out var errors);
        Assert.True(errors.Length == 0, string.Join("; ", errors.Select(e => e.Extent.StartLineNumber + ": " + e.Message)));
        return ast;
    }

    [Fact]
    public void Task_parameter_offers_exactly_the_documented_tasks_and_defaults_to_Build()
    {
        var task = Parse().ParamBlock.Parameters.Single(p => p.Name.VariablePath.UserPath == "Task");
        var validateSet = task.Attributes.OfType<AttributeAst>().Single(a => a.TypeName.Name == "ValidateSet");
        Assert.Equal(new[] { "Build", "Test", "Pester", "Docs", "Package", "Emulator", "Clean" },
            validateSet.PositionalArguments.OfType<StringConstantExpressionAst>().Select(s => s.Value));
        Assert.Equal("Build", ((StringConstantExpressionAst)task.DefaultValue).Value);
        Assert.Equal("string[]", task.Attributes.OfType<TypeConstraintAst>().Single().TypeName.FullName);
    }

    [Fact]
    public void Errors_stop_the_script_and_every_dotnet_call_checks_LASTEXITCODE()
    {
        var ast = Parse();
        Assert.Contains(ast.FindAll(a => a is AssignmentStatementAst s && s.Left.Extent.Text == "$ErrorActionPreference" && s.Right.Extent.Text == "'Stop'", true), _ => true);
        var dotnetCalls = ast.FindAll(a => a is CommandAst c && c.GetCommandName() == "dotnet", true).Cast<CommandAst>().ToList();
        Assert.NotEmpty(dotnetCalls);
        foreach (var call in dotnetCalls)
        {
            // The statement right after the call must look at $LASTEXITCODE.
            var statement = call.Parent is PipelineAst p ? (Ast)p : call.Parent.Parent;
            while (statement.Parent is not NamedBlockAst and not StatementBlockAst) statement = statement.Parent;
            var siblings = statement.Parent is NamedBlockAst nb ? nb.Statements : ((StatementBlockAst)statement.Parent).Statements;
            int i = siblings.IndexOf((StatementAst)statement);
            Assert.True(i + 1 < siblings.Count && siblings[i + 1].Extent.Text.Contains("$LASTEXITCODE"), "No $LASTEXITCODE check after line " + call.Extent.StartLineNumber);
        }
    }

    [Fact]
    public void Missing_tools_get_a_message_that_says_how_to_install_them()
    {
        string text = File.ReadAllText(Path.Combine(RepoPaths.Root, "build.ps1"));
        Assert.Contains("Install-Module Pester -MinimumVersion 5", text);
        Assert.Contains("Install-Module platyPS", text);
        Assert.Contains("New-ExternalHelp", text);
        Assert.Contains("dotnet run --project (Join-Path $RepoRoot 'src/DtsCrossAccount.Tools')", text);
        Assert.Contains("sandbox-profiles", text);
    }
}
