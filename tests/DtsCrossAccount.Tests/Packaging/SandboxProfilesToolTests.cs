using DtsCrossAccount.Tools;

namespace DtsCrossAccount.Tests.Packaging;

/// <summary>The profile writing behind build.ps1 -Task Emulator.</summary>
public sealed class SandboxProfilesToolTests : IDisposable
{
    private readonly string _root = Path.Combine(Path.GetTempPath(), "dtsca-profiles-" + Guid.NewGuid().ToString("N"));

    public void Dispose()
    {
        try { Directory.Delete(_root, true); } catch (IOException) { }
    }

    [Fact]
    public void Writes_the_seeded_profiles_in_the_official_formats_and_reports_the_variables_to_set()
    {
        var values = ProfileWriter.Write(Path.Combine(_root, "sandbox"), new Uri("http://127.0.0.1:5123/"));
        Assert.Equal("http://127.0.0.1:5123", values["DTSCROSSACCOUNT_ENDPOINT_URL"]);
        string tencent = File.ReadAllText(values["TENCENTCLOUD_CREDENTIALS_FILE"]);
        Assert.Contains("[tencent-b-sub]", tencent);
        Assert.Contains("secret_id = ", tencent);
        string alibaba = File.ReadAllText(values["ALIBABA_CLOUD_CONFIG_FILE"]);
        Assert.Contains("\"mode\": \"AK\"", alibaba);
        Assert.Contains("\"name\": \"alibaba-c-operator\"", alibaba);
        Assert.StartsWith(Path.Combine(_root, "sandbox"), values["TENCENTCLOUD_CREDENTIALS_FILE"]);
        Assert.Contains("tencent-a", values["PROFILES"].Split(','));
    }

    [Fact]
    public void Merging_into_real_files_keeps_the_users_own_profiles_and_backs_the_files_up()
    {
        string sandbox = Path.Combine(_root, "sandbox");
        ProfileWriter.Write(sandbox, new Uri("http://127.0.0.1:5123/"));
        string home = Path.Combine(_root, "home");
        Directory.CreateDirectory(Path.Combine(home, ".tencentcloud"));
        Directory.CreateDirectory(Path.Combine(home, ".aliyun"));
        string userIni = "[tencent-a]\nsecret_id = USER-OWN-ID\nsecret_key = USER-OWN-KEY\n";
        File.WriteAllText(Path.Combine(home, ".tencentcloud", "credentials"), userIni);
        File.WriteAllText(Path.Combine(home, ".aliyun", "config.json"),
            "{\"current\":\"mine\",\"profiles\":[{\"name\":\"alibaba-a\",\"mode\":\"AK\",\"access_key_id\":\"USER-AK\",\"access_key_secret\":\"USER-SK\"}]}");

        var added = ProfileWriter.MergeIntoRealFiles(sandbox, home);

        Assert.DoesNotContain("tencent-a", added);
        Assert.DoesNotContain("alibaba-a", added);
        Assert.Contains("tencent-b", added);
        Assert.Contains("alibaba-c", added);
        string ini = File.ReadAllText(Path.Combine(home, ".tencentcloud", "credentials"));
        Assert.StartsWith(userIni, ini);
        Assert.Single(System.Text.RegularExpressions.Regex.Matches(ini, @"^\[tencent-a\]", System.Text.RegularExpressions.RegexOptions.Multiline));
        string json = File.ReadAllText(Path.Combine(home, ".aliyun", "config.json"));
        Assert.Contains("USER-AK", json);
        Assert.Contains("\"current\": \"mine\"", json);
        Assert.Equal(userIni, File.ReadAllText(Path.Combine(home, ".tencentcloud", "credentials.dtscrossaccount.bak")));
        Assert.True(File.Exists(Path.Combine(home, ".aliyun", "config.json.dtscrossaccount.bak")));
    }
}
