#nullable enable
using DtsCrossAccount.Core;
using DtsCrossAccount.Json;
using DtsCrossAccount.Transport;
using Xunit;

namespace DtsCrossAccount.Tests.Transport;

/// <summary>
/// Answers no cloud API gives but a proxy, captive portal or wrong endpoint can: a redirect is an error the user sees,
/// never followed (the signed request would go somewhere the user did not name), and a cookie is never sent back (every
/// call stands alone, whichever runspace makes it).
/// </summary>
public sealed class HttpAnswerTests
{
    private const string Ok = "{\"RequestId\":\"r-ok\",\"AccountId\":\"1000000000000001\"}";

    private static TransportSettings Settings() =>
        new() { Retry = new RetryPolicy { MaxAttempts = 2, BaseDelay = TimeSpan.Zero, MaxDelay = TimeSpan.Zero }, Limiter = RateLimiter.Unlimited };

    private static AlibabaApiClient Client(Uri url, RecordingReporter? reporter = null) =>
        new(new CloudCredential("LTAIhttpanswers", "http-answers-secret", null, "test"), new EndpointResolver(url), reporter ?? new RecordingReporter(), Settings());

    private static TencentApiClient TencentClient(Uri url, RecordingReporter? reporter = null) =>
        new(new CloudCredential("AKIDhttpanswers", "http-answers-secret", null, "test"), new EndpointResolver(url), reporter ?? new RecordingReporter(), Settings());

    [Theory]
    [InlineData(300)]
    [InlineData(302)]
    [InlineData(307)]
    public void A_redirect_is_an_error_that_names_the_status_and_is_never_followed(int status)
    {
        // The redirect carries what looks like an answer: only its status tells it apart.
        using var server = new ScriptedServer((status, "Location: /elsewhere", Ok), (200, null, Ok));
        var ex = Assert.Throws<CloudApiException>(() => Client(server.Url).Call("sts", "2015-04-01", "GetCallerIdentity", new Dictionary<string, string>()));

        Assert.Equal(status, ex.HttpStatus);
        Assert.Equal("Network.HttpError", ex.Code);
        Assert.Contains("HTTP " + status + " without an Alibaba Cloud API response from 127.0.0.1:", ex.Message);
        var head = Assert.Single(server.Heads());
        Assert.StartsWith("POST / ", head);
    }

    [Fact]
    public void A_cookie_the_server_sets_is_never_sent_back()
    {
        using var server = new ScriptedServer((200, "Set-Cookie: session=abc123; Path=/", Ok), (200, null, Ok));
        var client = Client(server.Url);
        client.Call("sts", "2015-04-01", "GetCallerIdentity", new Dictionary<string, string>());
        client.Call("sts", "2015-04-01", "GetCallerIdentity", new Dictionary<string, string>());

        var heads = server.Heads();
        Assert.Equal(2, heads.Count);
        Assert.All(heads, h => Assert.DoesNotContain("cookie:", h, StringComparison.OrdinalIgnoreCase));
    }

    [Theory]
    [InlineData("Tencent", 200, "<html>Sign in to the proxy</html>")]
    [InlineData("Alibaba", 200, "<html>Sign in to the proxy</html>")]
    [InlineData("Tencent", 302, "{\"Response\":{\"RequestId\":\"r-moved\"}}")]
    public void An_answer_that_is_not_the_clouds_own_is_an_error_naming_the_status_and_the_host(string cloud, int status, string body)
    {
        using var server = new ScriptedServer((status, status == 302 ? "Location: /elsewhere" : null, body), (200, null, Ok));
        var ex = Assert.Throws<CloudApiException>(() =>
        {
            if (cloud == "Tencent") TencentClient(server.Url).Call("sts", "2018-08-13", "GetCallerIdentity", new DtsCrossAccount.Json.JsonObject());
            else Client(server.Url).Call("sts", "2015-04-01", "GetCallerIdentity", new Dictionary<string, string>());
        });

        Assert.Equal(("Network.HttpError", status), (ex.Code, ex.HttpStatus));
        Assert.Equal("HTTP " + status + " without " + (cloud == "Tencent" ? "a Tencent" : "an Alibaba") + " Cloud API response from " + server.Url.Authority + ".",
            ex.ApiMessage);
        Assert.Single(server.Heads());
    }

    private const string TencentOk = "{\"Response\":{\"RequestId\":\"r-ok\",\"AccountId\":\"100000000001\"}}";

    /// <summary>Calls a read (GetCallerIdentity) or a write (CreateRole, with a confirm read) of either cloud.</summary>
    private static JsonObject CallEither(string cloud, Uri url, bool write, RecordingReporter reporter, Func<JsonObject>? confirm = null)
    {
        if (cloud == "Tencent")
            return new TencentApiClient(new CloudCredential("AKIDhttpanswers", "http-answers-secret", null, "test"), new EndpointResolver(url), reporter, Settings())
                .Call(write ? "cam" : "sts", write ? "2019-01-16" : "2018-08-13", write ? "CreateRole" : "GetCallerIdentity", new JsonObject(),
                    idempotent: !write, confirm: confirm);
        return Client(url, reporter).Call(write ? "ram" : "sts", write ? "2015-05-01" : "2015-04-01", write ? "CreateRole" : "GetCallerIdentity",
            new Dictionary<string, string>(), idempotent: !write, confirm: confirm);
    }

    [Theory]
    [InlineData("Tencent", 500)]
    [InlineData("Tencent", 502)]
    [InlineData("Alibaba", 500)]
    [InlineData("Alibaba", 503)]
    public void A_proxy_error_page_with_a_server_status_is_retried_for_a_read_which_then_succeeds(string cloud, int status)
    {
        // A proxy or load balancer in front of the cloud answers with its own HTML page: no cloud error code to read, only
        // the status says the server side failed, and a read is safe to send again.
        using var server = new ScriptedServer((status, null, "<html><body>" + status + " Bad Gateway</body></html>"),
            (200, null, cloud == "Tencent" ? TencentOk : Ok));
        var reporter = new RecordingReporter();
        var answer = CallEither(cloud, server.Url, write: false, reporter);

        Assert.Equal(cloud == "Tencent" ? "100000000001" : "1000000000000001", answer.GetString("AccountId"));
        Assert.Equal(2, server.Heads().Count);
        Assert.Contains(reporter.DebugLines, l => l.Contains("attempt 1 of 2 transient failure (HTTP " + status + "); retrying in"));
    }

    [Theory]
    [InlineData("Tencent")]
    [InlineData("Alibaba")]
    public void A_write_answered_by_a_proxy_error_page_is_settled_by_reading_and_never_sent_twice(string cloud)
    {
        // The write may have reached the cloud behind the proxy: it is not sent again; the read finds it took effect.
        using var server = new ScriptedServer((500, null, "<html><body>500 Internal Server Error</body></html>"), (200, null, Ok));
        var reporter = new RecordingReporter();
        int reads = 0;
        var answer = CallEither(cloud, server.Url, write: true, reporter, () =>
        {
            reads++;
            return new JsonObject().Set("RoleName", "found-by-reading");
        });

        Assert.Equal("found-by-reading", answer.GetString("RoleName"));
        Assert.Equal(1, reads);
        Assert.Single(server.Heads());
        var call = cloud + " " + (cloud == "Tencent" ? "cam" : "ram") + " CreateRole (region -, host " + server.Url.Authority + "): ";
        Assert.Equal(new[] { call + "OK (answer lost; confirmed by reading)" }, reporter.VerboseLines);
    }

    [Theory]
    // DTS answers some failures with HTTP 200 and Success=false (cloud-apis.md 2d); the fields it fills vary.
    [InlineData("{\"RequestId\":\"r-dts\",\"Success\":false}", "UnknownError", "The request did not succeed.", 200)]
    [InlineData("{\"RequestId\":\"r-dts\",\"Success\":\"False\",\"Code\":\"Forbidden.NotBuy\",\"Message\":\"The instance is not bought.\"}",
        "Forbidden.NotBuy", "The instance is not bought.", 200)]
    [InlineData("{\"RequestId\":\"r-dts\",\"Success\":false,\"ErrCode\":\"InvalidParameter\",\"ErrMessage\":\"The parameter %s is invalid.\",\"HttpStatusCode\":400}",
        "InvalidParameter", "The parameter %s is invalid.", 400)]
    public void A_DTS_answer_that_says_it_did_not_succeed_is_an_error_with_what_the_answer_holds(string body, string code, string message, int status)
    {
        using var server = new ScriptedServer((200, null, body));
        var ex = Assert.Throws<CloudApiException>(() =>
            Client(server.Url).Call("dts", "2020-01-01", "DescribeDtsJobs", new Dictionary<string, string>(), region: "cn-hangzhou"));

        Assert.Equal((code, message, status, "r-dts"), (ex.Code, ex.ApiMessage, ex.HttpStatus, ex.RequestId));
        Assert.Single(server.Heads());
    }

    [Theory]
    // The DTS body names the failure in ErrCode; a server fault and throttling are worth another try for a read.
    [InlineData("InternalError", 500, "transient failure (HTTP 200)")]
    [InlineData("Throttling.User", 400, "throttled (HTTP 200)")]
    public void A_DTS_answer_that_failed_on_a_server_fault_or_throttling_is_retried_for_a_read(string errCode, int status, string said)
    {
        using var server = new ScriptedServer(
            (200, null, "{\"RequestId\":\"r-dts\",\"Success\":false,\"ErrCode\":\"" + errCode + "\",\"ErrMessage\":\"Try again.\",\"HttpStatusCode\":" + status + "}"),
            (200, null, "{\"RequestId\":\"r-dts\",\"Success\":true,\"TotalRecordCount\":0}"));
        var reporter = new RecordingReporter();
        var answer = Client(server.Url, reporter).Call("dts", "2020-01-01", "DescribeDtsJobs", new Dictionary<string, string>(), region: "cn-hangzhou");

        Assert.Equal(0L, answer.GetInt64("TotalRecordCount"));
        Assert.Equal(2, server.Heads().Count);
        Assert.Contains(reporter.DebugLines, l => l.Contains("attempt 1 of 2 " + said + "; retrying in"));
    }

    [Fact]
    public void A_DTS_answer_that_says_it_succeeded_is_the_answer()
    {
        using var server = new ScriptedServer((200, null, "{\"RequestId\":\"r-dts\",\"Success\":true,\"TotalRecordCount\":0}"),
            (200, null, "{\"RequestId\":\"r-dts\",\"Success\":\"true\",\"TotalRecordCount\":0}"));
        var client = Client(server.Url);
        Assert.Equal(0L, client.Call("dts", "2020-01-01", "DescribeDtsJobs", new Dictionary<string, string>(), region: "cn-hangzhou").GetInt64("TotalRecordCount"));
        Assert.Equal(0L, client.Call("dts", "2020-01-01", "DescribeDtsJobs", new Dictionary<string, string>(), region: "cn-hangzhou").GetInt64("TotalRecordCount"));
    }

    [Fact]
    public void Database_passwords_and_lists_travel_in_the_form_body_never_in_the_URL_that_proxies_and_servers_log()
    {
        // ConfigureDtsJob's passwords, DbList and Reserve are form parameters; everything else is in the query.
        using var server = new ScriptedServer((200, null, "{\"RequestId\":\"r-cfg\",\"Success\":true,\"DtsJobId\":\"job-1\"}"));
        Client(server.Url).Call("dts", "2020-01-01", "ConfigureDtsJob", new Dictionary<string, string>
        {
            ["DtsJobName"] = "orders-sync", ["SourceEndpointPassword"] = "Src-Pa55word-9f3k", ["DestinationEndpointPassword"] = "Dst-Pa55word-7q2m",
            ["DbList"] = "{\"shop\":{\"name\":\"shop\",\"all\":true}}", ["Reserve"] = "{\"autoStartModulesAfterConfig\":\"none\"}",
        }, region: "cn-hangzhou", idempotent: false);

        var head = Assert.Single(server.Heads());
        var requestLine = head.Split("\r\n")[0];
        Assert.StartsWith("POST /?", requestLine);
        Assert.Contains("DtsJobName=orders-sync", requestLine);
        Assert.Contains("RegionId=cn-hangzhou", requestLine);
        foreach (var hidden in new[] { "Pa55word", "SourceEndpointPassword", "DestinationEndpointPassword", "DbList", "Reserve", "shop" })
            Assert.DoesNotContain(hidden, requestLine);
        Assert.Contains("Content-Type: application/x-www-form-urlencoded", head, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public void A_region_is_sent_once_as_RegionId_even_when_the_call_names_it_itself()
    {
        using var server = new ScriptedServer((200, null, "{\"RequestId\":\"r-1\",\"Success\":true}"), (200, null, "{\"RequestId\":\"r-2\",\"Success\":true}"),
            (200, null, Ok));
        var client = Client(server.Url);
        client.Call("dts", "2020-01-01", "DescribeDtsJobDetail", new Dictionary<string, string> { ["DtsJobId"] = "job-1" }, region: "cn-hangzhou");
        client.Call("dts", "2020-01-01", "DescribeDtsJobDetail", new Dictionary<string, string> { ["DtsJobId"] = "job-1", ["RegionId"] = "cn-shanghai" }, region: "cn-shanghai");
        // RAM and STS are central: no region, no RegionId.
        client.Call("sts", "2015-04-01", "GetCallerIdentity", new Dictionary<string, string>());

        var lines = server.Heads().Select(h => h.Split("\r\n")[0]).ToList();
        Assert.Equal(3, lines.Count);
        Assert.Equal(new[] { "RegionId=cn-hangzhou" }, System.Text.RegularExpressions.Regex.Matches(lines[0], "RegionId=[^& ]*").Select(m => m.Value));
        Assert.Equal(new[] { "RegionId=cn-shanghai" }, System.Text.RegularExpressions.Regex.Matches(lines[1], "RegionId=[^& ]*").Select(m => m.Value));
        Assert.DoesNotContain("RegionId", lines[2]);
    }

    [Theory]
    // What a broken proxy or middlebox can send: .NET reports each without an inner exception.
    // (.NET quotes the line with its carriage return.)
    [InlineData("Bad Header Line Without Colon", "Received an invalid header line: 'Bad Header Line Without Colon\r'.")]
    [InlineData("X-Padding: {70000}", "The HTTP response headers length exceeded the set limit of 65536 bytes.")]
    public void An_answer_the_HTTP_layer_cannot_read_is_a_connection_error_that_says_once_what_was_wrong(string header, string said)
    {
        header = header.Replace("{70000}", new string('a', 70000));
        using var server = new ScriptedServer((200, header, Ok), (200, header, Ok));
        var ex = Assert.Throws<CloudApiException>(() => Client(server.Url).Call("sts", "2015-04-01", "GetCallerIdentity", new Dictionary<string, string>()));

        Assert.Equal(("Network.Failure", System.Management.Automation.ErrorCategory.ConnectionError), (ex.Code, ex.Category));
        Assert.Equal("Could not reach " + server.Url.Authority + " (network error: " + said + "). Check the network, proxy and endpoint, then run the command again.",
            ex.ApiMessage);
        Assert.Equal(2, server.Heads().Count);
    }

    [Fact]
    public void One_verbose_line_per_call_names_the_call_its_request_id_and_any_retries()
    {
        using var server = new ScriptedServer(
            (200, null, Ok),
            (500, null, "{\"RequestId\":\"r-fault\",\"Code\":\"InternalError\",\"Message\":\"The request processing has failed.\"}"),
            (200, null, Ok),
            (400, null, "{\"RequestId\":\"r-bad\",\"Code\":\"InvalidParameter\",\"Message\":\"The parameter is invalid.\"}"),
            (200, null, "{\"AccountId\":\"1000000000000001\"}"));
        var reporter = new RecordingReporter();
        var client = Client(server.Url, reporter);
        client.Call("sts", "2015-04-01", "GetCallerIdentity", new Dictionary<string, string>());
        client.Call("sts", "2015-04-01", "GetCallerIdentity", new Dictionary<string, string>());
        Assert.Throws<CloudApiException>(() => client.Call("sts", "2015-04-01", "GetCallerIdentity", new Dictionary<string, string>()));
        client.Call("sts", "2015-04-01", "GetCallerIdentity", new Dictionary<string, string>());

        var call = "Alibaba sts GetCallerIdentity (region -, host " + server.Url.Authority + "): ";
        Assert.Equal(new[]
        {
            call + "OK, RequestId r-ok",
            call + "OK, RequestId r-ok (after 2 attempts)",
            call + "failed [InvalidParameter], RequestId r-bad",
            call + "OK, RequestId -",
        }, reporter.VerboseLines);
    }

    [Fact]
    public void A_Tencent_error_answer_is_an_error_with_the_clouds_own_code_and_message_and_one_verbose_line()
    {
        using var server = new ScriptedServer((200, null,
            "{\"Response\":{\"Error\":{\"Code\":\"InvalidParameter.RoleNotExist\",\"Message\":\"role not exist\"},\"RequestId\":\"r-tc-err\"}}"));
        var reporter = new RecordingReporter();

        var ex = Assert.Throws<CloudApiException>(() => TencentClient(server.Url, reporter).Call("cam", "2019-01-16", "GetRole", new DtsCrossAccount.Json.JsonObject().Set("RoleName", "gone")));

        Assert.Equal(("InvalidParameter.RoleNotExist", "role not exist", "r-tc-err", 200), (ex.Code, ex.ApiMessage, ex.RequestId, ex.HttpStatus));
        Assert.Equal(new[] { "Tencent cam GetRole (region -, host " + server.Url.Authority + "): failed [InvalidParameter.RoleNotExist], RequestId r-tc-err" },
            reporter.VerboseLines);
    }

    [Fact]
    public void A_parameter_without_a_value_is_left_out_of_the_request()
    {
        using var server = new ScriptedServer((200, null, "{\"RequestId\":\"r-1\",\"Success\":true}"));

        Client(server.Url).Call("dts", "2020-01-01", "DescribeDtsJobDetail",
            new Dictionary<string, string> { ["DtsJobId"] = "job-1", ["DtsInstanceID"] = null!, ["SourceEndpointPassword"] = null! }, region: "cn-hangzhou");

        var head = Assert.Single(server.Heads());
        Assert.Contains("DtsJobId=job-1", head.Split("\r\n")[0]);
        Assert.DoesNotContain("DtsInstanceID", head);
        Assert.DoesNotContain("SourceEndpointPassword", head);
    }
}
