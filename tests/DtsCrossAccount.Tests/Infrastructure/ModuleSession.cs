using System.Collections.ObjectModel;
using System.Management.Automation;
using System.Management.Automation.Runspaces;
using DtsCrossAccount.Emulator;
using DtsCrossAccount.Emulator.Core;
using DtsCrossAccount.Sandbox;

namespace DtsCrossAccount.Tests.Infrastructure;

/// <summary>What one pipeline run produced, stream by stream.</summary>
public sealed class RunResult
{
    public required IReadOnlyList<PSObject> Output { get; init; }
    public required IReadOnlyList<ErrorRecord> Errors { get; init; }
    public required IReadOnlyList<string> Warnings { get; init; }
    public required IReadOnlyList<string> Verbose { get; init; }
    public required IReadOnlyList<string> Debug { get; init; }
    public required IReadOnlyList<ProgressRecord> Progress { get; init; }
    public required IReadOnlyList<string> Information { get; init; }
    /// <summary>A terminating error thrown out of the pipeline, if any.</summary>
    public RuntimeException? Terminating { get; init; }

    public T Single<T>() => Assert.IsType<T>(Assert.Single(Output).BaseObject);

    public IEnumerable<T> All<T>() => Output.Select(o => o.BaseObject).OfType<T>();

    /// <summary>Every text the user could see in any stream, for secret scans.</summary>
    public string AllText() => string.Join("\n", new[]
        {
            Output.Select(o => o.ToString()),
            Output.Select(o => string.Join(";", o.Properties.Select(p => p.Name + "=" + SafeValue(p)))),
            Errors.Select(e => e.ToString() + " " + e.FullyQualifiedErrorId + " " + e.Exception + " " + e.ErrorDetails + " " + e.CategoryInfo + " " + e.TargetObject),
            Warnings, Verbose, Debug, Information,
            Progress.Select(p => p.Activity + " " + p.StatusDescription + " " + p.CurrentOperation),
            new[] { Terminating?.ToString() ?? "" },
        }.SelectMany(x => x));

    private static string SafeValue(PSPropertyInfo p)
    {
        try { return p.Value is Array a ? string.Join(",", a.Cast<object>()) : p.Value?.ToString() ?? ""; }
        catch (GetValueException) { return ""; }
    }
}

/// <summary>
/// An in-process emulator plus a runspace with the module imported from the repository-root manifest, the way a
/// user's shell would have it: the endpoint override and the seeded accounts' named profiles in the official formats.
/// </summary>
public sealed class ModuleSession : IAsyncDisposable
{
    private readonly Runspace _runspace;
    private readonly string _profileDir;
    private readonly IDisposable _environment;

    private ModuleSession(EmulatorServer emulator, Runspace runspace, string profileDir, SandboxProfiles.Files files, IDisposable environment)
    {
        _environment = environment;
        Emulator = emulator;
        _runspace = runspace;
        _profileDir = profileDir;
        Profiles = files;
    }

    public EmulatorServer Emulator { get; }
    public SandboxProfiles.Files Profiles { get; }
    public CallLog Calls => Emulator.Calls;
    public EmulatorState State => Emulator.State;

    public static async Task<ModuleSession> StartAsync(string? seedJson = null, double dtsStepSeconds = 0.05)
    {
        string seed = seedJson ?? Seed.DefaultSeedJson();
        var emulator = await EmulatorServer.StartAsync(0, seed);
        emulator.State.DtsStepSeconds = dtsStepSeconds;
        string dir = Path.Combine(Path.GetTempPath(), "dtsca-tests-" + Guid.NewGuid().ToString("N"));
        var files = SandboxProfiles.Write(seed, dir);
        // Restored when the session ends, so later tests never see variables pointing at a disposed emulator.
        var environment = SandboxProfiles.Apply(files, emulator.BaseUrl);
        var runspace = RunspaceFactory.CreateRunspace(InitialSessionState.CreateDefault2());
        runspace.Open();
        var session = new ModuleSession(emulator, runspace, dir, files, environment);
        var import = session.Run("Import-Module -Name $args[0] -ErrorAction Stop", RepoPaths.Manifest);
        if (import.Errors.Count > 0 || import.Terminating != null)
            throw new InvalidOperationException("Import-Module failed: " + (import.Terminating?.ToString() ?? import.Errors[0].ToString()));
        return session;
    }

    /// <summary>Runs a script in the session's runspace; variables persist between runs.</summary>
    public RunResult Run(string script, params object[] arguments)
    {
        using var ps = PowerShell.Create();
        ps.Runspace = _runspace;
        ps.AddScript(script);
        foreach (var a in arguments) ps.AddArgument(a);
        Collection<PSObject> output = new();
        RuntimeException? terminating = null;
        try
        {
            output = ps.Invoke();
        }
        catch (RuntimeException e)
        {
            terminating = e;
        }
        return new RunResult
        {
            Output = output.Where(o => o != null).ToList(),
            Errors = ps.Streams.Error.ToList(),
            Warnings = ps.Streams.Warning.Select(w => w.Message).ToList(),
            Verbose = ps.Streams.Verbose.Select(v => v.Message).ToList(),
            Debug = ps.Streams.Debug.Select(d => d.Message).ToList(),
            Progress = ps.Streams.Progress.ToList(),
            Information = ps.Streams.Information.Select(i => i.MessageData?.ToString() ?? "").ToList(),
            Terminating = terminating,
        };
    }

    /// <summary>Successful write calls recorded since the given point in the call log.</summary>
    public IReadOnlyList<CallRecord> WritesSince(int callIndex) =>
        Calls.Snapshot().Skip(callIndex).Where(c => c.IsWrite && c.Result == "OK").ToList();

    public int CallCount => Calls.Snapshot().Count;

    public async ValueTask DisposeAsync()
    {
        _runspace.Dispose();
        _environment.Dispose();
        await Emulator.DisposeAsync();
        try { Directory.Delete(_profileDir, true); } catch (IOException) { }
    }
}
