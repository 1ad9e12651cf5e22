using System.Text.RegularExpressions;
using DtsCrossAccount.Tests.Infrastructure;

namespace DtsCrossAccount.Tests.Sandbox;

/// <summary>
/// The README's pwsh path, literally, in the real PowerShell 7.6.9: `./build.ps1 -Task Emulator`, then
/// `./docs/examples/X.ps1`, in the repository folder. Both tests start the build script's emulator (one per repository,
/// its process id in out/sandbox/), so they live in one class and never run side by side.
/// </summary>
[Collection(ProcessEnvironmentCollection.Name)] // runs the Sandbox in-process, which sets the process environment
public sealed class RealPwshExampleTests
{
    private static readonly TimeSpan Timeout = TimeSpan.FromMinutes(10);

    private static IReadOnlyList<string> ExampleFiles()
    {
        var files = Directory.GetFiles(RepoPaths.Examples, "*.ps1").Select(f => Path.GetFileName(f)!).OrderBy(f => f, StringComparer.Ordinal).ToList();
        Assert.True(files.Count >= 7, "examples missing: " + string.Join(", ", files));
        Assert.Contains("offboard.ps1", files);
        return files;
    }

    [Fact]
    public void Every_example_runs_in_one_pwsh_session_in_any_order_and_again_without_an_error()
    {
        int seed = Environment.TickCount;
        var random = new Random(seed);
        var examples = ExampleFiles();
        // First round: each example twice in a row (a re-run straight after itself, offboard.ps1 included); second round:
        // each once more, in another order.
        var rounds = new[] { examples.OrderBy(_ => random.Next()).SelectMany(e => new[] { e, e }).ToList(), examples.OrderBy(_ => random.Next()).ToList() };
        string list(IEnumerable<string> names) => string.Join(", ", names.Select(n => "'" + n + "'"));
        // $Error holds every error record of the session, also those a script caught or silenced: none may appear
        // after the emulator is up. A terminating one ends the command with exit code 1.
        string command = $$"""
            ./build.ps1 -Task Emulator
            $Error.Clear()
            try {
                foreach ($round in @({{list(rounds[0])}}), @({{list(rounds[1])}})) {
                    foreach ($example in $round) {
                        Write-Host "=== $example"
                        & "./docs/examples/$example" | Out-Null
                    }
                }
            }
            finally {
                Stop-Process -Id (Get-Content out/sandbox/emulator.pid)
            }
            Write-Host "ERRORS=$($Error.Count)"
            $Error | ForEach-Object { Write-Host "ERROR: $_ $($_.InvocationInfo.PositionMessage)" }
            """;
        PwshRun run;
        try { run = RealPwsh.Run(command, Timeout); }
        finally { RealPwsh.StopBuildScriptEmulator(); }

        string transcript = $"order (seed {seed}): {string.Join(" ", rounds[0])} | {string.Join(" ", rounds[1])}\n{RealPwsh.Plain(run.Output)}\n{RealPwsh.Plain(run.Errors)}";
        Assert.True(run.ExitCode == 0, transcript);
        Assert.Contains("ERRORS=0", run.Output);
        Assert.Equal(3 * examples.Count, Regex.Matches(run.Output, "^=== ", RegexOptions.Multiline).Count);
        Assert.True(RealPwsh.Plain(run.Errors).Trim().Length == 0, transcript);
    }

    [Fact]
    public void Quickstart_in_the_Sandbox_prints_what_pwsh_prints_in_a_120_column_console()
    {
        // pwsh: a fresh emulator from the build script, then the example, in a 120-column terminal. Progress is drawn
        // and erased in a terminal (never part of what stays on screen), so it is switched off rather than filtered.
        const string begin = "<<<QUICKSTART>>>", end = "<<<DONE>>>";
        string command = $$"""
            ./build.ps1 -Task Emulator *> $null
            $ProgressPreference = 'SilentlyContinue'
            try {
                Write-Host '{{begin}}'
                ./docs/examples/quickstart.ps1
            }
            finally {
                Write-Host '{{end}}'
                Stop-Process -Id (Get-Content out/sandbox/emulator.pid)
            }
            """;
        PwshRun pwsh;
        try { pwsh = RealPwsh.RunInTerminal(command, 120, Timeout); }
        finally { RealPwsh.StopBuildScriptEmulator(); }
        string pwshText = RealPwsh.Plain(pwsh.Output);
        Assert.True(pwsh.ExitCode == 0 && pwshText.Contains(begin) && pwshText.Contains(end), pwshText + pwsh.Errors);
        pwshText = pwshText.Substring(pwshText.IndexOf(begin, StringComparison.Ordinal) + begin.Length);
        pwshText = pwshText.Substring(0, pwshText.IndexOf(end, StringComparison.Ordinal));

        // The Sandbox, on its own fresh in-process emulator; its first lines (up to "Running <script>") name that
        // emulator, the profiles and the script, where pwsh's run had the build script's lines.
        var sandbox = SandboxRunner.Run(Path.Combine("docs", "examples", "quickstart.ps1"));
        Assert.True(sandbox.ExitCode == 0, sandbox.Transcript);
        var sandboxLines = RealPwsh.Plain(sandbox.Transcript).Split('\n').ToList();
        Assert.StartsWith("Emulator: ", sandboxLines[0]);
        int running = sandboxLines.FindIndex(l => l.StartsWith("Running docs", StringComparison.Ordinal));
        Assert.InRange(running, 1, 4);
        string sandboxText = string.Join("\n", sandboxLines.Skip(running + 1));

        string expected = Normalise(pwshText), actual = Normalise(sandboxText);
        Assert.Contains("Changed", expected);
        Assert.Contains("Synchronizing", expected);
        Assert.True(expected.Length > 2000, expected);
        Assert.Equal(expected, actual);
        Assert.All(actual.Split('\n'), line => Assert.True(line.Length <= 120, "wider than 120 columns: " + line));
    }

    /// <summary>
    /// Only what legitimately differs between two runs: task IDs the emulator generates, and blank lines at either end
    /// (pwsh ends the last view's blank line after the marker that closes it).
    /// </summary>
    private static string Normalise(string text)
    {
        text = Regex.Replace(text, @"\bsync-[a-z0-9]{8}\b", "<tencent-task>");
        text = Regex.Replace(text, @"(?m)^(Alibaba\s+)[a-z0-9]{12}\b", "$1<alibaba-task>");
        text = Regex.Replace(text, @"\b(job |instance )dts?[a-z0-9]{12}\b", "$1<alibaba-task>");
        text = string.Join("\n", text.Split('\n').Select(l => l.TrimEnd()));
        return text.Trim('\n');
    }
}
