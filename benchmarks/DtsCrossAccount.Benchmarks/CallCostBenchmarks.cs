using System.Globalization;
using System.Net.Http.Headers;
using System.Text;
using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Running;
using DtsCrossAccount.Core;
using DtsCrossAccount.Emulator;
using DtsCrossAccount.Json;
using DtsCrossAccount.Signing;
using DtsCrossAccount.Transport;

BenchmarkSwitcher.FromAssembly(typeof(CallCostBenchmarks).Assembly).Run(args);

/// <summary>
/// What one API call costs in the module against the floor: the same request, signed once, sent with a bare HttpClient
/// to the same in-process emulator. Both without rate limits (the limiter would measure the cloud's limit, not us).
/// </summary>
[MemoryDiagnoser]
public class CallCostBenchmarks
{
    // Account A's root key from the emulator's default seed.
    private const string KeyId = "AKIDEMUTENCENTROOTA00000000000000001";
    private const string Secret = "emuTencentSecretKeyRootA000000001";
    private static readonly byte[] Body = Encoding.UTF8.GetBytes("{}");

    private EmulatorServer _server;
    private TencentApiClient _client;
    private HttpClient _bare;
    private Uri _url;
    private string _authorization;
    private long _timestamp;

    [GlobalSetup]
    public async Task Setup()
    {
        _server = await EmulatorServer.StartAsync(0, limitsJson: "{\"enabled\":false}");
        _url = _server.BaseUrl;
        var settings = new TransportSettings { Limiter = RateLimiter.Unlimited };
        _client = new TencentApiClient(new CloudCredential(KeyId, Secret, null, "benchmark"), new EndpointResolver(_url), NullReporter.Instance, settings);
        _bare = new HttpClient();
        _timestamp = DateTimeOffset.UtcNow.ToUnixTimeSeconds();
        _authorization = Tc3Signer.SignPost(KeyId, Secret, "sts", "sts.tencentcloudapi.com", "application/json", _timestamp, Body).Authorization;
    }

    [GlobalCleanup]
    public async Task Cleanup()
    {
        _bare.Dispose();
        await _server.DisposeAsync();
    }

    [Benchmark(Description = "TC3 signature of one request")]
    public string Sign() => Tc3Signer.SignPost(KeyId, Secret, "sts", "sts.tencentcloudapi.com", "application/json", _timestamp, Body).Authorization;

    [Benchmark(Description = "module client: sts GetCallerIdentity")]
    public object ClientCall() => _client.Call("sts", "2018-08-13", "GetCallerIdentity", new JsonObject());

    [Benchmark(Baseline = true, Description = "bare HttpClient: the same request, signed once, replayed")]
    public async Task<string> Replayed()
    {
        using var message = new HttpRequestMessage(HttpMethod.Post, _url) { Content = new ByteArrayContent(Body) };
        message.Content.Headers.ContentType = MediaTypeHeaderValue.Parse("application/json");
        message.Headers.Host = "sts.tencentcloudapi.com";
        message.Headers.TryAddWithoutValidation("Authorization", _authorization);
        message.Headers.TryAddWithoutValidation("X-TC-Action", "GetCallerIdentity");
        message.Headers.TryAddWithoutValidation("X-TC-Version", "2018-08-13");
        message.Headers.TryAddWithoutValidation("X-TC-Timestamp", _timestamp.ToString(CultureInfo.InvariantCulture));
        using var response = await _bare.SendAsync(message);
        return await response.Content.ReadAsStringAsync();
    }
}
