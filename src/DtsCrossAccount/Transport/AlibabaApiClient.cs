using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Net.Http;
using System.Net.Http.Headers;
using DtsCrossAccount.Core;
using DtsCrossAccount.Json;
using DtsCrossAccount.Signing;

namespace DtsCrossAccount.Transport
{
    /// <summary>Calls Alibaba Cloud RPC actions (RAM, STS, DTS) signed with ACS3-HMAC-SHA256; errors → CloudApiException.</summary>
    internal sealed class AlibabaApiClient
    {
        private const string FormContentType = "application/x-www-form-urlencoded";

        public AlibabaApiClient(CloudCredential credential, EndpointResolver endpoints, IOperationReporter reporter, TransportSettings settings = null)
        {
            Credential = credential ?? throw new ArgumentNullException(nameof(credential));
            Endpoints = endpoints;
            Reporter = reporter ?? NullReporter.Instance;
            Settings = settings ?? TransportSettings.Standard();
            _identityKey = CallerIdentityCache.Key(CloudKind.Alibaba, endpoints?.Override, Credential);
        }

        public CloudCredential Credential { get; }
        public EndpointResolver Endpoints { get; }
        public IOperationReporter Reporter { get; }
        /// <summary>Retry policy, signing clock and rate limiter (from the provider context).</summary>
        internal TransportSettings Settings { get; }

        /// <summary>
        /// Passwords and ConfigureDtsJob's object list and Reserve travel in the form body: a URL is written to proxy and
        /// server logs, and DbList can outgrow it.
        /// </summary>
        private static bool InBody(string name) =>
            name.EndsWith("Password", StringComparison.Ordinal) || name == "DbList" || name == "Reserve";

        /// <summary>Returns the whole response body; throws CloudApiException for an API error (including DTS Success=false).</summary>
        /// <param name="service">ram, sts or dts.</param>
        /// <param name="confirm">
        /// For a write that is not idempotent: when its outcome is unknown (server fault, lost answer), a read that returns the
        /// body the write would have answered when it took effect, or null when it did not (the write is then sent again).
        /// </param>
        public JsonObject Call(string service, string version, string action, IDictionary<string, string> parameters,
            string region = null, bool idempotent = true, Func<JsonObject> confirm = null)
        {
            var endpoint = (Endpoints ?? new EndpointResolver(null)).Alibaba(service, region);
            var call = new CallInfo
            {
                Cloud = CloudKind.Alibaba, Service = service, Action = action, Region = region, Host = endpoint.Authority, Idempotent = idempotent,
                RateScope = RateScope(service, action, region), RateLimit = AlibabaRateLimits.For(service, action),
            };

            var query = new List<KeyValuePair<string, string>>();
            var form = new List<KeyValuePair<string, string>>();
            foreach (var p in parameters ?? new Dictionary<string, string>())
            {
                if (p.Value == null) continue;
                (InBody(p.Key) ? form : query).Add(p);
            }
            // Regional APIs (DTS) take the region as the RegionId parameter.
            if (!string.IsNullOrEmpty(region) && (parameters == null || !parameters.ContainsKey("RegionId")))
                query.Add(new KeyValuePair<string, string>("RegionId", region));
            var body = form.Count == 0 ? null : SigningPrimitives.Utf8.GetBytes(
                string.Join("&", form.Select(p => SigningPrimitives.PercentEncode(p.Key) + "=" + SigningPrimitives.PercentEncode(p.Value))));

            var result = HttpTransport.Send(call, Settings, Reporter,
                () => BuildRequest(endpoint, call, version, query, body),
                Classify, RetryAfter, confirm);
            if (result.Confirmed != null)
            {
                Reporter.Verbose(call + " " + call.Where + ": OK (answer lost; confirmed by reading)");
                return result.Confirmed;
            }

            var json = result.Json;
            var requestId = json?.GetString("RequestId");
            if (!result.IsSuccess || json == null)
            {
                var code = json?.GetString("Code") ?? "Network.HttpError";
                var message = json?.GetString("Message") ??
                    "HTTP " + result.Status.ToString(CultureInfo.InvariantCulture) + " without an Alibaba Cloud API response from " + call.Host + ".";
                throw Fail(call, code, message, requestId, result);
            }
            if (IsFalse(json, "Success"))
            {
                // DTS reports some failures as HTTP 200 with Success=false; ErrMessage may hold %s for DynamicMessage.
                var code = json.GetString("ErrCode") ?? json.GetString("Code") ?? "UnknownError";
                var message = json.GetString("ErrMessage") ?? json.GetString("Message") ?? "The request did not succeed.";
                var dynamic = json.GetString("DynamicMessage");
                if (!string.IsNullOrEmpty(dynamic)) message = message.Replace("%s", dynamic);
                var status = (int?)json.GetInt64("HttpStatusCode") ?? result.Status;
                throw Fail(call, code, message, requestId, result, status);
            }
            Reporter.Verbose(call + " " + call.Where + ": OK" + TencentApiClient.Ids(requestId, result.Attempts));
            return json;
        }

        private CloudApiException Fail(CallInfo call, string code, string message, string requestId, HttpResult result, int? status = null)
        {
            Reporter.Verbose(call + " " + call.Where + ": failed [" + code + "]" + TencentApiClient.Ids(requestId, result.Attempts));
            return new CloudApiException(CloudKind.Alibaba, call.Service, call.Action, code, message, requestId, status ?? result.Status,
                remedy: CloudApiException.AuthenticationRemedy(code, Credential), outcomeUnknown: result.OutcomeUnknown);
        }

        private HttpRequestMessage BuildRequest(Uri endpoint, CallInfo call, string version, List<KeyValuePair<string, string>> query, byte[] body)
        {
            var contentHash = SigningPrimitives.Sha256Hex(body);
            var headers = new List<KeyValuePair<string, string>>
            {
                H("host", call.Host),
                H("x-acs-action", call.Action),
                H("x-acs-version", version),
                H("x-acs-date", Settings.Clock().UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture)),
                H("x-acs-signature-nonce", Guid.NewGuid().ToString("N")),
                H("x-acs-content-sha256", contentHash),
            };
            if (Credential.SessionToken != null) headers.Add(H("x-acs-security-token", Credential.SessionToken));
            if (body != null) headers.Add(H("content-type", FormContentType));

            // The path of an absolute URL is never empty ("/" at least).
            var signature = AcsV3Signer.Sign("POST", endpoint.AbsolutePath, query, headers, contentHash, Credential.AccessKeyId, Credential.Secret);

            var uri = new UriBuilder(endpoint) { Query = AcsV3Signer.CanonicalQuery(query) }.Uri;
            // Always a body, even an empty one: the handler re-sends a bodiless request on its own after a dropped pooled
            // connection, with this request's spent nonce (see HttpTransport.CreateClient).
            var message = new HttpRequestMessage(HttpMethod.Post, uri) { Content = new ByteArrayContent(body ?? new byte[0]) };
            if (body != null) message.Content.Headers.ContentType = MediaTypeHeaderValue.Parse(FormContentType);
            message.Headers.Host = call.Host;
            foreach (var h in headers)
            {
                if (h.Key == "host" || h.Key == "content-type") continue;
                message.Headers.TryAddWithoutValidation(h.Key, h.Value);
            }
            message.Headers.TryAddWithoutValidation("Authorization", signature.Authorization);
            message.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));
            return message;
        }

        private static KeyValuePair<string, string> H(string name, string value) => new KeyValuePair<string, string>(name, value);

        /// <summary>
        /// Throttling codes start with "Throttling" (HTTP 400 or 503); 5xx and the server-fault codes (InternalError,
        /// ServiceUnavailable, UnknownError) are transient; SignatureNonceUsed means a copy of an earlier attempt reached the
        /// server after it: this attempt was refused, but the earlier one may have run.
        /// </summary>
        private static RetryReason Classify(HttpResult r)
        {
            var json = r.Json;
            if (json != null)
            {
                var code = json.GetString("Code") ?? json.GetString("ErrCode");
                if (code != null && code.StartsWith("Throttling", StringComparison.Ordinal)) return RetryReason.Throttled;
                if (code == "SignatureNonceUsed" || CloudApiException.IsServerFaultCode(code)) return RetryReason.Transient;
            }
            return r.Status >= 500 ? RetryReason.Transient : RetryReason.None;
        }

        /// <summary>This client's caller-identity cache key (a hash of endpoint and key).</summary>
        private readonly string _identityKey;

        /// <summary>Alibaba counts per region + API + main account (RAM users and roles count against it): the account once known.</summary>
        private string RateScope(string service, string action, string region) =>
            RateLimiter.Scope(CloudKind.Alibaba, Endpoints?.Override, CallerIdentityCache.Peek(_identityKey)?.AccountId ?? Credential.AccessKeyId, region, service, action);

        /// <summary>x-acs-retry-after is in milliseconds (darabonba-openapi).</summary>
        private static TimeSpan? RetryAfter(HttpResult r)
        {
            var value = r.Header("x-acs-retry-after");
            return long.TryParse(value, NumberStyles.Integer, CultureInfo.InvariantCulture, out var ms) && ms >= 0
                ? TimeSpan.FromMilliseconds(ms) : (TimeSpan?)null;
        }

        private static bool IsFalse(JsonObject json, string name)
        {
            if (!json.TryGet(name, out var v)) return false;
            return (v is bool b && !b) || (v is string s && string.Equals(s, "false", StringComparison.OrdinalIgnoreCase));
        }
    }
}
