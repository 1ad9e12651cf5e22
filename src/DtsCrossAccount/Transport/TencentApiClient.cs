using System;
using System.Globalization;
using System.Net.Http;
using System.Net.Http.Headers;
using DtsCrossAccount.Core;
using DtsCrossAccount.Json;
using DtsCrossAccount.Signing;

namespace DtsCrossAccount.Transport
{
    /// <summary>Calls Tencent Cloud API 3.0 actions: TC3-HMAC-SHA256 signing, retries, error envelope → CloudApiException.</summary>
    internal sealed class TencentApiClient
    {
        private const string ContentType = "application/json";

        public TencentApiClient(CloudCredential credential, EndpointResolver endpoints, IOperationReporter reporter, TransportSettings settings = null)
        {
            Credential = credential ?? throw new ArgumentNullException(nameof(credential));
            Endpoints = endpoints;
            Reporter = reporter ?? NullReporter.Instance;
            Settings = settings ?? TransportSettings.Standard();
            _identityKey = CallerIdentityCache.Key(CloudKind.Tencent, endpoints?.Override, Credential);
        }

        public CloudCredential Credential { get; }
        public EndpointResolver Endpoints { get; }
        public IOperationReporter Reporter { get; }
        /// <summary>Retry policy, signing clock and rate limiter (from the provider context).</summary>
        internal TransportSettings Settings { get; }

        /// <summary>Returns the Response object (without Error); throws CloudApiException for an API error.</summary>
        /// <param name="idempotent">True for reads and for writes that are safe to repeat; only these are retried after 5xx/network errors.</param>
        /// <param name="confirm">
        /// For a write that is not idempotent: when its outcome is unknown (server fault, lost answer), a read that returns the
        /// Response the write would have given when it took effect, or null when it did not (the write is then sent again).
        /// </param>
        public JsonObject Call(string service, string version, string action, JsonObject request, string region = null, bool idempotent = true,
            Func<JsonObject> confirm = null)
        {
            var endpoint = (Endpoints ?? new EndpointResolver(null)).Tencent(service);
            var call = new CallInfo
            {
                Cloud = CloudKind.Tencent, Service = service, Action = action, Region = region, Host = endpoint.Authority, Idempotent = idempotent,
                RateScope = RateScope(service, action, region), RateLimit = TencentRateLimits.For(service, action),
            };
            var body = SigningPrimitives.Utf8.GetBytes(Json.Json.Serialize(request ?? new JsonObject()));

            var result = HttpTransport.Send(call, Settings, Reporter,
                () => BuildRequest(endpoint, call, version, body),
                r => Classify(r), null, confirm);
            if (result.Confirmed != null)
            {
                Reporter.Verbose(call + " " + call.Where + ": OK (answer lost; confirmed by reading)");
                return result.Confirmed;
            }

            var response = result.Json?.GetObject("Response");
            var requestId = response?.GetString("RequestId");
            var error = response?.GetObject("Error");
            if (error != null || result.Status != 200 || response == null)
            {
                var code = error?.GetString("Code") ?? "Network.HttpError";
                var message = error?.GetString("Message") ??
                    "HTTP " + result.Status.ToString(CultureInfo.InvariantCulture) + " without a Tencent Cloud API response from " + call.Host + ".";
                Reporter.Verbose(call + " " + call.Where + ": failed [" + code + "]" + Ids(requestId, result.Attempts));
                throw new CloudApiException(CloudKind.Tencent, service, action, code, message, requestId, result.Status,
                    remedy: CloudApiException.AuthenticationRemedy(code, Credential), outcomeUnknown: result.OutcomeUnknown);
            }
            Reporter.Verbose(call + " " + call.Where + ": OK" + Ids(requestId, result.Attempts));
            response.Remove("RequestId");
            return response;
        }

        private HttpRequestMessage BuildRequest(Uri endpoint, CallInfo call, string version, byte[] body)
        {
            var timestamp = Settings.Clock().ToUnixTimeSeconds();
            var signature = Tc3Signer.SignPost(Credential.AccessKeyId, Credential.Secret, call.Service, call.Host, ContentType, timestamp, body);
            var message = new HttpRequestMessage(HttpMethod.Post, endpoint) { Content = new ByteArrayContent(body) };
            message.Content.Headers.ContentType = MediaTypeHeaderValue.Parse(ContentType);
            var h = message.Headers;
            h.Host = call.Host;
            h.TryAddWithoutValidation("Authorization", signature.Authorization);
            h.TryAddWithoutValidation("X-TC-Action", call.Action);
            h.TryAddWithoutValidation("X-TC-Version", version);
            h.TryAddWithoutValidation("X-TC-Timestamp", timestamp.ToString(CultureInfo.InvariantCulture));
            if (!string.IsNullOrEmpty(call.Region)) h.TryAddWithoutValidation("X-TC-Region", call.Region);
            if (Credential.SessionToken != null) h.TryAddWithoutValidation("X-TC-Token", Credential.SessionToken);
            h.TryAddWithoutValidation("X-TC-Language", "en-US");
            return message;
        }

        /// <summary>
        /// Tencent answers API errors with HTTP 200 and an Error object: throttling codes start with RequestLimitExceeded
        /// (cloud-apis.md 8); InternalError, ResourceUnavailable and ServiceUnavailable are server faults that arrive with 200.
        /// </summary>
        private static RetryReason Classify(HttpResult r)
        {
            if (r.Json != null)
            {
                var code = r.Json.GetObject("Response")?.GetObject("Error")?.GetString("Code");
                if (code != null && code.StartsWith("RequestLimitExceeded", StringComparison.Ordinal)) return RetryReason.Throttled;
                if (CloudApiException.IsServerFaultCode(code)) return RetryReason.Transient;
            }
            return r.Status >= 500 ? RetryReason.Transient : RetryReason.None;
        }

        /// <summary>This client's caller-identity cache key (a hash of endpoint and key).</summary>
        private readonly string _identityKey;

        /// <summary>Tencent counts per API + region + (sub-)account: the caller's UIN once known, until then the key.</summary>
        private string RateScope(string service, string action, string region) =>
            RateLimiter.Scope(CloudKind.Tencent, Endpoints?.Override, CallerIdentityCache.Peek(_identityKey)?.UserId ?? Credential.AccessKeyId, region, service, action);

        internal static string Ids(string requestId, int attempts) =>
            ", RequestId " + (string.IsNullOrEmpty(requestId) ? "-" : requestId) +
            (attempts > 1 ? " (after " + attempts.ToString(CultureInfo.InvariantCulture) + " attempts)" : "");
    }
}
