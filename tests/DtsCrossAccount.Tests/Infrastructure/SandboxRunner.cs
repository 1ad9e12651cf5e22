using DtsCrossAccount.Sandbox;

namespace DtsCrossAccount.Tests.Infrastructure;

/// <summary>Runs a script exactly as `dotnet run --project src/DtsCrossAccount.Sandbox -- script` does, in-process.</summary>
public static class SandboxRunner
{
    public static SandboxResult Run(string scriptPath)
    {
        var console = new StringWriter();
        var result = SandboxApp.RunAsync(scriptPath, console).GetAwaiter().GetResult();
        return result with { Transcript = console.ToString() };
    }

    public static SandboxResult RunExample(string fileName) => Run(Path.Combine(RepoPaths.Examples, fileName));
}
