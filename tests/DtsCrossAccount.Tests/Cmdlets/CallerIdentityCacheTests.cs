using DtsCrossAccount.Emulator.Core;
using DtsCrossAccount.Tests.Infrastructure;

namespace DtsCrossAccount.Tests.Cmdlets;

/// <summary>"Who am I" is asked once per key for the life of the process, never for a key the cloud has not accepted.</summary>
public sealed class CallerIdentityCacheTests
{
    private const string A = "1000000000000001", B = "1000000000000002";

    /// <summary>
    /// A root key of <paramref name="account"/> that no earlier test used, as PowerShell variable $<paramref name="variable"/>.
    /// The identity cache is the process's, keyed by endpoint and key: an emulator that gets a port an earlier test's
    /// emulator had would find the seed keys' identities cached already, and this test counts the calls.
    /// </summary>
    private static string FreshRootKey(ModuleSession s, string account, string variable)
    {
        AccessKey key;
        lock (s.State.Sync)
        {
            var root = s.State.Alibaba.Keys.Values.First(k => k.Owner.AccountId == account && k.Owner.IsRoot && k.Token == null);
            key = new AccessKey { Id = "LTAIEMUFRESH" + Guid.NewGuid().ToString("N")[..16], Secret = "freshRootSecret" + Guid.NewGuid().ToString("N"), Owner = root.Owner };
            s.State.Alibaba.Keys[key.Id] = key;
        }
        return $"${variable} = [pscredential]::new('{key.Id}', (ConvertTo-SecureString '{key.Secret}' -AsPlainText -Force)); ";
    }

    private const string Check =
        "Test-DtsCrossAccountAccess -Cloud Alibaba -Credential $b -OwnerCredential $a -RoleAccountId " + A + " -RoleName ram-for-dts";

    [Fact]
    public async Task Alibaba_access_check_with_an_owner_profile_asks_each_key_once_and_a_second_run_asks_none()
    {
        await using var s = await ModuleSession.StartAsync();
        Assert.Empty(s.Run(FreshRootKey(s, A, "a") + FreshRootKey(s, B, "b")
            + "New-DtsCrossAccountRole -Cloud Alibaba -Credential $a -AccountId " + A + " -TrustedAccountId " + B).Errors);
        int mark = s.CallCount;

        var first = s.Run(Check);
        Assert.Empty(first.Errors);
        Assert.True(first.Single<AccessCheck>().Passed);
        var asked = s.Calls.Snapshot().Skip(mark).Where(c => c.Action == "GetCallerIdentity").ToList();
        // The owner key was already asked by New-DtsCrossAccountRole; the task account's key once.
        Assert.Equal(new[] { B }, asked.Select(c => c.CallerAccountId));

        mark = s.CallCount;
        var second = s.Run(Check);
        Assert.Empty(second.Errors);
        Assert.True(second.Single<AccessCheck>().Passed);
        Assert.DoesNotContain(s.Calls.Snapshot().Skip(mark), c => c.Action == "GetCallerIdentity");
    }

    [Theory]
    [InlineData("Tencent", "tencent-a", "AKIDEMUTENCENTROOTA00000000000000001", "AuthFailure.SignatureFailure")]
    [InlineData("Alibaba", "alibaba-a", "LTAIEMUALIBABAROOTA001", "SignatureDoesNotMatch")]
    public async Task A_known_key_with_a_wrong_secret_still_reaches_the_cloud_and_fails(string cloud, string profile, string keyId, string code)
    {
        await using var s = await ModuleSession.StartAsync();
        var owner = cloud == "Tencent" ? "100000000001" : A;
        var trusted = cloud == "Tencent" ? "100000000002" : B;
        Assert.Empty(s.Run($"New-DtsCrossAccountRole -Cloud {cloud} -ProfileName {profile} -AccountId {owner} -TrustedAccountId {trusted}").Errors);

        var r = s.Run($"$c = [pscredential]::new('{keyId}', [System.Net.NetworkCredential]::new('', 'not-the-secret-at-all').SecurePassword); " +
                      $"New-DtsCrossAccountRole -Cloud {cloud} -Credential $c -AccountId {owner} -TrustedAccountId {trusted}");

        var error = Assert.Single(r.Errors);
        Assert.StartsWith("CloudApi." + code, error.FullyQualifiedErrorId);
        Assert.Equal(System.Management.Automation.ErrorCategory.AuthenticationError, error.CategoryInfo.Category);
    }
}
