#nullable enable
using DtsCrossAccount.Core;
using DtsCrossAccount.Transport;
using Xunit;

namespace DtsCrossAccount.Tests.Transport;

/// <summary>
/// Answers no cloud API gives but a proxy, captive portal or wrong endpoint can: a redirect is an error the user sees,
/// never followed (the signed request would go somewhere the user did not name), and a cookie is never sent back (every
/// call stands alone, whichever runspace makes it).
/// </summary>
public sealed class HttpAnswerTests
{
    private const string Ok = "{\"RequestId\":\"r-ok\",\"AccountId\":\"1000000000000001\"}";

    private static TransportSettings Settings() =>
        new() { Retry = new RetryPolicy { MaxAttempts = 2, BaseDelay = TimeSpan.Zero, MaxDelay = TimeSpan.Zero }, Limiter = RateLimiter.Unlimited };

    private static AlibabaApiClient Client(Uri url, RecordingReporter? reporter = null) =>
        new(new CloudCredential("LTAIhttpanswers", "http-answers-secret", null, "test"), new EndpointResolver(url), reporter ?? new RecordingReporter(), Settings());

    private static TencentApiClient TencentClient(Uri url) =>
        new(new CloudCredential("AKIDhttpanswers", "http-answers-secret", null, "test"), new EndpointResolver(url), new RecordingReporter(), Settings());

    [Theory]
    [InlineData(300)]
    [InlineData(302)]
    [InlineData(307)]
    public void A_redirect_is_an_error_that_names_the_status_and_is_never_followed(int status)
    {
        // The redirect carries what looks like an answer: only its status tells it apart.
        using var server = new ScriptedServer((status, "Location: /elsewhere", Ok), (200, null, Ok));
        var ex = Assert.Throws<CloudApiException>(() => Client(server.Url).Call("sts", "2015-04-01", "GetCallerIdentity", new Dictionary<string, string>()));

        Assert.Equal(status, ex.HttpStatus);
        Assert.Equal("Network.HttpError", ex.Code);
        Assert.Contains("HTTP " + status + " without an Alibaba Cloud API response from 127.0.0.1:", ex.Message);
        var head = Assert.Single(server.Heads());
        Assert.StartsWith("POST / ", head);
    }

    [Fact]
    public void A_cookie_the_server_sets_is_never_sent_back()
    {
        using var server = new ScriptedServer((200, "Set-Cookie: session=abc123; Path=/", Ok), (200, null, Ok));
        var client = Client(server.Url);
        client.Call("sts", "2015-04-01", "GetCallerIdentity", new Dictionary<string, string>());
        client.Call("sts", "2015-04-01", "GetCallerIdentity", new Dictionary<string, string>());

        var heads = server.Heads();
        Assert.Equal(2, heads.Count);
        Assert.All(heads, h => Assert.DoesNotContain("cookie:", h, StringComparison.OrdinalIgnoreCase));
    }

    [Theory]
    [InlineData("Tencent", 200, "<html>Sign in to the proxy</html>")]
    [InlineData("Alibaba", 200, "<html>Sign in to the proxy</html>")]
    [InlineData("Tencent", 302, "{\"Response\":{\"RequestId\":\"r-moved\"}}")]
    public void An_answer_that_is_not_the_clouds_own_is_an_error_naming_the_status_and_the_host(string cloud, int status, string body)
    {
        using var server = new ScriptedServer((status, status == 302 ? "Location: /elsewhere" : null, body), (200, null, Ok));
        var ex = Assert.Throws<CloudApiException>(() =>
        {
            if (cloud == "Tencent") TencentClient(server.Url).Call("sts", "2018-08-13", "GetCallerIdentity", new DtsCrossAccount.Json.JsonObject());
            else Client(server.Url).Call("sts", "2015-04-01", "GetCallerIdentity", new Dictionary<string, string>());
        });

        Assert.Equal(("Network.HttpError", status), (ex.Code, ex.HttpStatus));
        Assert.Equal("HTTP " + status + " without " + (cloud == "Tencent" ? "a Tencent" : "an Alibaba") + " Cloud API response from " + server.Url.Authority + ".",
            ex.ApiMessage);
        Assert.Single(server.Heads());
    }

    [Fact]
    public void One_verbose_line_per_call_names_the_call_its_request_id_and_any_retries()
    {
        using var server = new ScriptedServer(
            (200, null, Ok),
            (500, null, "{\"RequestId\":\"r-fault\",\"Code\":\"InternalError\",\"Message\":\"The request processing has failed.\"}"),
            (200, null, Ok),
            (400, null, "{\"RequestId\":\"r-bad\",\"Code\":\"InvalidParameter\",\"Message\":\"The parameter is invalid.\"}"),
            (200, null, "{\"AccountId\":\"1000000000000001\"}"));
        var reporter = new RecordingReporter();
        var client = Client(server.Url, reporter);
        client.Call("sts", "2015-04-01", "GetCallerIdentity", new Dictionary<string, string>());
        client.Call("sts", "2015-04-01", "GetCallerIdentity", new Dictionary<string, string>());
        Assert.Throws<CloudApiException>(() => client.Call("sts", "2015-04-01", "GetCallerIdentity", new Dictionary<string, string>()));
        client.Call("sts", "2015-04-01", "GetCallerIdentity", new Dictionary<string, string>());

        var call = "Alibaba sts GetCallerIdentity (region -, host " + server.Url.Authority + "): ";
        Assert.Equal(new[]
        {
            call + "OK, RequestId r-ok",
            call + "OK, RequestId r-ok (after 2 attempts)",
            call + "failed [InvalidParameter], RequestId r-bad",
            call + "OK, RequestId -",
        }, reporter.VerboseLines);
    }
}
