using DtsCrossAccount.Tests.Infrastructure;

namespace DtsCrossAccount.Tests.Benchmarks;

/// <summary>benchmarks/call-budget.ps1 runs in the test command, so a change that adds an API call to a scenario fails here.</summary>
[Collection(ProcessEnvironmentCollection.Name)] // the in-process Sandbox sets process-wide variables
public sealed class CallBudgetTests
{
    private static string Script => Path.Combine(RepoPaths.Root, "benchmarks", "call-budget.ps1");

    [Fact]
    public void Every_scenario_stays_within_its_call_budget_and_reruns_write_nothing()
    {
        var r = SandboxRunner.Run(Script);
        Assert.True(r.ExitCode == 0, r.Transcript);
        // The documented minimum for an Alibaba role, counted by the emulator, not by the module.
        Assert.Contains("Alibaba role (first run): 4 calls, budget 4", r.Transcript);
        var reruns = r.Transcript.Split('\n').Where(l => l.Contains("(re-run):", StringComparison.Ordinal)).ToList();
        Assert.Equal(18, reruns.Count);
        // The undo makes its writes on the first run, and a re-run finds nothing left to undo.
        Assert.Contains("Tencent release (first run): 10 calls, budget 10", r.Transcript);
        Assert.Contains("Alibaba unrole (re-run): 1 calls, budget 1, writes 0", r.Transcript);
        Assert.All(reruns, l => Assert.EndsWith("writes 0", l.TrimEnd()));
        Assert.DoesNotContain("NO REASON", r.Transcript);
    }

    [Fact]
    public void A_scenario_over_its_budget_fails_the_script()
    {
        // The same script with the Alibaba role budget one below what the module needs.
        var text = File.ReadAllText(Script);
        var tightened = text.Replace("'Alibaba role'   = @{ First = 4;", "'Alibaba role'   = @{ First = 3;", StringComparison.Ordinal);
        Assert.NotEqual(text, tightened);
        var copy = Path.Combine(Path.GetTempPath(), "call-budget-" + Guid.NewGuid().ToString("N") + ".ps1");
        File.WriteAllText(copy, tightened);
        try
        {
            var r = SandboxRunner.Run(copy);
            Assert.Equal(1, r.ExitCode);
            Assert.Contains("Alibaba role (First): 4 calls / budget 3", r.Transcript);
        }
        finally
        {
            File.Delete(copy);
        }
    }
}
