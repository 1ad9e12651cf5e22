using DtsCrossAccount.Sandbox;

namespace DtsCrossAccount.Tests.Infrastructure;

/// <summary>
/// Runs a script exactly as `dotnet run --project src/DtsCrossAccount.Sandbox -- script` does, in-process. The Sandbox
/// points the process's environment variables at its own emulator and profile folder, so callers are in the
/// process-environment collection and the variables are put back as they were afterwards.
/// </summary>
public static class SandboxRunner
{
    public static SandboxResult Run(string scriptPath)
    {
        using var saved = new SavedEnvironment();
        var console = new StringWriter();
        var result = SandboxApp.RunAsync(scriptPath, console, new SandboxOptions { BeforeRun = FreshEmulator.Forget }).GetAwaiter().GetResult();
        return result with { Transcript = console.ToString() };
    }

    public static SandboxResult RunExample(string fileName) => Run(Path.Combine(RepoPaths.Examples, fileName));
}
