using System.Net.Http;
using System.Text;
using DtsCrossAccount.Core;
using DtsCrossAccount.Emulator.Core;
using DtsCrossAccount.Json;
using DtsCrossAccount.Tests.Infrastructure;
using DtsCrossAccount.Transport;

namespace DtsCrossAccount.Tests.Cmdlets;

/// <summary>
/// The clouds' documented rate limits on both sides: the emulator answers the real throttling errors over the limit, and
/// the module's process-wide limiter keeps even parallel runspaces under it.
/// </summary>
public sealed class RateLimitTests
{
    private const string TencentA = "100000000001", TencentB = "100000000002";
    private const string AlibabaA = "1000000000000001", AlibabaB = "1000000000000002";

    private static bool IsThrottling(CallRecord c) => c.Result.StartsWith("RequestLimitExceeded", StringComparison.Ordinal) || c.Result.StartsWith("Throttling", StringComparison.Ordinal);

    [Fact]
    public async Task Limits_tightened_over_HTTP_make_Alibaba_answer_Throttling_Api_and_the_module_waits_instead()
    {
        await using var s = await ModuleSession.StartAsync();
        using var http = new HttpClient();
        var set = await http.PostAsync(new Uri(s.Emulator.BaseUrl, "_emulator/limits"),
            new StringContent("{\"overrides\":{\"Alibaba/sts/GetCallerIdentity\":1}}", Encoding.UTF8, "application/json"));
        Assert.True(set.IsSuccessStatusCode);
        var key = s.State.Alibaba.Keys.Values.First(k => k.Owner.AccountId == AlibabaA && k.Owner.IsRoot);
        var client = new AlibabaApiClient(new CloudCredential(key.Id, key.Secret, null, "test"), new EndpointResolver(s.Emulator.BaseUrl), null,
            new TransportSettings { Retry = new RetryPolicy { MaxAttempts = 1 }, Limiter = RateLimiter.Unlimited });

        client.Call("sts", "2015-04-01", "GetCallerIdentity", new Dictionary<string, string>());
        var ex = Assert.Throws<CloudApiException>(() => client.Call("sts", "2015-04-01", "GetCallerIdentity", new Dictionary<string, string>()));
        Assert.Equal(("Throttling.Api", 400, "Request was denied due to api flow control."), (ex.Code, ex.HttpStatus, ex.ApiMessage));
    }

    [Fact]
    public async Task The_module_keeps_a_burst_of_calls_under_the_documented_limit()
    {
        await using var s = await ModuleSession.StartAsync();
        var key = s.State.Tencent.Keys.Values.First(k => k.Owner.AccountId == TencentB && k.Owner.IsRoot);
        var client = new TencentApiClient(new CloudCredential(key.Id, key.Secret, null, "test"), new EndpointResolver(s.Emulator.BaseUrl), null,
            new TransportSettings { Retry = new RetryPolicy { MaxAttempts = 1 } });
        for (int i = 0; i < 30; i++) client.Call("sts", "2018-08-13", "GetCallerIdentity", new JsonObject(), "ap-guangzhou");

        var calls = s.Calls.Snapshot().Where(c => c.Action == "GetCallerIdentity").ToList();
        Assert.Equal(30, calls.Count);
        Assert.DoesNotContain(calls, IsThrottling);
        // 30 calls at 20 per second cannot all fall into one second.
        Assert.True(calls[^1].Time - calls[0].Time >= TimeSpan.FromSeconds(1), "30 calls within " + (calls[^1].Time - calls[0].Time));
    }

    [Fact]
    public async Task Parallel_runspaces_onboarding_many_roles_never_get_a_throttling_answer()
    {
        await using var s = await ModuleSession.StartAsync();
        var r = s.Run("""
            $manifest = $args[0]
            $endpoint = $args[1] # each parallel runspace is a new one: name the session's emulator explicitly
            $jobs = @(1..6 | ForEach-Object { [pscustomobject]@{ Cloud = 'Tencent'; Profile = 'tencent-a'; Owner = '100000000001'; Trusted = '100000000002'; Name = "onboard-t$_" } }) +
                    @(1..12 | ForEach-Object { [pscustomobject]@{ Cloud = 'Alibaba'; Profile = 'alibaba-a'; Owner = '1000000000000001'; Trusted = '1000000000000002'; Name = "onboard-a$_" } })
            $jobs | ForEach-Object -ThrottleLimit 8 -Parallel {
                Import-Module $using:manifest
                New-DtsCrossAccountRole -Cloud $_.Cloud -ProfileName $_.Profile -AccountId $_.Owner -TrustedAccountId $_.Trusted -RoleName $_.Name -EndpointUrl $using:endpoint
            }
            """, RepoPaths.Manifest, s.Emulator.BaseUrl);

        Assert.Empty(r.Errors);
        Assert.Null(r.Terminating);
        Assert.Equal(18, r.Output.Count);
        var calls = s.Calls.Snapshot();
        Assert.Equal(6, calls.Count(c => c.Cloud == "Tencent" && c.Action == "CreateRole" && c.Result == "OK"));
        Assert.Equal(12, calls.Count(c => c.Cloud == "Alibaba" && c.Action == "CreateRole" && c.Result == "OK"));
        Assert.DoesNotContain(calls, IsThrottling);
        Assert.Equal(6, s.State.Tencent.Accounts[TencentA].Roles.Keys.Count(k => k.StartsWith("onboard-t")));
        Assert.Equal(12, s.State.Alibaba.Accounts[AlibabaA].Roles.Keys.Count(k => k.StartsWith("onboard-a")));
    }
}
