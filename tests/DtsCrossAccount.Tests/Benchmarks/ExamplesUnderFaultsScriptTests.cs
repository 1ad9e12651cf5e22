using System.Text.RegularExpressions;
using DtsCrossAccount.Tests.Infrastructure;

namespace DtsCrossAccount.Tests.Benchmarks;

/// <summary>
/// benchmarks/examples-under-faults.ps1, the script behind README's "examples needing a re-run" and "replayed-nonce
/// refusals" figures, in the real pwsh: it reports what happened and fails when an example cannot finish. It starts the
/// build script's emulator (out/sandbox/, one per repository), so it shares RealPwshExampleTests' collection.
/// </summary>
[Collection(ProcessEnvironmentCollection.Name)]
public sealed class ExamplesUnderFaultsScriptTests
{
    private static readonly TimeSpan Timeout = TimeSpan.FromMinutes(8);

    [Fact]
    public void Under_a_fifth_of_calls_failing_each_example_finishes_at_its_first_run_with_no_nonce_refused()
    {
        var run = Run("./benchmarks/examples-under-faults.ps1 -Seed 20261201 -Example offboard,tencent-root-account,alibaba-cross-account-source");
        string text = run.PlainText;

        Assert.True(run.ExitCode == 0, text);
        Assert.Contains("3 runs: 3 finished at the first run, 0 needed a re-run, 0 failed;", text);
        Assert.Contains("; 0 replayed-nonce refusals", text);
        var fired = Regex.Match(text, @"(\d+) faults fired in (\d+) calls");
        Assert.True(fired.Success, text);
        Assert.True(int.Parse(fired.Groups[1].Value) > 0, "no fault fired: " + fired.Value);
    }

    [Fact]
    public void An_example_that_cannot_finish_within_its_attempts_fails_the_script_and_is_named()
    {
        // Every call answered 5xx: reads are retried and give up, so the example stops at each of its two attempts.
        string plan = Path.Combine(Path.GetTempPath(), "always-5xx-" + Guid.NewGuid().ToString("N") + ".json");
        File.WriteAllText(plan, """{"faults":[{"kind":"5xx","probability":1}]}""");
        try
        {
            var run = Run($"./benchmarks/examples-under-faults.ps1 -Seed 1 -Example offboard -MaxAttempts 2 -PlanFile '{plan}'");
            string text = run.PlainText;

            Assert.NotEqual(0, run.ExitCode);
            Assert.Contains("1 runs: 0 finished at the first run, 0 needed a re-run, 1 failed;", text);
            Assert.Contains("failed after 2", text);
            Assert.Contains("offboard (seed 1):", text);
        }
        finally
        {
            File.Delete(plan);
        }
    }

    private static PwshRun Run(string command)
    {
        try { return RealPwsh.Run("$ErrorActionPreference = 'Stop'; " + command, Timeout); }
        finally { RealPwsh.StopBuildScriptEmulator(); }
    }
}
