using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;
using DtsCrossAccount.Emulator.Core;

namespace DtsCrossAccount.Emulator.Alibaba;

/// <summary>Alibaba Cloud RPC wire protocol: ACS3-HMAC-SHA256 (V3) and HMAC-SHA1 (V2) verification, JSON envelopes.</summary>
public static class AlibabaFrontend
{
    /// <summary>x-acs-date must be within this of the server clock (V3 doc: 15 minutes).</summary>
    public static readonly TimeSpan V3MaxClockSkew = TimeSpan.FromMinutes(15);
    /// <summary>The V2 RPC doc gives a request 31 minutes of validity (cloud-apis.md 2b).</summary>
    public static readonly TimeSpan V2MaxClockSkew = TimeSpan.FromMinutes(31);

    /// <summary>V2 common parameters, removed before a handler sees the API's own parameters.</summary>
    private static readonly HashSet<string> V2CommonParameters = new(StringComparer.Ordinal)
    {
        "Action", "Version", "Format", "AccessKeyId", "Signature", "SignatureMethod", "SignatureVersion", "SignatureNonce",
        "SignatureType", "Timestamp", "SecurityToken",
    };

    private const string FormContentType = "application/x-www-form-urlencoded";

    /// <summary>DTS API pages: "400 | Throttling.User | Request was denied due to user flow control." (cloud-apis.md 8).</summary>
    internal const string UserThrottledMessage = "Request was denied due to user flow control.";
    /// <summary>RAM/STS quota answer (help.aliyun.com/knowledge_detail/257129.html: Throttling.Api, "api flow control").</summary>
    internal const string ApiThrottledMessage = "Request was denied due to api flow control.";

    public static RawResponse Handle(RawRequest request, EmulatorCore core)
    {
        var ctx = new CallContext { RequestId = Guid.NewGuid().ToString().ToUpperInvariant(), HostId = request.Header("Host") ?? "" };
        var response = HandleCall(request, core, ctx);
        // A lost answer: the call ran (or failed) on the server, the client only sees the connection drop.
        return ctx.LoseAnswer ? response with { Abort = true, Delay = ctx.Delay } : response with { Delay = ctx.Delay };
    }

    private static RawResponse HandleCall(RawRequest request, EmulatorCore core, CallContext ctx)
    {
        try
        {
            var query = WireCrypto.ParseForm(request.QueryString);
            var form = (request.Header("Content-Type") ?? "").StartsWith(FormContentType, StringComparison.OrdinalIgnoreCase)
                ? WireCrypto.ParseForm(Encoding.UTF8.GetString(request.Body))
                : new List<KeyValuePair<string, string>>();

            var isV3 = request.Header("Authorization")?.StartsWith(AcsVerifier.V3Algorithm, StringComparison.Ordinal) ?? false;
            var (key, version) = isV3 ? AuthenticateV3(request, query, core, ctx) : AuthenticateV2(request, query, form, core, ctx);

            var service = core.Registry.ServiceOfVersion("Alibaba", version)
                ?? throw new ApiError("InvalidVersion", "Specified parameter Version is not valid.", 400);
            ctx.Service = service;
            ctx.HostId = service + ".aliyuncs.com";
            var op = core.Registry.Find("Alibaba", service, ctx.Action)
                ?? throw new ApiError("InvalidAction.NotFound", "Specified api is not found, please check your url and method.", 404);
            ctx.IsWrite = op.IsWrite;

            var parameters = new Dictionary<string, string>(StringComparer.Ordinal);
            foreach (var p in query.Concat(form))
                if (isV3 || !V2CommonParameters.Contains(p.Key)) parameters[p.Key] = p.Value;
            var regionId = parameters.TryGetValue("RegionId", out var r) && r.Length > 0 ? r : null;

            // Counted per region + API + main account; DTS answers Throttling.User, the RAM/STS quotas Throttling.Api.
            if (!core.Limits.TryPass("Alibaba", service, op.Action, key.Owner.AccountId, regionId))
            {
                var throttled = service == "dts" ? "Throttling.User" : "Throttling.Api";
                Log(core, ctx, throttled);
                return ErrorResponse(ctx, 400, throttled, service == "dts" ? UserThrottledMessage : ApiThrottledMessage);
            }
            var early = FaultPlayback.Play(core.Faults.Decide("Alibaba", op.Action), ctx, FaultAnswer,
                (result, fault) => Log(core, ctx, result, fault), (status, code, message) => ErrorResponse(ctx, status, code, message));
            if (early != null) return early;
            var apiRequest = new ApiRequest
            {
                State = core.State, Caller = key.Owner, Key = key, Cloud = "Alibaba", Service = service, Action = op.Action, Version = version,
                Region = regionId,
                RequestId = ctx.RequestId, Parameters = parameters,
            };
            JsonObject members;
            lock (core.State.Sync) members = op.Handler(apiRequest);
            members["RequestId"] = ctx.RequestId;
            if (ctx.FailAfterApply is var (failStatus, failCode, failMessage))
            {
                // Applied, then the server failed: logged as the error it answered, marked so tests can tell.
                Log(core, ctx, failCode, "ServerError afterApply");
                return ErrorResponse(ctx, failStatus, failCode, failMessage);
            }
            Log(core, ctx, "OK", ctx.Fault);
            return new RawResponse(200, "application/json;charset=utf-8", members.ToJsonString());
        }
        catch (ApiError e)
        {
            Log(core, ctx, e.Code, ctx.Fault);
            return ErrorResponse(ctx, e.HttpStatus, e.Code, e.Message);
        }
        catch (Exception e)
        {
            Log(core, ctx, "InternalError");
            return ErrorResponse(ctx, 500, "InternalError", "The request processing has failed due to some unknown error, exception or failure (" + e.GetType().Name + ").");
        }
    }

    private sealed class CallContext : FaultedCall
    {
        public required string RequestId { get; init; }
        public string HostId { get; set; } = "";
        public string Service { get; set; } = "";
        public string Action { get; set; } = "";
        public Principal? Caller { get; set; }
        public bool IsWrite { get; set; }
    }

    private static (AccessKey Key, string Version) AuthenticateV3(RawRequest request, List<KeyValuePair<string, string>> query,
        EmulatorCore core, CallContext ctx)
    {
        ctx.Action = request.Header("x-acs-action") ?? "";
        var auth = AcsVerifier.ParseV3Authorization(request.Header("Authorization"))
            ?? throw new ApiError("IncompleteSignature", "The request signature does not conform to Aliyun standards.", 400);
        if (ctx.Action.Length == 0) throw Missing("x-acs-action");
        var version = request.Header("x-acs-version") is { Length: > 0 } v ? v : throw Missing("x-acs-version");
        NoteService(core, ctx, version);
        var dateText = request.Header("x-acs-date") is { Length: > 0 } d ? d : throw Missing("x-acs-date");
        var nonce = request.Header("x-acs-signature-nonce") is { Length: > 0 } n ? n : throw Missing("x-acs-signature-nonce");
        // A common header of every V3 request (the hash of the body, of the empty body when there is none).
        if (request.Header("x-acs-content-sha256") is not { Length: > 0 }) throw Missing("x-acs-content-sha256");

        var key = FindKey(core, auth.AccessKeyId, ctx);
        CheckTime(core, dateText, V3MaxClockSkew);
        CheckToken(core, key, request.Header("x-acs-security-token"));

        // Every x-acs-*, host and content-type header present must be signed (V3 doc).
        foreach (var name in request.Headers.Keys.Select(k => k.ToLowerInvariant()))
        {
            if ((name.StartsWith("x-acs-", StringComparison.Ordinal) || name is "host" or "content-type") && !auth.SignedHeaders.Contains(name))
                throw new ApiError("IncompleteSignature", $"The request signature does not conform to Aliyun standards. Header '{name}' must be signed.", 400);
        }
        var headers = new List<(string, string)>();
        foreach (var name in auth.SignedHeaders)
            headers.Add((name, request.Header(name) ?? ""));
        // The payload line is the hash of the body actually received: a wrong x-acs-content-sha256 cannot verify.
        var canonical = AcsVerifier.V3CanonicalRequest(request.Method.ToUpperInvariant(), request.Path, query, headers, WireCrypto.Sha256Hex(request.Body));
        var stringToSign = AcsVerifier.V3StringToSign(canonical);
        if (!WireCrypto.SameText(AcsVerifier.V3Signature(key.Secret, stringToSign), auth.Signature))
            throw SignatureMismatch(stringToSign);
        UseNonce(core, nonce);
        return (key, version);
    }

    private static (AccessKey Key, string Version) AuthenticateV2(RawRequest request, List<KeyValuePair<string, string>> query,
        List<KeyValuePair<string, string>> form, EmulatorCore core, CallContext ctx)
    {
        var all = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var p in query.Concat(form)) all[p.Key] = p.Value;
        string? Get(string name) => all.TryGetValue(name, out var value) && value.Length > 0 ? value : null;

        ctx.Action = Get("Action") ?? "";
        var signature = Get("Signature") ?? throw Missing("Signature");
        if (ctx.Action.Length == 0) throw Missing("Action");
        var version = Get("Version") ?? throw Missing("Version");
        NoteService(core, ctx, version);
        var accessKeyId = Get("AccessKeyId") ?? throw Missing("AccessKeyId");
        var method = Get("SignatureMethod") ?? throw Missing("SignatureMethod");
        if (method != "HMAC-SHA1") throw new ApiError("InvalidSignatureMethod", "Specified signature method is not valid.", 400);
        if ((Get("SignatureVersion") ?? throw Missing("SignatureVersion")) != "1.0")
            throw new ApiError("InvalidParameter", "The specified parameter \"SignatureVersion\" is not valid.", 400);
        var nonce = Get("SignatureNonce") ?? throw Missing("SignatureNonce");
        var timestamp = Get("Timestamp") ?? throw Missing("Timestamp");
        if (Get("Format") is { } format && !string.Equals(format, "JSON", StringComparison.OrdinalIgnoreCase))
            throw new ApiError("InvalidParameter.Format", "This emulator answers only Format=JSON.", 400);

        var key = FindKey(core, accessKeyId, ctx);
        CheckTime(core, timestamp, V2MaxClockSkew);
        CheckToken(core, key, Get("SecurityToken"));

        var stringToSign = AcsVerifier.V2StringToSign(request.Method, all);
        if (!WireCrypto.SameText(AcsVerifier.V2Signature(key.Secret, stringToSign), signature))
            throw SignatureMismatch(stringToSign);
        UseNonce(core, nonce);
        return (key, version);
    }

    /// <summary>Names the service as early as possible, so that even an authentication failure is logged against it.</summary>
    private static void NoteService(EmulatorCore core, CallContext ctx, string version)
    {
        if (core.Registry.ServiceOfVersion("Alibaba", version) is { } service)
        {
            ctx.Service = service;
            ctx.HostId = service + ".aliyuncs.com";
        }
    }

    private static AccessKey FindKey(EmulatorCore core, string id, CallContext ctx)
    {
        AccessKey? key;
        lock (core.State.Sync) core.State.Alibaba.Keys.TryGetValue(id, out key);
        if (key == null) throw new ApiError("InvalidAccessKeyId.NotFound", "Specified access key is not found.", 404);
        ctx.Caller = key.Owner;
        return key;
    }

    private static void CheckTime(EmulatorCore core, string text, TimeSpan window)
    {
        if (!DateTimeOffset.TryParseExact(text, "yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture,
                DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var time))
            throw new ApiError("InvalidTimeStamp.Format", "Specified time stamp or date value is not well formatted.", 400);
        if ((core.State.Clock.UtcNow - time).Duration() > window)
            throw new ApiError("InvalidTimeStamp.Expired", "Specified time stamp or date value is expired.", 400);
    }

    private static void CheckToken(EmulatorCore core, AccessKey key, string? token)
    {
        if (key.Token == null) return;
        if (string.IsNullOrEmpty(token))
            throw new ApiError("MissingSecurityToken", "SecurityToken is mandatory for this AccessKey, which is a temporary STS key.", 400);
        if (!WireCrypto.SameText(token, key.Token))
            throw new ApiError("InvalidSecurityToken.MismatchWithAccessKey", "Specified SecurityToken mismatch with the AccessKey.", 400);
        if (key.ExpiresAt is { } expires && expires <= core.State.Clock.UtcNow)
            throw new ApiError("InvalidSecurityToken.Expired", "Specified SecurityToken is expired.", 403);
    }

    /// <summary>Refuses a nonce seen within the validity window; forgets nonces older than that.</summary>
    private static void UseNonce(EmulatorCore core, string nonce)
    {
        var state = core.State;
        lock (state.Sync)
        {
            var now = state.Clock.UtcNow;
            if (state.Alibaba.UsedNonces.ContainsKey(nonce))
                throw new ApiError("SignatureNonceUsed", "Specified signature nonce was used already.", 400);
            foreach (var old in state.Alibaba.UsedNonces.Where(kv => now - kv.Value > V2MaxClockSkew + V2MaxClockSkew).Select(kv => kv.Key).ToList())
                state.Alibaba.UsedNonces.Remove(old);
            state.Alibaba.UsedNonces[nonce] = now;
        }
    }

    private static ApiError Missing(string name) =>
        new("MissingParameter", $"The input parameter \"{name}\" that is mandatory for processing this request is not supplied.", 400);

    /// <summary>The official SDKs read the text after "is:" to tell a wrong secret from a wrong string to sign; keep that shape.</summary>
    private static ApiError SignatureMismatch(string stringToSign) =>
        new("SignatureDoesNotMatch", "Specified signature is not matched with our calculation. server string to sign is:" + stringToSign, 400);

    private static RawResponse ErrorResponse(CallContext ctx, int status, string code, string message)
    {
        var product = ctx.Service.Length == 0 ? "" : char.ToUpperInvariant(ctx.Service[0]) + ctx.Service[1..];
        var body = new JsonObject
        {
            ["RequestId"] = ctx.RequestId,
            ["HostId"] = ctx.HostId,
            ["Code"] = code,
            ["Message"] = message,
            ["Recommend"] = "https://api.aliyun.com/troubleshoot?q=" + Uri.EscapeDataString(code) + "&product=" + Uri.EscapeDataString(product),
        };
        return new RawResponse(status, "application/json;charset=utf-8", body.ToJsonString());
    }

    private static void Log(EmulatorCore core, CallContext ctx, string result, string? fault = null) =>
        core.Calls.Add(new CallRecord(core.State.Clock.UtcNow, "Alibaba", ctx.Service, ctx.Action, ctx.Caller?.AccountId,
            ctx.Caller?.ToString(), ctx.IsWrite, result, ctx.RequestId, fault));

    /// <summary>What an injected fault answers on Alibaba Cloud when the plan names no status, code or message.</summary>
    private static (int Status, string Code, string Message) FaultAnswer(Fault fault) => fault.Kind switch
    {
        FaultKind.Throttle => (fault.HttpStatus > 0 ? fault.HttpStatus : 400, FaultPlayback.NonEmpty(fault.Code) ?? "Throttling.User", fault.Message ?? UserThrottledMessage),
        FaultKind.ServerError => (fault.HttpStatus >= 500 ? fault.HttpStatus : 500, FaultPlayback.NonEmpty(fault.Code) ?? "InternalError",
            fault.Message ?? "The request processing has failed due to some unknown error, exception or failure."),
        _ => (fault.HttpStatus > 0 ? fault.HttpStatus : 400, fault.Code ?? "InternalError", fault.Message ?? "Injected fault."),
    };
}
