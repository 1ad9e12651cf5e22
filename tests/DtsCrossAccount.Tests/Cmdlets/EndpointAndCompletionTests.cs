using DtsCrossAccount.Tests.Infrastructure;

namespace DtsCrossAccount.Tests.Cmdlets;

/// <summary>-EndpointUrl without the environment variable, the variable itself, and role-name completion read from the account.</summary>
[Collection(ProcessEnvironmentCollection.Name)] // sets DTSCROSSACCOUNT_ENDPOINT_URL, process-wide
public sealed class EndpointAndCompletionTests : IAsyncLifetime
{
    private ModuleSession _s = null!;
    private SavedEnvironment _saved = null!;

    public async Task InitializeAsync()
    {
        _s = await ModuleSession.StartAsync();
        _saved = new SavedEnvironment();
    }

    public async Task DisposeAsync()
    {
        _saved.Dispose();
        await _s.DisposeAsync();
    }

    [Fact]
    public void EndpointUrl_parameter_sends_every_call_there_without_the_environment_variable()
    {
        Environment.SetEnvironmentVariable("DTSCROSSACCOUNT_ENDPOINT_URL", null);
        _s.UseEnvironmentEndpoint(); // only the explicit parameter below names the emulator
        int mark = _s.CallCount;
        var r = _s.Run("New-DtsCrossAccountRole -Cloud Alibaba -AccountId 1000000000000001 -TrustedAccountId 1000000000000002 -ProfileName alibaba-a -EndpointUrl $args[0] -Verbose", _s.Emulator.BaseUrl);
        Assert.Empty(r.Errors);
        Assert.True(r.Single<CrossAccountRole>().Changed);
        Assert.True(_s.CallCount > mark);
        Assert.Contains(r.Verbose, v => v.Contains("host 127.0.0.1:" + _s.Emulator.BaseUrl.Port));
    }

    [Fact]
    public void Environment_variable_points_every_call_at_the_override()
    {
        _s.UseEnvironmentEndpoint();
        Environment.SetEnvironmentVariable("DTSCROSSACCOUNT_ENDPOINT_URL", _s.Emulator.BaseUrl.ToString());
        int mark = _s.CallCount;
        var r = _s.Run("New-DtsCrossAccountRole -Cloud Tencent -AccountId 100000000001 -TrustedAccountId 100000000002 -ProfileName tencent-a -Verbose");
        Assert.Empty(r.Errors);
        Assert.True(r.Single<CrossAccountRole>().Changed);
        var apiLines = r.Verbose.Where(v => v.StartsWith("Tencent ")).ToList();
        Assert.NotEmpty(apiLines); // one line per API call; none would make the check below vacuous
        Assert.Equal(_s.CallCount - mark, apiLines.Count);
        Assert.All(apiLines, v => Assert.Contains("host 127.0.0.1:" + _s.Emulator.BaseUrl.Port, v));
    }

    [Theory]
    [InlineData("Tencent", "tencent-a", "100000000001", "100000000002", "Set-DtsTrustPolicy -Cloud Tencent -ProfileName tencent-a -EndpointUrl {0} -RoleName dts-comp")]
    [InlineData("Alibaba", "alibaba-a", "1000000000000001", "1000000000000002", "Test-DtsCrossAccountAccess -Cloud Alibaba -OwnerProfileName alibaba-a -EndpointUrl {0} -RoleName dts-comp")]
    public void Role_names_complete_from_the_account_the_command_line_names(string cloud, string profile, string owner, string trusted, string input)
    {
        Assert.Empty(_s.Run($"New-DtsCrossAccountRole -Cloud {cloud} -AccountId {owner} -TrustedAccountId {trusted} -RoleName dts-completion-demo -ProfileName {profile}").Errors);
        var r = _s.Run("(TabExpansion2 -inputScript $args[0] -cursorColumn $args[0].Length).CompletionMatches.CompletionText", string.Format(input, _s.Emulator.BaseUrl));
        Assert.Empty(r.Errors);
        Assert.Equal(new[] { "dts-completion-demo" }, r.Output.Select(o => o.ToString()));
    }
}
