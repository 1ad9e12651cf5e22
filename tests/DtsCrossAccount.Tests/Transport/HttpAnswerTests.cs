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

    private static AlibabaApiClient Client(Uri url) =>
        new(new CloudCredential("LTAIhttpanswers", "http-answers-secret", null, "test"), new EndpointResolver(url), new RecordingReporter(),
            new TransportSettings { Retry = new RetryPolicy { MaxAttempts = 2, BaseDelay = TimeSpan.Zero, MaxDelay = TimeSpan.Zero }, Limiter = RateLimiter.Unlimited });

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
}
