using DtsCrossAccount.Tests.Infrastructure;

namespace DtsCrossAccount.Tests.Cmdlets;

/// <summary>Bad input is refused with a clear error before any API call is made.</summary>
[Collection(ProcessEnvironmentCollection.Name)]
public sealed class InputValidationTests : IAsyncLifetime
{
    private ModuleSession _s = null!;

    public async Task InitializeAsync() => _s = await ModuleSession.StartAsync();

    public async Task DisposeAsync() => await _s.DisposeAsync();

    [Theory]
    // Malformed account IDs: a Tencent UIN is digits; an Alibaba account ID (UID) is 16 digits.
    [InlineData("New-DtsCrossAccountRole -Cloud Tencent -AccountId 1000-0001 -TrustedAccountId 100000000002 -ProfileName tencent-a", "-AccountId")]
    [InlineData("New-DtsCrossAccountRole -Cloud Tencent -AccountId 100000000001 -TrustedAccountId abc -ProfileName tencent-a", "-TrustedAccountId")]
    [InlineData("New-DtsCrossAccountRole -Cloud Alibaba -AccountId 123456 -TrustedAccountId 1000000000000002 -ProfileName alibaba-a", "-AccountId")]
    [InlineData("New-DtsCrossAccountRole -Cloud Alibaba -AccountId 1000000000000001 -TrustedAccountId 10000000000000021 -ProfileName alibaba-a", "-TrustedAccountId")]
    // The trusted account equal to the owner.
    [InlineData("New-DtsCrossAccountRole -Cloud Tencent -AccountId 100000000001 -TrustedAccountId 100000000001 -ProfileName tencent-a", "TrustedAccountIsOwner")]
    [InlineData("New-DtsCrossAccountRole -Cloud Alibaba -AccountId 1000000000000001 -TrustedAccountId 1000000000000001 -ProfileName alibaba-a", "TrustedAccountIsOwner")]
    // Role names outside the cloud's rules (Tencent DTS: letters, digits, '-'; Alibaba RAM: letters, digits, '.', '-', up to 64).
    [InlineData("New-DtsCrossAccountRole -Cloud Tencent -AccountId 100000000001 -TrustedAccountId 100000000002 -RoleName dts_role -ProfileName tencent-a", "-RoleName")]
    [InlineData("New-DtsCrossAccountRole -Cloud Alibaba -AccountId 1000000000000001 -TrustedAccountId 1000000000000002 -RoleName 'ram for dts' -ProfileName alibaba-a", "-RoleName")]
    [InlineData("New-DtsCrossAccountRole -Cloud Alibaba -AccountId 1000000000000001 -TrustedAccountId 1000000000000002 -RoleName aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa -ProfileName alibaba-a", "-RoleName")]
    [InlineData("New-DtsCrossAccountRole -Cloud Tencent -AccountId 100000000001 -TrustedAccountId 100000000002 -ExternalId 'bad id!' -ProfileName tencent-a", "ExternalId")]
    // Endpoint override: plain http only to loopback.
    [InlineData("New-DtsCrossAccountRole -Cloud Tencent -AccountId 100000000001 -TrustedAccountId 100000000002 -ProfileName tencent-a -EndpointUrl http://example.com/", "https")]
    public void Is_refused_before_any_api_call(string command, string expectedInMessage)
    {
        int mark = _s.CallCount;
        var r = _s.Run(command);
        Assert.Empty(r.Output);
        var error = Assert.Single(r.Errors);
        Assert.Contains(expectedInMessage, error.Exception.Message + " " + error.FullyQualifiedErrorId);
        Assert.Equal(System.Management.Automation.ErrorCategory.InvalidArgument, error.CategoryInfo.Category);
        Assert.Equal(mark, _s.CallCount);
    }

    [Theory]
    [InlineData("Tencent", "TENCENTCLOUD_SECRET_ID", "~/.tencentcloud/credentials")]
    [InlineData("Alibaba", "ALIBABA_CLOUD_ACCESS_KEY_ID", "~/.aliyun/config.json")]
    public void Missing_credentials_give_an_error_that_names_every_way_to_give_them(string cloud, string variable, string file)
    {
        using (new SavedEnvironment())
        {
            Environment.SetEnvironmentVariable("TENCENTCLOUD_CREDENTIALS_FILE", Path.Combine(Path.GetTempPath(), "none-" + Guid.NewGuid()));
            Environment.SetEnvironmentVariable("ALIBABA_CLOUD_CONFIG_FILE", Path.Combine(Path.GetTempPath(), "none-" + Guid.NewGuid()));
            int mark = _s.CallCount;
            var r = _s.Run($"New-DtsCrossAccountRole -Cloud {cloud} -AccountId {(cloud == "Tencent" ? "100000000001" : "1000000000000001")} -TrustedAccountId {(cloud == "Tencent" ? "100000000002" : "1000000000000002")}");
            var error = Assert.Single(r.Errors);
            Assert.StartsWith("NoCredentials,", error.FullyQualifiedErrorId);
            foreach (var part in new[] { "-Credential", "-SessionToken", "-ProfileName", variable, file, "Get-AutomationPSCredential" })
                Assert.Contains(part, error.Exception.Message);
            Assert.Equal(mark, _s.CallCount);
        }
    }

    [Fact]
    public void A_named_profile_that_does_not_exist_is_an_error_not_a_fallback()
    {
        using (new SavedEnvironment())
        {
            // Valid keys in the environment must not be used instead of the profile the user named.
            Environment.SetEnvironmentVariable("TENCENTCLOUD_SECRET_ID", "AKIDEMUTENCENTROOTA00000000000000001");
            Environment.SetEnvironmentVariable("TENCENTCLOUD_SECRET_KEY", "emuTencentSecretKeyRootA000000001");
            int mark = _s.CallCount;
            var r = _s.Run("New-DtsCrossAccountRole -Cloud Tencent -AccountId 100000000001 -TrustedAccountId 100000000002 -ProfileName no-such-profile");
            var error = Assert.Single(r.Errors);
            Assert.StartsWith("ProfileNotFound,", error.FullyQualifiedErrorId);
            Assert.Contains("tencent-a", error.Exception.Message); // lists the profiles that do exist
            Assert.Equal(mark, _s.CallCount);
        }
    }

    [Theory]
    [InlineData("Tencent", "AKIDEMUTENCENTROOTA00000000000000001", "100000000001", "100000000002", "CloudApi.AuthFailure.SignatureFailure")]
    [InlineData("Alibaba", "LTAIEMUALIBABAROOTA001", "1000000000000001", "1000000000000002", "CloudApi.SignatureDoesNotMatch")]
    public void A_wrong_secret_is_an_authentication_error_with_the_clouds_code_and_nothing_is_written(string cloud, string keyId, string owner, string trusted, string errorId)
    {
        int mark = _s.CallCount;
        var r = _s.Run($"New-DtsCrossAccountRole -Cloud {cloud} -AccountId {owner} -TrustedAccountId {trusted} " +
                       $"-Credential ([pscredential]::new('{keyId}', [System.Net.NetworkCredential]::new('', 'not-the-secret').SecurePassword))");
        var e = Assert.Single(r.Errors);
        Assert.StartsWith(errorId + ",", e.FullyQualifiedErrorId);
        Assert.Equal(System.Management.Automation.ErrorCategory.AuthenticationError, e.CategoryInfo.Category);
        Assert.Contains("RequestId", e.Exception.Message);
        // Says what to check, naming the (masked) key and where it came from.
        Assert.Contains("Check the key ****" + keyId[^4..] + " from parameter -Credential", e.Exception.Message);
        Assert.DoesNotContain(_s.Calls.Snapshot().Skip(mark), c => c.IsWrite);
    }
}
