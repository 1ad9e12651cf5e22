using System.Management.Automation;
using DtsCrossAccount.Core;
using DtsCrossAccount.Credentials;
using DtsCrossAccount.Tests.Infrastructure;

namespace DtsCrossAccount.Tests.Credentials;

/// <summary>
/// What a user sees when the profile files or pasted keys are not what they should be: the key pair the official tools'
/// files name, or an error that names the file, the profile or the line and never echoes a secret.
/// Process environment (the file variables), so not in parallel.
/// </summary>
[Collection(ProcessEnvironmentCollection.Name)]
public sealed class ProfileFileTests : IDisposable
{
    private static readonly string[] Variables =
    {
        "TENCENTCLOUD_SECRET_ID", "TENCENTCLOUD_SECRET_KEY", "TENCENTCLOUD_SECURITY_TOKEN", "TENCENTCLOUD_CREDENTIALS_FILE",
        "ALIBABA_CLOUD_ACCESS_KEY_ID", "ALIBABA_CLOUD_ACCESS_KEY_SECRET", "ALIBABA_CLOUD_SECURITY_TOKEN", "ALIBABA_CLOUD_CONFIG_FILE", "ALIBABA_CLOUD_PROFILE",
        "HOME",
    };
    private readonly Dictionary<string, string?> _saved = Variables.ToDictionary(v => v, Environment.GetEnvironmentVariable);
    private readonly string _dir = Directory.CreateTempSubdirectory("dtsca-prof-").FullName;

    public ProfileFileTests()
    {
        foreach (var v in Variables.Where(v => v != "HOME")) Environment.SetEnvironmentVariable(v, null);
        // An empty home: no real profile file of this machine can answer.
        Environment.SetEnvironmentVariable("HOME", _dir);
    }

    public void Dispose()
    {
        foreach (var (k, v) in _saved) Environment.SetEnvironmentVariable(k, v);
        Directory.Delete(_dir, true);
    }

    private string TencentFile(string text)
    {
        var path = Path.Combine(_dir, "tc-credentials");
        File.WriteAllText(path, text);
        Environment.SetEnvironmentVariable("TENCENTCLOUD_CREDENTIALS_FILE", path);
        return path;
    }

    private string AlibabaFile(string text)
    {
        var path = Path.Combine(_dir, "ali-config.json");
        File.WriteAllText(path, text);
        Environment.SetEnvironmentVariable("ALIBABA_CLOUD_CONFIG_FILE", path);
        return path;
    }

    private static CloudCredential Resolve(CloudKind cloud, string? profile = null) =>
        CredentialChain.Resolve(cloud, new CredentialRequest { ProfileName = profile! });

    private static DtsCrossAccountException Fails(CloudKind cloud, string? profile = null) =>
        Assert.Throws<DtsCrossAccountException>(() => Resolve(cloud, profile));

    // ---- Tencent ~/.tencentcloud/credentials (INI) ----

    [Fact]
    public void Tencent_file_as_an_editor_leaves_it_is_read_comments_spaces_CRLF_and_key_case_included()
    {
        TencentFile("# written by hand\r\n; another comment\r\n\r\n[ops]\r\n  Secret_Id =  AKIDops1 \r\nSECRET_KEY=ops/key=with=equals\r\n token = ops-token\r\n");
        var c = Resolve(CloudKind.Tencent, "ops");
        Assert.Equal(("AKIDops1", "ops/key=with=equals", "ops-token"), (c.AccessKeyId, c.Secret, c.SessionToken));
        Assert.Contains("profile 'ops'", c.Source);
    }

    [Fact]
    public void Tencent_section_named_twice_is_one_profile_and_a_section_header_may_be_padded()
    {
        TencentFile("[ ops ]\nsecret_id = AKIDfirst\n[other]\nsecret_id = AKIDother\nsecret_key = other-key\n[ops]\nsecret_key = ops-key\n");
        var c = Resolve(CloudKind.Tencent, "ops");
        Assert.Equal(("AKIDfirst", "ops-key"), (c.AccessKeyId, c.Secret));
        Assert.Null(c.SessionToken);
    }

    [Fact]
    public void Tencent_value_ending_in_a_bracket_is_a_value_not_a_section()
    {
        // Only a line that both opens and closes with a bracket is a section header; a value that happens to end with ']'
        // must not start a new (nameless) section and orphan the keys after it.
        TencentFile("[default]\nsecret_id = AKIDbracket]\nsecret_key = key-after\n");
        var c = Resolve(CloudKind.Tencent);
        Assert.Equal("AKIDbracket]", c.AccessKeyId);
    }

    [Fact]
    public void Tencent_one_letter_profile_is_a_profile()
    {
        TencentFile("[a]\nsecret_id = AKIDa\nsecret_key = a\n");
        Assert.Equal("AKIDa", Resolve(CloudKind.Tencent, "a").AccessKeyId);
    }

    [Fact]
    public void Tencent_profile_names_for_completion_come_even_from_a_file_the_reader_refuses()
    {
        // Tab completion lists the sections of a hand-edited file without judging it (the cmdlet reports the bad line).
        Assert.Equal(new[] { "default", "ops" },
            TencentProfileFile.ParseIni("secret_id = AKIDstray\n[default]\nsecret_id = AKIDd\nno equals here\n[ops]\n= k\n").Keys);
    }

    [Theory]
    [InlineData("secret_id = AKIDx\n[default]\nsecret_key = k\n", 1)]      // a key before any section
    [InlineData("[default]\nsecret_id = AKIDx\nsecret-key-line\n", 3)]      // no '='
    [InlineData("[default]\nsecret_id = AKIDx\n= k\n", 3)]                  // no key before '='
    [InlineData("[default\nsecret_id = AKIDx\n", 1)]                         // header not closed
    [InlineData("[]\nsecret_id = AKIDx\n", 1)]                               // header without a name
    [InlineData("[default]\nsecret_id = AKIDx\n[x]]]\nsecret_key = MySecretKeyValue1\n[\n", 5)]
    public void Tencent_malformed_line_is_named_by_number_and_never_shown(string text, int line)
    {
        var path = TencentFile(text);
        var e = Fails(CloudKind.Tencent);
        Assert.Equal("ProfileFileInvalid", e.ErrorId);
        Assert.Equal(ErrorCategory.InvalidData, e.Category);
        Assert.Contains("'" + path + "'", e.Message);
        Assert.Contains("line " + line + " ", e.Message);
        Assert.DoesNotContain("AKIDx", e.Message);
        Assert.DoesNotContain("MySecretKeyValue1", e.Message);
        Assert.Contains("-Credential", e.Remedy);
    }

    [Fact]
    public void Tencent_named_profile_missing_lists_the_profiles_there_and_an_empty_file_says_none()
    {
        var path = TencentFile("[default]\nsecret_id = AKIDd\nsecret_key = d\n[ops]\nsecret_id = AKIDo\nsecret_key = o\n");
        var e = Fails(CloudKind.Tencent, "prod");
        Assert.Equal(("ProfileNotFound", ErrorCategory.ObjectNotFound), (e.ErrorId, e.Category));
        Assert.Contains("'prod'", e.Message);
        Assert.Contains(path, e.Message);
        Assert.Contains("default, ops", e.Message);
        Assert.Contains("[prod]", e.Message);

        TencentFile("# nothing yet\n");
        Assert.Contains("(none)", Fails(CloudKind.Tencent, "prod").Message);
    }

    [Fact]
    public void Tencent_profile_without_its_key_is_incomplete_and_names_the_profile()
    {
        TencentFile("[default]\nsecret_id = AKIDd\n[ops]\nsecret_key = o\n");
        var d = Fails(CloudKind.Tencent);
        Assert.Equal(("ProfileIncomplete", ErrorCategory.InvalidArgument), (d.ErrorId, d.Category));
        Assert.Contains("'default'", d.Message);
        Assert.Contains("secret_key", d.Message);
        Assert.Equal("ProfileIncomplete", Fails(CloudKind.Tencent, "ops").ErrorId);
    }

    [Fact]
    public void Tencent_file_without_a_default_section_and_no_profile_named_means_no_credentials()
    {
        TencentFile("[ops]\nsecret_id = AKIDo\nsecret_key = o\n");
        var e = Fails(CloudKind.Tencent);
        Assert.Equal(("NoCredentials", ErrorCategory.AuthenticationError), (e.ErrorId, e.Category));
    }

    // ---- Alibaba ~/.aliyun/config.json ----

    [Fact]
    public void Alibaba_profile_is_chosen_by_name_then_current_then_default()
    {
        const string profiles = """
            {"name":"default","mode":"AK","access_key_id":"LTAIdefault","access_key_secret":"d"},
            {"name":"main","access_key_id":"LTAImain","access_key_secret":"m","sts_token":"ignored-in-AK-mode"},
            {"name":"ops","mode":"AK","access_key_id":"LTAIops","access_key_secret":"o"}
            """;
        AlibabaFile("{\"current\":\"main\",\"profiles\":[" + profiles + "]}");
        var current = Resolve(CloudKind.Alibaba);
        // No mode means AK (the CLI's default), and an AK profile sends no token even when the file holds one.
        Assert.Equal(("LTAImain", "m", (string?)null), (current.AccessKeyId, current.Secret, current.SessionToken));
        Assert.Equal("LTAIops", Resolve(CloudKind.Alibaba, "ops").AccessKeyId);

        AlibabaFile("{\"current\":\"\",\"profiles\":[" + profiles + "]}");
        Assert.Equal("LTAIdefault", Resolve(CloudKind.Alibaba).AccessKeyId);
        AlibabaFile("{\"profiles\":[" + profiles + "]}");
        Assert.Equal("LTAIdefault", Resolve(CloudKind.Alibaba).AccessKeyId);
    }

    [Fact]
    public void Alibaba_file_that_is_not_json_names_the_file_and_drops_quoted_text_that_could_be_a_secret()
    {
        // A secret pasted without quotes: the parser quotes the token it could not read as a number.
        var path = AlibabaFile("{\"profiles\":[{\"name\":\"main\",\"access_key_secret\":7e31-9e44-20e1}]}");
        var e = Fails(CloudKind.Alibaba);
        Assert.Equal(("ProfileFileInvalid", ErrorCategory.InvalidData), (e.ErrorId, e.Category));
        Assert.Contains("'" + path + "'", e.Message);
        Assert.Contains("not valid JSON (JSON: invalid number at offset", e.Message);
        Assert.DoesNotContain("9e44", e.Message);
        Assert.Contains("aliyun configure", e.Remedy);
    }

    [Fact]
    public void Alibaba_profiles_member_that_is_not_a_list_is_invalid_not_empty()
    {
        var path = AlibabaFile("{\"current\":\"main\",\"profiles\":{\"name\":\"main\",\"access_key_id\":\"LTAImain\",\"access_key_secret\":\"m\"}}");
        var e = Fails(CloudKind.Alibaba);
        Assert.Equal(("ProfileFileInvalid", ErrorCategory.InvalidData), (e.ErrorId, e.Category));
        Assert.Contains(path, e.Message);
        Assert.Contains("\"profiles\"", e.Message);
        Assert.Contains("JSON array", e.Remedy);
    }

    [Fact]
    public void Alibaba_named_profile_missing_lists_the_profiles_there()
    {
        var path = AlibabaFile("""{"profiles":[{"name":"main","access_key_id":"LTAIm","access_key_secret":"m"},{"name":"ops","access_key_id":"LTAIo","access_key_secret":"o"},{"mode":"AK"}]}""");
        var e = Fails(CloudKind.Alibaba, "prod");
        Assert.Equal(("ProfileNotFound", ErrorCategory.ObjectNotFound), (e.ErrorId, e.Category));
        Assert.Contains("'prod'", e.Message);
        Assert.Contains(path, e.Message);
        Assert.Contains("main, ops.", e.Message);
        Assert.Contains("aliyun configure --profile prod", e.Message);

        AlibabaFile("""{"profiles":[]}""");
        Assert.Contains("(none)", Fails(CloudKind.Alibaba, "prod").Message);
    }

    [Fact]
    public void Alibaba_profile_names_complete_in_file_order_and_skip_nameless_entries()
    {
        Assert.Equal(new[] { "main", "ops" },
            AlibabaConfigFile.ProfileNames("""{"profiles":[{"name":"main"},{"mode":"AK"},{"name":"ops"}]}"""));
    }

    [Theory]
    [InlineData("""{"name":"p","mode":"AK","access_key_secret":"s"}""")]
    [InlineData("""{"name":"p","mode":"StsToken","access_key_id":"STS.x","access_key_secret":""}""")]
    public void Alibaba_profile_without_both_keys_is_incomplete(string profile)
    {
        AlibabaFile("{\"profiles\":[" + profile + "]}");
        var e = Fails(CloudKind.Alibaba, "p");
        Assert.Equal(("ProfileIncomplete", ErrorCategory.InvalidArgument), (e.ErrorId, e.Category));
        Assert.Contains("'p'", e.Message);
        Assert.Contains("access_key_secret", e.Message);
    }

    [Fact]
    public void Alibaba_profile_chosen_by_the_environment_must_exist()
    {
        AlibabaFile("""{"profiles":[{"name":"main","access_key_id":"LTAIm","access_key_secret":"m"}]}""");
        Environment.SetEnvironmentVariable("ALIBABA_CLOUD_PROFILE", "missing");
        Assert.Equal("ProfileNotFound", Fails(CloudKind.Alibaba).ErrorId);
    }

    // ---- the files themselves ----

    [Theory]
    [InlineData(CloudKind.Tencent, "TENCENTCLOUD_CREDENTIALS_FILE")]
    [InlineData(CloudKind.Alibaba, "ALIBABA_CLOUD_CONFIG_FILE")]
    public void A_named_profile_without_a_file_says_which_file_and_which_variable_moves_it(CloudKind cloud, string variable)
    {
        var path = Path.Combine(_dir, "absent", "file");
        Environment.SetEnvironmentVariable(variable, path);
        var e = Fails(cloud, "ops");
        Assert.Equal(("ProfileFileNotFound", ErrorCategory.ObjectNotFound), (e.ErrorId, e.Category));
        Assert.Contains("-ProfileName 'ops'", e.Message);
        Assert.Contains("'" + path + "'", e.Message);
        Assert.Contains(variable, e.Remedy);
        // Nothing named and no file: the chain ends with the list of ways to give keys.
        Assert.Equal("NoCredentials", Fails(cloud).ErrorId);
    }

    [Theory]
    [InlineData(CloudKind.Tencent, "TENCENTCLOUD_CREDENTIALS_FILE")]
    [InlineData(CloudKind.Alibaba, "ALIBABA_CLOUD_CONFIG_FILE")]
    public void A_directory_where_the_file_should_be_is_a_read_error_even_without_a_profile_name(CloudKind cloud, string variable)
    {
        var path = Directory.CreateDirectory(Path.Combine(_dir, "dir-" + cloud)).FullName;
        Environment.SetEnvironmentVariable(variable, path);
        var e = Fails(cloud);
        Assert.Equal(("ProfileFileUnreadable", ErrorCategory.ReadError), (e.ErrorId, e.Category));
        Assert.Contains("'" + path + "'", e.Message);
        Assert.Contains("directory", e.Message);
        Assert.Contains(variable, e.Remedy);
    }

    [Theory]
    [InlineData(CloudKind.Tencent, "TENCENTCLOUD_CREDENTIALS_FILE")]
    [InlineData(CloudKind.Alibaba, "ALIBABA_CLOUD_CONFIG_FILE")]
    public void A_file_that_exists_but_cannot_be_read_is_a_read_error_that_says_why_and_what_to_do(CloudKind cloud, string variable)
    {
        // The tests run as root, for whom file permissions never refuse a read. On Linux /proc/self/mem exists and every
        // read of its first page fails with EIO: the same IOException a bad disk or a vanished network share gives.
        Assert.True(OperatingSystem.IsLinux(), "this test needs Linux's /proc (CI runs on Linux)");
        const string path = "/proc/self/mem";
        Assert.True(File.Exists(path));
        var cause = Assert.ThrowsAny<IOException>(() => File.ReadAllText(path));
        Environment.SetEnvironmentVariable(variable, path);
        var e = Fails(cloud);
        Assert.Equal(("ProfileFileUnreadable", ErrorCategory.ReadError), (e.ErrorId, e.Category));
        Assert.StartsWith("The " + cloud + " profile file '" + path + "' cannot be read: " + cause.Message + ".", e.Message);
        Assert.Equal("Give this user read access to '" + path + "' (or point " + variable + " at a readable copy), or pass the keys with -Credential.", e.Remedy);
        Assert.IsAssignableFrom<IOException>(e.InnerException);
        // A named profile meets the same error, not "profile not found".
        Assert.Equal("ProfileFileUnreadable", Fails(cloud, "ops").ErrorId);
    }

    [Theory]
    [InlineData(CloudKind.Tencent, ".tencentcloud/credentials", "[default]\nsecret_id = AKIDhome\nsecret_key = h\n", "AKIDhome")]
    [InlineData(CloudKind.Alibaba, ".aliyun/config.json", """{"current":"default","profiles":[{"name":"default","access_key_id":"LTAIhome","access_key_secret":"h"}]}""", "LTAIhome")]
    public void Without_a_file_variable_the_official_file_in_the_home_folder_is_read(CloudKind cloud, string relative, string text, string id)
    {
        var path = Path.Combine(_dir, relative);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, text);
        Assert.Equal(path, CredentialChain.ProfilePath(cloud));
        var c = Resolve(cloud);
        Assert.Equal(id, c.AccessKeyId);
        Assert.Contains(path, c.Source);
    }

    // ---- keys given on the command line or in the environment ----

    [Theory]
    [InlineData("AKID with space")]
    [InlineData("AKID\nline")]
    [InlineData("AKIDé")]
    [InlineData("AKID\u007f")]
    public void A_pasted_key_id_that_is_not_one_is_refused_without_echoing_it(string id)
    {
        var e = Assert.Throws<DtsCrossAccountException>(() =>
            CredentialChain.Resolve(CloudKind.Tencent, new CredentialRequest { AccessKeyId = id, Secret = "s", ParameterName = "-OwnerCredential" }));
        Assert.Equal(("InvalidAccessKeyId", ErrorCategory.InvalidArgument), (e.ErrorId, e.Category));
        // Which credential, that its user name is the key ID, and what a key ID looks like.
        Assert.StartsWith("The user name of -OwnerCredential is not an access key ID", e.Message);
        Assert.Contains("1 to 128 ASCII letters, digits and symbols", e.Message);
        Assert.DoesNotContain(id, e.Message);
    }

    [Fact]
    public void Key_ids_up_to_128_and_tokens_up_to_8192_printable_characters_are_accepted_one_more_is_refused()
    {
        string id = "!" + new string('K', 126) + "~", token = new string('t', 8192);
        var ok = CredentialChain.Resolve(CloudKind.Alibaba, new CredentialRequest { AccessKeyId = id, Secret = "s", SessionToken = token });
        Assert.Equal((id, token), (ok.AccessKeyId, ok.SessionToken));
        Assert.Equal("parameter -Credential", ok.Source);

        Assert.Equal("InvalidAccessKeyId", Assert.Throws<DtsCrossAccountException>(() =>
            CredentialChain.Resolve(CloudKind.Alibaba, new CredentialRequest { AccessKeyId = id + "K", Secret = "s" })).ErrorId);
        var longToken = Assert.Throws<DtsCrossAccountException>(() =>
            CredentialChain.Resolve(CloudKind.Alibaba, new CredentialRequest { AccessKeyId = "LTAIx", Secret = "s", SessionToken = token + "t" }));
        Assert.Equal(("InvalidSessionToken", ErrorCategory.InvalidArgument), (longToken.ErrorId, longToken.Category));
        var brokenToken = Assert.Throws<DtsCrossAccountException>(() =>
            CredentialChain.Resolve(CloudKind.Alibaba, new CredentialRequest { AccessKeyId = "LTAIx", Secret = "s", SessionToken = "tok en" }));
        Assert.Equal("InvalidSessionToken", brokenToken.ErrorId);
        Assert.Contains("-SessionToken", brokenToken.Message);
    }

    [Fact]
    public void A_key_id_with_an_empty_password_is_refused_before_any_other_source_is_tried()
    {
        Environment.SetEnvironmentVariable("TENCENTCLOUD_SECRET_ID", "AKIDenv");
        Environment.SetEnvironmentVariable("TENCENTCLOUD_SECRET_KEY", "env-secret");
        var e = Assert.Throws<DtsCrossAccountException>(() =>
            CredentialChain.Resolve(CloudKind.Tencent, new CredentialRequest { AccessKeyId = "AKIDx", Secret = "", ParameterName = "-Credential" }));
        Assert.Equal(("CredentialSecretMissing", ErrorCategory.InvalidArgument), (e.ErrorId, e.Category));
        // Says what is wrong with the credential: the password must carry the secret.
        Assert.StartsWith("-Credential has a user name (the access key ID) but an empty password", e.Message);
    }

    [Fact]
    public void A_profile_name_with_a_line_break_is_refused_before_a_file_is_read()
    {
        var path = Directory.CreateDirectory(Path.Combine(_dir, "not-a-file")).FullName;
        Environment.SetEnvironmentVariable("TENCENTCLOUD_CREDENTIALS_FILE", path);
        var e = Assert.Throws<DtsCrossAccountException>(() =>
            CredentialChain.Resolve(CloudKind.Tencent, new CredentialRequest { ProfileName = "ops\n", ProfileParameterName = "-OwnerProfileName" }));
        Assert.Equal(("InvalidProfileName", ErrorCategory.InvalidArgument), (e.ErrorId, e.Category));
        Assert.Contains("-OwnerProfileName", e.Message);
        // The message shows what a valid name looks like, not only that this one is wrong.
        Assert.Contains("for example default or target-root", e.Message);
    }

    [Theory]
    [InlineData(CloudKind.Tencent, "TENCENTCLOUD_SECRET_KEY", "TENCENTCLOUD_SECRET_ID")]
    [InlineData(CloudKind.Alibaba, "ALIBABA_CLOUD_ACCESS_KEY_SECRET", "ALIBABA_CLOUD_ACCESS_KEY_ID")]
    public void Only_the_secret_variable_set_is_incomplete_and_names_both_variables(CloudKind cloud, string set, string missing)
    {
        Environment.SetEnvironmentVariable(set, "only-secret");
        var e = Fails(cloud);
        Assert.Equal(("IncompleteEnvironmentCredentials", ErrorCategory.InvalidArgument), (e.ErrorId, e.Category));
        Assert.Equal("Only one of the environment variables " + missing + " and " + set + " is set; set both, or neither.", e.Message);
    }

    [Fact]
    public void Tencent_environment_keys_carry_the_token_variable_and_say_where_they_came_from()
    {
        TencentFile("[default]\nsecret_id = AKIDfile\nsecret_key = f\n");
        Environment.SetEnvironmentVariable("TENCENTCLOUD_SECRET_ID", "AKIDenv");
        Environment.SetEnvironmentVariable("TENCENTCLOUD_SECRET_KEY", "env-secret");
        Environment.SetEnvironmentVariable("TENCENTCLOUD_SECURITY_TOKEN", "env-token");
        var c = Resolve(CloudKind.Tencent);
        Assert.Equal(("AKIDenv", "env-secret", "env-token"), (c.AccessKeyId, c.Secret, c.SessionToken));
        Assert.Equal("environment variables TENCENTCLOUD_SECRET_ID/TENCENTCLOUD_SECRET_KEY", c.Source);
    }

    [Fact]
    public void Without_a_request_the_environment_is_read()
    {
        Environment.SetEnvironmentVariable("ALIBABA_CLOUD_ACCESS_KEY_ID", "LTAIenv");
        Environment.SetEnvironmentVariable("ALIBABA_CLOUD_ACCESS_KEY_SECRET", "env-secret");
        Assert.Equal("LTAIenv", CredentialChain.Resolve(CloudKind.Alibaba, null!).AccessKeyId);
    }

    [Fact]
    public void The_alibaba_profile_variable_never_picks_a_tencent_profile()
    {
        TencentFile("[default]\nsecret_id = AKIDdefault\nsecret_key = d\n[ops]\nsecret_id = AKIDops\nsecret_key = o\n");
        Environment.SetEnvironmentVariable("ALIBABA_CLOUD_PROFILE", "ops");
        Assert.Equal("AKIDdefault", Resolve(CloudKind.Tencent).AccessKeyId);
    }

    [Fact]
    public void The_alibaba_profile_variable_with_no_file_is_an_error_that_names_it_as_the_default_profile()
    {
        Environment.SetEnvironmentVariable("ALIBABA_CLOUD_CONFIG_FILE", Path.Combine(_dir, "absent.json"));
        Environment.SetEnvironmentVariable("ALIBABA_CLOUD_PROFILE", "ops");
        var e = Fails(CloudKind.Alibaba);
        Assert.Equal("ProfileFileNotFound", e.ErrorId);
        Assert.StartsWith("default profile 'ops' was given", e.Message);
    }

    [Theory]
    [InlineData(CloudKind.Tencent, new[] { "TENCENTCLOUD_SECRET_ID", "TENCENTCLOUD_SECRET_KEY", "TENCENTCLOUD_CREDENTIALS_FILE", "~/.tencentcloud/credentials", "-Credential", "-SessionToken", "-ProfileName", "SecretId" })]
    [InlineData(CloudKind.Alibaba, new[] { "ALIBABA_CLOUD_ACCESS_KEY_ID", "ALIBABA_CLOUD_ACCESS_KEY_SECRET", "ALIBABA_CLOUD_SECURITY_TOKEN", "ALIBABA_CLOUD_CONFIG_FILE", "~/.aliyun/config.json", "-Credential", "-SessionToken", "-ProfileName", "AccessKeyId" })]
    public void No_credentials_at_all_lists_every_way_to_give_them(CloudKind cloud, string[] parts)
    {
        var e = Fails(cloud);
        Assert.Equal("NoCredentials", e.ErrorId);
        Assert.NotEmpty(parts);
        Assert.All(parts, p => Assert.Contains(p, e.Message));
        Assert.EndsWith(".", e.Message);
    }

    [Fact]
    public void No_credentials_names_the_variable_pairs_and_the_file_variable_in_sentences()
    {
        var tencent = Fails(CloudKind.Tencent).Message;
        Assert.StartsWith("No Tencent Cloud credentials were found.", tencent);
        Assert.Contains("(user name = SecretId, password = SecretKey; in Azure Automation: Get-AutomationPSCredential)", tencent);
        Assert.Contains("(or the file named by TENCENTCLOUD_CREDENTIALS_FILE); or the environment variables TENCENTCLOUD_SECRET_ID and TENCENTCLOUD_SECRET_KEY.", tencent);
        var alibaba = Fails(CloudKind.Alibaba).Message;
        Assert.StartsWith("No Alibaba Cloud credentials were found.", alibaba);
        Assert.Contains("(user name = AccessKeyId, password = AccessKeySecret; in Azure Automation: Get-AutomationPSCredential)", alibaba);
        Assert.Contains("(or the file named by ALIBABA_CLOUD_CONFIG_FILE); or the environment variables ALIBABA_CLOUD_ACCESS_KEY_ID and ALIBABA_CLOUD_ACCESS_KEY_SECRET (and ALIBABA_CLOUD_SECURITY_TOKEN).", alibaba);
    }
}
