using System.Runtime.InteropServices;
using DtsCrossAccount.Emulator;
using DtsCrossAccount.Emulator.Core;

// dotnet run --project src/DtsCrossAccount.Emulator -- [--port N] [--seed FILE] [--faults FILE] [--limits FILE]
// Prints the base URL as the first line of stdout, then serves until SIGTERM, SIGINT (Ctrl+C) or SIGQUIT.
int port = 0;
string? seedFile = null, faultsFile = null, limitsFile = null;
for (int i = 0; i < args.Length; i++)
{
    switch (args[i])
    {
        case "--port" when i + 1 < args.Length: port = int.Parse(args[++i], System.Globalization.CultureInfo.InvariantCulture); break;
        case "--seed" when i + 1 < args.Length: seedFile = args[++i]; break;
        case "--faults" when i + 1 < args.Length: faultsFile = args[++i]; break;
        case "--limits" when i + 1 < args.Length: limitsFile = args[++i]; break;
        case "--help" or "-h":
            Console.WriteLine("Usage: DtsCrossAccount.Emulator [--port N (0 = any free port)] [--seed seed.json] [--faults plan.json] [--limits limits.json]");
            Console.WriteLine("  --faults: a fault plan (throttle, 5xx, reset, lostAnswer, latency); change it at run time with POST/DELETE /_emulator/faults.");
            Console.WriteLine("  --limits: tighten or switch off the documented rate limits; change them at run time with POST /_emulator/limits.");
            return 0;
        default:
            Console.Error.WriteLine($"Unknown argument '{args[i]}'. Use --help.");
            return 2;
    }
}

string? seed = seedFile == null ? null : await File.ReadAllTextAsync(seedFile);
string? faults = faultsFile == null ? null : await File.ReadAllTextAsync(faultsFile);
string? limits = limitsFile == null ? null : await File.ReadAllTextAsync(limitsFile);
// Checked before the server starts, so a bad plan is an error on the command line rather than a surprise later.
if (Invalid(() => { if (faults != null) FaultInjector.Parse(faults); }, "--faults") || Invalid(() => { if (limits != null) new RateLimits().Configure(limits); }, "--limits"))
    return 2;
await using var server = await EmulatorServer.StartAsync(port, seed, faults, limits);
Console.WriteLine(server.BaseUrl.ToString().TrimEnd('/'));
Console.Out.Flush();
var done = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
// Each signal is taken over (Cancel) so the server is stopped and disposed here, then Main returns 0: a script's
// `timeout`, a CI job or a service manager sees a clean exit within a couple of seconds.
using var term = PosixSignalRegistration.Create(PosixSignal.SIGTERM, Stop);
using var interrupt = PosixSignalRegistration.Create(PosixSignal.SIGINT, Stop);
using var quit = PosixSignalRegistration.Create(PosixSignal.SIGQUIT, Stop);
await done.Task;
return 0;

void Stop(PosixSignalContext context)
{
    context.Cancel = true;
    done.TrySetResult();
}

static bool Invalid(Action check, string option)
{
    try
    {
        check();
        return false;
    }
    catch (FormatException e)
    {
        Console.Error.WriteLine($"Invalid {option} file: {e.Message}");
        return true;
    }
}
