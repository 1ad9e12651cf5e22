using DtsCrossAccount.Tests.Infrastructure;

namespace DtsCrossAccount.Tests.Security;

/// <summary>
/// Runs every cmdlet with -Verbose -Debug, on success and on failure paths, and scans every stream (output objects and
/// their properties, errors with their exceptions, warnings, verbose, debug, progress, information) for any secret:
/// access key secrets, session tokens, database passwords, and the temporary keys STS handed out during the run.
/// </summary>
public sealed class SecretScanTests : IAsyncLifetime
{
    private const string DbPassword = "Db-Pa55word-Never-Shown";
    private const string SessionToken = "session-token-never-shown-0123456789";
    private ModuleSession _s = null!;

    public async Task InitializeAsync() => _s = await ModuleSession.StartAsync();

    public async Task DisposeAsync() => await _s.DisposeAsync();

    private const string Helpers = """
        function Cred($id, $secret) { [pscredential]::new($id, [System.Net.NetworkCredential]::new('', $secret).SecurePassword) }
        $db = Cred 'dts_sync' 'Db-Pa55word-Never-Shown'
        """;

    [Fact]
    public void Tencent_cmdlets_leak_no_secret_in_any_stream()
    {
        var keys = Keys("Tencent");
        string script = Helpers + "\n" + $$"""
            $a = Cred '{{keys["tencent-a"].Id}}' '{{keys["tencent-a"].Secret}}'
            $b = Cred '{{keys["tencent-b"].Id}}' '{{keys["tencent-b"].Secret}}'
            $sub = Cred '{{keys["tencent-b-sub"].Id}}' '{{keys["tencent-b-sub"].Secret}}'
            $role = New-DtsCrossAccountRole -Cloud Tencent -AccountId 100000000001 -TrustedAccountId 100000000002 -ExternalId ext-scan -Credential $a -Verbose -Debug
            $role
            $role | Set-DtsTrustPolicy -Credential $a -Verbose -Debug -Confirm:$false
            $role | Grant-DtsSubAccountAssumeRole -SubAccountUin 100000000021 -Credential $b -Verbose -Debug
            $role | Test-DtsCrossAccountAccess -Region ap-guangzhou -Credential $sub -OwnerCredential $a -Verbose -Debug
            $role | New-DtsSyncTask -Name scan-task -Region ap-guangzhou -SourceInstanceId cdb-src00001 -DestinationInstanceId cdb-dst00001 `
                -SourceDatabaseCredential $db -DestinationDatabaseCredential $db -Database shop -Wait -Credential $sub -Verbose -Debug -Confirm:$false
            # Failure paths: a wrong secret, a session token with long-term keys, a wrong external ID.
            New-DtsCrossAccountRole -Cloud Tencent -AccountId 100000000001 -TrustedAccountId 100000000002 -Credential (Cred '{{keys["tencent-a"].Id}}' 'wrong-{{keys["tencent-a"].Secret}}') -SessionToken '{{SessionToken}}' -Verbose -Debug
            Test-DtsCrossAccountAccess -Cloud Tencent -RoleAccountId 100000000001 -RoleName DTS-role -ExternalId wrong-ext -Region ap-guangzhou -Credential $sub -Verbose -Debug
            """;
        var r = _s.Run(script.Replace("\r", ""));
        Assert.True(r.All<SyncTask>().Any(t => t.Status == "Running"), Describe(r));
        Assert.NotEmpty(r.Errors);
        AssertNoSecret(r, keys.Values.Select(k => k.Secret));
    }

    [Fact]
    public void Alibaba_cmdlets_leak_no_secret_in_any_stream()
    {
        var keys = Keys("Alibaba");
        string script = Helpers + "\n" + $$"""
            $a = Cred '{{keys["alibaba-a"].Id}}' '{{keys["alibaba-a"].Secret}}'
            $b = Cred '{{keys["alibaba-b"].Id}}' '{{keys["alibaba-b"].Secret}}'
            $c = Cred '{{keys["alibaba-c"].Id}}' '{{keys["alibaba-c"].Secret}}'
            $op = Cred '{{keys["alibaba-c-operator"].Id}}' '{{keys["alibaba-c-operator"].Secret}}'
            $role = New-DtsCrossAccountRole -Cloud Alibaba -AccountId 1000000000000001 -TrustedAccountId 1000000000000003 -Credential $a -Verbose -Debug
            $role
            $role | Set-DtsTrustPolicy -Credential $a -Verbose -Debug -Confirm:$false
            $role | Grant-DtsSubAccountAssumeRole -RamUserName dts-operator -Credential $c -Verbose -Debug
            $role | Test-DtsCrossAccountAccess -Region cn-hangzhou -Credential $op -OwnerCredential $a -Verbose -Debug
            $dst = New-DtsCrossAccountRole -Cloud Alibaba -AccountId 1000000000000002 -TrustedAccountId 1000000000000003 -Credential $b -Verbose -Debug
            $role | New-DtsSyncTask -Name scan-task -Region cn-hangzhou -SourceInstanceId rm-src0000001 -DestinationRole $dst -DestinationInstanceId rm-dst0000001 `
                -SourceDatabaseCredential $db -DestinationDatabaseCredential $db -Database shop -Wait -Credential $c -Verbose -Debug -Confirm:$false
            New-DtsCrossAccountRole -Cloud Alibaba -AccountId 1000000000000001 -TrustedAccountId 1000000000000003 -Credential (Cred '{{keys["alibaba-a"].Id}}' 'wrong-{{keys["alibaba-a"].Secret}}') -SessionToken '{{SessionToken}}' -Verbose -Debug
            """;
        var r = _s.Run(script.Replace("\r", ""));
        Assert.True(r.All<SyncTask>().Any(t => t.Status.Equals("Synchronizing", StringComparison.OrdinalIgnoreCase)), Describe(r));
        Assert.NotEmpty(r.Errors);
        AssertNoSecret(r, keys.Values.Select(k => k.Secret));
    }

    private static string Describe(RunResult r) => string.Join("\n", r.Errors.Select(e => e.FullyQualifiedErrorId + ": " + e.Exception.Message)) + "\n" + r.Terminating;

    private Dictionary<string, (string Id, string Secret)> Keys(string cloud)
    {
        // Read the seeded keys back from the profile file the session wrote, as a user's script would hold them.
        var result = new Dictionary<string, (string, string)>();
        if (cloud == "Tencent")
        {
            string? section = null; string? id = null;
            foreach (var line in File.ReadAllLines(_s.Profiles.TencentCredentialsFile))
            {
                if (line.StartsWith('[')) { section = line.Trim('[', ']'); continue; }
                if (line.StartsWith("secret_id")) id = line.Split('=', 2)[1].Trim();
                if (line.StartsWith("secret_key")) result[section!] = (id!, line.Split('=', 2)[1].Trim());
            }
        }
        else
        {
            var doc = System.Text.Json.Nodes.JsonNode.Parse(File.ReadAllText(_s.Profiles.AlibabaConfigFile))!;
            foreach (var p in doc["profiles"]!.AsArray())
                result[(string)p!["name"]!] = ((string)p["access_key_id"]!, (string)p["access_key_secret"]!);
        }
        return result;
    }

    private void AssertNoSecret(RunResult r, IEnumerable<string> longTermSecrets)
    {
        string text = r.AllText();
        Assert.True(text.Length > 1000, "the scan must see real output");
        var temporary = _s.State.Tencent.Keys.Values.Concat(_s.State.Alibaba.Keys.Values).Where(k => k.Token != null).ToList();
        Assert.NotEmpty(temporary); // the run assumed roles, so temporary keys exist and must be scanned for too
        var secrets = longTermSecrets.Concat(new[] { DbPassword, SessionToken })
            .Concat(temporary.SelectMany(k => new[] { k.Secret, k.Token! }));
        foreach (var secret in secrets)
            Assert.False(text.Contains(secret, StringComparison.Ordinal), "a secret appeared in a stream: " + secret[..4] + "…");
        Assert.DoesNotContain("Signature=", text);
        Assert.DoesNotContain("TC3-HMAC-SHA256 Credential", text);
        Assert.DoesNotContain("ACS3-HMAC-SHA256 Credential", text);
    }
}
