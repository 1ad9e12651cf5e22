using DtsCrossAccount.Sandbox;

// dotnet run --project src/DtsCrossAccount.Sandbox [-- path/to/script.ps1]
// With no argument it runs docs/examples/quickstart.ps1. Exits non-zero when the script fails.
if (args.Length > 1 || (args.Length == 1 && args[0] is "--help" or "-h"))
{
    Console.WriteLine("Usage: DtsCrossAccount.Sandbox [script.ps1]   (default: " + SandboxApp.DefaultScript + ")");
    return args.Length > 1 ? 2 : 0;
}
var result = await SandboxApp.RunAsync(args.Length == 1 ? args[0] : SandboxApp.DefaultScript, Console.Out);
return result.ExitCode;
