using System.Reflection.PortableExecutable;
using DtsCrossAccount.Tests.Infrastructure;

namespace DtsCrossAccount.Tests.Benchmarks;

/// <summary>
/// benchmarks/New-ReadyToRunPwsh.ps1, which the README's load-and-call figures are measured with: a copy of the
/// repository's pwsh whose PowerShell assemblies are precompiled as in the release packages, and which still runs.
/// One small assembly is compiled here (-Include) to keep the test short; the script treats every one alike.
/// </summary>
public sealed class ReadyToRunPwshScriptTests
{
    [Fact]
    public void The_copy_runs_and_the_included_assembly_is_precompiled_while_the_original_stays_IL()
    {
        string destination = Path.Combine(Path.GetTempPath(), "r2r-pwsh-" + Guid.NewGuid().ToString("N"));
        try
        {
            var made = RealPwsh.Run($"./benchmarks/New-ReadyToRunPwsh.ps1 -Destination '{destination}' -Include Microsoft.PowerShell.Security.dll", TimeSpan.FromMinutes(5));
            Assert.True(made.ExitCode == 0, made.PlainText);
            string pwshDll = Path.Combine(destination, "pwsh.dll");
            Assert.Equal(pwshDll, RealPwsh.Plain(made.Output).Trim().Split('\n').Last().Trim());

            var home = RealPwsh.Run("$PSHOME", TimeSpan.FromMinutes(1));
            string original = Path.Combine(RealPwsh.Plain(home.Output).Trim(), "Microsoft.PowerShell.Security.dll");
            Assert.False(IsReadyToRun(original), "the tool's own copy must stay untouched (and IL)");
            Assert.True(IsReadyToRun(Path.Combine(destination, "Microsoft.PowerShell.Security.dll")));
            // Not included: copied as it was.
            Assert.False(IsReadyToRun(Path.Combine(destination, "System.Management.Automation.dll")));

            // A cmdlet of the compiled assembly runs, loaded from the copy.
            var run = RealPwsh.RunIn(pwshDll,
                "(ConvertTo-SecureString 'abc' -AsPlainText -Force).Length; (Get-Command ConvertTo-SecureString).DLL; $PSVersionTable.PSVersion.ToString()", TimeSpan.FromMinutes(1));
            string text = run.PlainText;
            Assert.True(run.ExitCode == 0, text);
            Assert.Equal(new[] { "3", Path.Combine(destination, "Microsoft.PowerShell.Security.dll"), "7.6.9" }, RealPwsh.Plain(run.Output).Trim().Split('\n').Select(l => l.Trim()));
        }
        finally
        {
            if (Directory.Exists(destination)) Directory.Delete(destination, recursive: true);
        }
    }

    private static bool IsReadyToRun(string path)
    {
        using var stream = File.OpenRead(path);
        using var pe = new PEReader(stream);
        return pe.PEHeaders.CorHeader is { } cor && cor.ManagedNativeHeaderDirectory.Size > 0;
    }
}
