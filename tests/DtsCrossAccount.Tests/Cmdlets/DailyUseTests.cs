using System.Management.Automation;
using System.Text.RegularExpressions;
using DtsCrossAccount.Core;
using DtsCrossAccount.Tests.Infrastructure;

namespace DtsCrossAccount.Tests.Cmdlets;

/// <summary>
/// What a PowerShell user meets every day: errors whose remedy is in ErrorDetails.RecommendedAction, clear refusals of
/// empty credentials, a stray -SessionToken and broken profile files (before any call), and output that
/// ConvertTo-Json shows with names rather than numbers.
/// </summary>
[Collection(ProcessEnvironmentCollection.Name)] // points a profile-file variable at a broken file, process-wide
public sealed class DailyUseTests : IAsyncLifetime
{
    private const string TA = "100000000001", TB = "100000000002", AA = "1000000000000001", AB = "1000000000000002";
    private ModuleSession _s = null!;

    public async Task InitializeAsync() => _s = await ModuleSession.StartAsync();

    public async Task DisposeAsync() => await _s.DisposeAsync();

    // ------------------------------------------------------------------ empty credentials

    public static TheoryData<string, string> EmptyCredentials => new()
    {
        { "Test-DtsCrossAccountAccess -Cloud Tencent -RoleAccountId " + TA + " -RoleName DTS-role -Credential ([pscredential]::Empty)", "-Credential" },
        { "Test-DtsCrossAccountAccess -Cloud Alibaba -ProfileName alibaba-b -RoleAccountId " + AA + " -RoleName ram-for-dts -OwnerCredential ([pscredential]::Empty)", "-OwnerCredential" },
        { "New-DtsCrossAccountRole -Cloud Alibaba -AccountId " + AA + " -TrustedAccountId " + AB + " -Credential ([pscredential]::Empty)", "-Credential" },
        { "New-DtsSyncTask -Cloud Tencent -ProfileName tencent-b -Name empty-db -Region ap-guangzhou -SourceAccountId " + TA + " -SourceInstanceId cdb-src00001 "
          + "-DestinationInstanceId cdb-dst00001 -Database shop -SourceDatabaseCredential ([pscredential]::Empty) -DestinationDatabaseCredential $db", "-SourceDatabaseCredential" },
        { "New-DtsSyncTask -Cloud Alibaba -ProfileName alibaba-b -Name empty-db -Region cn-hangzhou -SourceAccountId " + AA + " -SourceInstanceId rm-src0000001 "
          + "-DestinationInstanceId rm-dst0000001 -Database shop -SourceDatabaseCredential $db -DestinationDatabaseCredential ([pscredential]::Empty)", "-DestinationDatabaseCredential" },
    };

    [Theory]
    [MemberData(nameof(EmptyCredentials))]
    public void An_empty_credential_is_refused_naming_the_parameter_before_any_call(string command, string parameter)
    {
        int mark = _s.CallCount;
        var r = _s.Run("$db = [pscredential]::new('dts_user', [System.Net.NetworkCredential]::new('', 'Db-Pass-123').SecurePassword); " + command + (command.StartsWith("Test-") ? "" : " -Confirm:$false"));
        Assert.Null(r.Terminating);
        var error = SingleError(r);
        Assert.StartsWith("EmptyCredential,", error.FullyQualifiedErrorId);
        Assert.Equal(ErrorCategory.InvalidArgument, error.CategoryInfo.Category);
        Assert.StartsWith(parameter + " is empty", error.Exception.Message);
        Assert.Contains(parameter + " (", error.ErrorDetails.RecommendedAction);
        Assert.Equal(mark, _s.CallCount);
    }

    [Theory]
    [InlineData("Tencent", "-ProfileName tencent-b", "SessionTokenWithProfile", "cannot be combined with -ProfileName")]
    [InlineData("Alibaba", "-ProfileName alibaba-b", "SessionTokenWithProfile", "cannot be combined with -ProfileName")]
    [InlineData("Alibaba", "", "SessionTokenWithoutCredential", "without -Credential")]
    public void A_session_token_without_its_credential_is_refused_before_any_call(string cloud, string more, string errorId, string text)
    {
        int mark = _s.CallCount;
        var r = _s.Run($"Test-DtsCrossAccountAccess -Cloud {cloud} {more} -SessionToken tok-123456 -RoleAccountId {(cloud == "Tencent" ? TA : AA)} -RoleName x-role");
        var error = SingleError(r);
        Assert.StartsWith(errorId + ",", error.FullyQualifiedErrorId);
        Assert.Equal(ErrorCategory.InvalidArgument, error.CategoryInfo.Category);
        Assert.Contains(text, error.Exception.Message);
        Assert.Contains("-Credential with -SessionToken", error.ErrorDetails.RecommendedAction);
        Assert.Equal(mark, _s.CallCount);
    }

    // ------------------------------------------------------------------ broken profile files

    public static TheoryData<string, string, string, string, string> BrokenProfileFiles => new()
    {
        // cloud, variable, what the path holds, error id, words of the message
        { "Tencent", "TENCENTCLOUD_CREDENTIALS_FILE", "directory", "ProfileFileUnreadable", "is a directory, not a file" },
        { "Alibaba", "ALIBABA_CLOUD_CONFIG_FILE", "directory", "ProfileFileUnreadable", "is a directory, not a file" },
        { "Tencent", "TENCENTCLOUD_CREDENTIALS_FILE", "[tencent-b]\nsecret_id = AKIDEMUTENCENTROOTB00000000000000002\nthis line is broken\n", "ProfileFileInvalid", "line 3 is neither" },
        { "Tencent", "TENCENTCLOUD_CREDENTIALS_FILE", "secret_id = AKIDEMUTENCENTROOTB00000000000000002\n", "ProfileFileInvalid", "line 1 is neither" },
        { "Alibaba", "ALIBABA_CLOUD_CONFIG_FILE", "{\"current\": \"alibaba-b\", \"profiles\": [ {\"name\": \"alibaba-b\", ", "ProfileFileInvalid", "is not valid JSON" },
        { "Alibaba", "ALIBABA_CLOUD_CONFIG_FILE", "{\"profiles\": {\"name\": \"alibaba-b\"}}", "ProfileFileInvalid", "not a list" },
    };

    [Theory]
    [MemberData(nameof(BrokenProfileFiles))]
    public void A_profile_file_that_cannot_be_read_is_a_clear_error_naming_the_file(string cloud, string variable, string content, string errorId, string words)
    {
        string path = Path.Combine(Path.GetTempPath(), "dtsca-broken-" + Guid.NewGuid().ToString("N"));
        if (content == "directory") Directory.CreateDirectory(path); else File.WriteAllText(path, content);
        string? saved = Environment.GetEnvironmentVariable(variable);
        try
        {
            Environment.SetEnvironmentVariable(variable, path);
            int mark = _s.CallCount;
            var profile = cloud == "Tencent" ? "tencent-b" : "alibaba-b";
            var r = _s.Run($"Test-DtsCrossAccountAccess -Cloud {cloud} -ProfileName {profile} -RoleAccountId {(cloud == "Tencent" ? TA : AA)} -RoleName x-role");
            Assert.Null(r.Terminating);
            var error = SingleError(r);
            Assert.StartsWith(errorId + ",", error.FullyQualifiedErrorId);
            Assert.IsType<DtsCrossAccountException>(error.Exception);
            Assert.Contains("'" + path + "'", error.Exception.Message);
            Assert.Contains(words, error.Exception.Message);
            Assert.False(string.IsNullOrEmpty(error.ErrorDetails.RecommendedAction));
            Assert.DoesNotContain("AKIDEMUTENCENTROOTB", r.AllText());
            Assert.Equal(mark, _s.CallCount);
        }
        finally
        {
            Environment.SetEnvironmentVariable(variable, saved);
            if (Directory.Exists(path)) Directory.Delete(path); else File.Delete(path);
        }
    }

    // ------------------------------------------------------------------ RecommendedAction and parameter names

    /// <summary>Refusals across the cmdlets, both clouds: each error's remedy is in RecommendedAction, is part of the full message, and names parameters with one dash.</summary>
    public static TheoryData<string, string> Refusals => new()
    {
        { "New-DtsCrossAccountRole -Cloud Tencent -ProfileName tencent-a -AccountId 12ab -TrustedAccountId " + TB, "InvalidTencentAccountId" },
        { "New-DtsCrossAccountRole -Cloud Tencent -ProfileName tencent-a -AccountId " + TA + " -TrustedAccountId " + TB + " -RoleName DTS_role", "InvalidTencentRoleName" },
        { "Test-DtsCrossAccountAccess -Cloud Tencent -ProfileName tencent-b -RoleAccountId " + TA + " -RoleName DTS-role -Region mars-1", "InvalidTencentRegion" },
        { "New-DtsCrossAccountRole -Cloud Alibaba -ProfileName alibaba-a -AccountId 42 -TrustedAccountId " + AB, "InvalidAccountId" },
        { "New-DtsCrossAccountRole -Cloud Alibaba -ProfileName alibaba-a -AccountId " + AA + " -TrustedAccountId " + AA, "TrustedAccountIsOwner" },
        { "Grant-DtsSubAccountAssumeRole -Cloud Alibaba -ProfileName alibaba-b -RoleAccountId " + AA + " -RoleName ram-for-dts -RamUserName 'no such user'", "InvalidRamUserName" },
        { "New-DtsSyncTask -Cloud Tencent -ProfileName tencent-b -Name n1 -Region ap-guangzhou -SourceAccountId 9x -SourceInstanceId cdb-src00001 -DestinationInstanceId cdb-dst00001 -Database shop -SourceDatabaseCredential $db -DestinationDatabaseCredential $db", "InvalidTencentAccountId" },
        { "New-DtsSyncTask -Cloud Alibaba -ProfileName alibaba-b -Name n1 -Region cn-hangzhou -SourceAccountId 9x -SourceInstanceId rm-src0000001 -DestinationInstanceId rm-dst0000001 -Database shop -SourceDatabaseCredential $db -DestinationDatabaseCredential $db", "InvalidAccountId" },
        { "New-DtsCrossAccountRole -Cloud Tencent -ProfileName tencent-b -AccountId " + TA + " -TrustedAccountId " + TB, "CredentialAccountMismatch" },
        { "Set-DtsTrustPolicy -Cloud Alibaba -ProfileName alibaba-a -AccountId " + AA + " -RoleName no-such-role -TrustedAccountId " + AB, "RoleNotFound" },
        { "Test-DtsCrossAccountAccess -Cloud Tencent -ProfileName no-such-profile -RoleAccountId " + TA + " -RoleName DTS-role", "ProfileNotFound" },
    };

    [Theory]
    [MemberData(nameof(Refusals))]
    public void Every_refusal_carries_its_remedy_in_RecommendedAction_and_one_dash_per_parameter(string command, string errorId)
    {
        var r = _s.Run("$db = [pscredential]::new('dts_user', [System.Net.NetworkCredential]::new('', 'Db-Pass-123').SecurePassword); " + command + (command.StartsWith("Test-") ? "" : " -Confirm:$false"));
        var error = SingleError(r);
        Assert.StartsWith(errorId + ",", error.FullyQualifiedErrorId);
        string remedy = error.ErrorDetails.RecommendedAction;
        Assert.False(string.IsNullOrWhiteSpace(remedy));
        Assert.Equal(error.Exception.Message, error.ErrorDetails.Message);
        Assert.EndsWith(remedy, error.Exception.Message);
        Assert.True(remedy.Length < error.Exception.Message.Length, "the remedy should be the instruction, not the whole message: " + remedy);
        Assert.DoesNotMatch(new Regex("--[A-Za-z]"), error.Exception.Message);
    }

    [Theory]
    [InlineData("AccountId"), InlineData("-AccountId"), InlineData("--AccountId")]
    public void Message_builders_write_one_dash_however_the_parameter_name_is_passed(string name)
    {
        var tencent = Assert.ThrowsAny<DtsCrossAccountException>(() => new DtsCrossAccount.Tencent.TencentProvider(new DtsCrossAccount.Services.ProviderContext()).ValidateAccountId("x1", name));
        var alibaba = Assert.ThrowsAny<DtsCrossAccountException>(() => new DtsCrossAccount.Alibaba.AlibabaProvider(new DtsCrossAccount.Services.ProviderContext()).ValidateAccountId("x1", name));
        var region = Assert.ThrowsAny<DtsCrossAccountException>(() => new DtsCrossAccount.Tencent.TencentProvider(new DtsCrossAccount.Services.ProviderContext()).ValidateRegion("x1", name));
        foreach (var e in new[] { tencent, alibaba, region })
        {
            Assert.StartsWith("-AccountId 'x1'", e.Message);
            Assert.DoesNotContain("--", e.Message);
        }
    }

    [Theory]
    [InlineData("CAM role 'r' does not exist in account 1. Create it with: New-DtsCrossAccountRole -AccountId 1", "Create it with: New-DtsCrossAccountRole -AccountId 1")]
    [InlineData("Policy 'p' exists with another document. It was not changed; pass another -PolicyName or fix it.", "Pass another -PolicyName or fix it.")]
    [InlineData("The job is still running after 10 s. It keeps running; run New-DtsSyncTask -Name 'x' -Wait again.", "Run New-DtsSyncTask -Name 'x' -Wait again.")]
    [InlineData("-Table 'x' must be written as 'database.table'.", "-Table 'x' must be written as 'database.table'.")]
    [InlineData("Use a region ID, e.g. cn-hangzhou. Known: a, b.", "Use a region ID, e.g. cn-hangzhou. Known: a, b.")]
    public void The_remedy_is_found_at_the_first_instruction_of_a_message(string message, string remedy)
    {
        Assert.Equal(remedy, new DtsCrossAccountException("X", ErrorCategory.InvalidArgument, message).Remedy);
        var explicitRemedy = new DtsCrossAccountException("X", ErrorCategory.InvalidArgument, "Something is wrong", remedy: "Do this.");
        Assert.Equal("Something is wrong. Do this.", explicitRemedy.Message);
        Assert.Equal("Do this.", explicitRemedy.Remedy);
    }

    private static ErrorRecord SingleError(RunResult r)
    {
        Assert.True(r.Errors.Count == 1, string.Join("\n", r.Errors.Select(e => e.FullyQualifiedErrorId + ": " + e.Exception.Message)));
        return r.Errors[0];
    }

    // ------------------------------------------------------------------ JSON of the output objects

    [Fact]
    public void ConvertTo_Json_of_every_output_type_shows_cloud_and_result_names_and_piping_to_Cloud_still_binds()
    {
        var r = _s.Run(@"
            Import-Module -Assembly $args[0]
            $db = [pscredential]::new('dts_user', [System.Net.NetworkCredential]::new('', 'Db-Pass-123').SecurePassword)
            $tRole = New-DtsCrossAccountRole -Cloud Tencent -ProfileName tencent-a -AccountId 100000000001 -TrustedAccountId 100000000002 -RoleName json-role
            $tGrant = $tRole | Grant-DtsSubAccountAssumeRole -ProfileName tencent-b -SubAccountUin 100000000021
            $tCheck = $tRole | Test-DtsCrossAccountAccess -ProfileName tencent-b-sub -Region ap-guangzhou
            $aRole = New-DtsCrossAccountRole -Cloud Alibaba -ProfileName alibaba-a -AccountId 1000000000000001 -TrustedAccountId 1000000000000002
            $aCheck = $aRole | Test-DtsCrossAccountAccess -ProfileName alibaba-b -OwnerProfileName alibaba-a -Region cn-hangzhou
            $aTask = $aRole | New-DtsSyncTask -ProfileName alibaba-b -Name json-task -Region cn-hangzhou -SourceInstanceId rm-src0000001 -DestinationInstanceId rm-dst0000001 -Database shop -SourceDatabaseCredential $db -DestinationDatabaseCredential $db -Wait -Confirm:$false
            foreach ($o in $tRole, $tGrant, $tCheck, $aRole, $aCheck, $aTask) { [pscustomobject]@{ Type = $o.GetType().Name; Json = ($o | ConvertTo-Json -Depth 5) } }",
            typeof(Microsoft.PowerShell.Commands.ConvertToJsonCommand).Assembly);
        Assert.True(r.Errors.Count == 0, string.Join("\n", r.Errors.Select(e => e.FullyQualifiedErrorId + ": " + e.Exception.Message)));
        var rows = r.Output.Select(o => (Type: o.Properties["Type"].Value.ToString()!, Json: o.Properties["Json"].Value.ToString()!)).ToList();
        Assert.Equal(new[] { "CrossAccountRole", "AssumeRoleGrant", "AccessCheck", "CrossAccountRole", "AccessCheck", "SyncTask" }, rows.Select(x => x.Type));
        Assert.All(rows.Take(3), x => Assert.Contains("\"Cloud\": \"Tencent\"", x.Json));
        Assert.All(rows.Skip(3), x => Assert.Contains("\"Cloud\": \"Alibaba\"", x.Json));
        Assert.Contains("\"Result\": \"Passed\"", rows[2].Json);
        Assert.Contains("\"Result\": \"Passed\"", rows[4].Json);
        Assert.Contains("\"Result\": \"Skipped\"", rows[4].Json);
        Assert.Contains("\"Result\": \"Passed\"", rows[5].Json);
        Assert.DoesNotMatch(new Regex("\"(Cloud|Result)\": \\d"), string.Join("\n", rows.Select(x => x.Json)));
    }
}
