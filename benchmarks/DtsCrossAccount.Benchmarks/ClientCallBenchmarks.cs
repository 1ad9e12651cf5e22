using System.Net.Http.Headers;
using BenchmarkDotNet.Attributes;
using DtsCrossAccount.Core;
using DtsCrossAccount.Emulator;
using DtsCrossAccount.Emulator.Core;
using DtsCrossAccount.Json;
using DtsCrossAccount.Signing;
using DtsCrossAccount.Transport;

namespace DtsCrossAccount.Benchmarks;

/// <summary>
/// One API call through the module's client against the in-process emulator, next to the same signed request replayed
/// with a bare HttpClient: the difference is the module's own cost per call. The emulator's rate limits are lifted and
/// the client's limiter is off, because the limits are the cloud's budget, not overhead.
/// </summary>
[MemoryDiagnoser]
public class ClientCallBenchmarks
{
    private EmulatorServer _server = null!;
    private TencentApiClient _client = null!;
    private HttpClient _bare = null!;
    private byte[] _body = null!;
    private string _authorization = null!;
    private long _timestamp;

    [GlobalSetup]
    public void Setup()
    {
        _server = EmulatorServer.StartAsync(0, null, null, "{\"enabled\":false}").GetAwaiter().GetResult();
        AccessKey key = _server.State.Tencent.Keys.Values.First(k => k.Owner.IsRoot && k.Token == null);
        var credential = new CloudCredential(key.Id, key.Secret, null, "benchmark");
        _client = new TencentApiClient(credential, new EndpointResolver(_server.BaseUrl), null,
            new TransportSettings { Limiter = RateLimiter.Unlimited });
        _bare = new HttpClient();
        _body = "{}"u8.ToArray();
        _timestamp = DateTimeOffset.UtcNow.ToUnixTimeSeconds();
        _authorization = Tc3Signer.SignPost(key.Id, key.Secret, "sts", _server.BaseUrl.Authority, "application/json", _timestamp, _body).Authorization;
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        _bare.Dispose();
        _server.DisposeAsync().AsTask().GetAwaiter().GetResult();
    }

    [Benchmark(Baseline = true)]
    public string Replayed_signed_request()
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, _server.BaseUrl) { Content = new ByteArrayContent(_body) };
        request.Content.Headers.ContentType = MediaTypeHeaderValue.Parse("application/json");
        request.Headers.TryAddWithoutValidation("Authorization", _authorization);
        request.Headers.TryAddWithoutValidation("X-TC-Action", "GetCallerIdentity");
        request.Headers.TryAddWithoutValidation("X-TC-Version", "2018-08-13");
        request.Headers.TryAddWithoutValidation("X-TC-Timestamp", _timestamp.ToString(System.Globalization.CultureInfo.InvariantCulture));
        request.Headers.TryAddWithoutValidation("X-TC-Region", "ap-guangzhou");
        using var response = _bare.Send(request);
        return response.Content.ReadAsStringAsync().GetAwaiter().GetResult();
    }

    [Benchmark]
    public string Module_client_call() =>
        _client.Call("sts", "2018-08-13", "GetCallerIdentity", new JsonObject(), "ap-guangzhou").GetString("AccountId") ?? "";
}
