using System.Text;
using DtsCrossAccount.Emulator.Alibaba;
using DtsCrossAccount.Emulator.Core;
using DtsCrossAccount.Emulator.Tencent;
using Xunit;
using static DtsCrossAccount.Tests.Signing.SigningVectors;

namespace DtsCrossAccount.Tests.Signing;

/// <summary>The emulator's own verifiers (written apart from the module) accept the published signatures.</summary>
public class EmulatorVerifierVectorTests
{
    private static readonly string Payload = WireCrypto.Sha256Hex(Encoding.UTF8.GetBytes(TBody));

    [Fact]
    public void Tc3_T1()
    {
        Assert.Equal(THashedPayload, Payload);
        var canonical = Tc3Verifier.CanonicalRequest("POST", "", new[] { ("host", THost), ("content-type", TContentType) }, Payload);
        Assert.Equal(T1CanonicalRequest, canonical);
        var sts = Tc3Verifier.StringToSign(TTimestamp, TDate, TService, canonical);
        Assert.Equal(T1Signature, Tc3Verifier.Signature(T1SecretKey, TDate, TService, sts));
    }

    [Fact]
    public void Tc3_T1_authorization_header_parses()
    {
        var auth = Tc3Verifier.ParseAuthorization(T1Authorization);
        Assert.NotNull(auth);
        Assert.Equal(T1SecretId, auth!.SecretId);
        Assert.Equal(TDate, auth.Date);
        Assert.Equal(TService, auth.Service);
        Assert.Equal(new[] { "content-type", "host" }, auth.SignedHeaders);
        Assert.Equal(T1Signature, auth.Signature);
    }

    [Fact]
    public void Tc3_T2_lower_cases_the_signed_action_value()
    {
        var canonical = Tc3Verifier.CanonicalRequest("POST", "",
            new[] { ("Content-Type", TContentType), ("Host", THost), ("X-TC-Action", T2SignedAction) }, Payload);
        Assert.Equal(T2CanonicalRequestHash, WireCrypto.Sha256Hex(canonical));
        Assert.Equal(T2Signature, Tc3Verifier.Signature(T2SecretKey, TDate, TService, Tc3Verifier.StringToSign(TTimestamp, TDate, TService, canonical)));
    }

    [Theory]
    [InlineData(A1Date, A1Nonce, A1Signature)]
    [InlineData(A2Date, A2Nonce, A2Signature)]
    public void AcsV3_A1_A2(string date, string nonce, string signature)
    {
        var headers = AHeaders(date, nonce).Select(h => (h.Key, h.Value));
        var canonical = AcsVerifier.V3CanonicalRequest("POST", "/", A1Query, headers, EmptySha256);
        Assert.Equal(signature, AcsVerifier.V3Signature(A1Secret, AcsVerifier.V3StringToSign(canonical)));
    }

    [Fact]
    public void AcsV3_A1_authorization_header_parses()
    {
        var auth = AcsVerifier.ParseV3Authorization(A1Authorization);
        Assert.NotNull(auth);
        Assert.Equal(A1AccessKeyId, auth!.AccessKeyId);
        Assert.Equal(6, auth.SignedHeaders.Count);
        Assert.Equal(A1Signature, auth.Signature);
    }

    [Fact]
    public void AcsV3_A5_duplicate_headers()
    {
        var canonical = AcsVerifier.V3CanonicalRequest("GET", "", A5V3Query, A5V3Headers.Select(h => (h.Key, h.Value)), A5V3Payload);
        Assert.Equal(A5V3CanonicalRequest, canonical);
        Assert.EndsWith("Signature=" + AcsVerifier.V3Signature("secret", AcsVerifier.V3StringToSign(canonical)), A5V3Authorization);
    }

    [Fact]
    public void RpcV2_A3_A4_A5()
    {
        Assert.Equal(A3StringToSign, AcsVerifier.V2StringToSign("GET", A3Parameters));
        Assert.Equal(A3Signature, AcsVerifier.V2Signature(V2Secret, A3StringToSign));
        Assert.Equal(A4StringToSign, AcsVerifier.V2StringToSign("GET", A4Parameters));
        Assert.Equal(A4Signature, AcsVerifier.V2Signature(V2Secret, A4StringToSign));
        Assert.Equal(A5RpcSignature, AcsVerifier.V2Signature("secret", AcsVerifier.V2StringToSign("GET", A5RpcParameters)));
    }
}
