using System.Text;
using DtsCrossAccount.Signing;
using static DtsCrossAccount.Tests.Signing.SigningVectors;

namespace DtsCrossAccount.Tests.Signing;

/// <summary>
/// The canonicalization rules the published vectors do not exercise (their inputs are already sorted, trimmed and
/// lower-case): each test feeds a vector's request in another, equivalent shape and expects the vector's published value,
/// or checks a rule the vendor states. Rules: Tencent "Signature v3" (header names and values lower-cased and trimmed,
/// sorted by name; method upper case); Alibaba V3 doc and darabonba-openapi-util's get_canonicalized_headers (names
/// lower-cased, values trimmed, a repeated header's values sorted and joined by ','; host, content-type and x-acs-*
/// signed); RFC 3986 section 2.3 (unreserved characters A-Z a-z 0-9 - . _ ~ are never encoded).
/// </summary>
public sealed class SignerCanonicalizationTests
{
    [Fact]
    public void Tc3_header_names_and_values_are_trimmed_lower_cased_and_sorted()
    {
        var shuffled = new KeyValuePair<string, string>[]
        {
            new(" X-TC-Action ", "  DescribeInstances "),
            new("Host", " cvm.tencentcloudapi.com"),
            new("Content-Type ", "application/json; charset=utf-8 "),
        };
        var canonical = Tc3Signer.CanonicalRequest("post", null!, shuffled, THashedPayload, out var signed);
        Assert.Equal("content-type;host;x-tc-action", signed);
        Assert.Equal(T2CanonicalRequestHash, SigningPrimitives.Sha256Hex(canonical)); // the zh-CN doc's published hash
    }

    [Fact]
    public void AcsV3_headers_are_trimmed_lower_cased_sorted_and_unsigned_ones_left_out()
    {
        // A1's headers in reverse order, with padding, mixed case, and two headers that are not signed.
        var headers = AHeaders(A1Date, A1Nonce).Reverse()
            .Select((h, i) => new KeyValuePair<string, string>(i % 2 == 0 ? " " + h.Key.ToUpperInvariant() + " " : h.Key, " " + h.Value + " "))
            .Append(new("Accept", "application/json"))
            .Append(new("User-Agent", "DtsCrossAccount"))
            .ToArray();
        var s = AcsV3Signer.Sign("POST", "/", A1Query.Reverse(), headers, EmptySha256, A1AccessKeyId, A1Secret);
        Assert.Equal(A1CanonicalRequest, s.CanonicalRequest);
        Assert.Equal(A1Signature, s.Signature);
    }

    [Fact]
    public void AcsV3_repeated_header_values_are_sorted_whatever_order_they_come_in()
    {
        // The SDK test's two x-acs-test values, given in the other order: same canonical request, same Authorization.
        var reversed = A5V3Headers.Reverse().ToArray();
        var s = AcsV3Signer.Sign("GET", "", A5V3Query, reversed, A5V3Payload, "acesskey", "secret");
        Assert.Equal(A5V3CanonicalRequest, s.CanonicalRequest);
        Assert.Equal(A5V3Authorization, s.Authorization);
    }

    [Theory]
    [InlineData("host", true)]
    [InlineData(" Content-Type ", true)]
    [InlineData("X-Acs-Date", true)]
    [InlineData("x-acs-signature-nonce", true)]
    [InlineData("accept", false)]
    [InlineData("authorization", false)]
    [InlineData("x-acsdate", false)]
    [InlineData("content-md5", false)]
    public void AcsV3_signs_host_content_type_and_x_acs_headers(string name, bool signed) =>
        Assert.Equal(signed, AcsV3Signer.IsSignedHeader(name));

    [Fact]
    public void AcsV3_content_type_is_part_of_the_canonical_request_when_sent()
    {
        var headers = AHeaders(A1Date, A1Nonce).Append(new("content-type", "application/x-www-form-urlencoded")).ToArray();
        var s = AcsV3Signer.Sign("POST", "/", A1Query, headers, EmptySha256, A1AccessKeyId, A1Secret);
        Assert.Contains("\ncontent-type:application/x-www-form-urlencoded\nhost:", s.CanonicalRequest);
        Assert.Equal("content-type;host;x-acs-action;x-acs-content-sha256;x-acs-date;x-acs-signature-nonce;x-acs-version", s.SignedHeaders);
    }

    [Fact]
    public void AcsV3_path_is_kept_and_query_values_may_be_missing()
    {
        var s = AcsV3Signer.Sign("GET", "/v1/roles", new KeyValuePair<string, string>[] { new("b", null!), new("a", "1") },
            new KeyValuePair<string, string>[] { new("host", "ram.aliyuncs.com") }, EmptySha256, "id", "secret");
        Assert.StartsWith("GET\n/v1/roles\na=1&b=\nhost:ram.aliyuncs.com\n\nhost\n", s.CanonicalRequest);
        Assert.Equal("", AcsV3Signer.CanonicalQuery(null!));
    }

    [Fact]
    public void Tc3_canonical_query_string_is_the_third_line()
    {
        // The doc: CanonicalQueryString is the URL's query for GET and empty for POST.
        var headers = new KeyValuePair<string, string>[] { new("content-type", "application/x-www-form-urlencoded"), new("host", THost) };
        var canonical = Tc3Signer.CanonicalRequest("GET", "Limit=10&Offset=0", headers, EmptySha256, out _);
        Assert.Equal("GET\n/\nLimit=10&Offset=0\ncontent-type:application/x-www-form-urlencoded\nhost:" + THost + "\n\ncontent-type;host\n" + EmptySha256, canonical);
    }

    [Fact]
    public void A_header_without_a_value_signs_as_an_empty_value()
    {
        var tc3 = Tc3Signer.CanonicalRequest("POST", "", new KeyValuePair<string, string>[] { new("host", null!) }, EmptySha256, out _);
        Assert.Equal("POST\n/\n\nhost:\n\nhost\n" + EmptySha256, tc3);
        var acs = AcsV3Signer.CanonicalHeaders(new KeyValuePair<string, string>[] { new("x-acs-empty", null!), new("host", "h") }, out var signed);
        Assert.Equal("host:h\nx-acs-empty:\n", acs);
        Assert.Equal("host;x-acs-empty", signed);
    }

    [Fact]
    public void RpcV2_method_is_upper_cased_and_a_missing_value_signs_as_empty()
    {
        Assert.Equal(A3StringToSign, AcsRpcV2Signer.StringToSign("get", A3Parameters));
        var withNull = new KeyValuePair<string, string>[] { new("query", "test"), new("body", null!) };
        Assert.Equal("GET&%2F&body%3D%26query%3Dtest", AcsRpcV2Signer.StringToSign("GET", withNull));
    }

    [Fact]
    public void Percent_encoding_keeps_exactly_the_RFC_3986_unreserved_characters()
    {
        const string unreserved = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_.~";
        Assert.Equal(unreserved, SigningPrimitives.PercentEncode(unreserved));
        // The neighbours of each unreserved range in ASCII, and the reserved characters the signers meet most.
        Assert.Equal("%40%5B%60%7B%2F%3A%2C%2B%3D%26%25%20%21%2A%27%28%29%3B%3F%23%5C%7F",
            SigningPrimitives.PercentEncode("@[`{/:,+=&% !*'();?#\\\u007f"));
        Assert.Equal("", SigningPrimitives.PercentEncode(null!));
        Assert.Equal("", SigningPrimitives.PercentEncode(""));
    }

    [Fact]
    public void Sha256_of_nothing_is_the_empty_body_hash()
    {
        Assert.Equal(EmptySha256, SigningPrimitives.Sha256Hex((byte[])null!));
        Assert.Equal(EmptySha256, SigningPrimitives.Sha256Hex((string)null!));
        Assert.Equal(EmptySha256, AcsV3Signer.EmptyBodySha256);
        Assert.Equal(THashedPayload, SigningPrimitives.Sha256Hex(Encoding.UTF8.GetBytes(TBody)));
    }
}
