using System.Security.Cryptography;
using System.Text.Json.Nodes;
using DtsCrossAccount.Emulator.Core;
using DtsCrossAccount.Tests.Infrastructure;

namespace DtsCrossAccount.Tests.Security;

/// <summary>
/// Runs every cmdlet with -Verbose -Debug on every path (create, a change that really changes, the no-op re-run, and
/// failures: wrong key, missing role, throttled) and scans every stream for any 8-character piece of any secret: the
/// seeded keys' secrets, database passwords, a session token, and every temporary key and token STS handed out during
/// the run (read from the emulator's state). Streams: output objects as the console formats them, and as JSON of
/// every property; errors with their exceptions and details; warnings, verbose, debug, information, progress.
/// </summary>
public sealed class SecretScanTests : IAsyncLifetime
{
    private const string DbPassword = "Db-Pa55word-Never-Shown";
    private const string SessionToken = "session-token-never-shown-0123456789";
    private ModuleSession _s = null!;
    private readonly List<RunResult> _runs = new();
    private readonly List<string> _renderings = new();
    private readonly StringWriter _console = new();
    private readonly Lazy<System.Management.Automation.Runspaces.Runspace> _consoleRunspace;

    public SecretScanTests() => _consoleRunspace = new(() =>
    {
        var rs = System.Management.Automation.Runspaces.RunspaceFactory.CreateRunspace(
            new DtsCrossAccount.Sandbox.SandboxHost(_console), System.Management.Automation.Runspaces.InitialSessionState.CreateDefault2());
        rs.Open();
        using var ps = System.Management.Automation.PowerShell.Create();
        ps.Runspace = rs;
        ps.AddScript("Import-Module -Name $args[0] -ErrorAction Stop").AddArgument(RepoPaths.Manifest).Invoke();
        return rs;
    });

    // Random secrets: the seed's readable ones share pieces like "00000000" with account IDs, which would make an
    // 8-character scan fail on innocent output. Random ones make every piece specific to its secret.
    public async Task InitializeAsync() => _s = await ModuleSession.StartAsync(RandomSecretSeed());

    public async Task DisposeAsync()
    {
        if (_consoleRunspace.IsValueCreated) _consoleRunspace.Value.Dispose();
        await _s.DisposeAsync();
    }

    private static string RandomSecretSeed()
    {
        var seed = JsonNode.Parse(Seed.DefaultSeedJson())!;
        void Walk(JsonNode? node)
        {
            if (node is JsonObject o)
            {
                foreach (var name in new[] { "secretKey", "accessKeySecret" })
                    if (o[name] != null) o[name] = RandomNumberGenerator.GetString("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789", 40);
                foreach (var child in o.Select(p => p.Value).ToList()) Walk(child);
            }
            else if (node is JsonArray a) foreach (var child in a) Walk(child);
        }
        Walk(seed);
        return seed.ToJsonString();
    }

    private const string Helpers = """
        function Cred($id, $secret) { [pscredential]::new($id, [System.Net.NetworkCredential]::new('', $secret).SecurePassword) }
        $db = Cred 'dts_sync' 'Db-Pa55word-Never-Shown'
        """;

    [Fact]
    public void Tencent_cmdlets_leak_no_piece_of_a_secret_on_any_path()
    {
        var k = Keys("tencent");
        string wrong(string profile) => $"(Cred '{k[profile].Id}' 'wrong-{k[profile].Secret}')";
        const string A = "100000000001", B = "100000000002", C = "100000000003";
        string task = $"-Name scan-task -Region ap-guangzhou -SourceInstanceId cdb-src00001 -DestinationInstanceId cdb-dst00001 -SourceDatabaseCredential $db -DestinationDatabaseCredential $db -Database shop -Confirm:$false";
        Step("credentials", Helpers + $"""

            $a = Cred '{k["tencent-a"].Id}' '{k["tencent-a"].Secret}'
            $b = Cred '{k["tencent-b"].Id}' '{k["tencent-b"].Secret}'
            $sub = Cred '{k["tencent-b-sub"].Id}' '{k["tencent-b-sub"].Secret}'
            """);
        // Create paths.
        var role = Step("create role", $"$role = New-DtsCrossAccountRole -Cloud Tencent -AccountId {A} -TrustedAccountId {B} -RoleName DTS-role -ExternalId ext-scan -Credential $a; $role");
        Assert.True(role.Single<CrossAccountRole>().Changed, Describe(role));
        Assert.True(Step("create grant", $"$role | Grant-DtsSubAccountAssumeRole -SubAccountUin 100000000021 -Credential $b").Single<AssumeRoleGrant>().Changed);
        Assert.True(Step("access passes", "$role | Test-DtsCrossAccountAccess -Region ap-guangzhou -Credential $sub -OwnerCredential $a").Single<AccessCheck>().Passed);
        var created = Step("create task", $"$role | New-DtsSyncTask {task} -Wait -Credential $sub");
        Assert.Equal("Running", created.Single<SyncTask>().Status);
        // Changes that really change: the trust moves to another account and back.
        Assert.True(Step("trust changes", $"$role | Set-DtsTrustPolicy -TrustedAccountId {C} -Credential $a -Confirm:$false").Single<CrossAccountRole>().Changed);
        Assert.True(Step("trust changes back", $"$role | Set-DtsTrustPolicy -TrustedAccountId {B} -Credential $a -Confirm:$false").Single<CrossAccountRole>().Changed);
        // No-op re-runs.
        Assert.False(Step("role re-run", $"New-DtsCrossAccountRole -Cloud Tencent -AccountId {A} -TrustedAccountId {B} -RoleName DTS-role -ExternalId ext-scan -Credential $a").Single<CrossAccountRole>().Changed);
        Assert.False(Step("trust re-run", "$role | Set-DtsTrustPolicy -Credential $a -Confirm:$false").Single<CrossAccountRole>().Changed);
        Assert.False(Step("grant re-run", "$role | Grant-DtsSubAccountAssumeRole -SubAccountUin 100000000021 -Credential $b").Single<AssumeRoleGrant>().Changed);
        Assert.Equal(created.Single<SyncTask>().TaskId, Step("task re-run", $"$role | New-DtsSyncTask {task} -Credential $sub").Single<SyncTask>().TaskId);
        LifeCycle("Tencent", "ap-guangzhou", "$sub", wrong("tencent-b-sub"));
        // Failures: a wrong secret (with a session token) on every cmdlet, a missing role, a wrong external ID, throttling.
        Fails("wrong key: role", $"New-DtsCrossAccountRole -Cloud Tencent -AccountId {A} -TrustedAccountId {B} -Credential {wrong("tencent-a")} -SessionToken '{SessionToken}'");
        Fails("wrong key: trust", $"$role | Set-DtsTrustPolicy -Credential {wrong("tencent-a")} -Confirm:$false");
        Fails("wrong key: grant", $"$role | Grant-DtsSubAccountAssumeRole -SubAccountUin 100000000021 -Credential {wrong("tencent-b")}");
        Fails("wrong key: access", $"$role | Test-DtsCrossAccountAccess -Region ap-guangzhou -Credential {wrong("tencent-b-sub")}", allowOutput: true);
        Fails("wrong key: task", $"$role | New-DtsSyncTask {task} -Credential {wrong("tencent-b-sub")}");
        Fails("missing role: access", $"Test-DtsCrossAccountAccess -Cloud Tencent -RoleAccountId {A} -RoleName no-such-role -Region ap-guangzhou -Credential $sub -OwnerCredential $a", allowOutput: true);
        Fails("missing role: trust", $"Set-DtsTrustPolicy -Cloud Tencent -AccountId {A} -RoleName no-such-role -TrustedAccountId {B} -Credential $a -Confirm:$false");
        Fails("missing role: task", $"New-DtsSyncTask -Cloud Tencent -SourceAccountId {A} -SourceRoleName no-such-role -Name scan-missing -Region ap-guangzhou -SourceInstanceId cdb-src00001 -DestinationInstanceId cdb-dst00001 -SourceDatabaseCredential $db -DestinationDatabaseCredential $db -Database shop -Confirm:$false -Credential $sub");
        Fails("wrong external id", $"Test-DtsCrossAccountAccess -Cloud Tencent -RoleAccountId {A} -RoleName DTS-role -ExternalId wrong-ext -Region ap-guangzhou -Credential $sub", allowOutput: true);
        Throttled("Tencent", "*", "RequestLimitExceeded", new[]
        {
            $"New-DtsCrossAccountRole -Cloud Tencent -AccountId {A} -TrustedAccountId {C} -RoleName DTS-throttled -Credential $a",
            $"$role | Set-DtsTrustPolicy -TrustedAccountId {C} -Credential $a -Confirm:$false",
            "$role | Grant-DtsSubAccountAssumeRole -SubAccountUin 100000000021 -Credential $b -PolicyName throttled-grant",
            $"$role | New-DtsSyncTask {task.Replace("scan-task", "scan-throttled")} -Credential $sub",
        });
        // Throttled at the purchase, after the role was assumed: the temporary keys are in hand when the error is written.
        Throttled("Tencent", "CreateSyncJob", "RequestLimitExceeded", new[] { $"$role | New-DtsSyncTask {task.Replace("scan-task", "scan-throttled")} -Credential $sub" });

        // The undo: wrong keys, then revoke and remove for real, then the no-op re-runs.
        Fails("wrong key: revoke", $"$role | Grant-DtsSubAccountAssumeRole -SubAccountUin 100000000021 -Credential $b | Revoke-DtsSubAccountAssumeRole -Credential {wrong("tencent-b")} -Confirm:$false");
        Fails("wrong key: remove", $"$role | Remove-DtsCrossAccountRole -Credential {wrong("tencent-a")} -Confirm:$false");
        Assert.True(Step("revoke grant", "$role | Grant-DtsSubAccountAssumeRole -SubAccountUin 100000000021 -Credential $b | Revoke-DtsSubAccountAssumeRole -Credential $b -Confirm:$false").Single<AssumeRoleGrant>().Changed);
        Assert.True(Step("remove role", "$role | Remove-DtsCrossAccountRole -Credential $a -Confirm:$false").Single<CrossAccountRole>().Changed);
        Assert.False(Step("revoke re-run", $"Revoke-DtsSubAccountAssumeRole -Cloud Tencent -SubAccountUin 100000000021 -RoleAccountId {A} -RoleName DTS-role -Credential $b -Confirm:$false").Single<AssumeRoleGrant>().Changed);
        Assert.False(Step("remove re-run", "$role | Remove-DtsCrossAccountRole -Credential $a -Confirm:$false").Single<CrossAccountRole>().Changed);

        AssertNoSecretAnywhere(k.Values.Select(v => v.Secret), _s.State.Tencent.Keys.Values);
    }

    [Fact]
    public void Alibaba_cmdlets_leak_no_piece_of_a_secret_on_any_path()
    {
        var k = Keys("alibaba");
        string wrong(string profile) => $"(Cred '{k[profile].Id}' 'wrong-{k[profile].Secret}')";
        const string A = "1000000000000001", B = "1000000000000002", C = "1000000000000003";
        string task = "-Name scan-task -Region cn-hangzhou -SourceInstanceId rm-src0000001 -DestinationRole $dst -DestinationInstanceId rm-dst0000001 -SourceDatabaseCredential $db -DestinationDatabaseCredential $db -Database shop -Confirm:$false";
        Step("credentials", Helpers + $"""

            $a = Cred '{k["alibaba-a"].Id}' '{k["alibaba-a"].Secret}'
            $b = Cred '{k["alibaba-b"].Id}' '{k["alibaba-b"].Secret}'
            $c = Cred '{k["alibaba-c"].Id}' '{k["alibaba-c"].Secret}'
            $op = Cred '{k["alibaba-c-operator"].Id}' '{k["alibaba-c-operator"].Secret}'
            """);
        var role = Step("create role", $"$role = New-DtsCrossAccountRole -Cloud Alibaba -AccountId {A} -TrustedAccountId {C} -Credential $a; $role");
        Assert.True(role.Single<CrossAccountRole>().Changed, Describe(role));
        Assert.True(Step("create destination role", $"$dst = New-DtsCrossAccountRole -Cloud Alibaba -AccountId {B} -TrustedAccountId {C} -Credential $b; $dst").Single<CrossAccountRole>().Changed);
        Assert.True(Step("create grant", "$role | Grant-DtsSubAccountAssumeRole -RamUserName dts-operator -Credential $c").Single<AssumeRoleGrant>().Changed);
        Assert.True(Step("access passes", "$role | Test-DtsCrossAccountAccess -Region cn-hangzhou -Credential $op -OwnerCredential $a").Single<AccessCheck>().Passed);
        var created = Step("create task", $"$role | New-DtsSyncTask {task} -Wait -Credential $c");
        Assert.Equal("synchronizing", created.Single<SyncTask>().Status.ToLowerInvariant());
        Assert.True(Step("trust changes", $"$role | Set-DtsTrustPolicy -TrustedAccountId {B} -Credential $a -Confirm:$false").Single<CrossAccountRole>().Changed);
        Assert.True(Step("trust changes back", $"$role | Set-DtsTrustPolicy -TrustedAccountId {C} -Credential $a -Confirm:$false").Single<CrossAccountRole>().Changed);
        Assert.False(Step("role re-run", $"New-DtsCrossAccountRole -Cloud Alibaba -AccountId {A} -TrustedAccountId {C} -Credential $a").Single<CrossAccountRole>().Changed);
        Assert.False(Step("trust re-run", "$role | Set-DtsTrustPolicy -Credential $a -Confirm:$false").Single<CrossAccountRole>().Changed);
        Assert.False(Step("grant re-run", "$role | Grant-DtsSubAccountAssumeRole -RamUserName dts-operator -Credential $c").Single<AssumeRoleGrant>().Changed);
        Assert.Equal(created.Single<SyncTask>().TaskId, Step("task re-run", $"$role | New-DtsSyncTask {task} -Credential $c").Single<SyncTask>().TaskId);
        LifeCycle("Alibaba", "cn-hangzhou", "$c", wrong("alibaba-c"));
        Fails("wrong key: role", $"New-DtsCrossAccountRole -Cloud Alibaba -AccountId {A} -TrustedAccountId {C} -Credential {wrong("alibaba-a")} -SessionToken '{SessionToken}'");
        Fails("wrong key: trust", $"$role | Set-DtsTrustPolicy -Credential {wrong("alibaba-a")} -Confirm:$false");
        Fails("wrong key: grant", $"$role | Grant-DtsSubAccountAssumeRole -RamUserName dts-operator -Credential {wrong("alibaba-c")}");
        Fails("wrong key: access", $"$role | Test-DtsCrossAccountAccess -Region cn-hangzhou -Credential {wrong("alibaba-c-operator")}", allowOutput: true);
        Fails("wrong key: task", $"$role | New-DtsSyncTask {task} -Credential {wrong("alibaba-c")}");
        Fails("missing role: access", $"Test-DtsCrossAccountAccess -Cloud Alibaba -RoleAccountId {A} -RoleName no-such-role -Region cn-hangzhou -Credential $op -OwnerCredential $a", allowOutput: true);
        Fails("missing role: trust", $"Set-DtsTrustPolicy -Cloud Alibaba -AccountId {A} -RoleName no-such-role -TrustedAccountId {C} -Credential $a -Confirm:$false");
        Fails("missing role: task", $"New-DtsSyncTask -Cloud Alibaba -SourceAccountId {A} -SourceRoleName no-such-role -Name scan-missing -Region cn-hangzhou -SourceInstanceId rm-src0000001 -DestinationRole $dst -DestinationInstanceId rm-dst0000001 -SourceDatabaseCredential $db -DestinationDatabaseCredential $db -Database shop -Confirm:$false -Credential $c");
        Throttled("Alibaba", "*", "Throttling.User", new[]
        {
            $"New-DtsCrossAccountRole -Cloud Alibaba -AccountId {A} -TrustedAccountId {B} -RoleName dts-throttled -Credential $a",
            $"$role | Set-DtsTrustPolicy -TrustedAccountId {B} -Credential $a -Confirm:$false",
            "$role | Grant-DtsSubAccountAssumeRole -RamUserName dts-operator -Credential $c -PolicyName throttled-grant",
            $"$role | New-DtsSyncTask {task.Replace("scan-task", "scan-throttled")} -Credential $c",
        });
        Throttled("Alibaba", "CreateDtsInstance", "Throttling.User", new[] { $"$role | New-DtsSyncTask {task.Replace("scan-task", "scan-throttled")} -Credential $c" });

        Fails("wrong key: revoke", $"$role | Grant-DtsSubAccountAssumeRole -RamUserName dts-operator -Credential $c | Revoke-DtsSubAccountAssumeRole -Credential {wrong("alibaba-c")} -Confirm:$false");
        Fails("wrong key: remove", $"$role | Remove-DtsCrossAccountRole -Credential {wrong("alibaba-a")} -Confirm:$false");
        Assert.True(Step("revoke grant", "$role | Grant-DtsSubAccountAssumeRole -RamUserName dts-operator -Credential $c | Revoke-DtsSubAccountAssumeRole -Credential $c -Confirm:$false").Single<AssumeRoleGrant>().Changed);
        Assert.True(Step("remove role", "$role | Remove-DtsCrossAccountRole -Credential $a -Confirm:$false").Single<CrossAccountRole>().Changed);
        Assert.False(Step("revoke re-run", $"Revoke-DtsSubAccountAssumeRole -Cloud Alibaba -RamUserName dts-operator -RoleAccountId {A} -RoleName ram-for-dts -Credential $c -Confirm:$false").Single<AssumeRoleGrant>().Changed);
        Assert.False(Step("remove re-run", "$role | Remove-DtsCrossAccountRole -Credential $a -Confirm:$false").Single<CrossAccountRole>().Changed);

        AssertNoSecretAnywhere(k.Values.Select(v => v.Secret), _s.State.Alibaba.Keys.Values);
    }

    /// <summary>Get (by name, listing, -Wait), a refused and a failed stop and remove, then stop, remove and the no-op re-run of remove.</summary>
    private void LifeCycle(string cloud, string region, string credential, string wrongCredential)
    {
        string select = $"-Cloud {cloud} -Region {region}";
        Assert.Equal("scan-task", Step("get task", $"$t = Get-DtsSyncTask {select} -Name scan-task -Credential {credential}; $t").Single<SyncTask>().Name);
        Assert.NotEmpty(Step("list tasks", $"Get-DtsSyncTask {select} -Credential {credential}").All<SyncTask>());
        Step("wait for task", $"$t | Get-DtsSyncTask -Wait -Credential {credential}");
        Fails("wrong key: get", $"$t | Get-DtsSyncTask -Credential {wrongCredential}");
        Fails("missing task: get", $"Get-DtsSyncTask {select} -Name no-such-task -Credential {credential}");
        Fails("wrong key: stop", $"$t | Stop-DtsSyncTask -Credential {wrongCredential} -Confirm:$false");
        Fails("wrong key: remove", $"$t | Remove-DtsSyncTask -Credential {wrongCredential} -Confirm:$false");
        Assert.True(Step("stop task", $"$t | Stop-DtsSyncTask -Credential {credential} -Confirm:$false").Single<SyncTask>().Changed);
        Assert.True(Step("remove task", $"$t | Remove-DtsSyncTask -Credential {credential} -Confirm:$false").Single<SyncTask>().Changed);
        Assert.False(Step("remove re-run", $"$t | Remove-DtsSyncTask -Credential {credential} -Confirm:$false").Single<SyncTask>().Changed);
    }

    private RunResult Step(string label, string script)
    {
        var r = _s.Run("$VerbosePreference = 'Continue'; $DebugPreference = 'Continue'; $InformationPreference = 'Continue'\n" + script.Replace("\r", ""));
        Assert.True(r.Errors.Count == 0 && r.Terminating == null, label + ": " + Describe(r));
        Keep(r);
        return r;
    }

    private void Fails(string label, string script, bool allowOutput = false)
    {
        var r = _s.Run("$VerbosePreference = 'Continue'; $DebugPreference = 'Continue'; $InformationPreference = 'Continue'\n" + script.Replace("\r", ""));
        // A failed access check is an AccessCheck that did not pass, not an error; anything else must be an error.
        bool failed = r.Errors.Count > 0 || r.Terminating != null || (allowOutput && r.All<AccessCheck>().Any(c => !c.Passed));
        Assert.True(failed, label + " did not fail");
        Keep(r);
    }

    // Every call of the given action answers with the throttling code until the retries give up.
    private void Throttled(string cloud, string action, string code, IEnumerable<string> scripts)
    {
        foreach (var script in scripts)
        {
            _s.Emulator.Faults.Add(cloud, action, code, times: 100);
            int mark = _s.CallCount;
            try
            {
                Fails("throttled " + action, script);
                Assert.Contains(_s.Calls.Snapshot().Skip(mark), c => c.Result == code); // the throttle was hit, not some other failure
            }
            finally { _s.Emulator.Faults.Clear(); }
        }
    }

    // The objects as a console shows them (Out-Default through the module's format views, to a host that captures the
    // text) and as JSON of every public property (what ConvertTo-Json writes; the bare engine has no Utility module).
    // Every property's string value is in RunResult.AllText already.
    private void Keep(RunResult r)
    {
        _runs.Add(r);
        if (r.Output.Count == 0) return;
        _console.GetStringBuilder().Clear();
        using (var ps = System.Management.Automation.PowerShell.Create())
        {
            ps.Runspace = _consoleRunspace.Value;
            ps.AddScript("$args[0] | Out-Default").AddArgument(r.Output.ToArray());
            ps.Invoke();
            Assert.False(ps.HadErrors, string.Join("\n", ps.Streams.Error));
        }
        string shown = _console.ToString();
        Assert.False(string.IsNullOrWhiteSpace(shown), "the console rendering must show the objects");
        _renderings.Add(shown);
        var json = new System.Text.Json.JsonSerializerOptions { Converters = { new System.Text.Json.Serialization.JsonStringEnumConverter() } };
        foreach (var o in r.Output)
            _renderings.Add(System.Text.Json.JsonSerializer.Serialize(o.BaseObject, o.BaseObject.GetType(), json));
    }

    private void AssertNoSecretAnywhere(IEnumerable<string> longTermSecrets, IEnumerable<AccessKey> emulatorKeys)
    {
        var temporary = emulatorKeys.Where(key => key.Token != null).ToList();
        Assert.NotEmpty(temporary); // the run assumed roles, so temporary keys exist and must be scanned for too
        var secrets = longTermSecrets.Select(s => ("a seeded secret", s))
            .Append(("the database password", DbPassword))
            .Append(("the session token", SessionToken))
            .Concat(temporary.Select(t => ("a temporary secret", t.Secret)))
            .Concat(temporary.Select(t => ("a temporary token", t.Token!)))
            .ToList();
        string text = string.Join("\n", _runs.Select(r => r.AllText()).Concat(_renderings));
        Assert.True(text.Length > 5000, "the scan must see real output");
        Assert.Contains("RequestId", text); // verbose API lines are in the scanned text
        Assert.Null(SecretScanner.FindLeak(text, secrets));
        Assert.DoesNotContain("Signature=", text);
        Assert.DoesNotContain("TC3-HMAC-SHA256 Credential", text);
        Assert.DoesNotContain("ACS3-HMAC-SHA256 Credential", text);
    }

    private static string Describe(RunResult r) => string.Join("\n", r.Errors.Select(e => e.FullyQualifiedErrorId + ": " + e.Exception.Message)) + "\n" + r.Terminating;

    private Dictionary<string, (string Id, string Secret)> Keys(string cloud) =>
        DtsCrossAccount.Sandbox.SandboxProfiles.SeededKeys(_s.SeedJson).Where(key => key.Cloud == cloud).ToDictionary(key => key.Profile, key => (key.Id, key.Secret));
}
