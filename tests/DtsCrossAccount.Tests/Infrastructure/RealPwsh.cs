using System.Diagnostics;
using System.Text;
using System.Text.RegularExpressions;

namespace DtsCrossAccount.Tests.Infrastructure;

/// <summary>What a real pwsh process printed, and how it ended.</summary>
public sealed record PwshRun(int ExitCode, string Output, string Errors)
{
    /// <summary>Everything it printed, stdout then stderr, as a person reads it (<see cref="RealPwsh.Plain"/>).</summary>
    public string PlainText => RealPwsh.Plain(Output) + RealPwsh.Plain(Errors);
}

/// <summary>
/// Runs the real PowerShell 7.6.9 (`dotnet pwsh`, the repository's local tool, restored by the test project's build)
/// in the repository folder as a user of a clone would: a fresh process, no profile, the command given as
/// -EncodedCommand so no shell quoting gets in the way (with -OutputFormat Text: an encoded command otherwise answers
/// in CLIXML, as to a remote caller). Unlike <see cref="Pwsh"/> it keeps stdout and stderr apart and can give pwsh a
/// terminal of a chosen width.
/// </summary>
public static class RealPwsh
{
    /// <summary>Runs the command with stdout redirected (pwsh then formats for 80 columns).</summary>
    public static PwshRun Run(string command, TimeSpan timeout) => Start("dotnet", Arguments("pwsh", command), timeout);

    /// <summary>As <see cref="Run"/>, in another pwsh given by its pwsh.dll (e.g. the copy benchmarks/New-ReadyToRunPwsh.ps1 makes).</summary>
    public static PwshRun RunIn(string pwshDll, string command, TimeSpan timeout) => Start("dotnet", Arguments(pwshDll, command), timeout);

    private static string[] Arguments(string pwsh, string command) =>
        new[] { pwsh, "-NoProfile", "-NonInteractive", "-OutputFormat", "Text", "-EncodedCommand", Encode(command) };

    /// <summary>
    /// Runs the command in a terminal of the given width, which is what makes pwsh's console host format for it (a
    /// redirected pwsh is fixed at 80 columns and cannot be resized). The terminal is a pseudo-terminal from
    /// util-linux's `script`; its bytes are returned as written, escapes and carriage returns included.
    /// </summary>
    public static PwshRun RunInTerminal(string command, int columns, TimeSpan timeout)
    {
        Assert.True(OperatingSystem.IsLinux(), "The terminal run needs Linux (util-linux script).");
        string inner = $"stty cols {columns} rows 50; exec dotnet pwsh -NoProfile -NonInteractive -OutputFormat Text -EncodedCommand {Encode(command)}";
        return Start("script", new[] { "-qec", inner, "/dev/null" }, timeout);
    }

    /// <summary>The text a person reads: no colour or cursor escapes, no carriage returns.</summary>
    public static string Plain(string text)
    {
        text = Regex.Replace(text, "\u001b\\][^\u0007]*\u0007", "");
        text = Regex.Replace(text, "\u001b\\[[0-9;?]*[A-Za-z]", "");
        text = Regex.Replace(text, "\u001b[=>]", "");
        return text.Replace("\r", "");
    }

    /// <summary>Stops the emulator `build.ps1 -Task Emulator` left running (its process id is in out/sandbox/emulator.pid).</summary>
    public static void StopBuildScriptEmulator()
    {
        string pidFile = Path.Combine(RepoPaths.Root, "out", "sandbox", "emulator.pid");
        if (!File.Exists(pidFile) || !int.TryParse(File.ReadAllText(pidFile).Trim(), out int pid)) return;
        try
        {
            using var p = Process.GetProcessById(pid);
            if (!p.ProcessName.Contains("dotnet", StringComparison.OrdinalIgnoreCase) && !p.ProcessName.Contains("Emulator", StringComparison.OrdinalIgnoreCase)) return;
            p.Kill(entireProcessTree: true);
            p.WaitForExit(10_000);
        }
        catch (ArgumentException) { } // already gone
        catch (InvalidOperationException) { }
    }

    private static string Encode(string command) => Convert.ToBase64String(Encoding.Unicode.GetBytes(command));

    private static PwshRun Start(string file, IEnumerable<string> arguments, TimeSpan timeout)
    {
        var psi = new ProcessStartInfo(file)
        {
            WorkingDirectory = RepoPaths.Root,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
        };
        foreach (var a in arguments) psi.ArgumentList.Add(a);
        // The child must see neither the test process's endpoint/profile variables nor keys of a real account.
        foreach (var name in DtsCrossAccount.Sandbox.SandboxProfiles.Variables) psi.Environment.Remove(name);
        psi.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
        psi.Environment["DOTNET_NOLOGO"] = "1";
        using var p = Process.Start(psi)!;
        p.StandardInput.Close();
        var stdout = p.StandardOutput.ReadToEndAsync();
        var stderr = p.StandardError.ReadToEndAsync();
        if (!p.WaitForExit((int)timeout.TotalMilliseconds))
        {
            p.Kill(entireProcessTree: true);
            p.WaitForExit();
            throw new TimeoutException($"{file} did not finish within {timeout}:\n{stdout.Result}\n{stderr.Result}");
        }
        p.WaitForExit();
        return new PwshRun(p.ExitCode, stdout.Result, stderr.Result);
    }
}
