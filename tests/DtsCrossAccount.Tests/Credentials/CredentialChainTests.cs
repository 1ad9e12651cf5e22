using DtsCrossAccount.Tests.Infrastructure;
using DtsCrossAccount.Core;
using DtsCrossAccount.Credentials;

namespace DtsCrossAccount.Tests.Credentials;

/// <summary>The credential chain's order and file formats, without a runspace (process environment, so not in parallel).</summary>
[Collection(ProcessEnvironmentCollection.Name)]
public sealed class CredentialChainTests : IDisposable
{
    private static readonly string[] Variables =
    {
        "TENCENTCLOUD_SECRET_ID", "TENCENTCLOUD_SECRET_KEY", "TENCENTCLOUD_SECURITY_TOKEN", "TENCENTCLOUD_CREDENTIALS_FILE",
        "ALIBABA_CLOUD_ACCESS_KEY_ID", "ALIBABA_CLOUD_ACCESS_KEY_SECRET", "ALIBABA_CLOUD_SECURITY_TOKEN", "ALIBABA_CLOUD_CONFIG_FILE", "ALIBABA_CLOUD_PROFILE",
    };
    private readonly Dictionary<string, string?> _saved = Variables.ToDictionary(v => v, Environment.GetEnvironmentVariable);
    private readonly string _dir = Directory.CreateTempSubdirectory("dtsca-cred-").FullName;

    public CredentialChainTests()
    {
        foreach (var v in Variables) Environment.SetEnvironmentVariable(v, null);
        File.WriteAllText(Path.Combine(_dir, "credentials"), "[default]\nsecret_id = AKIDdefault\nsecret_key = default-secret\n\n[ops]\nsecret_id = AKIDops\nsecret_key = ops-secret\ntoken = ops-token\n");
        File.WriteAllText(Path.Combine(_dir, "config.json"), """
            {"current":"main","profiles":[
              {"name":"main","mode":"AK","access_key_id":"LTAImain","access_key_secret":"main-secret"},
              {"name":"sts","mode":"StsToken","access_key_id":"STS.x","access_key_secret":"sts-secret","sts_token":"sts-token"},
              {"name":"role","mode":"RamRoleArn","access_key_id":"LTAIr","access_key_secret":"r","ram_role_arn":"acs:ram::1:role/x"}]}
            """);
        Environment.SetEnvironmentVariable("TENCENTCLOUD_CREDENTIALS_FILE", Path.Combine(_dir, "credentials"));
        Environment.SetEnvironmentVariable("ALIBABA_CLOUD_CONFIG_FILE", Path.Combine(_dir, "config.json"));
    }

    public void Dispose()
    {
        foreach (var (k, v) in _saved) Environment.SetEnvironmentVariable(k, v);
        Directory.Delete(_dir, true);
    }

    [Fact]
    public void Explicit_credential_wins_and_carries_the_session_token()
    {
        Environment.SetEnvironmentVariable("TENCENTCLOUD_SECRET_ID", "AKIDenv");
        Environment.SetEnvironmentVariable("TENCENTCLOUD_SECRET_KEY", "env-secret");
        var c = CredentialChain.Resolve(CloudKind.Tencent, new CredentialRequest { AccessKeyId = "AKIDexplicit", Secret = "s", SessionToken = "t", ProfileName = "ops" });
        Assert.Equal(("AKIDexplicit", "s", "t"), (c.AccessKeyId, c.Secret, c.SessionToken));
        Assert.Contains("-Credential", c.Source);
    }

    [Fact]
    public void A_named_profile_wins_over_the_environment_and_the_default_profile()
    {
        Environment.SetEnvironmentVariable("TENCENTCLOUD_SECRET_ID", "AKIDenv");
        Environment.SetEnvironmentVariable("TENCENTCLOUD_SECRET_KEY", "env-secret");
        var c = CredentialChain.Resolve(CloudKind.Tencent, new CredentialRequest { ProfileName = "ops" });
        Assert.Equal(("AKIDops", "ops-token"), (c.AccessKeyId, c.SessionToken));
    }

    [Fact]
    public void Environment_comes_before_the_default_profile_and_reads_the_alibaba_token()
    {
        Environment.SetEnvironmentVariable("ALIBABA_CLOUD_ACCESS_KEY_ID", "STS.env");
        Environment.SetEnvironmentVariable("ALIBABA_CLOUD_ACCESS_KEY_SECRET", "env-secret");
        Environment.SetEnvironmentVariable("ALIBABA_CLOUD_SECURITY_TOKEN", "env-token");
        var c = CredentialChain.Resolve(CloudKind.Alibaba, new CredentialRequest());
        Assert.Equal(("STS.env", "env-token"), (c.AccessKeyId, c.SessionToken));
        Assert.Contains("ALIBABA_CLOUD_ACCESS_KEY_ID", c.Source);
    }

    [Fact]
    public void Without_anything_else_the_profile_file_default_is_used()
    {
        Assert.Equal("AKIDdefault", CredentialChain.Resolve(CloudKind.Tencent, new CredentialRequest()).AccessKeyId);
        Assert.Equal("LTAImain", CredentialChain.Resolve(CloudKind.Alibaba, new CredentialRequest()).AccessKeyId); // "current"
        Environment.SetEnvironmentVariable("ALIBABA_CLOUD_PROFILE", "sts");
        var sts = CredentialChain.Resolve(CloudKind.Alibaba, new CredentialRequest());
        Assert.Equal(("STS.x", "sts-token"), (sts.AccessKeyId, sts.SessionToken));
    }

    [Fact]
    public void Half_set_environment_and_unsupported_profile_modes_are_clear_errors()
    {
        Environment.SetEnvironmentVariable("TENCENTCLOUD_SECRET_ID", "AKIDonly");
        var half = Assert.Throws<DtsCrossAccountException>(() => CredentialChain.Resolve(CloudKind.Tencent, new CredentialRequest()));
        Assert.Equal("IncompleteEnvironmentCredentials", half.ErrorId);
        var mode = Assert.Throws<DtsCrossAccountException>(() => CredentialChain.Resolve(CloudKind.Alibaba, new CredentialRequest { ProfileName = "role" }));
        Assert.Equal("ProfileModeNotSupported", mode.ErrorId);
        Assert.Contains("RamRoleArn", mode.Message);
    }

    [Fact]
    public void The_credential_never_shows_its_secret()
    {
        var c = CredentialChain.Resolve(CloudKind.Tencent, new CredentialRequest { ProfileName = "ops" });
        Assert.DoesNotContain("ops-secret", c.ToString());
        Assert.DoesNotContain("ops-token", c.ToString());
        Assert.DoesNotContain("AKIDops", c.ToString());
        Assert.EndsWith("Dops", c.MaskedId);
    }
}
