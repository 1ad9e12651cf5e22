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
            Errors.Select(e => e.ToString() + " " + e.FullyQualifiedErrorId + " " + e.Exception + " " + e.ErrorDetails + " " + e.ErrorDetails?.RecommendedAction + " " + e.CategoryInfo + " " + e.TargetObject),
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
/// user's shell would have it: the seeded accounts' named profiles in the official formats and every cmdlet pointed at
/// this session's emulator. The endpoint is passed per runspace ($PSDefaultParameterValues '*-Dts*:EndpointUrl'), not
/// through the process-wide variable, so sessions can run in parallel (see <see cref="TestProcessEnvironment"/>).
/// </summary>
public sealed class ModuleSession : IAsyncDisposable
{
    private const string EndpointDefault = "*-Dts*:EndpointUrl";
    private readonly Runspace _runspace;
    private readonly string? _ownProfileDir;

    private ModuleSession(EmulatorServer emulator, Runspace runspace, string? ownProfileDir, SandboxProfiles.Files files, string seedJson)
    {
        Emulator = emulator;
        _runspace = runspace;
        _ownProfileDir = ownProfileDir;
        Profiles = files;
        SeedJson = seedJson;
    }

    public EmulatorServer Emulator { get; }
    /// <summary>
    /// The seed's profile files. -ProfileName finds them only for the default seed (the process-wide files); a session
    /// with its own seed gets its files written for reading keys back, and its scripts pass -Credential.
    /// </summary>
    public SandboxProfiles.Files Profiles { get; }
    public string SeedJson { get; }
    public CallLog Calls => Emulator.Calls;
    public EmulatorState State => Emulator.State;

    public static async Task<ModuleSession> StartAsync(string? seedJson = null, double dtsStepSeconds = 0.05)
    {
        var defaults = TestProcessEnvironment.DefaultProfiles;
        string seed = seedJson ?? Seed.DefaultSeedJson();
        var emulator = await FreshEmulator.StartAsync(seed);
        emulator.State.DtsStepSeconds = dtsStepSeconds;
        string? ownDir = null;
        var files = defaults;
        if (seedJson != null)
        {
            ownDir = Path.Combine(Path.GetTempPath(), "dtsca-tests-" + Guid.NewGuid().ToString("N"));
            files = SandboxProfiles.Write(seed, ownDir);
        }
        var runspace = RunspaceFactory.CreateRunspace(InitialSessionState.CreateDefault2());
        runspace.Open();
        var session = new ModuleSession(emulator, runspace, ownDir, files, seed);
        var import = session.Run("Import-Module -Name $args[0] -ErrorAction Stop; $PSDefaultParameterValues[$args[1]] = $args[2]",
            RepoPaths.Manifest, EndpointDefault, emulator.BaseUrl);
        if (import.Errors.Count > 0 || import.Terminating != null)
            throw new InvalidOperationException("Import-Module failed: " + (import.Terminating?.ToString() ?? import.Errors[0].ToString()));
        return session;
    }

    /// <summary>
    /// Stops passing -EndpointUrl by default, for tests of the process-wide DTSCROSSACCOUNT_ENDPOINT_URL (such tests are in
    /// the process-environment collection and restore the variable).
    /// </summary>
    public void UseEnvironmentEndpoint() => Run("$PSDefaultParameterValues.Remove($args[0])", EndpointDefault);

    /// <summary>
    /// From now on the cmdlets of this session wait in virtual time shared with its emulator (the module's internal
    /// clock seam, per runspace): a -TimeoutSeconds of minutes passes at once, and DTS jobs advance as if it had.
    /// </summary>
    internal VirtualClock UseVirtualClock()
    {
        var clock = new VirtualClock(State.Clock);
        DtsCrossAccount.Transport.RunspaceClock.Set(_runspace, clock);
        return clock;
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
        await Emulator.DisposeAsync();
        if (_ownProfileDir != null)
        {
            try { Directory.Delete(_ownProfileDir, true); } catch (IOException) { }
        }
    }
}
