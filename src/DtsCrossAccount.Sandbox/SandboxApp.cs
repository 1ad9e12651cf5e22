using System.Management.Automation;
using System.Management.Automation.Runspaces;
using DtsCrossAccount.Emulator;

namespace DtsCrossAccount.Sandbox;

/// <summary>The result of running one script in the sandbox.</summary>
public sealed record SandboxResult(int ExitCode, IReadOnlyList<PSObject> Output, IReadOnlyList<ErrorRecord> Errors, string Transcript);

/// <summary>What a sandbox run may change from the defaults.</summary>
public sealed record SandboxOptions
{
    /// <summary>The emulator's seed (default: the bundled one).</summary>
    public string? SeedJson { get; init; }
    /// <summary>A fault plan the emulator plays from its first call (--faults FILE; format in docs/emulator-wire-protocol.md).</summary>
    public string? FaultPlanJson { get; init; }
    /// <summary>Called once the emulator listens, before the script runs (a test drops what its process learned at that address).</summary>
    public Action<EmulatorServer>? BeforeRun { get; init; }
    /// <summary>Called after the script ran, before the emulator stops (a test reads its state and call log here).</summary>
    public Action<EmulatorServer>? AfterRun { get; init; }
}

/// <summary>
/// Runs a PowerShell script against the bundled emulator through the full PowerShell engine (the one pwsh ships):
/// starts the emulator in-process, writes the seeded accounts' profiles, points the module at both for the length of
/// the run, imports the repository-root manifest and runs the script as pwsh's console host runs a command line: its
/// errors merged into its output, everything through one Out-Default, in a 120-column window. What it prints is what
/// pwsh prints for the same script.
/// </summary>
public static class SandboxApp
{
    public const string DefaultScript = "docs/examples/quickstart.ps1";

    public static Task<SandboxResult> RunAsync(string scriptPath, TextWriter console, string? seedJson = null) =>
        RunAsync(scriptPath, console, new SandboxOptions { SeedJson = seedJson });

    public static async Task<SandboxResult> RunAsync(string scriptPath, TextWriter console, SandboxOptions options)
    {
        string root = FindRepositoryRoot();
        string script = Path.GetFullPath(Path.IsPathRooted(scriptPath) ? scriptPath : Path.Combine(Directory.GetCurrentDirectory(), scriptPath));
        if (!File.Exists(script)) script = Path.GetFullPath(Path.Combine(root, scriptPath));
        if (!File.Exists(script))
        {
            console.WriteLine($"Script not found: {scriptPath}");
            return new SandboxResult(2, Array.Empty<PSObject>(), Array.Empty<ErrorRecord>(), "");
        }

        string seed = options.SeedJson ?? DtsCrossAccount.Emulator.Core.Seed.DefaultSeedJson();
        await using var emulator = await EmulatorServer.StartAsync(0, seed, options.FaultPlanJson);
        options.BeforeRun?.Invoke(emulator);
        string profileDir = Path.Combine(Path.GetTempPath(), "dtscrossaccount-sandbox-" + Guid.NewGuid().ToString("N"));
        try
        {
            var files = SandboxProfiles.Write(seed, profileDir);
            // The module reads the process environment; the scope puts back what was there once the script is done.
            using var environment = SandboxProfiles.Apply(files, emulator.BaseUrl);
            console.WriteLine($"Emulator: {emulator.BaseUrl}");
            console.WriteLine(Fold("Profiles: " + string.Join(", ", files.ProfileNames), SandboxHost.Width - 1, "          "));
            string shown = Path.GetRelativePath(root, script);
            if (options.FaultPlanJson != null) console.WriteLine("Fault plan: " + emulator.Faults.Describe().Count + " rule(s)");
            console.WriteLine($"Running {(shown.StartsWith("..", StringComparison.Ordinal) ? script : shown)}");
            var result = Run(root, script, console, AutomationAssets.FromSeed(seed));
            options.AfterRun?.Invoke(emulator);
            return result;
        }
        finally
        {
            try { Directory.Delete(profileDir, recursive: true); } catch (IOException) { }
        }
    }

    private static SandboxResult Run(string root, string script, TextWriter console, IReadOnlyDictionary<string, PSCredential> assets)
    {
        // Colour escapes only where a terminal shows them, not in logs, files or test transcripts.
        var host = new SandboxHost(console, plainText: !ReferenceEquals(console, Console.Out) || Console.IsOutputRedirected);
        using var runspace = RunspaceFactory.CreateRunspace(host, InitialSessionState.CreateDefault2());
        runspace.Open();
        using (var import = PowerShell.Create())
        {
            // Scripts that import the module themselves find it already loaded; others (as in an installed module's
            // shell, where it auto-loads) find the cmdlets too.
            import.Runspace = runspace;
            import.AddCommand("Import-Module").AddParameter("Name", Path.Combine(root, "DtsCrossAccount.psd1")).AddParameter("ErrorAction", "Stop");
            try { import.Invoke(); }
            catch (RuntimeException e) { return Fail(runspace, e.ErrorRecord, Array.Empty<PSObject>()); }
        }
        AutomationAssets.Define(runspace, assets);

        // As pwsh's console host runs `./script.ps1`: the script, its error stream merged into its output so each error
        // is shown where it happened, and one Out-Default for everything. Tee-Object keeps the objects for the caller.
        using var ps = PowerShell.Create();
        ps.Runspace = runspace;
        ps.AddCommand(script);
        ps.Commands.Commands[0].MergeMyResults(PipelineResultTypes.Error, PipelineResultTypes.Output);
        ps.AddCommand("Tee-Object").AddParameter("Variable", "__sandboxOutput");
        ps.AddCommand("Out-Default");
        var errors = new List<ErrorRecord>();
        try
        {
            ps.Invoke();
        }
        catch (RuntimeException e)
        {
            // A terminating error ends the script; pwsh then shows it the same way, through Out-Default.
            return Fail(runspace, e.ErrorRecord, Objects(runspace, out _));
        }
        var objects = Objects(runspace, out var merged);
        errors.AddRange(merged);
        return new SandboxResult(errors.Count > 0 ? 1 : 0, objects, errors, "");
    }

    /// <summary>Folds a line at spaces to the window width; continuation lines start with the indent.</summary>
    private static string Fold(string text, int width, string indent)
    {
        var lines = new List<string>();
        var line = new System.Text.StringBuilder();
        foreach (var word in text.Split(' '))
        {
            if (line.Length > indent.Length && line.Length + 1 + word.Length > width) { lines.Add(line.ToString()); line.Clear().Append(indent); }
            else if (line.Length > 0 && line.ToString() != indent) line.Append(' ');
            line.Append(word);
        }
        lines.Add(line.ToString());
        return string.Join(Environment.NewLine, lines);
    }

    /// <summary>Shows a terminating error as pwsh does (its $ErrorView, through Out-Default) and returns exit code 1.</summary>
    private static SandboxResult Fail(Runspace runspace, ErrorRecord error, IReadOnlyList<PSObject> objects)
    {
        using var show = PowerShell.Create();
        show.Runspace = runspace;
        var wrapped = new PSObject(error);
        // The note pwsh puts on an error written to the error stream; the error view formats it as an error.
        wrapped.Properties.Add(new PSNoteProperty("writeErrorStream", true));
        show.AddCommand("Out-Default");
        show.Invoke(new[] { wrapped });
        return new SandboxResult(1, objects, new[] { error }, "");
    }

    /// <summary>The script's objects, and the error records that were merged into them.</summary>
    private static IReadOnlyList<PSObject> Objects(Runspace runspace, out List<ErrorRecord> errors)
    {
        errors = new List<ErrorRecord>();
        var objects = new List<PSObject>();
        var value = runspace.SessionStateProxy.GetVariable("__sandboxOutput");
        IEnumerable<object?> items = value switch
        {
            null => Array.Empty<object?>(),
            System.Collections.IEnumerable e and not string => e.Cast<object?>(),
            _ => new[] { value },
        };
        foreach (var item in items)
        {
            if (item == null) continue;
            var o = item as PSObject ?? new PSObject(item);
            if (o.BaseObject is ErrorRecord er) errors.Add(er); else objects.Add(o);
        }
        return objects;
    }

    public static string FindRepositoryRoot()
    {
        foreach (var start in new[] { Directory.GetCurrentDirectory(), AppContext.BaseDirectory })
        {
            var dir = new DirectoryInfo(start);
            while (dir != null && !File.Exists(Path.Combine(dir.FullName, "DtsCrossAccount.sln"))) dir = dir.Parent;
            if (dir != null) return dir.FullName;
        }
        throw new InvalidOperationException("Run the sandbox from inside the DtsCrossAccount repository (DtsCrossAccount.sln not found).");
    }
}
