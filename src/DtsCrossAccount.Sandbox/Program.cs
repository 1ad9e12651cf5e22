using DtsCrossAccount.Emulator.Core;
using DtsCrossAccount.Sandbox;

// dotnet run --project src/DtsCrossAccount.Sandbox [-- [--faults plan.json] path/to/script.ps1]
// With no script it runs docs/examples/quickstart.ps1. Exits non-zero when the script fails.
string? script = null, faultsFile = null;
bool usage = false;
for (int i = 0; i < args.Length; i++)
{
    if (args[i] == "--faults" && i + 1 < args.Length) faultsFile = args[++i];
    else if (args[i] is "--help" or "-h" || script != null || args[i].StartsWith("--", StringComparison.Ordinal)) usage = true;
    else script = args[i];
}
if (usage)
{
    Console.WriteLine("Usage: DtsCrossAccount.Sandbox [--faults plan.json] [script.ps1]   (default: " + SandboxApp.DefaultScript + ")");
    Console.WriteLine("  --faults: the emulator plays this fault plan (throttle, 5xx, reset, lostAnswer, latency) while the script runs.");
    return args.Length == 1 && args[0] is "--help" or "-h" ? 0 : 2;
}
string? plan = null;
if (faultsFile != null)
{
    try
    {
        plan = File.ReadAllText(faultsFile);
        FaultInjector.Parse(plan);
    }
    catch (Exception e) when (e is IOException or UnauthorizedAccessException or FormatException or InvalidOperationException)
    {
        Console.Error.WriteLine("--faults " + faultsFile + ": " + e.Message);
        return 2;
    }
}
var result = await SandboxApp.RunAsync(script ?? SandboxApp.DefaultScript, Console.Out, new SandboxOptions { FaultPlanJson = plan });
return result.ExitCode;
