using System.Text;
using DtsCrossAccount.Signing;
using Xunit;
using static DtsCrossAccount.Tests.Signing.SigningVectors;

namespace DtsCrossAccount.Tests.Signing;

/// <summary>The module's signers reproduce the clouds' published signatures byte for byte.</summary>
public class ModuleSignerVectorTests
{
    [Fact]
    public void Tc3_T1_official_example_matches_every_published_step()
    {
        var s = Tc3Signer.SignPost(T1SecretId, T1SecretKey, TService, THost, TContentType, TTimestamp, Encoding.UTF8.GetBytes(TBody));

        Assert.Equal(TDate, Tc3Signer.UtcDate(TTimestamp));
        Assert.Equal(T1CanonicalRequest, s.CanonicalRequest);
        Assert.Equal(T1CanonicalRequestHash, SigningPrimitives.Sha256Hex(s.CanonicalRequest));
        Assert.Equal("TC3-HMAC-SHA256\n1551113065\n2019-02-25/cvm/tc3_request\n" + T1CanonicalRequestHash, s.StringToSign);
        Assert.Equal(T1Signature, s.Signature);
        Assert.Equal(T1Authorization, s.Authorization);
    }

    [Fact]
    public void Tc3_T2_derived_keys_match_the_published_ones()
    {
        // The zh-CN "签名方法 v3" doc (cloud.tencent.com/document/api/213/30654, step 3) prints SecretDate, SecretService and
        // SecretSigning in hex for its masked SecretKey of 32 '*', date 2019-02-25, service cvm.
        var kDate = SigningPrimitives.HmacSha256(SigningPrimitives.Utf8.GetBytes("TC3" + T2SecretKey), TDate);
        Assert.Equal(T2SecretDate, SigningPrimitives.Hex(kDate));
        Assert.Equal(T2SecretService, SigningPrimitives.Hex(SigningPrimitives.HmacSha256(kDate, TService)));
        Assert.Equal(T2SecretSigning, SigningPrimitives.Hex(Tc3Signer.DeriveSigningKey(T2SecretKey, TDate, TService)));
    }

    [Fact]
    public void Tc3_T2_three_signed_headers_including_x_tc_action()
    {
        var s = Tc3Signer.SignPost(T1SecretId, T2SecretKey, TService, THost, TContentType, TTimestamp, Encoding.UTF8.GetBytes(TBody), T2SignedAction);

        Assert.Equal("content-type;host;x-tc-action", s.SignedHeaders);
        Assert.Contains("\nx-tc-action:describeinstances\n", s.CanonicalRequest);
        Assert.Equal(T2CanonicalRequestHash, SigningPrimitives.Sha256Hex(s.CanonicalRequest));
        Assert.Equal(T2Signature, s.Signature);
    }

    [Fact]
    public void AcsV3_A1_official_example()
    {
        var s = AcsV3Signer.Sign("POST", "/", A1Query, AHeaders(A1Date, A1Nonce), EmptySha256, A1AccessKeyId, A1Secret);

        Assert.Equal(A1CanonicalRequestHash, SigningPrimitives.Sha256Hex(s.CanonicalRequest));
        Assert.Equal("ACS3-HMAC-SHA256\n" + A1CanonicalRequestHash, s.StringToSign);
        Assert.Equal(A1Signature, s.Signature);
    }

    [Fact]
    public void AcsV3_A2_header_table_signature()
    {
        // Only the signature is published for these inputs; its canonical-request hash is printed nowhere, so it is not asserted.
        var s = AcsV3Signer.Sign("POST", "/", A1Query, AHeaders(A2Date, A2Nonce), EmptySha256, A1AccessKeyId, A1Secret);
        Assert.Equal(A2Signature, s.Signature);
    }

    [Fact]
    public void AcsV3_A1_canonical_request_and_authorization_are_exact()
    {
        var s = AcsV3Signer.Sign("POST", "/", A1Query, AHeaders(A1Date, A1Nonce), EmptySha256, A1AccessKeyId, A1Secret);
        Assert.Equal(A1CanonicalRequest, s.CanonicalRequest);
        Assert.Equal(A1Authorization, s.Authorization);
    }

    [Fact]
    public void AcsV3_A5_sdk_vector_joins_duplicate_headers_and_keeps_empty_query_values()
    {
        var s = AcsV3Signer.Sign("GET", "", A5V3Query, A5V3Headers, A5V3Payload, "acesskey", "secret");
        Assert.Equal(A5V3CanonicalRequest, s.CanonicalRequest);
        Assert.Equal(A5V3Authorization, s.Authorization);

        var go = AcsV3Signer.Sign("", "", A5V3Query, A5V3Headers, A5V3Payload, "acesskey", "secret");
        Assert.Equal(A5V3GoSignature, go.Signature);
    }

    [Fact]
    public void AcsV3_canonical_query_uses_rfc3986()
    {
        var q = AcsV3Signer.CanonicalQuery(new KeyValuePair<string, string>[] { new("b", "a b*c~/"), new("a", "中") });
        Assert.Equal("a=%E4%B8%AD&b=a%20b%2Ac~%2F", q);
    }

    [Fact]
    public void RpcV2_A3_official_example()
    {
        Assert.Equal(A3StringToSign, AcsRpcV2Signer.StringToSign("GET", A3Parameters));
        Assert.Equal(A3Signature, AcsRpcV2Signer.Sign("GET", A3Parameters, V2Secret));
    }

    [Fact]
    public void RpcV2_A4_ram_doc_example()
    {
        Assert.Equal(A4StringToSign, AcsRpcV2Signer.StringToSign("GET", A4Parameters));
        Assert.Equal(A4Signature, AcsRpcV2Signer.Sign("GET", A4Parameters, V2Secret));
    }

    [Fact]
    public void RpcV2_A5_sdk_vectors()
    {
        Assert.Equal(A5RpcStringToSign, AcsRpcV2Signer.StringToSign("GET", A5RpcParameters));
        Assert.Equal(A5RpcSignature, AcsRpcV2Signer.Sign("GET", A5RpcParameters, "secret"));
        Assert.Equal("Jv4yi8SobFhg5t1C7nWLbhBSFZQ=", SigningPrimitives.HmacSha1Base64("secret", "source"));
        Assert.Equal("szlfHs3WVaO/HgY3Cg7/uyXDaRw=", SigningPrimitives.HmacSha1Base64("secret", "中文unicode"));
    }

    [Fact]
    public void RpcV2_signature_ignores_a_Signature_parameter_already_present()
    {
        var withSignature = A3Parameters.Append(new KeyValuePair<string, string>("Signature", "anything")).ToArray();
        Assert.Equal(A3Signature, AcsRpcV2Signer.Sign("GET", withSignature, V2Secret));
    }
}
