using DtsCrossAccount.Tests.Infrastructure;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;
using DtsCrossAccount.Emulator;
using DtsCrossAccount.Emulator.Core;
using DtsCrossAccount.Signing;

namespace DtsCrossAccount.Tests.Emulator.Tencent;

/// <summary>
/// API 3.0 as the official SDKs send it: POST JSON, POST application/x-www-form-urlencoded, and GET with the parameters
/// in the query (HttpProfile reqMethod "GET"), all TC3-signed. Signed here with the module's signer, over real HTTP.
/// </summary>
public sealed class TencentRequestShapeTests : IAsyncLifetime
{
    private EmulatorServer _server = null!;
    private readonly HttpClient _http = new();

    public async Task InitializeAsync() => _server = await FreshEmulator.StartAsync();

    public async Task DisposeAsync()
    {
        _http.Dispose();
        await _server.DisposeAsync();
    }

    private AccessKey RootKey(string uin) => _server.State.Tencent.Keys.Values.First(k => k.Owner.UserId == uin && k.Token == null);

    /// <summary>Sends one signed request; <paramref name="tamper"/> changes the request after signing.</summary>
    private async Task<JsonObject> Send(string method, string contentType, string action, string service, string version, string flatParams,
        Func<(string Query, string Body), (string Query, string Body)>? tamper = null, string? region = null)
    {
        var key = RootKey(TencentHarness.B);
        string host = _server.BaseUrl.Authority;
        long timestamp = _server.State.Clock.UtcNow.ToUnixTimeSeconds();
        string query = method == "GET" ? flatParams : "";
        string body = method == "GET" ? "" : flatParams;
        var headers = new[] { new KeyValuePair<string, string>("content-type", contentType), new KeyValuePair<string, string>("host", host) };
        string date = Tc3Signer.UtcDate(timestamp);
        string canonical = Tc3Signer.CanonicalRequest(method, query, headers, SigningPrimitives.Sha256Hex(Encoding.UTF8.GetBytes(body)), out var signed);
        string signature = Tc3Signer.Signature(key.Secret, date, service, Tc3Signer.StringToSign(timestamp, date, service, canonical));
        if (tamper != null) (query, body) = tamper((query, body));

        using var request = new HttpRequestMessage(new HttpMethod(method), new Uri(_server.BaseUrl, "/" + (query.Length > 0 ? "?" + query : "")));
        request.Headers.TryAddWithoutValidation("Authorization", Tc3Signer.Authorization(key.Id, date, service, signed, signature));
        request.Headers.Add("X-TC-Action", action);
        request.Headers.Add("X-TC-Version", version);
        request.Headers.Add("X-TC-Timestamp", timestamp.ToString(System.Globalization.CultureInfo.InvariantCulture));
        if (region != null) request.Headers.Add("X-TC-Region", region);
        var content = new ByteArrayContent(Encoding.UTF8.GetBytes(body));
        content.Headers.ContentType = MediaTypeHeaderValue.Parse(contentType);
        if (method != "GET" || body.Length > 0) request.Content = content;
        else { request.Content = new ByteArrayContent(Array.Empty<byte>()); request.Content.Headers.ContentType = MediaTypeHeaderValue.Parse(contentType); }
        using var response = await _http.SendAsync(request);
        return (JsonObject)JsonNode.Parse(await response.Content.ReadAsStringAsync())!["Response"]!;
    }

    private const string Form = "application/x-www-form-urlencoded";

    [Theory]
    [InlineData("GET")]
    [InlineData("POST")]
    public async Task A_signed_flat_request_is_accepted_and_its_nested_parameters_arrive(string method)
    {
        // CreatePolicy with a document, then GetPolicy by the returned id: the values made it through the flat encoding.
        string document = "{\"version\":\"2.0\",\"statement\":[{\"effect\":\"allow\",\"action\":[\"name/sts:AssumeRole\"],\"resource\":[\"*\"]}]}";
        var created = await Send(method, Form, "CreatePolicy", "cam", "2019-01-16",
            "PolicyName=flat-" + method + "&PolicyDocument=" + Uri.EscapeDataString(document) + "&Description=" + Uri.EscapeDataString("made by " + method));
        Assert.Null(created["Error"]);
        long id = created["PolicyId"]!.GetValue<long>();
        var read = await Send(method, Form, "GetPolicy", "cam", "2019-01-16", "PolicyId=" + id);
        Assert.Equal("flat-" + method, (string?)read["PolicyName"]);
        Assert.Equal("made by " + method, (string?)read["Description"]);

        // A list of objects (Tags.0.TagKey …) and a number in a flat request: CreateSyncJob with a tag.
        var job = await Send(method, Form, "CreateSyncJob", "dts", "2021-12-06",
            "PayMode=PostPay&SrcDatabaseType=mysql&SrcRegion=ap-guangzhou&DstDatabaseType=mysql&DstRegion=ap-guangzhou&Specification=Standard" +
            "&Count=1&InstanceClass=micro&JobName=flat-" + method + "&Tags.0.TagKey=managed-by&Tags.0.TagValue=" + method, region: "ap-guangzhou");
        Assert.Null(job["Error"]);
        var stored = _server.State.Tencent.Accounts[TencentHarness.B].SyncJobs[(string)job["JobIds"]![0]!];
        Assert.Equal("flat-" + method, stored.JobName);
        Assert.Contains(stored.Tags, t => t.TagKey == "managed-by" && t.TagValue == method);
    }

    [Theory]
    [InlineData("GET")]
    [InlineData("POST")]
    public async Task A_flat_request_changed_after_signing_is_refused(string method)
    {
        int before = _server.State.Tencent.Accounts[TencentHarness.B].CustomPolicies.Count;
        var r = await Send(method, Form, "CreatePolicy", "cam", "2019-01-16",
            "PolicyName=signed-name&PolicyDocument=" + Uri.EscapeDataString("{\"version\":\"2.0\",\"statement\":[{\"effect\":\"allow\",\"action\":[\"name/sts:AssumeRole\"],\"resource\":[\"*\"]}]}"),
            tamper: q => (q.Query.Replace("signed-name", "other-name"), q.Body.Replace("signed-name", "other-name")));
        Assert.Equal("AuthFailure.SignatureFailure", (string?)r["Error"]!["Code"]);
        Assert.Equal(before, _server.State.Tencent.Accounts[TencentHarness.B].CustomPolicies.Count);
    }

    [Fact]
    public async Task A_GET_with_a_json_content_type_is_refused()
    {
        var r = await Send("GET", "application/json", "GetCallerIdentity", "sts", "2018-08-13", "");
        Assert.Equal("InvalidParameter", (string?)r["Error"]!["Code"]);
    }
}
