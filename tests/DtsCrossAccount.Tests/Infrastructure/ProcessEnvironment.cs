using DtsCrossAccount.Emulator.Core;
using DtsCrossAccount.Sandbox;

namespace DtsCrossAccount.Tests.Infrastructure;

/// <summary>
/// The one xunit collection whose tests change process-wide state the module reads (environment variables: endpoint
/// override, credential files and keys; the Sandbox sets them for its scripts). xunit runs a collection with
/// DisableParallelization alone, after the parallel ones, so nothing else sees those values. Every test in it restores
/// what it changed (see <see cref="SavedEnvironment"/>). Why this exists: Infrastructure/AssemblyInfo.cs.
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class ProcessEnvironmentCollection
{
    public const string Name = "Process environment";
}

/// <summary>Saves the variables the module reads and puts back exactly the saved values (not null) on dispose.</summary>
public sealed class SavedEnvironment : IDisposable
{
    public static readonly string[] ModuleVariables =
    {
        "DTSCROSSACCOUNT_ENDPOINT_URL", "TENCENTCLOUD_CREDENTIALS_FILE", "ALIBABA_CLOUD_CONFIG_FILE",
        "TENCENTCLOUD_SECRET_ID", "TENCENTCLOUD_SECRET_KEY", "TENCENTCLOUD_SECURITY_TOKEN",
        "ALIBABA_CLOUD_ACCESS_KEY_ID", "ALIBABA_CLOUD_ACCESS_KEY_SECRET", "ALIBABA_CLOUD_SECURITY_TOKEN", "ALIBABA_CLOUD_PROFILE",
    };

    private readonly Dictionary<string, string?> _saved;

    public SavedEnvironment(IEnumerable<string>? names = null) =>
        _saved = (names ?? ModuleVariables).ToDictionary(n => n, Environment.GetEnvironmentVariable);

    public void Dispose()
    {
        foreach (var (name, value) in _saved) Environment.SetEnvironmentVariable(name, value);
    }
}

/// <summary>
/// What every test process starts from, set once before the first session: the default seed's named profiles in a folder
/// of the test process's own (the official override variables point there, so -ProfileName works in every runspace and
/// the user's real files are never read), no credential variables, no endpoint variable (each session's runspace passes
/// -EndpointUrl by $PSDefaultParameterValues instead, so parallel sessions never share an endpoint).
/// Tests that change any of this are in the <see cref="ProcessEnvironmentCollection"/> and restore it.
/// </summary>
public static class TestProcessEnvironment
{
    private static readonly Lazy<SandboxProfiles.Files> Files = new(Initialize, LazyThreadSafetyMode.ExecutionAndPublication);

    /// <summary>The default seed's profile files (identical content for every default-seed emulator: the keys come from the seed).</summary>
    public static SandboxProfiles.Files DefaultProfiles => Files.Value;

    private static SandboxProfiles.Files Initialize()
    {
        string dir = Path.Combine(Path.GetTempPath(), "dtsca-tests-" + Environment.ProcessId + "-" + Guid.NewGuid().ToString("N"));
        var files = SandboxProfiles.Write(Seed.DefaultSeedJson(), dir);
        foreach (var name in SavedEnvironment.ModuleVariables) Environment.SetEnvironmentVariable(name, null);
        Environment.SetEnvironmentVariable("TENCENTCLOUD_CREDENTIALS_FILE", files.TencentCredentialsFile);
        Environment.SetEnvironmentVariable("ALIBABA_CLOUD_CONFIG_FILE", files.AlibabaConfigFile);
        AppDomain.CurrentDomain.ProcessExit += (_, _) =>
        {
            try { Directory.Delete(dir, true); } catch (IOException) { } catch (UnauthorizedAccessException) { }
        };
        return files;
    }
}
