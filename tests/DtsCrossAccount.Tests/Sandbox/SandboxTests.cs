using System.Diagnostics;
using System.Text.RegularExpressions;
using DtsCrossAccount.Sandbox;
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
        // The script's output is its summary: the two tasks, running.
        var tasks = r.Output.Select(o => o.BaseObject).OfType<SyncTask>().ToList();
        Assert.Equal(2, r.Output.Count);
        Assert.Contains(tasks, t => t.Cloud == "Tencent" && t.Status == "Running");
        Assert.Contains(tasks, t => t.Cloud == "Alibaba" && t.Status.Equals("Synchronizing", StringComparison.OrdinalIgnoreCase));
        // Each step as the console shows it: each role once created, then found unchanged by the re-run.
        var lines = r.Transcript.Split('\n').Select(l => l.TrimEnd('\r')).ToList();
        Assert.Equal(new[] { "True", "False" }, lines.Select(l => Regex.Match(l, @"^Tencent\s+100000000001\s+DTS-role\s+100000000002\s+(True|False)$"))
            .Where(m => m.Success).Select(m => m.Groups[1].Value));
        Assert.Equal(new[] { "True", "False" }, lines.Select(l => Regex.Match(l, @"^Alibaba\s+1000000000000001\s+ram-for-dts\s+1000000000000002\s+(True|False)$"))
            .Where(m => m.Success).Select(m => m.Groups[1].Value));
        Assert.Equal(2, lines.Count(l => l.EndsWith(": all checks passed", StringComparison.Ordinal)));
        Assert.DoesNotContain(lines, l => l.Contains("FAILED", StringComparison.Ordinal));
        // Never PowerShell's fallback list for a second type in one view (`Checks : {...}`), never a colour escape in a
        // redirected transcript, never wider than the 120-column window.
        Assert.DoesNotContain(lines, l => Regex.IsMatch(l, @"^(Checks|Changes)\s+: "));
        Assert.False(r.Transcript.Contains('\u001b', StringComparison.Ordinal), "colour escapes in a redirected transcript");
        Assert.All(lines, l => Assert.True(l.Length <= 120, l));
    }

    [Fact]
    public void Output_errors_and_warnings_appear_in_the_order_they_were_written()
    {
        var r = RunScript("""
            'first output'
            Write-Warning 'then a warning'
            Get-Item -Path (Join-Path ([IO.Path]::GetTempPath()) 'no-such-file-dtsca')
            Write-Host 'then a host line'
            'last output'
            """);
        Assert.Equal(1, r.ExitCode);
        Assert.Single(r.Errors);
        var lines = r.Transcript.Split('\n').Select(l => l.TrimEnd('\r')).ToList();
        int Index(string text)
        {
            int i = lines.FindIndex(l => l.Contains(text, StringComparison.Ordinal));
            Assert.True(i >= 0, text + " missing:\n" + r.Transcript);
            return i;
        }
        int first = Index("first output"), warning = Index("WARNING: then a warning"), error = Index("Get-Item: "),
            reason = Index("no-such-file-dtsca' because it does not exist."), host = Index("then a host line"), last = Index("last output");
        Assert.True(first < warning && warning < error && error < reason && reason < host && host < last, r.Transcript);
        // The error as pwsh's concise view shows it: where in the script, then why.
        Assert.Matches(@"^Get-Item: .+\.ps1:3$", lines[error]);
    }

    [Fact]
    public void A_terminating_error_stops_the_script_where_it_happened()
    {
        var r = RunScript("""
            $ErrorActionPreference = 'Stop'
            'before the error'
            New-DtsCrossAccountRole -Cloud Tencent -AccountId 100000000001 -TrustedAccountId 100000000001 -ProfileName tencent-a
            'never printed'
            """);
        Assert.Equal(1, r.ExitCode);
        Assert.Contains("TrustedAccountIsOwner", Assert.Single(r.Errors).FullyQualifiedErrorId);
        int before = r.Transcript.IndexOf("before the error", StringComparison.Ordinal);
        int error = r.Transcript.IndexOf("New-DtsCrossAccountRole: ", StringComparison.Ordinal);
        Assert.True(before >= 0 && error > before, r.Transcript);
        Assert.DoesNotContain("never printed", r.Transcript);
    }

    [Fact]
    public void The_run_sees_the_emulator_and_the_process_environment_is_restored_afterwards()
    {
        const string name = "DTSCROSSACCOUNT_ENDPOINT_URL", keyName = "TENCENTCLOUD_SECRET_ID";
        string? savedUrl = Environment.GetEnvironmentVariable(name), savedKey = Environment.GetEnvironmentVariable(keyName);
        Environment.SetEnvironmentVariable(name, "https://before.example.com/");
        Environment.SetEnvironmentVariable(keyName, "AKIDBEFORETHESANDBOXRAN");
        try
        {
            var r = RunScript("\"url=$env:DTSCROSSACCOUNT_ENDPOINT_URL key=[$env:TENCENTCLOUD_SECRET_ID]\"");
            Assert.Equal(0, r.ExitCode);
            Assert.Matches(@"^url=http://127\.0\.0\.1:\d+/? key=\[\]$", Assert.Single(r.Output).ToString());
            Assert.Equal("https://before.example.com/", Environment.GetEnvironmentVariable(name));
            Assert.Equal("AKIDBEFORETHESANDBOXRAN", Environment.GetEnvironmentVariable(keyName));
        }
        finally
        {
            Environment.SetEnvironmentVariable(name, savedUrl);
            Environment.SetEnvironmentVariable(keyName, savedKey);
        }
    }

    private static SandboxResult RunScript(string text)
    {
        string script = Path.Combine(Path.GetTempPath(), "sandbox-" + Guid.NewGuid().ToString("N") + ".ps1");
        File.WriteAllText(script, text);
        try { return SandboxRunner.Run(script); }
        finally { File.Delete(script); }
    }

    [Fact]
    public void Offboard_after_quickstart_removes_each_thing_once_and_again_changes_nothing()
    {
        string script = Path.Combine(Path.GetTempPath(), "offboard-" + Guid.NewGuid().ToString("N") + ".ps1");
        File.WriteAllText(script, "$examples = '" + RepoPaths.Examples.Replace("'", "''") + "'\n"
            + "& (Join-Path $examples quickstart.ps1) | Out-Null\n"
            + "& (Join-Path $examples offboard.ps1)\n"
            + "Write-Host 'AGAIN'\n"
            + "& (Join-Path $examples offboard.ps1)\n");
        SandboxResult r;
        try { r = SandboxRunner.Run(script); }
        finally { File.Delete(script); }
        Assert.True(r.ExitCode == 0, r.Transcript);
        // The summary rows: sync tasks, grant, roles; removed by the first run, already gone for the second.
        var rows = r.Output.Select(o => (Cloud: o.Properties["Cloud"]?.Value as string, Removed: o.Properties["Removed"]?.Value as string,
            Changed: o.Properties["Changed"]?.Value as bool?)).ToList();
        Assert.Equal(10, rows.Count);
        Assert.Equal(new[] { "sync task", "sync task", "grant", "role", "role" }, rows.Take(5).Select(x => x.Removed));
        Assert.All(rows.Take(5), x => Assert.True(x.Changed));
        Assert.All(rows.Skip(5), x => Assert.False(x.Changed));
        var lines = r.Transcript.Split('\n').Select(l => l.TrimEnd('\r')).ToList();
        Assert.Contains(lines, l => System.Text.RegularExpressions.Regex.IsMatch(l, @"^Tencent\s+sync-\w+\s+quickstart-orders\s+Released\s+True"));
        Assert.DoesNotContain(lines, l => System.Text.RegularExpressions.Regex.IsMatch(l, @"^(Checks|Changes|Arn)\s+: "));
        Assert.All(lines.Where(l => !l.StartsWith("WARNING: ", StringComparison.Ordinal)), l => Assert.True(l.Length <= 120, l));
    }

    public static TheoryData<string> Examples()
    {
        var data = new TheoryData<string>();
        foreach (var f in Directory.GetFiles(RepoPaths.Examples, "*.ps1").Select(Path.GetFileName).OrderBy(n => n))
            // onboard-many-accounts.ps1 ends with roles, not a task: OnboardManyAccountsTests runs it; offboard.ps1 ends
            // with what it removed: its own tests below and OffboardExampleTests.
            if (f != "quickstart.ps1" && f != "onboard-many-accounts.ps1" && f != "offboard.ps1") data.Add(f!);
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
        // Each step in its own view: no type falls back to PowerShell's generic list, no view wider than the window
        // (a warning is one line of the host, which the terminal wraps, in pwsh as here).
        var lines = r.Transcript.Split('\n').Select(l => l.TrimEnd('\r')).ToList();
        Assert.Contains(lines, l => Regex.IsMatch(l, @"^Cloud\s+AccountId\s+RoleName\s+TrustedAccountId\s+Changed$"));
        Assert.DoesNotContain(lines, l => Regex.IsMatch(l, @"^(Checks|Changes|Arn)\s+: "));
        Assert.All(lines.Where(l => !l.StartsWith("WARNING: ", StringComparison.Ordinal)), l => Assert.True(l.Length <= 120, l));
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
