using System.Diagnostics;
using DtsCrossAccount.Tests.Infrastructure;

namespace DtsCrossAccount.Tests.Sandbox;

/// <summary>The README's main-job command, and every example script, run through the sandbox exactly as a user runs them.</summary>
[Collection(ProcessEnvironmentCollection.Name)]
public sealed class SandboxTests
{
    [Fact]
    public void Quickstart_sets_up_both_clouds_and_a_rerun_changes_nothing()
    {
        var r = SandboxRunner.Run(Path.Combine("docs", "examples", "quickstart.ps1"));
        Assert.True(r.ExitCode == 0, r.Transcript);
        var roles = r.Output.Select(o => o.BaseObject).OfType<CrossAccountRole>().ToList();
        Assert.Equal(new[] { true, true, false, false }, roles.Select(x => x.Changed));
        Assert.Equal(new[] { CloudKind.Tencent, CloudKind.Alibaba, CloudKind.Tencent, CloudKind.Alibaba }, roles.Select(x => x.Cloud));
        var tasks = r.Output.Select(o => o.BaseObject).OfType<SyncTask>().ToList();
        Assert.Contains(tasks, t => t.Cloud == CloudKind.Tencent && t.Status == "Running");
        Assert.Contains(tasks, t => t.Cloud == CloudKind.Alibaba && t.Status.Equals("Synchronizing", StringComparison.OrdinalIgnoreCase));
        var checks = r.Output.Select(o => o.BaseObject).OfType<AccessCheck>().ToList();
        Assert.NotEmpty(checks);
        Assert.All(checks, c => Assert.True(c.Passed));
        // Formatted as a console would show it: a table of roles, no colour escapes in a redirected transcript.
        Assert.Contains("RoleName", r.Transcript);
        Assert.False(r.Transcript.Contains('\u001b', StringComparison.Ordinal), "colour escapes in a redirected transcript");
    }

    public static TheoryData<string> Examples()
    {
        var data = new TheoryData<string>();
        foreach (var f in Directory.GetFiles(RepoPaths.Examples, "*.ps1").Select(Path.GetFileName).OrderBy(n => n))
            if (f != "quickstart.ps1") data.Add(f!);
        return data;
    }

    [Theory]
    [MemberData(nameof(Examples))]
    public void Every_example_runs_unchanged_and_ends_with_a_running_task(string example)
    {
        var r = SandboxRunner.RunExample(example);
        Assert.True(r.ExitCode == 0, r.Transcript);
        var last = r.Output.Select(o => o.BaseObject).OfType<SyncTask>().LastOrDefault();
        Assert.NotNull(last);
        Assert.Contains(last!.Status, new[] { "Running", "Synchronizing" }, StringComparer.OrdinalIgnoreCase);
    }

    [Fact]
    public void A_failing_script_makes_the_sandbox_exit_non_zero()
    {
        string script = Path.Combine(Path.GetTempPath(), "fail-" + Guid.NewGuid().ToString("N") + ".ps1");
        File.WriteAllText(script, "New-DtsCrossAccountRole -Cloud Tencent -AccountId 100000000001 -TrustedAccountId 100000000001 -ProfileName tencent-a");
        try
        {
            var r = SandboxRunner.Run(script);
            Assert.Equal(1, r.ExitCode);
            Assert.Contains("TrustedAccountIsOwner", r.Errors.Single().FullyQualifiedErrorId);
        }
        finally { File.Delete(script); }
    }
}

/// <summary>The emulator as a process: first stdout line is its base URL, then it serves until killed.</summary>
public sealed class EmulatorProcessTests
{
    [Fact]
    public async Task Prints_its_base_url_first_and_answers_on_it()
    {
        string dll = typeof(DtsCrossAccount.Emulator.EmulatorServer).Assembly.Location;
        var psi = new ProcessStartInfo("dotnet", $"\"{dll}\" --port 0") { RedirectStandardOutput = true, UseShellExecute = false };
        using var p = Process.Start(psi)!;
        try
        {
            var first = await p.StandardOutput.ReadLineAsync().WaitAsync(TimeSpan.FromSeconds(60));
            Assert.Matches(@"^http://127\.0\.0\.1:\d+$", first);
            using var http = new HttpClient();
            var calls = await http.GetStringAsync(first + "/_emulator/calls");
            Assert.Equal("[]", calls.Trim());
        }
        finally
        {
            p.Kill(entireProcessTree: true);
        }
    }

    [Fact]
    public async Task Seed_file_replaces_the_default_accounts()
    {
        string seed = Path.Combine(Path.GetTempPath(), "seed-" + Guid.NewGuid().ToString("N") + ".json");
        File.WriteAllText(seed, """
            {"tencent":{"accounts":[{"uin":"200000000009","name":"custom","secretId":"AKIDCUSTOMSEED000000000000000000009","secretKey":"customSeedSecretKey000000000009"}]}}
            """);
        string dll = typeof(DtsCrossAccount.Emulator.EmulatorServer).Assembly.Location;
        var psi = new ProcessStartInfo("dotnet", $"\"{dll}\" --port 0 --seed \"{seed}\"") { RedirectStandardOutput = true, UseShellExecute = false };
        using var p = Process.Start(psi)!;
        try
        {
            var url = await p.StandardOutput.ReadLineAsync().WaitAsync(TimeSpan.FromSeconds(60));
            var endpoints = new DtsCrossAccount.Transport.EndpointResolver(new Uri(url!));
            var custom = new DtsCrossAccount.Core.CloudCredential("AKIDCUSTOMSEED000000000000000000009", "customSeedSecretKey000000000009", null, "test");
            var identity = new DtsCrossAccount.Transport.TencentApiClient(custom, endpoints, null)
                .Call("sts", "2018-08-13", "GetCallerIdentity", new DtsCrossAccount.Json.JsonObject(), "ap-guangzhou");
            Assert.Equal("200000000009", identity.GetString("AccountId"));
            // The default seed's accounts are not there.
            var seeded = new DtsCrossAccount.Core.CloudCredential("AKIDEMUTENCENTROOTA00000000000000001", "emuTencentSecretKeyRootA000000001", null, "test");
            var e = Assert.Throws<DtsCrossAccount.Core.CloudApiException>(() =>
                new DtsCrossAccount.Transport.TencentApiClient(seeded, endpoints, null).Call("sts", "2018-08-13", "GetCallerIdentity", new DtsCrossAccount.Json.JsonObject(), "ap-guangzhou"));
            Assert.Equal("AuthFailure.SecretIdNotFound", e.Code);
        }
        finally
        {
            p.Kill(entireProcessTree: true);
            File.Delete(seed);
        }
    }
}
