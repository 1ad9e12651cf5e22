#nullable enable
using System.Diagnostics;
using DtsCrossAccount.Core;
using DtsCrossAccount.Transport;
using Xunit;

namespace DtsCrossAccount.Tests.Transport;

/// <summary>
/// Alibaba's throttling answer may carry x-acs-retry-after (milliseconds, as darabonba-openapi reads it): the client waits
/// that long before the next attempt, never longer than its own ceiling. The emulator does not send the header, so a
/// scripted loopback server answers here (bound to port 0 and held for the test).
/// </summary>
public sealed class RetryAfterTests
{
    private const string Throttled = "{\"RequestId\":\"r-1\",\"Code\":\"Throttling.User\",\"Message\":\"Request was denied due to user flow control.\"}";
    private const string Ok = "{\"RequestId\":\"r-2\",\"AccountId\":\"1000000000000001\"}";

    private static AlibabaApiClient Client(Uri url, RecordingReporter reporter, TimeSpan maxRetryAfter) =>
        new(new CloudCredential("LTAIretryafter", "retry-after-secret", null, "test"), new EndpointResolver(url), reporter, new TransportSettings
        {
            // No backoff of its own: any wait between the attempts is the one the server asked for.
            Retry = new RetryPolicy { MaxAttempts = 3, BaseDelay = TimeSpan.Zero, MaxDelay = TimeSpan.Zero, MaxRetryAfter = maxRetryAfter, Timeout = TimeSpan.FromSeconds(20) },
            Limiter = RateLimiter.Unlimited,
        });

    [Fact]
    public void The_wait_the_server_asks_for_is_kept_before_the_next_attempt()
    {
        using var server = new ScriptedServer((400, "x-acs-retry-after: 700", Throttled), (200, null, Ok));
        var reporter = new RecordingReporter();
        var body = Client(server.Url, reporter, TimeSpan.FromSeconds(30)).Call("sts", "2015-04-01", "GetCallerIdentity", new Dictionary<string, string>());
        Assert.Equal("1000000000000001", body.GetString("AccountId"));
        Assert.Equal(2, server.Arrivals.Count);
        Assert.True(server.MillisecondsBetweenArrivals(0, 1) >= 690, "attempts " + server.MillisecondsBetweenArrivals(0, 1) + " ms apart");
        Assert.Contains(reporter.DebugLines, l => l.Contains("retrying in 700 ms (server asked to wait)"));
    }

    [Fact]
    public void A_wait_longer_than_the_ceiling_is_cut_to_the_ceiling()
    {
        // An hour asked for; the ceiling is 300 ms. A client that obeyed the hour would not finish this test.
        using var server = new ScriptedServer((400, "x-acs-retry-after: 3600000", Throttled), (200, null, Ok));
        var reporter = new RecordingReporter();
        var watch = Stopwatch.StartNew();
        Client(server.Url, reporter, TimeSpan.FromMilliseconds(300)).Call("sts", "2015-04-01", "GetCallerIdentity", new Dictionary<string, string>());
        Assert.Equal(2, server.Arrivals.Count);
        Assert.True(server.MillisecondsBetweenArrivals(0, 1) >= 290, "attempts " + server.MillisecondsBetweenArrivals(0, 1) + " ms apart");
        Assert.True(watch.Elapsed < TimeSpan.FromSeconds(20));
        Assert.Contains(reporter.DebugLines, l => l.Contains("retrying in 300 ms (server asked to wait)"));
    }

    [Fact]
    public void A_wait_of_zero_is_the_server_saying_retry_now()
    {
        using var server = new ScriptedServer((400, "x-acs-retry-after: 0", Throttled), (200, null, Ok));
        var reporter = new RecordingReporter();
        Client(server.Url, reporter, TimeSpan.FromSeconds(30)).Call("sts", "2015-04-01", "GetCallerIdentity", new Dictionary<string, string>());
        Assert.Equal(2, server.Arrivals.Count);
        Assert.Contains(reporter.DebugLines, l => l.EndsWith(": attempt 1 of 3 throttled (HTTP 400); retrying in 0 ms (server asked to wait).", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("x-acs-retry-after: -5")]
    [InlineData("x-acs-retry-after: soon")]
    // Sent twice: two values are not one wait (and never the digits of both run together).
    [InlineData("x-acs-retry-after: 5\r\nx-acs-retry-after: 5")]
    public void A_header_that_is_not_a_wait_in_milliseconds_is_ignored(string headers)
    {
        using var server = new ScriptedServer((400, headers, Throttled), (200, null, Ok));
        var reporter = new RecordingReporter();
        Client(server.Url, reporter, TimeSpan.FromSeconds(30)).Call("sts", "2015-04-01", "GetCallerIdentity", new Dictionary<string, string>());
        Assert.Equal(2, server.Arrivals.Count);
        var line = Assert.Single(reporter.DebugLines, l => l.Contains("retrying in"));
        Assert.DoesNotContain("server asked", line);
    }
}
