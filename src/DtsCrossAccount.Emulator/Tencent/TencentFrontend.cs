using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using DtsCrossAccount.Emulator.Core;

namespace DtsCrossAccount.Emulator.Tencent;

/// <summary>Tencent Cloud API 3.0 wire protocol: TC3-HMAC-SHA256 verification, X-TC-* headers, {"Response":{…}} envelope.</summary>
public static class TencentFrontend
{
    /// <summary>X-TC-Timestamp must be within this of the server clock (AuthFailure.SignatureExpire).</summary>
    public static readonly TimeSpan MaxClockSkew = TimeSpan.FromMinutes(5);

    // Messages: the common error-code tables of the Tencent API docs (see docs/emulator-wire-protocol.md).
    private const string SignatureFailureMessage = "The provided credentials could not be validated. Please check your signature is correct.";

    /// <summary>The common error table's text for RequestLimitExceeded (cloud.tencent.com/document/product/1278/109059 explains the limits).</summary>
    internal const string ThrottledMessage = "The number of requests exceeds the frequency limit.";

    public static RawResponse Handle(RawRequest request, EmulatorCore core)
    {
        var ctx = new CallContext { RequestId = Guid.NewGuid().ToString(), Action = request.Header("X-TC-Action") ?? "" };
        var response = HandleCall(request, core, ctx);
        // A lost answer: the call ran (or failed) on the server, the client only sees the connection drop.
        return ctx.LoseAnswer ? response with { Abort = true, Delay = ctx.Delay } : response with { Delay = ctx.Delay };
    }

    private static RawResponse HandleCall(RawRequest request, EmulatorCore core, CallContext ctx)
    {
        try
        {
            var (key, service, op) = Authenticate(request, core, ctx);
            var region = NullIfEmpty(request.Header("X-TC-Region"));
            // Counted per API + region + (sub-)account: the caller's UIN, or the role session for temporary keys.
            if (!core.Limits.TryPass("Tencent", service, op.Action, key.Owner.ToString(), region))
            {
                Log(core, ctx, "RequestLimitExceeded");
                return ErrorResponse(200, "RequestLimitExceeded", ThrottledMessage, ctx.RequestId);
            }
            var early = FaultPlayback.Play(core.Faults.Decide("Tencent", op.Action), ctx, FaultAnswer,
                (result, fault) => Log(core, ctx, result, fault), (status, code, message) => ErrorResponse(status, code, message, ctx.RequestId));
            if (early != null) return early;

            var body = Parameters(request);
            var apiRequest = new ApiRequest
            {
                State = core.State, Caller = key.Owner, Key = key, Cloud = "Tencent", Service = service, Action = op.Action,
                Version = op.Version, Region = region, RequestId = ctx.RequestId, Body = body,
            };
            JsonObject members;
            lock (core.State.Sync) members = op.Handler(apiRequest);
            members["RequestId"] = ctx.RequestId;
            if (ctx.FailAfterApply is var (failStatus, failCode, failMessage))
            {
                // Applied, then the server failed: logged as the error it answered, marked so tests can tell.
                Log(core, ctx, failCode, "ServerError afterApply");
                return ErrorResponse(failStatus, failCode, failMessage, ctx.RequestId);
            }
            Log(core, ctx, "OK", ctx.Fault);
            return new RawResponse(200, "application/json", new JsonObject { ["Response"] = members }.ToJsonString());
        }
        catch (ApiError e)
        {
            Log(core, ctx, e.Code, ctx.Fault);
            return ErrorResponse(200, e.Code, e.Message, ctx.RequestId);
        }
        catch (Exception e)
        {
            Log(core, ctx, "InternalError");
            return ErrorResponse(200, "InternalError", "An internal error occurred: " + e.GetType().Name + ".", ctx.RequestId);
        }
    }

    private sealed class CallContext : FaultedCall
    {
        public required string RequestId { get; init; }
        public required string Action { get; init; }
        public string Service { get; set; } = "";
        public Principal? Caller { get; set; }
        public bool IsWrite { get; set; }
    }

    /// <summary>Checks protocol, signature, key, token and time, then resolves service, version and action.</summary>
    private static (AccessKey Key, string Service, ApiOperation Op) Authenticate(RawRequest request, EmulatorCore core, CallContext ctx)
    {
        var style = StyleOf(request);

        var auth = Tc3Verifier.ParseAuthorization(request.Header("Authorization"));
        if (auth == null || auth.Terminator != "tc3_request")
            throw new ApiError("AuthFailure.InvalidAuthorization", "Authorization in the request header is invalid.");
        ctx.Service = auth.Service;
        if (string.IsNullOrEmpty(ctx.Action))
            throw new ApiError("MissingParameter", "The request is missing a required parameter `X-TC-Action`.");

        var state = core.State;
        AccessKey? key;
        lock (state.Sync) state.Tencent.Keys.TryGetValue(auth.SecretId, out key);
        if (key == null)
            throw new ApiError("AuthFailure.SecretIdNotFound",
                "The SecretId is not found, please ensure that your SecretId is correct.");
        ctx.Caller = key.Owner;

        var now = state.Clock.UtcNow;
        if (key.Token != null)
        {
            if (!WireCrypto.SameText(request.Header("X-TC-Token"), key.Token))
                throw new ApiError("AuthFailure.TokenFailure", "The token is invalid or does not belong to this SecretId.");
            if (key.ExpiresAt is { } expires && expires <= now)
                throw new ApiError("AuthFailure.TokenFailure", "The token has expired. Request new temporary credentials.");
        }

        if (!long.TryParse(request.Header("X-TC-Timestamp"), NumberStyles.None, CultureInfo.InvariantCulture, out var timestamp))
            throw new ApiError("MissingParameter", "The request is missing a required parameter `X-TC-Timestamp`.");
        var skew = now - DateTimeOffset.FromUnixTimeSeconds(timestamp);
        if (skew.Duration() > MaxClockSkew)
            throw new ApiError("AuthFailure.SignatureExpire", string.Format(CultureInfo.InvariantCulture,
                "Signature expired. Timestamp and server time cannot differ by more than five minutes (request timestamp {0}, server time {1}).",
                timestamp, now.ToUnixTimeSeconds()));
        if (auth.Date != Tc3Verifier.UtcDate(timestamp))
            throw new ApiError("AuthFailure.SignatureFailure", "The date in the credential scope is not the UTC date of X-TC-Timestamp.");
        if (!auth.SignedHeaders.Contains("content-type") || !auth.SignedHeaders.Contains("host"))
            throw new ApiError("AuthFailure.SignatureFailure", "SignedHeaders must include content-type and host.");

        var signedHeaders = new List<(string, string)>();
        foreach (var name in auth.SignedHeaders)
            signedHeaders.Add((name, request.Header(name) ?? throw new ApiError("AuthFailure.SignatureFailure", SignatureFailureMessage)));
        var payloadHash = string.Equals(request.Header("X-TC-Content-SHA256"), "UNSIGNED-PAYLOAD", StringComparison.Ordinal)
            ? WireCrypto.Sha256Hex("UNSIGNED-PAYLOAD")
            : WireCrypto.Sha256Hex(request.Body);
        // GET signs the query string as sent (and an empty payload); POST signs the body, with an empty query.
        var canonical = Tc3Verifier.CanonicalRequest(style == RequestStyle.Get ? "GET" : "POST",
            style == RequestStyle.Get ? request.QueryString : "", signedHeaders, payloadHash);
        var expected = Tc3Verifier.Signature(key.Secret, auth.Date, auth.Service, Tc3Verifier.StringToSign(timestamp, auth.Date, auth.Service, canonical));
        if (!WireCrypto.SameText(expected, auth.Signature))
            throw new ApiError("AuthFailure.SignatureFailure", SignatureFailureMessage);

        // Authenticated: now the API itself.
        if (!core.Registry.HasService("Tencent", auth.Service))
            throw new ApiError("NoSuchProduct", $"The product `{auth.Service}` does not exist.");
        var version = request.Header("X-TC-Version");
        if (string.IsNullOrEmpty(version))
            throw new ApiError("MissingParameter", "The request is missing a required parameter `X-TC-Version`.");
        if (version != core.Registry.VersionOf("Tencent", auth.Service))
            throw new ApiError("NoSuchVersion", $"The API version `{version}` of product `{auth.Service}` does not exist.");
        var op = core.Registry.Find("Tencent", auth.Service, ctx.Action)
            ?? throw new ApiError("InvalidAction", $"The action `{ctx.Action}` of product `{auth.Service}` does not exist.");
        ctx.IsWrite = op.IsWrite;
        return (key, auth.Service, op);
    }

    private enum RequestStyle { Json, Form, Get }

    /// <summary>
    /// The three shapes API 3.0 takes (signature doc "Signature v3"; SDKs: HttpProfile reqMethod GET or POST):
    /// POST application/json, POST application/x-www-form-urlencoded, and GET with the parameters in the query
    /// (GET only with Content-Type application/x-www-form-urlencoded, at most 32 KB).
    /// </summary>
    private static RequestStyle StyleOf(RawRequest request)
    {
        var contentType = (request.Header("Content-Type") ?? "").Split(';')[0].Trim();
        bool form = string.Equals(contentType, "application/x-www-form-urlencoded", StringComparison.OrdinalIgnoreCase);
        if (string.Equals(request.Method, "GET", StringComparison.OrdinalIgnoreCase))
        {
            if (!form)
                throw new ApiError("InvalidParameter", "GET requests must use Content-Type application/x-www-form-urlencoded.");
            if (request.QueryString.Length > 32 * 1024)
                throw new ApiError("InvalidParameter", "The GET request exceeds 32 KB; use POST.");
            return RequestStyle.Get;
        }
        if (string.Equals(request.Method, "POST", StringComparison.OrdinalIgnoreCase))
        {
            if (string.Equals(contentType, "application/json", StringComparison.OrdinalIgnoreCase)) return RequestStyle.Json;
            if (form) return RequestStyle.Form;
        }
        throw new ApiError("InvalidParameter",
            "Use POST with Content-Type application/json or application/x-www-form-urlencoded, or GET with application/x-www-form-urlencoded, signed with TC3-HMAC-SHA256.");
    }

    /// <summary>The action's parameters from the JSON body, the form body or the query, as one JSON object.</summary>
    private static JsonObject Parameters(RawRequest request) => StyleOf(request) switch
    {
        RequestStyle.Get => Unflatten(request.QueryString),
        RequestStyle.Form => Unflatten(Encoding.UTF8.GetString(request.Body)),
        _ => ParseBody(request.Body),
    };

    /// <summary>
    /// Form and query parameters are flat: "Tags.0.TagKey=k&amp;Filters.1.Values.0=v" (how the SDKs flatten nested members
    /// for GET). Rebuilt into the nested object the JSON body would carry; numeric segments are list indexes.
    /// </summary>
    internal static JsonObject Unflatten(string encoded)
    {
        var root = new JsonObject();
        foreach (var pair in encoded.Split('&', StringSplitOptions.RemoveEmptyEntries))
        {
            var eq = pair.IndexOf('=');
            var name = Uri.UnescapeDataString((eq < 0 ? pair : pair[..eq]).Replace('+', ' '));
            var value = eq < 0 ? "" : Uri.UnescapeDataString(pair[(eq + 1)..].Replace('+', ' '));
            var path = name.Split('.');
            if (path.Any(string.IsNullOrEmpty)) throw new ApiError("InvalidParameter", $"The parameter name `{name}` is not valid.");
            JsonNode node = root;
            for (var i = 0; i < path.Length; i++)
            {
                bool last = i == path.Length - 1;
                bool nextIsIndex = !last && int.TryParse(path[i + 1], NumberStyles.None, CultureInfo.InvariantCulture, out _);
                JsonNode? child = last ? JsonValue.Create(value) : nextIsIndex ? new JsonArray() : new JsonObject();
                if (node is JsonObject obj)
                {
                    if (last) { obj[path[i]] = child; break; }
                    node = obj[path[i]] ??= child!;
                }
                else if (node is JsonArray array && int.TryParse(path[i], NumberStyles.None, CultureInfo.InvariantCulture, out var index))
                {
                    while (array.Count <= index) array.Add(null);
                    if (last) { array[index] = child; break; }
                    node = array[index] ??= child!;
                }
                else throw new ApiError("InvalidParameter", $"The parameter name `{name}` is not valid.");
            }
        }
        return root;
    }

    private static JsonObject ParseBody(byte[] body)
    {
        if (body.Length == 0) return new JsonObject();
        try
        {
            return JsonNode.Parse(Encoding.UTF8.GetString(body)) as JsonObject
                ?? throw new ApiError("InvalidParameter", "The request body must be a JSON object.");
        }
        catch (JsonException)
        {
            throw new ApiError("InvalidParameter", "The request body is not valid JSON.");
        }
    }

    private static RawResponse ErrorResponse(int status, string code, string message, string requestId)
    {
        var response = new JsonObject
        {
            ["Response"] = new JsonObject
            {
                ["Error"] = new JsonObject { ["Code"] = code, ["Message"] = message },
                ["RequestId"] = requestId,
            },
        };
        return new RawResponse(status, "application/json", response.ToJsonString());
    }

    private static void Log(EmulatorCore core, CallContext ctx, string result, string? fault = null) =>
        core.Calls.Add(new CallRecord(core.State.Clock.UtcNow, "Tencent", ctx.Service, ctx.Action, ctx.Caller?.AccountId,
            ctx.Caller?.ToString(), ctx.IsWrite, result, ctx.RequestId, fault));

    /// <summary>What an injected fault answers on Tencent Cloud (API 3.0 errors come with HTTP 200 unless a 5xx is asked for).</summary>
    private static (int Status, string Code, string Message) FaultAnswer(Fault fault) => fault.Kind switch
    {
        FaultKind.Throttle => (200, FaultPlayback.NonEmpty(fault.Code) ?? "RequestLimitExceeded", fault.Message ?? ThrottledMessage),
        FaultKind.ServerError => (fault.HttpStatus >= 500 ? fault.HttpStatus : 500, FaultPlayback.NonEmpty(fault.Code) ?? "InternalError",
            fault.Message ?? "An internal error has occurred. Retry your request, but if the problem persists, contact us."),
        _ => (fault.HttpStatus >= 500 ? fault.HttpStatus : 200, fault.Code ?? "InternalError", fault.Message ?? "Injected fault."),
    };

    private static string? NullIfEmpty(string? s) => string.IsNullOrEmpty(s) ? null : s;
}
