using System.Diagnostics;
using DtsCrossAccount.Emulator;
using DtsCrossAccount.Emulator.Core;
using DtsCrossAccount.Sandbox;
using DtsCrossAccount.Tests.Infrastructure;

namespace DtsCrossAccount.Tests.Packaging;

/// <summary>
/// A throwaway copy of the repository (the files git tracks or would track), built once with `build.ps1 -Task Build`
/// in the real PowerShell 7.6.9: the tasks run there, so Clean or a rebuild never touches the out/ the other tests use.
/// </summary>
public sealed class BuiltRepositoryCopy : IDisposable
{
    public BuiltRepositoryCopy()
    {
        Root = Path.Combine(Path.GetTempPath(), "dtsca-buildps1-" + Guid.NewGuid().ToString("N"));
        CopyRepository(Root);
        Build = BuildScript.Run(Root, "-Task", "Build");
    }

    public string Root { get; }
    public Pwsh.Result Build { get; }

    /// <summary>Copies what `git ls-files` lists (tracked and new, not ignored): a clone's content without bin/obj/out.</summary>
    public static void CopyRepository(string destination)
    {
        var psi = new ProcessStartInfo("git") { WorkingDirectory = RepoPaths.Root, RedirectStandardOutput = true, UseShellExecute = false };
        foreach (var a in new[] { "ls-files", "-z", "--cached", "--others", "--exclude-standard" }) psi.ArgumentList.Add(a);
        using var git = Process.Start(psi)!;
        string list = git.StandardOutput.ReadToEnd();
        git.WaitForExit();
        Assert.True(git.ExitCode == 0, "git ls-files failed");
        var files = list.Split('\0', StringSplitOptions.RemoveEmptyEntries);
        Assert.NotEmpty(files);
        foreach (var file in files)
        {
            string source = Path.Combine(RepoPaths.Root, file);
            if (!File.Exists(source)) continue; // deleted in the working tree, not yet committed
            string target = Path.Combine(destination, file);
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            File.Copy(source, target);
        }
    }

    public void Dispose()
    {
        try { Directory.Delete(Root, true); } catch (IOException) { } catch (UnauthorizedAccessException) { }
    }
}

public static class BuildScript
{
    /// <summary>`dotnet pwsh -NoProfile -File build.ps1 &lt;args&gt;` in <paramref name="root"/>.</summary>
    public static Pwsh.Result Run(string root, params string[] arguments) =>
        Pwsh.Run(new[] { "-File", Path.Combine(root, "build.ps1") }.Concat(arguments), root, TimeSpan.FromMinutes(6));
}

/// <summary>build.ps1's tasks, run for real in PowerShell 7.6.9 (issue: the script had only been parsed).</summary>
public sealed class BuildScriptRunTests : IClassFixture<BuiltRepositoryCopy>
{
    private readonly BuiltRepositoryCopy _copy;

    public BuildScriptRunTests(BuiltRepositoryCopy copy)
    {
        _copy = copy;
        Assert.True(copy.Build.ExitCode == 0, "build.ps1 -Task Build failed: " + copy.Build);
    }

    [Fact]
    public void Build_puts_the_module_where_the_repository_manifest_loads_it()
    {
        Assert.True(File.Exists(Path.Combine(_copy.Root, "out", "bin", "DtsCrossAccount.dll")), _copy.Build.ToString());
        Assert.Contains("== Build", _copy.Build.Output);
    }

    [Fact]
    public void Test_runs_dotnet_test_narrowed_by_TestFilter()
    {
        var run = BuildScript.Run(_copy.Root, "-Task", "Test", "-TestFilter", "FullyQualifiedName~DtsCrossAccount.Tests.Module.ManifestTests");
        Assert.True(run.ExitCode == 0, run.ToString());
        int expected = typeof(DtsCrossAccount.Tests.Module.ManifestTests).GetMethods().Count(m => m.GetCustomAttributes(typeof(FactAttribute), true).Length > 0);
        Assert.True(expected > 0);
        Assert.Matches($@"Passed!\s+-\s+Failed:\s+0,\s+Passed:\s+{expected},", run.Output);
    }

    [Fact]
    public void Pester_runs_the_chosen_file_under_Pester_5_and_fails_the_script_when_a_test_fails()
    {
        var run = BuildScript.Run(_copy.Root, "-Task", "Pester", "-PesterPath", Path.Combine(_copy.Root, "tests", "Pester", "Set-DtsTrustPolicy.Tests.ps1"));
        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.Matches(@"Tests Passed: [1-9]\d*, Failed: 0", run.Output);
        Assert.DoesNotContain("New-DtsSyncTask", run.Output); // only the chosen file ran

        // A failing Pester test must fail the task: a copy of a file with one assertion turned wrong.
        string broken = Path.Combine(_copy.Root, "tests", "Pester", "Broken.Tests.ps1");
        File.WriteAllText(broken, "Describe 'Broken' { It 'fails' { 1 | Should -Be 2 } }");
        try
        {
            var failing = BuildScript.Run(_copy.Root, "-Task", "Pester", "-PesterPath", broken);
            Assert.True(failing.ExitCode != 0, failing.ToString());
            Assert.Contains("Pester reported failures", failing.Output);
        }
        finally
        {
            File.Delete(broken);
        }
    }

    [Fact]
    public async Task Package_gives_a_module_folder_that_a_fresh_pwsh_elsewhere_imports_by_path_and_uses()
    {
        // out/DtsCrossAccount/<version>/ is the layout of a folder in $env:PSModulePath: import the module folder by path.
        var run = BuildScript.Run(_copy.Root, "-Task", "Package");
        Assert.True(run.ExitCode == 0, run.ToString());
        string folder = Path.Combine(_copy.Root, "out", "DtsCrossAccount", "0.1.0");
        Assert.True(File.Exists(Path.Combine(folder, "DtsCrossAccount.psd1")), run.ToString());
        Assert.True(File.Exists(Path.Combine(_copy.Root, "out", "DtsCrossAccount.zip")), run.ToString());

        string seed = Seed.DefaultSeedJson();
        await using var emulator = await FreshEmulator.StartAsync(seed);
        string elsewhere = Path.Combine(Path.GetTempPath(), "dtsca-elsewhere-" + Guid.NewGuid().ToString("N"));
        var profiles = SandboxProfiles.Write(seed, elsewhere);
        string role = "PackagedRole" + Guid.NewGuid().ToString("N")[..8];
        try
        {
            var use = Pwsh.Run(new[]
            {
                "-Command",
                "Set-Location $env:ELSEWHERE; Import-Module $env:PACKAGED_MODULE -ErrorAction Stop; " +
                "'BASE=' + (Get-Module DtsCrossAccount).ModuleBase; " +
                "$r = New-DtsCrossAccountRole -Cloud Tencent -ProfileName tencent-a -AccountId 100000000001 -TrustedAccountId 100000000002 -RoleName $env:ROLE_NAME -Confirm:$false -ErrorAction Stop; " +
                "'ARN=' + $r.Arn",
            }, environment: new Dictionary<string, string?>
            {
                ["ELSEWHERE"] = elsewhere, ["PACKAGED_MODULE"] = Path.GetDirectoryName(folder), ["ROLE_NAME"] = role,
                ["DTSCROSSACCOUNT_ENDPOINT_URL"] = emulator.BaseUrl.ToString(), ["TENCENTCLOUD_CREDENTIALS_FILE"] = profiles.TencentCredentialsFile,
            });
            Assert.True(use.ExitCode == 0, use.ToString());
            Assert.Contains("BASE=" + folder, use.Output);
            Assert.True(emulator.State.Tencent.Accounts["100000000001"].Roles.ContainsKey(role), "The role is not in the emulator: " + use);
            Assert.Contains($"ARN=qcs::cam::uin/100000000001:roleName/{role}", use.Output);
        }
        finally
        {
            try { Directory.Delete(elsewhere, true); } catch (IOException) { }
        }
    }

    [Fact]
    public void Emulator_serves_the_same_pwsh_session_that_ran_the_task_and_stops_by_its_pid_file()
    {
        string role = "EmulatorTaskRole" + Guid.NewGuid().ToString("N")[..8];
        var run = Pwsh.Run(new[]
        {
            "-Command",
            "$ErrorActionPreference = 'Stop'; ./build.ps1 -Task Emulator; Import-Module ./DtsCrossAccount.psd1; " +
            "$r = New-DtsCrossAccountRole -Cloud Tencent -ProfileName tencent-a -AccountId 100000000001 -TrustedAccountId 100000000002 -RoleName $env:ROLE_NAME -Confirm:$false; " +
            "$calls = (Invoke-WebRequest -Uri ($env:DTSCROSSACCOUNT_ENDPOINT_URL.TrimEnd('/') + '/_emulator/calls')).Content | ConvertFrom-Json; " +
            "'WRITES=' + (@($calls | Where-Object { $_.IsWrite -and $_.Result -eq 'OK' } | ForEach-Object Action) -join ','); " +
            "'ARN=' + $r.Arn; " +
            "$emulatorPid = [int](Get-Content ./out/sandbox/emulator.pid); Stop-Process -Id $emulatorPid; " +
            // Wait-Process, not (Get-Process).WaitForExit(): the killed process may be gone before Get-Process runs.
            "Wait-Process -Id $emulatorPid -Timeout 10 -ErrorAction SilentlyContinue; " +
            "'STOPPED=' + (-not (Get-Process -Id $emulatorPid -ErrorAction SilentlyContinue))",
        }, _copy.Root, TimeSpan.FromMinutes(4), new Dictionary<string, string?> { ["ROLE_NAME"] = role });
        try
        {
            Assert.True(run.ExitCode == 0, run.ToString());
            Assert.Contains("WRITES=CreateRole,AttachRolePolicy", run.Output);
            Assert.Contains($"ARN=qcs::cam::uin/100000000001:roleName/{role}", run.Output);
            Assert.Contains("STOPPED=True", run.Output);
        }
        finally
        {
            // Whatever happened above, no emulator is left running.
            string pidFile = Path.Combine(_copy.Root, "out", "sandbox", "emulator.pid");
            if (File.Exists(pidFile) && int.TryParse(File.ReadAllText(pidFile).Trim(), out int pid))
                try { Process.GetProcessById(pid).Kill(true); } catch (ArgumentException) { } catch (InvalidOperationException) { }
        }
    }

    [Fact]
    public void Docs_without_platyPS_says_how_to_get_it_and_fails()
    {
        var run = BuildScript.Run(_copy.Root, "-Task", "Docs");
        Assert.NotEqual(0, run.ExitCode);
        Assert.Contains("platyPS", run.Output);
        Assert.Contains("Install-Module platyPS -RequiredVersion 0.14.2", run.Output);
    }
}

/// <summary>Clean, in a copy of its own: it must remove out/ and every bin/ and obj/ and nothing else.</summary>
public sealed class BuildScriptCleanTests : IDisposable
{
    private readonly string _root = Path.Combine(Path.GetTempPath(), "dtsca-clean-" + Guid.NewGuid().ToString("N"));

    public void Dispose()
    {
        try { Directory.Delete(_root, true); } catch (IOException) { } catch (UnauthorizedAccessException) { }
    }

    [Fact]
    public void Clean_removes_out_and_every_bin_and_obj_and_keeps_the_sources()
    {
        BuiltRepositoryCopy.CopyRepository(_root);
        // What a build leaves behind, made by hand: building again here would only make the test slower.
        var leftovers = new[] { "out/bin", "src/DtsCrossAccount/bin/Release", "src/DtsCrossAccount/obj", "src/DtsCrossAccount.Emulator/bin", "tests/DtsCrossAccount.Tests/obj" };
        foreach (var dir in leftovers)
        {
            Directory.CreateDirectory(Path.Combine(_root, dir));
            File.WriteAllText(Path.Combine(_root, dir, "left.txt"), "x");
        }
        var sources = Directory.GetFiles(Path.Combine(_root, "src"), "*.cs", SearchOption.AllDirectories);
        Assert.NotEmpty(sources);

        var run = BuildScript.Run(_root, "-Task", "Clean");
        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.False(Directory.Exists(Path.Combine(_root, "out")));
        Assert.Empty(Directory.GetDirectories(_root, "bin", SearchOption.AllDirectories));
        Assert.Empty(Directory.GetDirectories(_root, "obj", SearchOption.AllDirectories));
        Assert.All(sources, s => Assert.True(File.Exists(s), s));
        Assert.True(File.Exists(Path.Combine(_root, "build.ps1")));
    }
}
