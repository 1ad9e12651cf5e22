using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Net;
using System.Net.Http;
using System.Runtime.InteropServices;
using System.Threading;
using System.Threading.Tasks;
using DtsCrossAccount.Core;

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

        public string Header(string name) => Headers.TryGetValue(name, out var v) ? v : null;
        public bool IsSuccess => Status >= 200 && Status < 300;
    }

    /// <summary>Why a response may be retried, decided by the cloud-specific client.</summary>
    internal enum RetryReason
    {
        None,
        /// <summary>The request was refused before it ran: safe to retry for every call.</summary>
        Throttled,
        /// <summary>5xx: the request may have run; retried only for idempotent calls.</summary>
        ServerError,
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

        public override string ToString() => Cloud + " " + Service + " " + Action;
        public string Where => "(region " + (string.IsNullOrEmpty(Region) ? "-" : Region) + ", host " + Host + ")";
    }

    /// <summary>
    /// One HttpClient for the process (sockets are pooled), a per-attempt timeout, and retries with backoff. Every attempt
    /// builds and signs a fresh request (new timestamp and nonce). Throttling is retried for every call; 5xx, timeouts and
    /// network errors only for idempotent ones, because the first attempt may already have changed something.
    /// </summary>
    internal static class HttpTransport
    {
        private static readonly HttpClient Client = CreateClient();

        private static HttpClient CreateClient()
        {
            // Windows PowerShell 5.1 runs on .NET Framework, which may still default to TLS 1.0; the clouds require 1.2.
            if (RuntimeInformation.FrameworkDescription.StartsWith(".NET Framework", StringComparison.OrdinalIgnoreCase))
                ServicePointManager.SecurityProtocol |= SecurityProtocolType.Tls12;
            var handler = new HttpClientHandler { AllowAutoRedirect = false, UseCookies = false };
            // Timeouts are per attempt (RetryPolicy.Timeout), enforced with a token so they can differ between clients.
            return new HttpClient(handler) { Timeout = System.Threading.Timeout.InfiniteTimeSpan };
        }

        /// <param name="createRequest">Builds and signs a new request; called once per attempt.</param>
        /// <param name="classify">Says whether a response is throttling, a server error, or final.</param>
        /// <param name="retryAfter">Server-requested wait for a throttled response, or null.</param>
        public static HttpResult Send(CallInfo call, RetryPolicy policy, IOperationReporter reporter,
            Func<HttpRequestMessage> createRequest, Func<HttpResult, RetryReason> classify, Func<HttpResult, TimeSpan?> retryAfter = null)
        {
            policy = policy ?? RetryPolicy.Default;
            var cancel = reporter.Cancellation;
            for (int attempt = 1; ; attempt++)
            {
                cancel.ThrowIfCancellationRequested();
                HttpResult result = null;
                string failure;
                string networkCode = null;
                Exception networkError = null;
                try
                {
                    using (var request = createRequest())
                        result = SendOnce(request, policy.Timeout, cancel);
                    result.Attempts = attempt;
                    var reason = classify(result);
                    if (reason == RetryReason.None) return result;
                    if (reason == RetryReason.ServerError && !call.Idempotent)
                    {
                        reporter.Debug(string.Format(CultureInfo.InvariantCulture,
                            "{0}: attempt {1} got HTTP {2}; not retried because the call is not idempotent.", call, attempt, result.Status));
                        return result;
                    }
                    failure = reason == RetryReason.Throttled ? "throttled (HTTP " + result.Status + ")" : "HTTP " + result.Status;
                }
                catch (OperationCanceledException) when (!cancel.IsCancellationRequested)
                {
                    failure = "timed out after " + policy.Timeout.TotalSeconds.ToString("0.###", CultureInfo.InvariantCulture) + " s";
                    networkCode = "Network.Timeout";
                }
                catch (HttpRequestException ex)
                {
                    failure = "network error: " + Describe(ex);
                    networkCode = "Network.Failure";
                    networkError = ex;
                }

                bool retryable = networkCode == null || call.Idempotent;
                if (!retryable || attempt >= policy.MaxAttempts)
                {
                    reporter.Debug(string.Format(CultureInfo.InvariantCulture, "{0}: attempt {1} of {2} {3}; giving up.",
                        call, attempt, policy.MaxAttempts, failure + (retryable ? "" : " (not retried: the call is not idempotent)")));
                    if (result != null) return result;
                    throw new CloudApiException(call.Cloud, call.Service, call.Action, networkCode,
                        "Could not reach " + call.Host + " (" + failure + "). Check the network, proxy and endpoint, then run the command again.",
                        null, 0, networkError);
                }

                var delay = policy.Backoff(attempt);
                var requested = result != null && retryAfter != null ? retryAfter(result) : null;
                if (requested.HasValue)
                    delay = requested.Value > policy.MaxRetryAfter ? policy.MaxRetryAfter : requested.Value;
                reporter.Debug(string.Format(CultureInfo.InvariantCulture, "{0}: attempt {1} of {2} {3}; retrying in {4} ms{5}.",
                    call, attempt, policy.MaxAttempts, failure, (long)delay.TotalMilliseconds, requested.HasValue ? " (server asked to wait)" : ""));
                if (delay > TimeSpan.Zero && cancel.WaitHandle.WaitOne(delay)) cancel.ThrowIfCancellationRequested();
            }
        }

        private static HttpResult SendOnce(HttpRequestMessage request, TimeSpan timeout, CancellationToken cancel)
        {
            using (var cts = CancellationTokenSource.CreateLinkedTokenSource(cancel))
            {
                cts.CancelAfter(timeout);
                // The module is synchronous (cmdlets run on the pipeline thread); block without capturing a context.
                return Task.Run(() => SendAsync(request, cts.Token)).GetAwaiter().GetResult();
            }
        }

        private static async Task<HttpResult> SendAsync(HttpRequestMessage request, CancellationToken token)
        {
            using (var response = await Client.SendAsync(request, HttpCompletionOption.ResponseContentRead, token).ConfigureAwait(false))
            {
                var body = response.Content == null ? "" : await response.Content.ReadAsStringAsync().ConfigureAwait(false);
                var headers = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
                foreach (var h in response.Headers.Concat(response.Content?.Headers ?? Enumerable.Empty<KeyValuePair<string, IEnumerable<string>>>()))
                    headers[h.Key] = string.Join(",", h.Value);
                return new HttpResult { Status = (int)response.StatusCode, Body = body, Headers = headers };
            }
        }

        private static string Describe(Exception ex)
        {
            var inner = ex;
            while (inner.InnerException != null) inner = inner.InnerException;
            return inner == ex ? ex.Message : ex.Message + " " + inner.Message;
        }
    }
}
