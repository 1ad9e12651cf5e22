#nullable enable
using System.Management.Automation;
using System.Net;
using System.Net.Sockets;
using System.Text;
using DtsCrossAccount.Core;
using DtsCrossAccount.Emulator.Core;
using DtsCrossAccount.Json;
using DtsCrossAccount.Transport;
using Xunit;

namespace DtsCrossAccount.Tests.Transport;

/// <summary>
/// What the transport does when the network or the server fails: no silent re-send with a spent nonce, transient faults
/// retried with a fresh signature where safe, writes with a lost answer confirmed by reading, errors in the right category.
/// </summary>
public class FaultHandlingTests : IAsyncLifetime
{
    private WireEmulator _emu = null!;

    public async Task InitializeAsync() => _emu = await WireEmulator.StartAsync();
    public async Task DisposeAsync() => await _emu.DisposeAsync();

    private static Dictionary<string, string> P() => new();

    [Fact]
    public async Task A_dropped_pooled_connection_never_makes_the_handler_resend_a_spent_nonce_and_a_read_is_retried_freshly_signed()
    {
        await using var server = new DroppingServer(dropRequestNumber: 2);
        var reporter = new RecordingReporter();
        var client = new AlibabaApiClient(WireEmulator.Credential(_emu.AlibabaRootKey), new EndpointResolver(server.Url), reporter, WireEmulator.FastSettings());

        client.Call("sts", "2015-04-01", "GetCallerIdentity", P());
        // Request 2 reuses the pooled connection of request 1; the server reads it and drops the connection unanswered.
        client.Call("sts", "2015-04-01", "GetCallerIdentity", P());

        var nonces = server.Nonces();
        Assert.Equal(3, nonces.Count);                         // two calls + one retry made by the module, none by the handler
        Assert.Equal(3, nonces.Distinct().Count());            // the retry was signed afresh
        Assert.Equal(2, server.Connections);                   // the drop forced a second connection
        Assert.Contains(reporter.DebugLines, l => l.Contains("attempt 1 of 4 network error") && l.Contains("retrying in"));
    }

    [Fact]
    public async Task A_write_on_a_dropped_pooled_connection_is_sent_once_and_reported_as_an_unknown_outcome()
    {
        await using var server = new DroppingServer(dropRequestNumber: 2);
        var client = new AlibabaApiClient(WireEmulator.Credential(_emu.AlibabaRootKey), new EndpointResolver(server.Url), new RecordingReporter(), WireEmulator.FastSettings());

        client.Call("sts", "2015-04-01", "GetCallerIdentity", P());
        var ex = Assert.Throws<CloudApiException>(() => client.Call("ram", "2015-05-01", "CreateRole", P(), idempotent: false));

        Assert.Equal(2, server.Nonces().Count);
        Assert.True(ex.OutcomeUnknown);
        Assert.Equal(ErrorCategory.ConnectionError, ex.Category);
        Assert.Equal("Network.Failure", ex.Code);
        // Where, what went wrong down to the innermost cause (the runtime's words), and what to do.
        Assert.StartsWith("Could not reach " + server.Url.Authority + " (network error: ", ex.ApiMessage);
        Assert.Contains("An error occurred while sending the request. The response ended prematurely", ex.ApiMessage);
        Assert.EndsWith("). Check the network, proxy and endpoint, then run the command again.", ex.ApiMessage);
        Assert.Contains("run the command again", ex.Message);
    }

    [Fact]
    public void An_emulator_reset_on_a_pooled_bodiless_read_is_retried_without_any_SignatureNonceUsed()
    {
        var client = _emu.Alibaba(WireEmulator.Credential(_emu.AlibabaRootKey));
        client.Call("sts", "2015-04-01", WireEmulator.AlibabaRead, P());
        _emu.Server.Faults.Add(new Fault("Alibaba", WireEmulator.AlibabaRead, "", 0, null) { Kind = FaultKind.Reset, Remaining = 1 });

        var answer = client.Call("sts", "2015-04-01", WireEmulator.AlibabaRead, P());

        Assert.Equal(_emu.AlibabaRootKey.Owner.AccountId, answer.GetString("AccountId"));
        var calls = _emu.CallsOf("Alibaba", WireEmulator.AlibabaRead);
        Assert.Equal(new[] { "OK", "Reset", "OK" }, calls.Select(c => c.Result));
    }

    [Fact]
    public void Tencent_InternalError_with_HTTP_200_is_retried_for_a_read()
    {
        _emu.Server.Faults.Add("Tencent", WireEmulator.TencentRead, "InternalError", times: 2);
        var answer = _emu.Tencent(WireEmulator.Credential(_emu.TencentRootKey)).Call("sts", "2018-08-13", WireEmulator.TencentRead, new JsonObject());
        Assert.Equal(_emu.TencentRootKey.Owner.AccountId, answer.GetString("AccountId"));
        Assert.Equal(new[] { "InternalError", "InternalError", "OK" }, _emu.CallsOf("Tencent", WireEmulator.TencentRead).Select(c => c.Result));
    }

    [Theory]
    [InlineData("InternalError")]
    [InlineData("ResourceUnavailable")]
    public void Tencent_server_fault_with_HTTP_200_on_a_write_is_not_repeated_and_says_the_outcome_is_unknown(string code)
    {
        _emu.Server.Faults.Add("Tencent", WireEmulator.TencentWrite, code, times: 1);
        var ex = Assert.Throws<CloudApiException>(() =>
            _emu.Tencent(WireEmulator.Credential(_emu.TencentRootKey)).Call("cam", "2019-01-16", WireEmulator.TencentWrite, new JsonObject(), idempotent: false));
        Assert.Equal(code, ex.Code);
        Assert.Equal(ErrorCategory.ResourceUnavailable, ex.Category);
        Assert.True(ex.OutcomeUnknown);
        Assert.Single(_emu.CallsOf("Tencent", WireEmulator.TencentWrite));
    }

    [Fact]
    public void A_write_whose_answer_is_lost_is_confirmed_by_its_read_and_not_sent_again()
    {
        _emu.Server.Faults.Add(new Fault("Tencent", WireEmulator.TencentWrite, "", 0, null) { Kind = FaultKind.LostAnswer, Remaining = 1 });
        var reporter = new RecordingReporter();
        int reads = 0;
        var answer = _emu.Tencent(WireEmulator.Credential(_emu.TencentRootKey), reporter).Call("cam", "2019-01-16", WireEmulator.TencentWrite, new JsonObject(),
            idempotent: false, confirm: () => { reads++; return _emu.TencentWrites == 1 ? new JsonObject().Set("Confirmed", true) : null; });

        Assert.Equal(true, answer.GetBoolean("Confirmed"));
        Assert.Equal(1, reads);
        Assert.Equal(1, _emu.TencentWrites);
        Assert.Single(_emu.CallsOf("Tencent", WireEmulator.TencentWrite));
        Assert.Contains(reporter.VerboseLines, l => l.Contains("answer lost; confirmed by reading"));
        Assert.Contains(reporter.DebugLines, l => l.EndsWith(": the write had taken effect; using what the read found.", StringComparison.Ordinal));
    }

    [Fact]
    public void The_debug_stream_tells_each_retry_and_why_throttling_apart_from_a_server_fault_and_a_write_left_unknown()
    {
        // What -Debug shows a user chasing a slow or failed run: each attempt, what went wrong, and what happens next.
        var reporter = new RecordingReporter();
        _emu.Server.Faults.Add("Tencent", WireEmulator.TencentRead, "RequestLimitExceeded", times: 1);
        _emu.Server.Faults.Add("Tencent", WireEmulator.TencentRead, "InternalError", times: 1);
        _emu.Tencent(WireEmulator.Credential(_emu.TencentRootKey), reporter).Call("sts", "2018-08-13", WireEmulator.TencentRead, new JsonObject());
        Assert.NotEmpty(reporter.DebugLines);
        Assert.Contains(reporter.DebugLines, l => l.Contains("attempt 1 of ") && l.Contains(" throttled (HTTP 200)") && l.Contains("retrying in"));
        Assert.Contains(reporter.DebugLines, l => l.Contains("attempt 2 of ") && l.Contains(" transient failure (HTTP 200)") && l.Contains("retrying in"));
        // Our own backoff, not a wait the server asked for: the line says nothing more.
        Assert.Contains(reporter.DebugLines, l => System.Text.RegularExpressions.Regex.IsMatch(l, @": attempt 1 of 4 throttled \(HTTP 200\); retrying in \d+ ms\.$"));
        Assert.DoesNotContain(reporter.DebugLines, l => l.Contains("giving up"));

        // A write whose answer is lost and whose read finds nothing: said so, then sent again.
        var write = new RecordingReporter();
        _emu.Server.Faults.Add(new Fault("Tencent", WireEmulator.TencentWrite, "", 0, null) { Kind = FaultKind.Reset, Remaining = 1 });
        _emu.Tencent(WireEmulator.Credential(_emu.TencentRootKey), write).Call("cam", "2019-01-16", WireEmulator.TencentWrite, new JsonObject(),
            idempotent: false, confirm: () => null);
        Assert.Contains(write.DebugLines, l => l.Contains("attempt 1 network error") && l.Contains("the write may have taken effect, reading whether it did."));
        Assert.Contains(write.DebugLines, l => l.EndsWith(": the write had not taken effect; it may be sent again.", StringComparison.Ordinal));

        // A write refused by a server fault with no read to settle it: not retried, and the reason is given.
        var unknown = new RecordingReporter();
        _emu.Server.Faults.Add("Tencent", WireEmulator.TencentWrite, "InternalError", times: 1);
        Assert.Throws<CloudApiException>(() => _emu.Tencent(WireEmulator.Credential(_emu.TencentRootKey), unknown)
            .Call("cam", "2019-01-16", WireEmulator.TencentWrite, new JsonObject(), idempotent: false));
        Assert.Contains(unknown.DebugLines, l => l.Contains("attempt 1 of ") && l.Contains("transient failure (HTTP 200) (not retried: the write may have taken effect); giving up."));
    }

    [Fact]
    public void A_write_reset_before_it_ran_is_found_missing_by_its_read_and_sent_again_once()
    {
        _emu.Server.Faults.Add(new Fault("Alibaba", WireEmulator.AlibabaWrite, "", 0, null) { Kind = FaultKind.Reset, Remaining = 1 });
        var answer = _emu.Alibaba(WireEmulator.Credential(_emu.AlibabaRootKey)).Call("ram", "2015-05-01", WireEmulator.AlibabaWrite, P(),
            idempotent: false, confirm: () => _emu.AlibabaWrites > 0 ? new JsonObject() : null);

        Assert.Equal(true, answer.GetBoolean("Done"));
        Assert.Equal(1, _emu.AlibabaWrites);
        Assert.Equal(new[] { "Reset", "OK" }, _emu.CallsOf("Alibaba", WireEmulator.AlibabaWrite).Select(c => c.Result));
    }

    [Theory]
    [InlineData("SignatureNonceUsed", 400, ErrorCategory.ConnectionError)]
    [InlineData("Network.Failure", 0, ErrorCategory.ConnectionError)]
    [InlineData("RequestLimitExceeded.UinLimitExceeded", 200, ErrorCategory.LimitsExceeded)]
    [InlineData("Throttling.User", 400, ErrorCategory.LimitsExceeded)]
    [InlineData("InternalError", 200, ErrorCategory.ResourceUnavailable)]
    [InlineData("ServiceUnavailable", 503, ErrorCategory.ResourceUnavailable)]
    [InlineData("Anything", 502, ErrorCategory.ResourceUnavailable)]
    [InlineData("AuthFailure.SignatureFailure", 200, ErrorCategory.AuthenticationError)]
    [InlineData("SignatureDoesNotMatch", 400, ErrorCategory.AuthenticationError)]
    [InlineData("EntityAlreadyExists.Role", 409, ErrorCategory.ResourceExists)]
    [InlineData("InvalidParameter.RoleNameInUse", 200, ErrorCategory.ResourceExists)]
    [InlineData("InternalError.GetRoleError", 200, ErrorCategory.NotSpecified)]
    public void Errors_fall_into_network_throttled_server_auth_and_conflict_categories(string code, int status, ErrorCategory expected)
    {
        var credential = WireEmulator.Credential(_emu.AlibabaRootKey);
        var ex = new CloudApiException(CloudKind.Alibaba, "ram", "CreateRole", code, "m", null, status,
            remedy: CloudApiException.AuthenticationRemedy(code, credential));
        Assert.Equal(expected, ex.Category);
        Assert.Equal("CloudApi." + code, ex.ErrorId);
        if (expected != ErrorCategory.AuthenticationError) Assert.DoesNotContain("Check the key", ex.Message);
    }

    private static TransportSettings Timeout(TimeSpan perAttempt, int attempts) => new()
    {
        Retry = new RetryPolicy { MaxAttempts = attempts, BaseDelay = TimeSpan.FromMilliseconds(1), MaxDelay = TimeSpan.FromMilliseconds(5), Timeout = perAttempt },
        Limiter = RateLimiter.Shared,
    };

    [Fact]
    public void An_answer_held_past_the_per_attempt_timeout_is_retried_then_reported_as_a_timeout_that_says_how_long()
    {
        // Held far longer than the timeout, which is far longer than a loopback call takes even on a loaded machine.
        _emu.Server.Faults.Add(new Fault("Tencent", WireEmulator.TencentRead, "", 0, null) { Kind = FaultKind.Latency, LatencyMs = 6000, Remaining = 2 });
        var reporter = new RecordingReporter();
        var client = _emu.Tencent(WireEmulator.Credential(_emu.TencentRootKey), reporter, Timeout(TimeSpan.FromSeconds(1.5), attempts: 2));

        var ex = Assert.Throws<CloudApiException>(() => client.Call("sts", "2018-08-13", WireEmulator.TencentRead, new JsonObject()));

        Assert.Equal("Network.Timeout", ex.Code);
        Assert.Equal(ErrorCategory.ConnectionError, ex.Category);
        Assert.False(ex.OutcomeUnknown);
        Assert.Equal("Could not reach " + _emu.Server.BaseUrl.Authority + " (timed out after 1.5 s). Check the network, proxy and endpoint, then run the command again.",
            ex.ApiMessage);
        Assert.Equal(2, _emu.CallsOf("Tencent", WireEmulator.TencentRead).Count);
        Assert.Contains(reporter.DebugLines, l => l.Contains(": attempt 1 of 2 timed out after 1.5 s; retrying in "));
        Assert.Contains(reporter.DebugLines, l => l.EndsWith(": attempt 2 of 2 timed out after 1.5 s; giving up.", StringComparison.Ordinal));
    }

    [Fact]
    public void Ctrl_C_while_an_answer_is_held_stops_the_call_at_once_and_is_not_reported_as_a_timeout()
    {
        _emu.Server.Faults.Add(new Fault("Tencent", WireEmulator.TencentRead, "", 0, null) { Kind = FaultKind.Latency, LatencyMs = 6000, Remaining = 1 });
        using var ctrlC = new CancellationTokenSource();
        var reporter = new RecordingReporter(ctrlC.Token);
        var client = _emu.Tencent(WireEmulator.Credential(_emu.TencentRootKey), reporter, Timeout(TimeSpan.FromSeconds(20), attempts: 4));
        var watch = System.Diagnostics.Stopwatch.StartNew();
        ctrlC.CancelAfter(TimeSpan.FromMilliseconds(500));

        Assert.ThrowsAny<OperationCanceledException>(() => client.Call("sts", "2018-08-13", WireEmulator.TencentRead, new JsonObject()));

        Assert.True(watch.Elapsed < TimeSpan.FromSeconds(5), "stopped after " + watch.Elapsed);
        Assert.DoesNotContain(reporter.All, l => l.Contains("timed out") || l.Contains("retrying"));
    }

    [Fact]
    public void A_write_whose_answer_is_lost_and_whose_read_fails_says_it_may_have_been_made_and_why_the_read_failed()
    {
        _emu.Server.Faults.Add(new Fault("Tencent", WireEmulator.TencentWrite, "", 0, null) { Kind = FaultKind.LostAnswer, Remaining = 1 });
        // The read that should settle it fails on every one of its attempts.
        _emu.Server.Faults.Add("Tencent", WireEmulator.TencentRead, "InternalError", times: 4);
        var client = _emu.Tencent(WireEmulator.Credential(_emu.TencentRootKey));

        var ex = Assert.Throws<CloudApiException>(() => client.Call("cam", "2019-01-16", WireEmulator.TencentWrite, new JsonObject(), idempotent: false,
            confirm: () => { client.Call("sts", "2018-08-13", WireEmulator.TencentRead, new JsonObject()); return null; }));

        Assert.Equal(1, _emu.TencentWrites);
        Assert.Single(_emu.CallsOf("Tencent", WireEmulator.TencentWrite));
        var lastRead = _emu.CallsOf("Tencent", WireEmulator.TencentRead).Last();
        Assert.Equal(("Tencent", "cam", WireEmulator.TencentWrite), (ex.Cloud.ToString(), ex.Service, ex.Action));
        Assert.Equal(("InternalError", 200, lastRead.RequestId), (ex.Code, ex.HttpStatus, ex.RequestId));
        Assert.True(ex.OutcomeUnknown);
        Assert.Equal(ErrorCategory.ResourceUnavailable, ex.Category);
        Assert.StartsWith(WireEmulator.TencentWrite + " may have taken effect (attempt 1 network error: ", ex.ApiMessage);
        Assert.Contains("), and reading whether it did failed: Tencent sts " + WireEmulator.TencentRead + " failed: [InternalError] ", ex.ApiMessage);
        Assert.Contains(CloudApiException.OutcomeUnknownRemedy, ex.Remedy);
    }

    [Fact]
    public void A_replayed_nonce_answered_by_the_cloud_is_retried_for_a_read_and_never_blames_the_key()
    {
        // A proxy that re-sends: the emulator refuses the copy with the real code.
        _emu.Server.Faults.Add("Alibaba", WireEmulator.AlibabaRead, "SignatureNonceUsed", times: 1, httpStatus: 400);
        var answer = _emu.Alibaba(WireEmulator.Credential(_emu.AlibabaRootKey)).Call("sts", "2015-04-01", WireEmulator.AlibabaRead, P());
        Assert.Equal(_emu.AlibabaRootKey.Owner.AccountId, answer.GetString("AccountId"));

        _emu.Server.Faults.Add("Alibaba", WireEmulator.AlibabaWrite, "SignatureNonceUsed", times: 1, httpStatus: 400);
        var ex = Assert.Throws<CloudApiException>(() =>
            _emu.Alibaba(WireEmulator.Credential(_emu.AlibabaRootKey)).Call("ram", "2015-05-01", WireEmulator.AlibabaWrite, P(), idempotent: false));
        Assert.Equal(ErrorCategory.ConnectionError, ex.Category);
        Assert.DoesNotContain("Check the key", ex.Message);
        Assert.Contains("re-sent", ex.Message);
        Assert.Equal(0, _emu.AlibabaWrites);
    }

    /// <summary>
    /// A keep-alive HTTP/1.1 server on loopback that answers every request with a small JSON body, except request number
    /// <c>dropRequestNumber</c>, which it reads in full and then answers by resetting the connection.
    /// </summary>
    private sealed class DroppingServer : IAsyncDisposable
    {
        private readonly TcpListener _listener = new(IPAddress.Loopback, 0);
        private readonly int _drop;
        private readonly List<string> _nonces = new();
        private readonly CancellationTokenSource _stop = new();
        private readonly Task _loop;
        private int _connections;

        public DroppingServer(int dropRequestNumber)
        {
            _drop = dropRequestNumber;
            _listener.Start();
            Url = new Uri("http://127.0.0.1:" + ((IPEndPoint)_listener.LocalEndpoint).Port + "/");
            _loop = Task.Run(AcceptLoop);
        }

        public Uri Url { get; }
        public int Connections => Volatile.Read(ref _connections);

        public List<string> Nonces()
        {
            lock (_nonces) return _nonces.ToList();
        }

        private async Task AcceptLoop()
        {
            while (!_stop.IsCancellationRequested)
            {
                TcpClient tcp;
                try { tcp = await _listener.AcceptTcpClientAsync(_stop.Token); }
                catch (Exception) { return; }
                Interlocked.Increment(ref _connections);
                _ = Task.Run(() => Serve(tcp));
            }
        }

        private async Task Serve(TcpClient tcp)
        {
            using var _ = tcp;
            var stream = tcp.GetStream();
            var buffer = new List<byte>();
            var chunk = new byte[8192];
            while (true)
            {
                int headerEnd;
                while ((headerEnd = IndexOf(buffer, "\r\n\r\n"u8.ToArray())) < 0)
                {
                    int n;
                    try { n = await stream.ReadAsync(chunk, _stop.Token); }
                    catch (Exception) { return; }
                    if (n == 0) return;
                    buffer.AddRange(chunk.Take(n));
                }
                var head = Encoding.ASCII.GetString(buffer.Take(headerEnd).ToArray());
                var length = HeaderValue(head, "Content-Length") is { } l ? int.Parse(l) : 0;
                while (buffer.Count < headerEnd + 4 + length)
                {
                    int n = await stream.ReadAsync(chunk, _stop.Token);
                    if (n == 0) return;
                    buffer.AddRange(chunk.Take(n));
                }
                buffer.RemoveRange(0, headerEnd + 4 + length);
                int number;
                lock (_nonces)
                {
                    _nonces.Add(HeaderValue(head, "x-acs-signature-nonce") ?? "");
                    number = _nonces.Count;
                }
                if (number == _drop)
                {
                    // A graceful close (FIN) with no answer: what a proxy or load balancer does to a keep-alive connection.
                    tcp.Client.Shutdown(SocketShutdown.Both);
                    tcp.Client.Close();
                    return;
                }
                var body = "{\"RequestId\":\"R" + number + "\",\"AccountId\":\"1\"}";
                var response = "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: " + body.Length + "\r\nConnection: keep-alive\r\n\r\n" + body;
                await stream.WriteAsync(Encoding.ASCII.GetBytes(response), _stop.Token);
            }
        }

        private static string? HeaderValue(string head, string name) =>
            head.Split("\r\n").Skip(1).Select(l => l.Split(':', 2)).Where(p => p.Length == 2 && p[0].Trim().Equals(name, StringComparison.OrdinalIgnoreCase))
                .Select(p => p[1].Trim()).FirstOrDefault();

        private static int IndexOf(List<byte> data, byte[] pattern)
        {
            for (int i = 0; i + pattern.Length <= data.Count; i++)
            {
                int j = 0;
                while (j < pattern.Length && data[i + j] == pattern[j]) j++;
                if (j == pattern.Length) return i;
            }
            return -1;
        }

        public async ValueTask DisposeAsync()
        {
            _stop.Cancel();
            _listener.Stop();
            try { await _loop; } catch (Exception) { }
        }
    }
}
