using System.Globalization;
using System.Text.RegularExpressions;
using DtsCrossAccount.Tests.Infrastructure;

namespace DtsCrossAccount.Tests.Benchmarks;

/// <summary>
/// The two timed scripts behind README's "Load and call cost" and "Many accounts" figures, in the real pwsh with the
/// fewest runs: they must keep working, measure every kind the README names, and fail on what they promise to fail on.
/// The timings themselves are not asserted (performance is judged from the scripts' output, not in tests). Each builds
/// the emulator in Release and starts its own, so they run in the non-parallel collection with the other scripts that
/// build it.
/// </summary>
[Collection(ProcessEnvironmentCollection.Name)]
public sealed class TimedScriptTests
{
    private static readonly TimeSpan Timeout = TimeSpan.FromMinutes(6);

    [Fact]
    public void Import_cost_measures_every_kind_in_fresh_processes_and_prints_each_ratio()
    {
        var before = Directory.GetFileSystemEntries(RepoPaths.Root).OrderBy(e => e, StringComparer.Ordinal).ToList();
        var run = RealPwsh.Run("$ErrorActionPreference = 'Stop'; ./benchmarks/import-cost.ps1 -Repeat 1 -JitProfile Fresh", Timeout);
        string text = run.PlainText;
        Assert.True(run.ExitCode == 0, text);
        // Nothing left in the directory it ran from: the modules it measures keep their files in the run's own
        // directory (PSResourceGet once wrote its repository store here).
        Assert.Equal(before, Directory.GetFileSystemEntries(RepoPaths.Root).OrderBy(e => e, StringComparer.Ordinal).ToList());

        // The per-run table: one row per kind, each with a positive import and first-call time, and all seven figures
        // (wall, CPU and pipeline-thread JIT time) in the one row, none cut off by the console width.
        Assert.Matches(@"(?m)^Module\s+Run\s+ImportMs\s+FirstCallMs\s+SecondCallMs\s+ImportCpuMs\s+FirstCallCpuMs\s+ImportJitMs\s+FirstCallJitMs\s*$", text);
        foreach (var kind in new[] { "trivial", "trivial-psd1", "trivial-format", "http", "http-cmdlet", "params-whatif", "floor", "dts", "dts-no-warm-up", "psresourceget" })
        {
            var row = Regex.Match(text, $@"(?m)^{Regex.Escape(kind)}\s+1\s+([\d.]+)\s+([\d.]+)(\s+[\d.]+){{4}}\s+([\d.]+)\s*$");
            Assert.True(row.Success, kind + " has no row:\n" + text);
            Assert.True(double.Parse(row.Groups[1].Value, CultureInfo.InvariantCulture) > 0 && double.Parse(row.Groups[2].Value, CultureInfo.InvariantCulture) > 0, row.Value);
            // Every first call in a fresh process compiles something on the pipeline thread: a zero means the
            // counter no longer reads that thread.
            Assert.True(double.Parse(row.Groups[4].Value, CultureInfo.InvariantCulture) > 0, row.Value);
        }
        foreach (var reference in new[] { "http-cmdlet", "params-whatif", "floor" })
            Assert.Matches($@"{Regex.Escape(reference)} \(no module code\): first call [\d.]+x the trivial cmdlet's", text);
        Assert.Matches(@"dts: import [\d.]+x the trivial module \([\d.]+x its manifest form, [\d.]+x with a format file; CPU [\d.]+x\); first call [\d.]+x the trivial cmdlet's \(CPU [\d.]+x\); JIT on the pipeline thread: import [\d.]+ ms, first call [\d.]+ ms", text);
        Assert.Matches(@"dts-no-warm-up: import [\d.]+x the trivial module", text);
        // The reference module bundled with pwsh 7.4+ (the test's pwsh is 7.6.9).
        Assert.Matches(@"psresourceget: import [\d.]+x the trivial module \([\d.]+x its manifest form, [\d.]+x with a format file", text);
    }

    [Fact]
    public void Onboard_many_onboards_every_account_in_each_mode_with_no_throttling_answer()
    {
        var run = RealPwsh.Run("$ErrorActionPreference = 'Stop'; ./benchmarks/onboard-many.ps1 -Count 6 -Repeat 1 -ThrottleLimit 2", Timeout);
        string text = run.PlainText;
        Assert.True(run.ExitCode == 0, text);

        // A run that onboarded fewer accounts than asked would have thrown; each mode has its row with CPU columns.
        foreach (var mode in new[] { "sequential", "parallel x2" })
            Assert.Matches($@"(?m)^{Regex.Escape(mode)}\s+1(\s+[\d.]+){{4}}\s*$", text);
        Assert.Contains("Parallel x2: ", text);
        // 6 accounts x 5 calls x 3 runs (the unmeasured one, sequential, parallel).
        Assert.Contains("Throttling answers from the emulator: 0 (of 90 calls)", text);
    }
}
