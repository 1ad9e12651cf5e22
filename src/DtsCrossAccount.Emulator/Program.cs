using System.Runtime.InteropServices;
using DtsCrossAccount.Emulator;

// dotnet run --project src/DtsCrossAccount.Emulator -- [--port N] [--seed FILE]
// Prints the base URL as the first line of stdout, then serves until SIGTERM, SIGINT (Ctrl+C) or SIGQUIT.
int port = 0;
string? seedFile = null;
for (int i = 0; i < args.Length; i++)
{
    switch (args[i])
    {
        case "--port" when i + 1 < args.Length: port = int.Parse(args[++i], System.Globalization.CultureInfo.InvariantCulture); break;
        case "--seed" when i + 1 < args.Length: seedFile = args[++i]; break;
        case "--help" or "-h":
            Console.WriteLine("Usage: DtsCrossAccount.Emulator [--port N (0 = any free port)] [--seed seed.json]");
            return 0;
        default:
            Console.Error.WriteLine($"Unknown argument '{args[i]}'. Use --help.");
            return 2;
    }
}

string? seed = seedFile == null ? null : await File.ReadAllTextAsync(seedFile);
await using var server = await EmulatorServer.StartAsync(port, seed);
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
