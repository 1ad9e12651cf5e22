using System.Management.Automation;
using System.Management.Automation.Runspaces;
using System.Text.Json;
using DtsCrossAccount.Tests.Infrastructure;

namespace DtsCrossAccount.Tests.Pester;

/// <summary>One Pester test (or, Kind = Container, one file) as tests/Pester/Invoke-PesterSuite.ps1 reports it.</summary>
public sealed record PesterRecord(string Kind, string Key, string File, string Block, string Name, string ExpandedPath, string Result, string Error);

/// <summary>
/// Runs the whole Pester suite once, in a child `dotnet pwsh` (PowerShell 7.6.9) with Pester 5.9.1, so what the Pester
/// files change (environment variables, the imported module, emulator processes) stays out of the xunit process.
/// </summary>
public sealed class PesterRunFixture
{
    public PesterRunFixture()
    {
        string resultFile = Path.Combine(Path.GetTempPath(), "dtsca-pester-" + Guid.NewGuid().ToString("N") + ".json");
        try
        {
            Process = Pwsh.Run(new[]
            {
                "-File", PesterSuite.Runner, "-Path", PesterSuite.Folder, "-PesterModule", Pwsh.PesterModule,
                "-ResultFile", resultFile, "-Verbosity", "Normal",
            }, timeout: TimeSpan.FromMinutes(8));
            Records = File.Exists(resultFile)
                ? JsonSerializer.Deserialize<List<PesterRecord>>(File.ReadAllText(resultFile)) ?? new List<PesterRecord>()
                : new List<PesterRecord>();
        }
        finally
        {
            File.Delete(resultFile);
        }
    }

    public Pwsh.Result Process { get; }
    public IReadOnlyList<PesterRecord> Records { get; }
}

public static class PesterSuite
{
    public static string Folder => Path.Combine(RepoPaths.Root, "tests", "Pester");
    public static string Runner => Path.Combine(Folder, "Invoke-PesterSuite.ps1");

    private static readonly Lazy<IReadOnlyList<PesterRecord>> Discovered = new(Discover);

    /// <summary>
    /// Pester's own discovery (Run.SkipRun), in an in-process runspace of the full engine: it only reads the files'
    /// Describe/Context/It structure, so nothing runs and nothing is changed in this process.
    /// </summary>
    private static IReadOnlyList<PesterRecord> Discover()
    {
        using var runspace = RunspaceFactory.CreateRunspace(InitialSessionState.CreateDefault2());
        runspace.Open();
        using var ps = PowerShell.Create();
        ps.Runspace = runspace;
        ps.AddCommand(Runner).AddParameter("Path", Folder).AddParameter("PesterModule", Pwsh.PesterModule).AddParameter("Discover");
        var output = ps.Invoke();
        if (ps.HadErrors)
            throw new InvalidOperationException("Pester discovery failed: " + string.Join("\n", ps.Streams.Error.Select(e => e.ToString())));
        string Text(PSObject o, string name) => o.Properties[name]?.Value?.ToString() ?? "";
        return output.Select(o => new PesterRecord(Text(o, "Kind"), Text(o, "Key"), Text(o, "File"), Text(o, "Block"), Text(o, "Name"),
            Text(o, "ExpandedPath"), Text(o, "Result"), Text(o, "Error"))).ToList();
    }

    public static IReadOnlyList<PesterRecord> DiscoveredTests => Discovered.Value.Where(r => r.Kind == "Test").ToList();

    public static IReadOnlyList<PesterRecord> DiscoveredContainers => Discovered.Value.Where(r => r.Kind == "Container").ToList();
}

/// <summary>Each Pester test is one case here, so the `dotnet test` totals count every Pester test.</summary>
public sealed class PesterSuiteTests : IClassFixture<PesterRunFixture>
{
    private readonly PesterRunFixture _run;

    public PesterSuiteTests(PesterRunFixture run) => _run = run;

    // Three arguments rather than one key: xunit cuts each argument in a test's display name at 50 characters.
    public static IEnumerable<object[]> PesterTests() =>
        PesterSuite.DiscoveredTests.Select(t => new object[] { t.File.Replace(".Tests.ps1", ""), t.Block, t.Name });

    [Theory]
    [MemberData(nameof(PesterTests))]
    public void Pester(string file, string block, string test)
    {
        string key = $"{file}.Tests.ps1 > {block} > {test}";
        var result = _run.Records.SingleOrDefault(r => r.Kind == "Test" && r.Key == key);
        Assert.True(result != null, $"Pester discovered '{key}' but the run did not report it. Run output:\n{_run.Process}");
        Assert.True(result!.Result == "Passed", $"{result.ExpandedPath}: {result.Result}\n{result.Error}");
    }

    [Fact]
    public void Every_Pester_file_is_discovered_with_tests_and_runs_without_a_file_level_failure()
    {
        var files = Directory.GetFiles(PesterSuite.Folder, "*.Tests.ps1").Select(Path.GetFileName).ToList();
        Assert.NotEmpty(files);
        foreach (var file in files)
            Assert.Contains(PesterSuite.DiscoveredTests, t => t.File == file);
        var containers = _run.Records.Where(r => r.Kind == "Container").ToList();
        Assert.Equal(files.OrderBy(f => f), containers.Select(c => c.File).OrderBy(f => f));
        // A container's own error (a BeforeAll/AfterAll that threw, a file that does not parse); failed tests are the theory's.
        Assert.All(containers, c => Assert.True(c.Error == "", $"{c.File}: {c.Error}"));
    }

    [Fact]
    public void The_run_reports_exactly_the_discovered_tests_and_exits_by_its_result()
    {
        var ran = _run.Records.Where(r => r.Kind == "Test").Select(r => r.Key).ToList();
        Assert.True(ran.Count > 0, "The Pester run reported no test. Output:\n" + _run.Process);
        Assert.Equal(PesterSuite.DiscoveredTests.Select(t => t.Key).OrderBy(k => k), ran.OrderBy(k => k));
        bool allPassed = _run.Records.All(r => r.Kind == "Test" ? r.Result == "Passed" : r.Error == "");
        Assert.True((_run.Process.ExitCode == 0) == allPassed, "Exit code does not match the results: " + _run.Process);
    }
}
