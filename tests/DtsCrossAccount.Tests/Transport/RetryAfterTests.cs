#nullable enable
using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text;
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

    /// <summary>Answers each connection's requests with the next scripted answer and notes when each request arrived.</summary>
    private sealed class ScriptedServer : IDisposable
    {
        private readonly TcpListener _listener = new(IPAddress.Loopback, 0);
        private readonly Queue<(int Status, string? RetryAfter, string Body)> _answers;
        public readonly List<long> Arrivals = new();

        public ScriptedServer(params (int, string?, string)[] answers)
        {
            _answers = new(answers);
            _listener.Start();
            _ = Task.Run(ServeAsync);
        }

        public Uri Url => new("http://127.0.0.1:" + ((IPEndPoint)_listener.LocalEndpoint).Port + "/");

        private async Task ServeAsync()
        {
            while (true)
            {
                TcpClient client;
                try { client = await _listener.AcceptTcpClientAsync(); } catch { return; }
                _ = Task.Run(() => ServeConnectionAsync(client));
            }
        }

        private async Task ServeConnectionAsync(TcpClient client)
        {
            using (client)
            {
                var stream = client.GetStream();
                var buffer = new byte[65536];
                while (true)
                {
                    // Read the head, then as many body bytes as Content-Length says.
                    var head = new StringBuilder();
                    int read;
                    while (!head.ToString().Contains("\r\n\r\n"))
                    {
                        read = await stream.ReadAsync(buffer.AsMemory(0, 1));
                        if (read == 0) return;
                        head.Append((char)buffer[0]);
                    }
                    var length = head.ToString().Split("\r\n").Where(l => l.StartsWith("Content-Length:", StringComparison.OrdinalIgnoreCase))
                        .Select(l => int.Parse(l["Content-Length:".Length..].Trim())).FirstOrDefault();
                    for (int got = 0; got < length; got += read)
                        if ((read = await stream.ReadAsync(buffer.AsMemory(0, Math.Min(buffer.Length, length - got)))) == 0) return;
                    (int Status, string? RetryAfter, string Body) answer;
                    lock (Arrivals)
                    {
                        Arrivals.Add(Stopwatch.GetTimestamp());
                        answer = _answers.Count > 0 ? _answers.Dequeue() : (500, null, "{}");
                    }
                    var body = Encoding.UTF8.GetBytes(answer.Body);
                    var text = "HTTP/1.1 " + answer.Status + " X\r\nContent-Type: application/json;charset=utf-8\r\nContent-Length: " + body.Length + "\r\n"
                        + (answer.RetryAfter == null ? "" : "x-acs-retry-after: " + answer.RetryAfter + "\r\n") + "\r\n";
                    await stream.WriteAsync(Encoding.ASCII.GetBytes(text));
                    await stream.WriteAsync(body);
                }
            }
        }

        public double MillisecondsBetweenArrivals(int first, int second)
        {
            lock (Arrivals) return (Arrivals[second] - Arrivals[first]) * 1000.0 / Stopwatch.Frequency;
        }

        public void Dispose() => _listener.Stop();
    }

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
        using var server = new ScriptedServer((400, "700", Throttled), (200, null, Ok));
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
        using var server = new ScriptedServer((400, "3600000", Throttled), (200, null, Ok));
        var reporter = new RecordingReporter();
        var watch = Stopwatch.StartNew();
        Client(server.Url, reporter, TimeSpan.FromMilliseconds(300)).Call("sts", "2015-04-01", "GetCallerIdentity", new Dictionary<string, string>());
        Assert.Equal(2, server.Arrivals.Count);
        Assert.True(server.MillisecondsBetweenArrivals(0, 1) >= 290, "attempts " + server.MillisecondsBetweenArrivals(0, 1) + " ms apart");
        Assert.True(watch.Elapsed < TimeSpan.FromSeconds(20));
        Assert.Contains(reporter.DebugLines, l => l.Contains("retrying in 300 ms (server asked to wait)"));
    }

    [Theory]
    [InlineData("-5")]
    [InlineData("soon")]
    public void A_header_that_is_not_a_wait_in_milliseconds_is_ignored(string header)
    {
        using var server = new ScriptedServer((400, header, Throttled), (200, null, Ok));
        var reporter = new RecordingReporter();
        Client(server.Url, reporter, TimeSpan.FromSeconds(30)).Call("sts", "2015-04-01", "GetCallerIdentity", new Dictionary<string, string>());
        Assert.Equal(2, server.Arrivals.Count);
        var line = Assert.Single(reporter.DebugLines, l => l.Contains("retrying in"));
        Assert.DoesNotContain("server asked", line);
    }
}
