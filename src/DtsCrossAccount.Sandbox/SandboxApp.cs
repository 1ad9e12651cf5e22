using System.Collections.ObjectModel;
using System.Management.Automation;
using System.Management.Automation.Runspaces;
using DtsCrossAccount.Emulator;

namespace DtsCrossAccount.Sandbox;

/// <summary>The result of running one script in the sandbox.</summary>
public sealed record SandboxResult(int ExitCode, IReadOnlyList<PSObject> Output, IReadOnlyList<ErrorRecord> Errors, string Transcript);

/// <summary>
/// Runs a PowerShell script against the bundled emulator through the real PowerShell engine: starts the emulator
/// in-process, writes the seeded accounts' profiles, points the module at both, imports the repository-root manifest,
/// runs the script, and prints its output formatted as a console would.
/// </summary>
public static class SandboxApp
{
    public const string DefaultScript = "docs/examples/quickstart.ps1";

    public static async Task<SandboxResult> RunAsync(string scriptPath, TextWriter console, string? seedJson = null)
    {
        string root = FindRepositoryRoot();
        string script = Path.GetFullPath(Path.IsPathRooted(scriptPath) ? scriptPath : Path.Combine(Directory.GetCurrentDirectory(), scriptPath));
        if (!File.Exists(script)) script = Path.GetFullPath(Path.Combine(root, scriptPath));
        if (!File.Exists(script))
        {
            console.WriteLine($"Script not found: {scriptPath}");
            return new SandboxResult(2, Array.Empty<PSObject>(), Array.Empty<ErrorRecord>(), "");
        }

        string seed = seedJson ?? DtsCrossAccount.Emulator.Core.Seed.DefaultSeedJson();
        await using var emulator = await EmulatorServer.StartAsync(0, seed);
        string profileDir = Path.Combine(Path.GetTempPath(), "dtscrossaccount-sandbox-" + Guid.NewGuid().ToString("N"));
        try
        {
            var files = SandboxProfiles.Write(seed, profileDir);
            SandboxProfiles.Apply(files, emulator.BaseUrl);
            console.WriteLine($"Emulator: {emulator.BaseUrl}  profiles: {string.Join(", ", files.ProfileNames)}");
            console.WriteLine($"Running {Path.GetRelativePath(root, script)}");
            console.WriteLine();
            return Run(root, script, console, AutomationAssets.FromSeed(seed));
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
        var iss = InitialSessionState.CreateDefault2();
        using var runspace = RunspaceFactory.CreateRunspace(host, iss);
        runspace.Open();
        using var ps = PowerShell.Create();
        ps.Runspace = runspace;
        ps.AddScript("Import-Module -Name $args[0] -ErrorAction Stop")
            .AddArgument(Path.Combine(root, "DtsCrossAccount.psd1"));
        ps.Invoke();
        if (ps.HadErrors)
        {
            foreach (var e in ps.Streams.Error) console.WriteLine(e.ToString());
            return new SandboxResult(1, Array.Empty<PSObject>(), ps.Streams.Error.ToList(), "");
        }

        ps.Commands.Clear();
        ps.Streams.ClearStreams();
        AutomationAssets.Define(runspace, assets);
        // Objects are shown in runs of one type, each through its own Out-Default, so every type gets its own view (a
        // single Out-Default would format everything after the first object in that object's shape). The objects
        // themselves are also kept for the caller.
        var collected = new List<PSObject>();
        runspace.SessionStateProxy.SetVariable("__sandboxOutput", collected);
        ps.AddScript("""
            param($path)
            $group = [System.Collections.Generic.List[object]]::new()
            $type = $null
            & $path | ForEach-Object -Process {
                $__sandboxOutput.Add([psobject]$_)
                $t = $_.PSObject.TypeNames[0]
                if ($group.Count -gt 0 -and $t -ne $type) { $group | Out-Default; $group.Clear() }
                # Text and numbers have no view to share: show them at once, in order with the host's lines.
                if ($_ -is [string] -or $_ -is [ValueType]) { $_ | Out-Default; $type = $null; return }
                $type = $t
                $group.Add($_)
            } -End { if ($group.Count -gt 0) { $group | Out-Default } }
            """).AddArgument(script);
        int exit = 0;
        try
        {
            ps.Invoke();
        }
        catch (RuntimeException e)
        {
            console.WriteLine(e.ErrorRecord?.ToString() ?? e.Message);
            if (e.ErrorRecord?.InvocationInfo?.PositionMessage is string where) console.WriteLine(where);
            exit = 1;
        }
        var errors = ps.Streams.Error.ToList();
        foreach (var e in errors) console.WriteLine("ERROR: " + e);
        if (errors.Count > 0) exit = 1;
        var objects = collected.ToList();
        console.WriteLine(exit == 0 ? "Sandbox: script completed." : "Sandbox: script FAILED.");
        return new SandboxResult(exit, objects, errors, "");
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
