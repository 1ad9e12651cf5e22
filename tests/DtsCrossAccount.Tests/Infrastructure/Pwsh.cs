using System.Diagnostics;
using System.Reflection;
using System.Text;

namespace DtsCrossAccount.Tests.Infrastructure;

/// <summary>
/// The real PowerShell 7.6.9 (`dotnet pwsh`, pinned in .config/dotnet-tools.json and restored by the test project's
/// build) as a child process, and the Pester 5.9.1 module the test project downloads into the NuGet packages folder.
/// </summary>
public static class Pwsh
{
    /// <summary>Variables that point the module at an emulator or at credentials: a child starts without them.</summary>
    public static readonly string[] ModuleEnvironmentVariables =
    {
        "DTSCROSSACCOUNT_ENDPOINT_URL", "TENCENTCLOUD_CREDENTIALS_FILE", "ALIBABA_CLOUD_CONFIG_FILE",
        "TENCENTCLOUD_SECRET_ID", "TENCENTCLOUD_SECRET_KEY", "TENCENTCLOUD_SESSION_TOKEN",
        "ALIBABA_CLOUD_ACCESS_KEY_ID", "ALIBABA_CLOUD_ACCESS_KEY_SECRET", "ALIBABA_CLOUD_SECURITY_TOKEN", "ALIBABA_CLOUD_PROFILE",
    };

    /// <summary>The NuGet packages folder MSBuild restored into ($(NuGetPackageRoot)), baked in at build time.</summary>
    public static string NuGetPackageRoot { get; } =
        typeof(Pwsh).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>().FirstOrDefault(a => a.Key == "NuGetPackageRoot")?.Value
        is { Length: > 0 } root
            ? root
            : throw new InvalidOperationException("The test assembly has no NuGetPackageRoot metadata: build it with `dotnet build` (MSBuild sets $(NuGetPackageRoot) after restore).");

    public static string PesterModule
    {
        get
        {
            string path = Path.Combine(NuGetPackageRoot, "pester", "5.9.1", "tools", "Pester.psd1");
            return File.Exists(path)
                ? path
                : throw new FileNotFoundException("Pester 5.9.1 is not in the NuGet packages folder; `dotnet restore tests/DtsCrossAccount.Tests` downloads it (PackageDownload).", path);
        }
    }

    private static string DotnetHost =>
        Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { Length: > 0 } host && File.Exists(host) ? host : "dotnet";

    public sealed record Result(int ExitCode, string Output, bool TimedOut)
    {
        public override string ToString() => $"exit code {ExitCode}{(TimedOut ? " (timed out, killed)" : "")}\n{Output}";
    }

    /// <summary>
    /// Runs `dotnet pwsh -NoProfile -NonInteractive &lt;arguments&gt;`. It starts in the repository root by default,
    /// where `dotnet` finds the tool manifest; a script that must run elsewhere changes directory itself. The module's
    /// variables are removed from the child's environment, then <paramref name="environment"/> is applied (null removes).
    /// </summary>
    public static Result Run(IEnumerable<string> arguments, string? workingDirectory = null, TimeSpan? timeout = null,
        IReadOnlyDictionary<string, string?>? environment = null)
    {
        var psi = new ProcessStartInfo(DotnetHost)
        {
            WorkingDirectory = workingDirectory ?? RepoPaths.Root,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
        };
        foreach (var a in new[] { "pwsh", "-NoProfile", "-NonInteractive", "-ExecutionPolicy", "Bypass" }.Concat(arguments)) psi.ArgumentList.Add(a);
        foreach (var name in ModuleEnvironmentVariables) psi.Environment.Remove(name);
        // Plain text: no ANSI colour codes in what the tests read.
        psi.Environment["NO_COLOR"] = "1";
        psi.Environment["TERM"] = "dumb";
        psi.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
        psi.Environment["DOTNET_NOLOGO"] = "1";
        psi.Environment["POWERSHELL_TELEMETRY_OPTOUT"] = "1";
        psi.Environment["POWERSHELL_UPDATECHECK"] = "Off";
        if (environment != null)
            foreach (var (k, v) in environment)
                if (v == null) psi.Environment.Remove(k); else psi.Environment[k] = v;

        using var process = Process.Start(psi) ?? throw new InvalidOperationException("Could not start dotnet pwsh.");
        process.StandardInput.Close();
        var output = new StringBuilder();
        var sync = new object();
        process.OutputDataReceived += (_, e) => { if (e.Data != null) lock (sync) output.AppendLine(e.Data); };
        process.ErrorDataReceived += (_, e) => { if (e.Data != null) lock (sync) output.AppendLine(e.Data); };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        bool exited = process.WaitForExit((int)(timeout ?? TimeSpan.FromMinutes(5)).TotalMilliseconds);
        if (!exited)
        {
            try { process.Kill(entireProcessTree: true); } catch (InvalidOperationException) { }
            process.WaitForExit();
        }
        else process.WaitForExit(); // flushes the asynchronous readers
        lock (sync) return new Result(exited ? process.ExitCode : -1, output.ToString(), !exited);
    }
}
