using System.Text;
using BenchmarkDotNet.Attributes;
using DtsCrossAccount.Signing;

namespace DtsCrossAccount.Benchmarks;

/// <summary>What signing one request costs: TC3-HMAC-SHA256 (Tencent) and ACS3-HMAC-SHA256 (Alibaba).</summary>
[MemoryDiagnoser]
public class SigningBenchmarks
{
    private readonly byte[] _body = Encoding.UTF8.GetBytes("{\"RoleName\":\"DTS-role\"}");
    private readonly List<KeyValuePair<string, string>> _query = new() { new("RoleName", "ram-for-dts") };
    private readonly List<KeyValuePair<string, string>> _headers = new()
    {
        new("host", "ram.aliyuncs.com"), new("x-acs-action", "GetRole"), new("x-acs-version", "2015-05-01"),
        new("x-acs-date", "2026-12-01T00:00:00Z"), new("x-acs-signature-nonce", "3156853299f313e23d1673dc12e1703d"),
        new("x-acs-content-sha256", AcsV3Signer.EmptyBodySha256),
    };

    [Benchmark]
    public string Tencent_TC3() =>
        Tc3Signer.SignPost("AKIDz8krbsJ5yKBZQpn74WFkmLPx3EXAMPLE", "Gu5t9xGARNpq86cd98joQYCN3EXAMPLE", "cam", "cam.tencentcloudapi.com",
            "application/json", 1796083200, _body).Authorization;

    [Benchmark]
    public string Alibaba_ACS3() =>
        AcsV3Signer.Sign("POST", "/", _query, _headers, AcsV3Signer.EmptyBodySha256, "YourAccessKeyId", "YourAccessKeySecret").Authorization;
}
