using System.Diagnostics;
using System.Net.Sockets;
using System.Runtime.InteropServices;
using DtsCrossAccount.Tests.Infrastructure;

namespace DtsCrossAccount.Tests.Emulator;

/// <summary>
/// The emulator as a user, a script's `timeout`, a CI job or a service manager stops it: SIGTERM or SIGINT ends it
/// cleanly (exit code 0, port closed) within 5 seconds, whether it runs as the built program or under `dotnet run`.
/// </summary>
[Collection(ProcessEnvironmentCollection.Name)] // timed (5 s to exit): run alone, not beside CPU-heavy classes
public sealed class EmulatorSignalTests
{
    private const int SIGINT = 2;
    private const int SIGTERM = 15;

    [DllImport("libc", SetLastError = true, EntryPoint = "kill")]
    private static extern int SysKill(int pid, int signal);

    public static TheoryData<string, int> Signals => new() { { "SIGTERM", SIGTERM }, { "SIGINT", SIGINT } };

    [Theory]
    [MemberData(nameof(Signals))]
    public async Task The_built_program_exits_within_5_seconds(string name, int signal)
    {
        string dll = typeof(DtsCrossAccount.Emulator.EmulatorServer).Assembly.Location;
        await RunAndSignal(name, "dotnet", $"\"{dll}\" --port 0", signalGroup: false, signal, expectChild: false);
    }

    /// <summary>
    /// Under `dotnet run`: SIGTERM to the `dotnet run` process is forwarded to the emulator (the .NET SDK does so);
    /// SIGINT is what a terminal's Ctrl+C sends to the whole foreground process group, so the test signals the group
    /// (`dotnet run` itself ignores a SIGINT sent to it alone and waits for its child, by the SDK's design).
    /// </summary>
    [Theory]
    [MemberData(nameof(Signals))]
    public async Task Under_dotnet_run_it_and_dotnet_run_exit_within_5_seconds(string name, int signal)
    {
        string project = Path.Combine(RepoPaths.Root, "src", "DtsCrossAccount.Emulator");
        // The test build has built the emulator in the same configuration; --no-build avoids a second, concurrent build.
        string configuration = AppContext.BaseDirectory.Contains($"{Path.DirectorySeparatorChar}Release{Path.DirectorySeparatorChar}") ? "Release" : "Debug";
        await RunAndSignal(name, "setsid",
            $"dotnet run --no-build -c {configuration} --project \"{project}\" -- --port 0", signalGroup: signal == SIGINT, signal, expectChild: true);
    }

    private static async Task RunAndSignal(string name, string file, string arguments, bool signalGroup, int signal, bool expectChild)
    {
        Assert.True(OperatingSystem.IsLinux() || OperatingSystem.IsMacOS(), "POSIX signals: run on Linux or macOS.");
        if (signal == SIGINT && SigintIgnoredHere())
        {
            // A shell starts background jobs with SIGINT ignored and children inherit that (the runtime then keeps it
            // ignored, as nohup expects); the emulator's own Ctrl+C handling is what is tested, so give it the default.
            arguments = $"--default-signal=INT {file} {arguments}";
            file = "env";
        }
        var psi = new ProcessStartInfo(file, arguments) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        using var p = Process.Start(psi)!;
        var children = new List<int>();
        try
        {
            var url = await FirstUrlLine(p).WaitAsync(TimeSpan.FromSeconds(120));
            var uri = new Uri(url);
            Assert.True(await Answers(uri), "the emulator should answer before the signal");
            children.AddRange(ChildrenOf(p.Id));
            if (expectChild) Assert.NotEmpty(children); // the emulator runs as a child of `dotnet run`

            var watch = Stopwatch.StartNew();
            Assert.Equal(0, SysKill(signalGroup ? -p.Id : p.Id, signal));
            bool exited = await Task.Run(() => p.WaitForExit(5000));
            watch.Stop();

            Assert.True(exited, $"{name}: still running 5 s after the signal");
            Assert.Equal(0, p.ExitCode);
            Assert.False(await Answers(uri), $"{name}: the port still answers after the process ended");
            foreach (var child in children)
                Assert.False(IsAlive(child), $"{name}: child process {child} outlived its parent");
        }
        finally
        {
            if (!p.HasExited) p.Kill(entireProcessTree: true);
            foreach (var child in children.Where(IsAlive)) SysKill(child, 9);
        }
    }

    /// <summary>`dotnet run` may print build lines first; the emulator's first line is its base URL.</summary>
    private static async Task<string> FirstUrlLine(Process p)
    {
        while (await p.StandardOutput.ReadLineAsync() is { } line)
            if (line.StartsWith("http://", StringComparison.Ordinal)) return line.Trim();
        throw new InvalidOperationException("The emulator ended without printing its URL: " + await p.StandardError.ReadToEndAsync());
    }

    private static async Task<bool> Answers(Uri uri)
    {
        using var tcp = new TcpClient();
        try
        {
            await tcp.ConnectAsync(uri.Host, uri.Port).WaitAsync(TimeSpan.FromSeconds(2));
            return true;
        }
        catch (Exception e) when (e is SocketException or TimeoutException)
        {
            return false;
        }
    }

    private static IEnumerable<int> ChildrenOf(int pid)
    {
        var tasks = $"/proc/{pid}/task";
        if (!Directory.Exists(tasks)) return Array.Empty<int>();
        return Directory.GetDirectories(tasks)
            .Select(t => Path.Combine(t, "children"))
            .Where(File.Exists)
            .SelectMany(f => File.ReadAllText(f).Split(' ', StringSplitOptions.RemoveEmptyEntries))
            .Select(int.Parse)
            .ToList();
    }

    private static bool IsAlive(int pid) => SysKill(pid, 0) == 0;

    /// <summary>Whether this process ignores SIGINT (bit 1 of the SigIgn mask in /proc/self/status).</summary>
    private static bool SigintIgnoredHere()
    {
        var line = File.ReadLines("/proc/self/status").FirstOrDefault(l => l.StartsWith("SigIgn:", StringComparison.Ordinal));
        return line != null && (Convert.ToUInt64(line.Substring(7).Trim(), 16) & (1UL << (SIGINT - 1))) != 0;
    }
}
