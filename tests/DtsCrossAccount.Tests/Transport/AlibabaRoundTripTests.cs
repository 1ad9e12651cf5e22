#nullable enable
using System.Globalization;
using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using DtsCrossAccount.Core;
using DtsCrossAccount.Signing;
using Xunit;

namespace DtsCrossAccount.Tests.Transport;

/// <summary>The module's Alibaba client (V3) and hand-built V2 requests against the emulator's Alibaba frontend.</summary>
public class AlibabaRoundTripTests : IAsyncLifetime
{
    private WireEmulator _emu = null!;
    private static readonly HttpClient Http = new();

    public async Task InitializeAsync() => _emu = await WireEmulator.StartAsync();
    public async Task DisposeAsync() => await _emu.DisposeAsync();

    private static Dictionary<string, string> P(params (string, string)[] items) => items.ToDictionary(i => i.Item1, i => i.Item2);

    [Fact]
    public void V3_call_with_query_and_form_parameters_succeeds()
    {
        var key = _emu.AlibabaRootKey;
        var response = _emu.Alibaba(WireEmulator.Credential(key)).Call("sts", "2015-04-01", WireEmulator.AlibabaRead,
            // DbList and passwords travel in the form body, signed with the rest.
            P(("Plain", "value"), ("Odd", "a b*c~/+=&中"), ("DbList", "[{\"x\":\"y z\"}]"), ("SourceEndpointPassword", "p&q=r")), region: "cn-hangzhou");

        Assert.Equal(key.Owner.AccountId, response.GetString("AccountId"));
        Assert.Equal("cn-hangzhou", response.GetString("Region"));
        var parameters = response.GetObject("Parameters")!;
        Assert.Equal("value", parameters.GetString("Plain"));
        Assert.Equal("a b*c~/+=&中", parameters.GetString("Odd"));
        Assert.Equal("[{\"x\":\"y z\"}]", parameters.GetString("DbList"));
        Assert.Equal("p&q=r", parameters.GetString("SourceEndpointPassword"));
        Assert.Equal("cn-hangzhou", parameters.GetString("RegionId"));
        Assert.False(string.IsNullOrEmpty(response.GetString("RequestId")));
        Assert.Equal("OK", Assert.Single(_emu.CallsOf("Alibaba", WireEmulator.AlibabaRead)).Result);
    }

    [Fact]
    public void Wrong_secret_surfaces_SignatureDoesNotMatch_with_the_server_string_to_sign()
    {
        var client = _emu.Alibaba(WireEmulator.Credential(_emu.AlibabaRootKey, secret: "not-the-secret"));
        var ex = Assert.Throws<CloudApiException>(() => client.Call("sts", "2015-04-01", WireEmulator.AlibabaRead, P()));

        Assert.Equal(CloudKind.Alibaba, ex.Cloud);
        Assert.Equal("SignatureDoesNotMatch", ex.Code);
        Assert.Equal(400, ex.HttpStatus);
        Assert.StartsWith("Specified signature is not matched with our calculation. server string to sign is:ACS3-HMAC-SHA256\n", ex.ApiMessage);
        Assert.False(string.IsNullOrEmpty(ex.RequestId));
    }

    [Fact]
    public void Unknown_access_key_is_InvalidAccessKeyId_NotFound_404()
    {
        var client = _emu.Alibaba(new CloudCredential("LTAINOSUCHKEY000000", "x", null, "test"));
        var ex = Assert.Throws<CloudApiException>(() => client.Call("sts", "2015-04-01", WireEmulator.AlibabaRead, P()));
        Assert.Equal(("InvalidAccessKeyId.NotFound", 404), (ex.Code, ex.HttpStatus));
    }

    [Fact]
    public void Stale_date_is_InvalidTimeStamp_Expired()
    {
        _emu.State.Clock.Advance(TimeSpan.FromMinutes(16));
        var ex = Assert.Throws<CloudApiException>(() =>
            _emu.Alibaba(WireEmulator.Credential(_emu.AlibabaRootKey)).Call("sts", "2015-04-01", WireEmulator.AlibabaRead, P()));
        Assert.Equal("InvalidTimeStamp.Expired", ex.Code);
    }

    [Fact]
    public void Unknown_action_is_InvalidAction_NotFound_404_and_unknown_version_InvalidVersion()
    {
        var client = _emu.Alibaba(WireEmulator.Credential(_emu.AlibabaRootKey));
        var action = Assert.Throws<CloudApiException>(() => client.Call("sts", "2015-04-01", "NoSuchActionHere", P()));
        Assert.Equal(("InvalidAction.NotFound", 404), (action.Code, action.HttpStatus));
        var version = Assert.Throws<CloudApiException>(() => client.Call("sts", "1999-01-01", WireEmulator.AlibabaRead, P()));
        Assert.Equal("InvalidVersion", version.Code);
    }

    [Fact]
    public void Temporary_key_needs_its_security_token()
    {
        var temp = _emu.AddTemporaryKey(false, _emu.AlibabaRootKey, TimeSpan.FromMinutes(30));

        var missing = Assert.Throws<CloudApiException>(() =>
            _emu.Alibaba(WireEmulator.Credential(temp)).Call("sts", "2015-04-01", WireEmulator.AlibabaRead, P()));
        Assert.Equal("MissingSecurityToken", missing.Code);

        var wrong = Assert.Throws<CloudApiException>(() =>
            _emu.Alibaba(WireEmulator.Credential(temp, token: "someone-elses-token")).Call("sts", "2015-04-01", WireEmulator.AlibabaRead, P()));
        Assert.Equal("InvalidSecurityToken.MismatchWithAccessKey", wrong.Code);

        var ok = _emu.Alibaba(WireEmulator.Credential(temp, token: temp.Token)).Call("sts", "2015-04-01", WireEmulator.AlibabaRead, P());
        Assert.Equal(temp.Owner.AccountId, ok.GetString("AccountId"));

        _emu.State.Clock.Advance(TimeSpan.FromMinutes(31));
        var client = _emu.Alibaba(WireEmulator.Credential(temp, token: temp.Token), settings: WireEmulator.FastSettings(clock: () => _emu.State.Clock.UtcNow));
        var expired = Assert.Throws<CloudApiException>(() => client.Call("sts", "2015-04-01", WireEmulator.AlibabaRead, P()));
        Assert.Equal(("InvalidSecurityToken.Expired", 403), (expired.Code, expired.HttpStatus));
    }

    [Fact]
    public void Dts_success_false_becomes_an_error_with_the_dynamic_message_filled_in()
    {
        var ex = Assert.Throws<CloudApiException>(() => _emu.Alibaba(WireEmulator.Credential(_emu.AlibabaRootKey))
            .Call("dts", "2020-01-01", WireEmulator.AlibabaDtsFailure, P(), region: "cn-hangzhou"));
        Assert.Equal("InvalidParameter", ex.Code);
        Assert.Equal("The parameter DbList is invalid.", ex.ApiMessage);
        Assert.Equal(400, ex.HttpStatus);
    }

    [Fact]
    public void Throttled_call_is_retried_and_the_call_log_shows_every_attempt()
    {
        _emu.Server.Faults.Add("Alibaba", WireEmulator.AlibabaWrite, "Throttling.User", times: 2, httpStatus: 400,
            message: "Request was denied due to user flow control.");
        var response = _emu.Alibaba(WireEmulator.Credential(_emu.AlibabaRootKey))
            .Call("ram", "2015-05-01", WireEmulator.AlibabaWrite, P(), idempotent: false);

        Assert.Equal(true, response.GetBoolean("Done"));
        Assert.Equal(new[] { "Throttling.User", "Throttling.User", "OK" }, _emu.CallsOf("Alibaba", WireEmulator.AlibabaWrite).Select(c => c.Result));
        Assert.Equal(1, _emu.AlibabaWrites);
    }

    [Fact]
    public void Server_error_is_retried_only_for_idempotent_calls()
    {
        _emu.Server.Faults.Add("Alibaba", WireEmulator.AlibabaWrite, "ServiceUnavailable", times: 1, httpStatus: 503);
        var ex = Assert.Throws<CloudApiException>(() => _emu.Alibaba(WireEmulator.Credential(_emu.AlibabaRootKey))
            .Call("ram", "2015-05-01", WireEmulator.AlibabaWrite, P(), idempotent: false));
        Assert.Equal(("ServiceUnavailable", 503), (ex.Code, ex.HttpStatus));
        Assert.Single(_emu.CallsOf("Alibaba", WireEmulator.AlibabaWrite));

        _emu.Server.Faults.Add("Alibaba", WireEmulator.AlibabaWrite, "ServiceUnavailable", times: 1, httpStatus: 503);
        _emu.Alibaba(WireEmulator.Credential(_emu.AlibabaRootKey)).Call("ram", "2015-05-01", WireEmulator.AlibabaWrite, P(), idempotent: true);
        Assert.Equal(new[] { "ServiceUnavailable", "ServiceUnavailable", "OK" }, _emu.CallsOf("Alibaba", WireEmulator.AlibabaWrite).Select(c => c.Result));
    }

    // ---- Hand-built requests: replayed V3 nonce, and the V2 (HMAC-SHA1) path as older SDKs use it.

    private HttpRequestMessage BuildV3(string nonce, bool withContentHash = true)
    {
        var key = _emu.AlibabaRootKey;
        var host = _emu.Server.BaseUrl.Authority;
        var headers = new List<KeyValuePair<string, string>>
        {
            new("host", host), new("x-acs-action", WireEmulator.AlibabaRead), new("x-acs-version", "2015-04-01"),
            new("x-acs-date", _emu.State.Clock.UtcNow.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture)),
            new("x-acs-signature-nonce", nonce),
        };
        if (withContentHash) headers.Add(new("x-acs-content-sha256", AcsV3Signer.EmptyBodySha256));
        var signature = AcsV3Signer.Sign("POST", "/", Array.Empty<KeyValuePair<string, string>>(), headers, AcsV3Signer.EmptyBodySha256, key.Id, key.Secret);
        var request = new HttpRequestMessage(HttpMethod.Post, _emu.Server.BaseUrl);
        foreach (var h in headers.Where(h => h.Key != "host")) request.Headers.TryAddWithoutValidation(h.Key, h.Value);
        request.Headers.TryAddWithoutValidation("Authorization", signature.Authorization);
        return request;
    }

    [Fact]
    public async Task V3_nonce_cannot_be_replayed()
    {
        var nonce = Guid.NewGuid().ToString("N");
        var first = await Http.SendAsync(BuildV3(nonce));
        Assert.Equal(HttpStatusCode.OK, first.StatusCode);

        var replay = await Http.SendAsync(BuildV3(nonce));
        Assert.Equal(HttpStatusCode.BadRequest, replay.StatusCode);
        var body = JsonNode.Parse(await replay.Content.ReadAsStringAsync())!;
        Assert.Equal("SignatureNonceUsed", (string?)body["Code"]);
        Assert.Equal("https://api.aliyun.com/troubleshoot?q=SignatureNonceUsed&product=Sts", (string?)body["Recommend"]);
        Assert.False(string.IsNullOrEmpty((string?)body["RequestId"]));
    }

    [Fact]
    public async Task V3_request_without_the_content_hash_header_is_refused_even_when_signed()
    {
        var response = await Http.SendAsync(BuildV3(Guid.NewGuid().ToString("N"), withContentHash: false));
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var body = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
        Assert.Equal("MissingParameter", (string?)body["Code"]);
        Assert.Contains("x-acs-content-sha256", (string?)body["Message"]);
    }

    [Fact]
    public async Task V3_unsigned_x_acs_header_is_refused()
    {
        var request = BuildV3(Guid.NewGuid().ToString("N"));
        request.Headers.TryAddWithoutValidation("x-acs-extra", "not signed");
        var response = await Http.SendAsync(request);
        Assert.Equal("IncompleteSignature", (string?)JsonNode.Parse(await response.Content.ReadAsStringAsync())!["Code"]);
    }

    private HttpRequestMessage BuildV2(string nonce, string? secret = null)
    {
        var key = _emu.AlibabaRootKey;
        var parameters = new List<KeyValuePair<string, string>>
        {
            new("Action", WireEmulator.AlibabaRead), new("Version", "2015-04-01"), new("Format", "JSON"), new("AccessKeyId", key.Id),
            new("SignatureMethod", "HMAC-SHA1"), new("SignatureVersion", "1.0"), new("SignatureNonce", nonce),
            new("Timestamp", _emu.State.Clock.UtcNow.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture)),
            new("RegionId", "cn-shanghai"), new("Custom", "x y/z"),
        };
        parameters.Add(new("Signature", AcsRpcV2Signer.Sign("POST", parameters, secret ?? key.Secret)));
        // Older SDKs put everything in the form body of a POST.
        var form = string.Join("&", parameters.Select(p => SigningPrimitives.PercentEncode(p.Key) + "=" + SigningPrimitives.PercentEncode(p.Value)));
        return new HttpRequestMessage(HttpMethod.Post, _emu.Server.BaseUrl)
        {
            Content = new StringContent(form, Encoding.UTF8, "application/x-www-form-urlencoded"),
        };
    }

    [Fact]
    public async Task V2_signed_request_is_accepted_and_its_nonce_cannot_be_replayed()
    {
        var nonce = Guid.NewGuid().ToString();
        var first = await Http.SendAsync(BuildV2(nonce));
        var body = JsonNode.Parse(await first.Content.ReadAsStringAsync())!;
        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        Assert.Equal(_emu.AlibabaRootKey.Owner.AccountId, (string?)body["AccountId"]);
        Assert.Equal("cn-shanghai", (string?)body["Region"]);
        // Common parameters are not the API's parameters.
        var parameters = body["Parameters"]!.AsObject();
        Assert.Equal("x y/z", (string?)parameters["Custom"]);
        Assert.False(parameters.ContainsKey("Signature") || parameters.ContainsKey("AccessKeyId") || parameters.ContainsKey("SignatureNonce"));

        var replay = await Http.SendAsync(BuildV2(nonce));
        Assert.Equal(HttpStatusCode.BadRequest, replay.StatusCode);
        Assert.Equal("SignatureNonceUsed", (string?)JsonNode.Parse(await replay.Content.ReadAsStringAsync())!["Code"]);
    }

    [Fact]
    public async Task V2_wrong_secret_is_SignatureDoesNotMatch()
    {
        var response = await Http.SendAsync(BuildV2(Guid.NewGuid().ToString(), secret: "wrong"));
        var body = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("SignatureDoesNotMatch", (string?)body["Code"]);
        Assert.StartsWith("Specified signature is not matched with our calculation. server string to sign is:POST&%2F&AccessKeyId%3D", (string?)body["Message"]);
    }
}
