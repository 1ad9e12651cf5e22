#nullable enable
using DtsCrossAccount.Alibaba;
using DtsCrossAccount.Core;
using DtsCrossAccount.Emulator.Core;
using DtsCrossAccount.Json;
using DtsCrossAccount.Services;
using DtsCrossAccount.Tencent;
using DtsCrossAccount.Transport;
using DtsCrossAccount.Tests.Infrastructure;
using Xunit;

namespace DtsCrossAccount.Tests.Transport;

/// <summary>
/// "Who am I" is asked of the cloud once per access key for the life of the process, whichever command (provider) asks:
/// each key is answered with its own account, never another's; a key with a wrong secret, or the same key at another
/// endpoint, still reaches the cloud; a refusal is not remembered. Once a key's account is known, the client limiter counts
/// the key's calls against that account, as the cloud does. Below the PowerShell engine (the providers the cmdlets build),
/// against the emulator: milliseconds per test.
/// </summary>
public sealed class CallerIdentityOncePerKeyTests : IAsyncLifetime
{
    private WireEmulator _emu = null!;

    public async Task InitializeAsync() => _emu = await WireEmulator.StartAsync();
    public async Task DisposeAsync() => await _emu.DisposeAsync();

    /// <summary>A provider as one cmdlet invocation builds it: its own context, the shared limiter.</summary>
    private static ICloudProvider Provider(string cloud, WireEmulator emu, CloudCredential credential, IOperationReporter? reporter = null)
    {
        var ctx = new ProviderContext
        {
            Credential = credential, EndpointOverride = emu.Server.BaseUrl, Reporter = reporter ?? NullReporter.Instance,
            Transport = WireEmulator.FastSettings(),
        };
        return cloud == "Tencent" ? new TencentProvider(ctx) : new AlibabaProvider(ctx);
    }

    private static AccessKey RootKey(WireEmulator emu, string cloud, string accountId) =>
        (cloud == "Tencent" ? emu.State.Tencent.Keys : emu.State.Alibaba.Keys).Values.First(k => k.Owner.IsRoot && k.Owner.AccountId == accountId && k.Token == null);

    private static string AccountOf(string cloud, char letter) =>
        cloud == "Tencent" ? (letter == 'A' ? "100000000001" : "100000000002") : (letter == 'A' ? "1000000000000001" : "1000000000000002");

    /// <summary>Adds keys to the emulator (a key ID of their own, so no other test's calls share their limiter windows).</summary>
    private CloudCredential[] Register(string cloud, params AccessKey[] keys)
    {
        lock (_emu.State.Sync) foreach (var k in keys) (cloud == "Tencent" ? _emu.State.Tencent.Keys : _emu.State.Alibaba.Keys)[k.Id] = k;
        return keys.Select(k => WireEmulator.Credential(k)).ToArray();
    }

    /// <summary>Two new keys of account A's root.</summary>
    private CloudCredential[] TwoNewKeysOfRootA(string cloud) => Register(cloud, Enumerable.Range(0, 2).Select(_ => new AccessKey
    {
        Id = (cloud == "Tencent" ? "AKID" : "LTAI") + "EMUKEYOFROOTA" + Guid.NewGuid().ToString("N")[..16], Secret = "keyOfRootASecret" + Guid.NewGuid().ToString("N"),
        Owner = RootKey(_emu, cloud, AccountOf(cloud, 'A')).Owner,
    }).ToArray());

    /// <summary>
    /// A new key of the root of account <paramref name="letter"/>, known to each emulator given. The identity cache is the
    /// process's and keyed by endpoint: an emulator that got the port of one an earlier test used would otherwise find the
    /// seed keys' identities already learned, and never be asked.
    /// </summary>
    private static AccessKey NewRootKey(string cloud, char letter, params WireEmulator[] emus)
    {
        var key = new AccessKey
        {
            Id = (cloud == "Tencent" ? "AKID" : "LTAI") + "EMUNEWROOT" + letter + Guid.NewGuid().ToString("N")[..16], Secret = "newRootSecret" + Guid.NewGuid().ToString("N"),
            Owner = RootKey(emus[0], cloud, AccountOf(cloud, letter)).Owner,
        };
        foreach (var emu in emus)
            lock (emu.State.Sync) (cloud == "Tencent" ? emu.State.Tencent.Keys : emu.State.Alibaba.Keys)[key.Id] = key;
        return key;
    }

    private IReadOnlyList<CallRecord> Asked(WireEmulator emu, string cloud) => emu.CallsOf(cloud, "GetCallerIdentity");

    [Theory]
    [InlineData("Tencent")]
    [InlineData("Alibaba")]
    public void Each_key_is_asked_once_by_however_many_commands_and_answered_with_its_own_account(string cloud)
    {
        var keyA = WireEmulator.Credential(NewRootKey(cloud, 'A', _emu));
        var keyB = WireEmulator.Credential(NewRootKey(cloud, 'B', _emu));

        // Three commands, each with its own provider, ask about both keys in turn.
        var answers = new List<string>();
        for (int command = 0; command < 3; command++)
            foreach (var key in new[] { keyA, keyB, keyA })
            {
                var who = Provider(cloud, _emu, keyA).GetCallerIdentity(key);
                answers.Add(key.AccessKeyId + "=" + who.AccountId);
            }

        Assert.Equal(9, answers.Count);
        Assert.All(answers, a => Assert.Equal(
            a.StartsWith(keyA.AccessKeyId + "=", StringComparison.Ordinal) ? keyA.AccessKeyId + "=" + AccountOf(cloud, 'A') : keyB.AccessKeyId + "=" + AccountOf(cloud, 'B'), a));
        var asked = Asked(_emu, cloud);
        Assert.Equal(new[] { AccountOf(cloud, 'A'), AccountOf(cloud, 'B') }, asked.Select(c => c.CallerAccountId));
        Assert.All(asked, c => Assert.Equal("OK", c.Result));
    }

    [Theory]
    [InlineData("Tencent")]
    [InlineData("Alibaba")]
    public void A_wrong_secret_for_a_known_key_reaches_the_cloud_is_refused_every_time_and_never_answered_from_memory(string cloud)
    {
        var root = NewRootKey(cloud, 'A', _emu);
        var good = WireEmulator.Credential(root);
        Assert.Equal(AccountOf(cloud, 'A'), Provider(cloud, _emu, good).GetCallerIdentity(good).AccountId);

        var wrong = WireEmulator.Credential(root, secret: "not-the-secret-of-this-key");
        for (int i = 0; i < 2; i++)
        {
            var ex = Assert.Throws<CloudApiException>(() => Provider(cloud, _emu, wrong).GetCallerIdentity(wrong));
            Assert.Equal(cloud == "Tencent" ? "AuthFailure.SignatureFailure" : "SignatureDoesNotMatch", ex.Code);
        }
        // The good secret is still answered from memory.
        Assert.Equal(AccountOf(cloud, 'A'), Provider(cloud, _emu, good).GetCallerIdentity(good).AccountId);

        Assert.Equal(new[] { "OK", "refused", "refused" }, Asked(_emu, cloud).Select(c => c.Result == "OK" ? "OK" : "refused"));
    }

    [Theory]
    [InlineData("Tencent")]
    [InlineData("Alibaba")]
    public async Task The_same_key_at_another_endpoint_is_asked_there_again(string cloud)
    {
        await using var other = await WireEmulator.StartAsync();
        var key = WireEmulator.Credential(NewRootKey(cloud, 'A', _emu, other));
        Provider(cloud, _emu, key).GetCallerIdentity(key);
        Provider(cloud, other, key).GetCallerIdentity(key);
        Provider(cloud, other, key).GetCallerIdentity(key);

        Assert.Single(Asked(_emu, cloud));
        Assert.Single(Asked(other, cloud));
    }

    [Theory]
    [InlineData("Tencent")]
    [InlineData("Alibaba")]
    public void A_key_whose_id_and_secret_run_together_like_anothers_is_still_asked_for_itself(string cloud)
    {
        // "…KEYX" + "Ysecret" and "…KEYXY" + "secret": the same characters in a row, two keys of two accounts.
        var prefix = (cloud == "Tencent" ? "AKIDEMURUN" : "LTAIEMURUN") + Guid.NewGuid().ToString("N")[..12].ToUpperInvariant();
        var secret = "runTogetherSecret" + Guid.NewGuid().ToString("N");
        var keys = Register(cloud,
            new AccessKey { Id = prefix + "X", Secret = "Y" + secret, Owner = RootKey(_emu, cloud, AccountOf(cloud, 'A')).Owner },
            new AccessKey { Id = prefix + "XY", Secret = secret, Owner = RootKey(_emu, cloud, AccountOf(cloud, 'B')).Owner });

        var firstAccount = Provider(cloud, _emu, keys[0]).GetCallerIdentity(keys[0]).AccountId;
        var secondAccount = Provider(cloud, _emu, keys[1]).GetCallerIdentity(keys[1]).AccountId;

        Assert.Equal((AccountOf(cloud, 'A'), AccountOf(cloud, 'B')), (firstAccount, secondAccount));
    }

    [Fact]
    public void Two_keys_of_one_tencent_user_share_the_users_limit_once_known_so_a_burst_across_both_is_never_throttled()
    {
        // Tencent counts CreateRole (2 per second) per sub-account or root, not per key. Two keys of the same root (new ones,
        // so no other test's calls share their windows):
        var root = RootKey(_emu, "Tencent", AccountOf("Tencent", 'A')).Owner;
        var credentials = TwoNewKeysOfRootA("Tencent");
        foreach (var key in credentials) Assert.Equal(root.UserId, Provider("Tencent", _emu, key).GetCallerIdentity(key).UserId);

        // Two calls with the first key, then one with the second, within a second: the third must wait for room.
        var reporter = new RecordingReporter();
        foreach (var key in new[] { credentials[0], credentials[0], credentials[1] })
            new TencentApiClient(key, new EndpointResolver(_emu.Server.BaseUrl), reporter, WireEmulator.FastSettings())
                .Call("cam", "2019-01-16", "CreateRole", new JsonObject().Set("RoleName", "shared-" + Guid.NewGuid().ToString("N")[..8]).Set("PolicyDocument",
                    "{\"version\":\"2.0\",\"statement\":[{\"action\":\"name/sts:AssumeRole\",\"effect\":\"allow\",\"principal\":{\"qcs\":[\"qcs::cam::uin/100000000002:root\"]}}]}"),
                    idempotent: false);

        Assert.Equal(new[] { "OK", "OK", "OK" }, _emu.CallsOf("Tencent", "CreateRole").Select(c => c.Result));
        Assert.Single(reporter.DebugLines, l => l.StartsWith("Tencent cam CreateRole: waited ", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Two_keys_of_one_alibaba_account_share_the_accounts_limit_once_known_so_a_burst_across_both_is_never_throttled()
    {
        // Alibaba counts DescribeDtsJobs (20 per second per region) per Alibaba Cloud account, whichever key. Two new keys
        // of account A (so no other test's calls share their windows):
        var root = RootKey(_emu, "Alibaba", AccountOf("Alibaba", 'A')).Owner;
        var credentials = TwoNewKeysOfRootA("Alibaba");
        foreach (var key in credentials) Assert.Equal(root.AccountId, Provider("Alibaba", _emu, key).GetCallerIdentity(key).AccountId);

        // Twenty listings with the first key at once (a thread each, so a busy machine cannot spread them over a second),
        // then one with the second key: it must wait for room.
        var reporter = new RecordingReporter();
        void List(CloudCredential key, IOperationReporter to) =>
            new AlibabaApiClient(key, new EndpointResolver(_emu.Server.BaseUrl), to, WireEmulator.FastSettings())
                .Call("dts", "2020-01-01", "DescribeDtsJobs", new Dictionary<string, string> { ["Region"] = "cn-beijing", ["JobType"] = "SYNC" }, region: "cn-beijing");
        var burst = Enumerable.Range(0, 20).Select(_ => Task.Factory.StartNew(() => List(credentials[0], NullReporter.Instance), TaskCreationOptions.LongRunning)).ToArray();
        await Task.WhenAll(burst).WaitAsync(TimeSpan.FromSeconds(60)); // TimeoutException: the first key's listings did not finish
        List(credentials[1], reporter);

        var listed = _emu.CallsOf("Alibaba", "DescribeDtsJobs");
        Assert.Equal(21, listed.Count);
        Assert.All(listed, c => Assert.Equal("OK", c.Result));
        Assert.Single(reporter.DebugLines, l => l.StartsWith("Alibaba dts DescribeDtsJobs: waited ", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("Tencent")]
    [InlineData("Alibaba")]
    public async Task A_new_emulator_at_an_earlier_ones_address_is_asked_again_once_that_address_is_forgotten(string cloud)
    {
        // The seed's own key, as the Sandbox's profiles use it: the same key ID and secret in every emulator.
        var seedKey = WireEmulator.Credential(RootKey(_emu, cloud, AccountOf(cloud, 'A')));
        var address = _emu.Server.BaseUrl;
        ICloudProvider At(Uri endpoint) => cloud == "Tencent"
            ? new TencentProvider(new ProviderContext { Credential = seedKey, EndpointOverride = endpoint, Reporter = NullReporter.Instance, Transport = WireEmulator.FastSettings() })
            : new AlibabaProvider(new ProviderContext { Credential = seedKey, EndpointOverride = endpoint, Reporter = NullReporter.Instance, Transport = WireEmulator.FastSettings() });
        At(address).GetCallerIdentity(seedKey);
        await _emu.DisposeAsync();

        await using var next = await DtsCrossAccount.Emulator.EmulatorServer.StartAsync(address.Port);
        Assert.Equal(address, next.BaseUrl);
        At(address).GetCallerIdentity(seedKey);
        Assert.DoesNotContain(next.Calls.Snapshot(), c => c.Action == "GetCallerIdentity"); // remembered from the earlier emulator

        FreshEmulator.Forget(next);
        Assert.Equal(AccountOf(cloud, 'A'), At(address).GetCallerIdentity(seedKey).AccountId);
        Assert.Single(next.Calls.Snapshot(), c => c.Action == "GetCallerIdentity" && c.Result == "OK");
        _emu = await WireEmulator.StartAsync(); // for DisposeAsync
    }

    [Theory]
    [InlineData("Tencent")]
    [InlineData("Alibaba")]
    public void What_the_process_remembers_a_key_by_holds_no_piece_of_its_secret(string cloud)
    {
        var key = RootKey(_emu, cloud, AccountOf(cloud, 'A'));
        var remembered = CallerIdentityCache.Key(cloud == "Tencent" ? CloudKind.Tencent : CloudKind.Alibaba, _emu.Server.BaseUrl, WireEmulator.Credential(key));

        Assert.Matches("\\A[0-9a-f]{64}\\z", remembered);
        for (int i = 0; i + 8 <= key.Secret.Length; i++)
            Assert.DoesNotContain(key.Secret.Substring(i, 8), remembered, StringComparison.OrdinalIgnoreCase);
    }
}
