using System;
using System.Collections.Generic;
using System.Globalization;
using System.Net;
using System.Net.Http;
using System.Runtime.InteropServices;
using System.Threading;
using System.Threading.Tasks;
using DtsCrossAccount.Core;
using DtsCrossAccount.Json;

namespace DtsCrossAccount.Transport
{
    /// <summary>What the caller learned from one HTTP exchange.</summary>
    internal sealed class HttpResult
    {
        public int Status { get; set; }
        public string Body { get; set; }
        public IDictionary<string, string> Headers { get; set; } = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        /// <summary>How many attempts the call took (1 = no retry).</summary>
        public int Attempts { get; set; }
        /// <summary>
        /// Set when a write's answer was lost and the write's own read found that it had taken effect: the cloud-shaped
        /// answer that read produced stands in for the lost one.
        /// </summary>
        public JsonObject Confirmed { get; set; }
        /// <summary>The write may or may not have taken effect (server error or lost answer) and nothing could tell which.</summary>
        public bool OutcomeUnknown { get; set; }

        public string Header(string name) => Headers.TryGetValue(name, out var v) ? v : null;
        public bool IsSuccess => Status >= 200 && Status < 300;

        /// <summary>The body as a JSON object (null when it is not one), parsed once for both the retry decision and the caller.</summary>
        public JsonObject Json { get; set; }
    }

    /// <summary>Why a response may be retried, decided by the cloud-specific client.</summary>
    internal enum RetryReason
    {
        None,
        /// <summary>The request was refused before it ran: safe to retry for every call.</summary>
        Throttled,
        /// <summary>
        /// A server fault (5xx, or a transient code such as Tencent's InternalError with HTTP 200) or a copy refused as a
        /// replay: the request may have run. Retried for idempotent calls; for writes the outcome is unknown.
        /// </summary>
        Transient,
    }

    /// <summary>Identifies a call in messages: "Tencent cam GetRole".</summary>
    internal sealed class CallInfo
    {
        public CloudKind Cloud { get; set; }
        public string Service { get; set; }
        public string Action { get; set; }
        public string Region { get; set; }
        public string Host { get; set; }
        public bool Idempotent { get; set; }
        /// <summary>What the cloud counts this call against (endpoint, account, region, action) for the client-side limiter.</summary>
        public string RateScope { get; set; }
        /// <summary>Documented requests per second for <see cref="RateScope"/>; 0 = none published.</summary>
        public int RateLimit { get; set; }

        public override string ToString() => Cloud + " " + Service + " " + Action;
        public string Where => "(region " + (string.IsNullOrEmpty(Region) ? "-" : Region) + ", host " + Host + ")";
    }

    /// <summary>
    /// One HttpClient for the process (sockets are pooled), a per-attempt timeout, a client-side rate limit, and retries
    /// with backoff. Every attempt builds and signs a fresh request (new timestamp and nonce); the handler itself never
    /// re-sends (every request carries a body, see <see cref="CreateClient"/>). Throttling is retried for every call;
    /// server faults, timeouts and network errors only for idempotent ones. For a write whose answer was lost, the
    /// caller's confirm read (if any) decides: it took effect (its answer is used) or it did not (the write is sent again).
    /// </summary>
    internal static class HttpTransport
    {
        private static readonly HttpClient Client = CreateClient();

        /// <summary>
        /// .NET's SocketsHttpHandler silently re-sends a request whose pooled connection dropped before the answer, but
        /// only while no request body has been sent; HttpClientHandler on netstandard2.0 has no setting to turn that off.
        /// Such a copy carries the spent signature and nonce and bypasses the idempotency rules here, so both API clients
        /// send every request with a body (an empty one when the call has no form parameters).
        /// </summary>
        private static HttpClient CreateClient()
        {
            // Windows PowerShell 5.1 runs on .NET Framework, which may still default to TLS 1.0; the clouds require 1.2.
            if (RuntimeInformation.FrameworkDescription.StartsWith(".NET Framework", StringComparison.OrdinalIgnoreCase))
                // Stryker disable once all : runs only on .NET Framework (Windows PowerShell 5.1); no test here can reach it.
                ServicePointManager.SecurityProtocol |= SecurityProtocolType.Tls12;
            var handler = new HttpClientHandler { AllowAutoRedirect = false, UseCookies = false };
            // Timeouts are per attempt (RetryPolicy.Timeout), enforced with a token so they can differ between clients.
            return new HttpClient(handler) { Timeout = System.Threading.Timeout.InfiniteTimeSpan };
        }

        /// <param name="createRequest">Builds and signs a new request; called once per attempt.</param>
        /// <param name="classify">Says whether a response is throttling, a transient fault, or final.</param>
        /// <param name="retryAfter">Server-requested wait for a throttled response, or null.</param>
        /// <param name="confirm">
        /// For a write: reads whether it took effect when its outcome is unknown. Returns the answer to use when it did,
        /// null when it did not (the write is then sent again, freshly signed).
        /// </param>
        public static HttpResult Send(CallInfo call, TransportSettings settings, IOperationReporter reporter,
            Func<HttpRequestMessage> createRequest, Func<HttpResult, RetryReason> classify, Func<HttpResult, TimeSpan?> retryAfter = null,
            Func<JsonObject> confirm = null)
        {
            settings = settings ?? TransportSettings.Standard();
            var policy = settings.Retry ?? new RetryPolicy();
            var limiter = settings.Limiter ?? RateLimiter.Shared;
            var cancel = reporter.Cancellation;
            for (int attempt = 1; ; attempt++)
            {
                cancel.ThrowIfCancellationRequested();
                HttpResult result = null;
                string failure;
                string networkCode = null;
                Exception networkError = null;
                bool throttled = false;
                try
                {
                    using (var lease = limiter.Acquire(call.RateScope, call.RateLimit, cancel))
                    {
                        if (lease.Waited > TimeSpan.FromMilliseconds(5))
                            reporter.Debug(string.Format(CultureInfo.InvariantCulture, "{0}: waited {1} ms to stay under {2} requests per second.",
                                call, (long)lease.Waited.TotalMilliseconds, call.RateLimit));
                        using (var request = createRequest())
                            result = SendOnce(Client, request, policy.Timeout, cancel);
                    }
                    result.Attempts = attempt;
                    var reason = classify(result);
                    if (reason == RetryReason.None) return result;
                    throttled = reason == RetryReason.Throttled;
                    failure = throttled ? "throttled (HTTP " + result.Status + ")" : "transient failure (HTTP " + result.Status + ")";
                }
                catch (OperationCanceledException) when (!cancel.IsCancellationRequested)
                {
                    failure = "timed out after " + policy.Timeout.TotalSeconds.ToString(CultureInfo.InvariantCulture) + " s";
                    networkCode = "Network.Timeout";
                }
                catch (HttpRequestException ex)
                {
                    failure = "network error: " + Describe(ex);
                    networkCode = "Network.Failure";
                    networkError = ex;
                }

                // Throttled requests never ran, and idempotent ones may run twice; any other write may have taken effect.
                bool outcomeUnknown = !throttled && !call.Idempotent;
                if (outcomeUnknown && confirm != null)
                {
                    reporter.Debug(string.Format(CultureInfo.InvariantCulture,
                        "{0}: attempt {1} {2}; the write may have taken effect, reading whether it did.", call, attempt, failure));
                    JsonObject confirmed;
                    try { confirmed = confirm(); }
                    catch (CloudApiException readFailure)
                    {
                        // The read gave up after its own bounded attempts: say that the write may have been made.
                        throw new CloudApiException(call.Cloud, call.Service, call.Action, readFailure.Code,
                            call.Action + " may have taken effect (attempt " + attempt.ToString(CultureInfo.InvariantCulture) + " " + failure
                            + "), and reading whether it did failed: " + readFailure.Message,
                            readFailure.RequestId, readFailure.HttpStatus, readFailure, outcomeUnknown: true);
                    }
                    if (confirmed != null)
                    {
                        reporter.Debug(call + ": the write had taken effect; using what the read found.");
                        return new HttpResult { Status = 200, Attempts = attempt, Confirmed = confirmed };
                    }
                    reporter.Debug(call + ": the write had not taken effect; it may be sent again.");
                    outcomeUnknown = false;
                }

                if (outcomeUnknown || attempt >= policy.MaxAttempts)
                {
                    reporter.Debug(string.Format(CultureInfo.InvariantCulture, "{0}: attempt {1} of {2} {3}; giving up.",
                        call, attempt, policy.MaxAttempts, failure + (outcomeUnknown ? " (not retried: the write may have taken effect)" : "")));
                    if (result != null)
                    {
                        result.OutcomeUnknown = outcomeUnknown;
                        return result;
                    }
                    throw new CloudApiException(call.Cloud, call.Service, call.Action, networkCode,
                        "Could not reach " + call.Host + " (" + failure + "). Check the network, proxy and endpoint, then run the command again.",
                        null, 0, networkError, outcomeUnknown: outcomeUnknown);
                }

                var delay = policy.Backoff(attempt);
                var requested = result != null && retryAfter != null ? retryAfter(result) : null;
                if (requested.HasValue)
                    delay = TimeSpan.FromTicks(Math.Min(requested.Value.Ticks, policy.MaxRetryAfter.Ticks));
                reporter.Debug(string.Format(CultureInfo.InvariantCulture, "{0}: attempt {1} of {2} {3}; retrying in {4} ms{5}.",
                    call, attempt, policy.MaxAttempts, failure, (long)delay.TotalMilliseconds, requested.HasValue ? " (server asked to wait)" : ""));
                settings.Time.Sleep(delay, cancel);
            }
        }

        /// <summary>One exchange through <paramref name="client"/> by the path every API call takes (the warm-up uses it too).</summary>
        internal static HttpResult SendOnce(HttpClient client, HttpRequestMessage request, TimeSpan timeout, CancellationToken cancel)
        {
            using (var cts = CancellationTokenSource.CreateLinkedTokenSource(cancel))
            {
                cts.CancelAfter(timeout);
                // The module is synchronous (cmdlets run on the pipeline thread). On .NET 5+ (PowerShell 7) HttpClient has a
                // synchronous Send: no thread-pool hop and far less async machinery to start on the first call. Elsewhere
                // (Windows PowerShell 5.1) block on the async call without capturing the host's synchronization context.
                if (SyncSend != null)
                {
                    using (var response = SyncSend(client, request, HttpCompletionOption.ResponseContentRead, cts.Token))
                        // The content is already buffered (ResponseContentRead): this read completes at once. Content is never
                        // null on .NET 5+, the only runtimes with a synchronous Send.
                        return ToResult(response, response.Content.ReadAsStringAsync().GetAwaiter().GetResult());
                }
                // Stryker disable once all : runs only where HttpClient has no synchronous Send (.NET Framework); not here.
                return Task.Run(() => SendAsync(client, request, cts.Token)).GetAwaiter().GetResult();
            }
        }

        // Stryker disable all : the asynchronous send runs only where HttpClient has no synchronous Send (.NET Framework, Windows
        // PowerShell 5.1); on .NET 5+ (PowerShell 7, every test here) SendOnce never calls it.
        private static async Task<HttpResult> SendAsync(HttpClient client, HttpRequestMessage request, CancellationToken token)
        {
            using (var response = await client.SendAsync(request, HttpCompletionOption.ResponseContentRead, token).ConfigureAwait(false))
                return ToResult(response, response.Content == null ? "" : await response.Content.ReadAsStringAsync().ConfigureAwait(false));
        }
        // Stryker restore all

        private static HttpResult ToResult(HttpResponseMessage response, string body)
        {
            var headers = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
            // Response headers only: the one header the module reads (x-acs-retry-after) is one; content headers are not.
            foreach (var h in response.Headers) headers[h.Key] = string.Join(",", h.Value);
            Json.Json.TryParseObject(body, out var json);
            return new HttpResult { Status = (int)response.StatusCode, Body = body, Headers = headers, Json = json };
        }

        /// <summary>HttpClient.Send(request, completionOption, token), present from .NET 5; null on .NET Framework.</summary>
        private static readonly Func<HttpClient, HttpRequestMessage, HttpCompletionOption, CancellationToken, HttpResponseMessage> SyncSend = FindSyncSend();

        private static Func<HttpClient, HttpRequestMessage, HttpCompletionOption, CancellationToken, HttpResponseMessage> FindSyncSend()
        {
            var method = typeof(HttpClient).GetMethod("Send", new[] { typeof(HttpRequestMessage), typeof(HttpCompletionOption), typeof(CancellationToken) });
            if (method == null || method.ReturnType != typeof(HttpResponseMessage)) return null;
            return (Func<HttpClient, HttpRequestMessage, HttpCompletionOption, CancellationToken, HttpResponseMessage>)Delegate.CreateDelegate(
                typeof(Func<HttpClient, HttpRequestMessage, HttpCompletionOption, CancellationToken, HttpResponseMessage>), method);
        }

        private static string Describe(Exception ex)
        {
            var inner = ex;
            while (inner.InnerException != null) inner = inner.InnerException;
            return inner == ex ? ex.Message : ex.Message + " " + inner.Message;
        }
    }
}
