#nullable enable
using System.Management.Automation;
using DtsCrossAccount.Core;
using DtsCrossAccount.Json;
using DtsCrossAccount.Transport;
using Xunit;

namespace DtsCrossAccount.Tests.Transport;

/// <summary>Endpoint validation, reporting hygiene, network failures and cancellation.</summary>
public class TransportBehaviourTests : IAsyncLifetime
{
    private WireEmulator _emu = null!;

    public async Task InitializeAsync() => _emu = await WireEmulator.StartAsync();
    public async Task DisposeAsync() => await _emu.DisposeAsync();

    [Theory]
    [InlineData("http://example.com/")]
    [InlineData("http://10.0.0.5:8080/")]
    [InlineData("http://127.example.com/")]
    public void Plain_http_to_a_remote_host_is_refused(string url)
    {
        var ex = Assert.Throws<DtsCrossAccountException>(() => EndpointResolver.FromParameter(new Uri(url)));
        Assert.Equal("InsecureEndpoint", ex.ErrorId);
        Assert.Equal(ErrorCategory.InvalidArgument, ex.Category);
        Assert.Contains("https://", ex.Message);
    }

    [Theory]
    [InlineData("http://localhost:5000/")]
    [InlineData("http://127.0.0.1:5000/")]
    [InlineData("http://127.10.20.30/")]
    [InlineData("http://[::1]:5000/")]
    [InlineData("https://dts.example.com/")]
    public void Loopback_http_and_any_https_are_accepted(string url)
    {
        Assert.Equal(new Uri(url), EndpointResolver.FromParameter(new Uri(url)).Override);
    }

    [Fact]
    public void Relative_or_non_http_endpoint_is_InvalidEndpoint()
    {
        Assert.Equal("InvalidEndpoint", Assert.Throws<DtsCrossAccountException>(() =>
            EndpointResolver.FromParameter(new Uri("/just/a/path", UriKind.Relative))).ErrorId);
        Assert.Equal("InvalidEndpoint", Assert.Throws<DtsCrossAccountException>(() =>
            EndpointResolver.FromParameter(new Uri("ftp://127.0.0.1/"))).ErrorId);
    }

    [Fact]
    public void Override_sends_every_service_to_one_host_and_the_credential_scope_still_names_the_service()
    {
        var key = _emu.TencentRootKey;
        var client = _emu.Tencent(WireEmulator.Credential(key));
        client.Call("sts", "2018-08-13", WireEmulator.TencentRead, new JsonObject());
        client.Call("cam", "2019-01-16", WireEmulator.TencentWrite, new JsonObject());
        Assert.Equal(new[] { "sts", "cam" }, _emu.Server.Calls.Snapshot().Select(c => c.Service));
    }

    [Fact]
    public void Reporter_gets_one_verbose_line_per_call_and_never_a_secret_token_or_signature()
    {
        var tencentTemp = _emu.AddTemporaryKey(true, _emu.TencentRootKey, TimeSpan.FromHours(1));
        var alibabaTemp = _emu.AddTemporaryKey(false, _emu.AlibabaRootKey, TimeSpan.FromHours(1));
        _emu.Server.Faults.Add("Tencent", WireEmulator.TencentRead, "RequestLimitExceeded", times: 1);
        _emu.Server.Faults.Add("Alibaba", WireEmulator.AlibabaRead, "Throttling.User", times: 1, httpStatus: 400);
        var reporter = new RecordingReporter();

        _emu.Tencent(WireEmulator.Credential(tencentTemp, token: tencentTemp.Token), reporter)
            .Call("sts", "2018-08-13", WireEmulator.TencentRead, new JsonObject(), region: "ap-guangzhou");
        _emu.Alibaba(WireEmulator.Credential(alibabaTemp, token: alibabaTemp.Token), reporter)
            .Call("sts", "2015-04-01", WireEmulator.AlibabaRead, new Dictionary<string, string>());
        var failure = Assert.Throws<CloudApiException>(() => _emu.Tencent(WireEmulator.Credential(tencentTemp, secret: "bad-secret-value", token: tencentTemp.Token), reporter)
            .Call("sts", "2018-08-13", WireEmulator.TencentRead, new JsonObject()));

        Assert.Equal(3, reporter.VerboseLines.Count);
        Assert.StartsWith("Tencent sts WireTestWhoAmI (region ap-guangzhou, host " + _emu.Server.BaseUrl.Authority + "): OK, RequestId ", reporter.VerboseLines[0]);
        Assert.StartsWith("Alibaba sts WireTestWhoAmI (region -, host ", reporter.VerboseLines[1]);
        Assert.Contains("failed [AuthFailure.SignatureFailure]", reporter.VerboseLines[2]);
        Assert.Contains(reporter.DebugLines, l => l.Contains("attempt 1 of 4") && l.Contains("retrying in"));

        var forbidden = new[]
        {
            tencentTemp.Secret, tencentTemp.Token!, alibabaTemp.Secret, alibabaTemp.Token!, "bad-secret-value",
            tencentTemp.Id, alibabaTemp.Id, "Signature=", "TC3-HMAC-SHA256", "ACS3-HMAC-SHA256", "Authorization",
        };
        foreach (var line in reporter.All.Append(failure.Message))
            foreach (var secret in forbidden)
                Assert.DoesNotContain(secret, line);
    }

    [Fact]
    public void Unreachable_endpoint_is_retried_only_when_idempotent_then_reported_as_a_connection_error()
    {
        // A port bound but not listening: connection refused at once, and held by this test until it ends, so no other
        // process or parallel test can take it in between (never "pick a free port, release it, use it").
        using var holder = new System.Net.Sockets.Socket(System.Net.Sockets.AddressFamily.InterNetwork, System.Net.Sockets.SocketType.Stream, System.Net.Sockets.ProtocolType.Tcp);
        holder.Bind(new System.Net.IPEndPoint(System.Net.IPAddress.Loopback, 0));
        var port = ((System.Net.IPEndPoint)holder.LocalEndPoint!).Port;
        var endpoints = new EndpointResolver(new Uri("http://127.0.0.1:" + port + "/"));

        var idempotentReporter = new RecordingReporter();
        var client = new TencentApiClient(WireEmulator.Credential(_emu.TencentRootKey), endpoints, idempotentReporter, WireEmulator.FastSettings());
        var ex = Assert.Throws<CloudApiException>(() => client.Call("sts", "2018-08-13", WireEmulator.TencentRead, new JsonObject()));
        Assert.Equal("Network.Failure", ex.Code);
        Assert.Equal(ErrorCategory.ConnectionError, ex.Category);
        Assert.Equal(3, idempotentReporter.DebugLines.Count(l => l.Contains("retrying in")));

        var writeReporter = new RecordingReporter();
        var writer = new TencentApiClient(WireEmulator.Credential(_emu.TencentRootKey), endpoints, writeReporter, WireEmulator.FastSettings());
        Assert.Throws<CloudApiException>(() => writer.Call("cam", "2019-01-16", WireEmulator.TencentWrite, new JsonObject(), idempotent: false));
        Assert.DoesNotContain(writeReporter.DebugLines, l => l.Contains("retrying in"));
    }

    [Fact]
    public void Cancellation_stops_the_call()
    {
        using var cts = new CancellationTokenSource();
        cts.Cancel();
        var client = _emu.Tencent(WireEmulator.Credential(_emu.TencentRootKey), new RecordingReporter(cts.Token));
        Assert.ThrowsAny<OperationCanceledException>(() => client.Call("sts", "2018-08-13", WireEmulator.TencentRead, new JsonObject()));
        Assert.Empty(_emu.Server.Calls.Snapshot());
    }

    [Fact]
    public void Backoff_is_full_jitter_within_the_exponential_ceiling()
    {
        var policy = new RetryPolicy { BaseDelay = TimeSpan.FromMilliseconds(200), MaxDelay = TimeSpan.FromSeconds(5) };
        for (int i = 0; i < 200; i++)
        {
            Assert.InRange(policy.Backoff(1).TotalMilliseconds, 0, 200);
            Assert.InRange(policy.Backoff(3).TotalMilliseconds, 0, 800);
            Assert.InRange(policy.Backoff(10).TotalMilliseconds, 0, 5000);
        }
        Assert.Contains(Enumerable.Range(0, 200).Select(_ => policy.Backoff(10).TotalMilliseconds), d => d > 800);
    }
}
