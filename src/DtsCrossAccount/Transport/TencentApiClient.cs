using System;
using DtsCrossAccount.Core;
using DtsCrossAccount.Json;

namespace DtsCrossAccount.Transport
{
    /// <summary>Calls Tencent Cloud API 3.0 actions: TC3-HMAC-SHA256 signing, retries, error envelope → CloudApiException.</summary>
    internal sealed class TencentApiClient
    {
        public TencentApiClient(CloudCredential credential, EndpointResolver endpoints, IOperationReporter reporter)
        {
            Credential = credential ?? throw new ArgumentNullException(nameof(credential));
            Endpoints = endpoints;
            Reporter = reporter ?? NullReporter.Instance;
        }

        public CloudCredential Credential { get; }
        public EndpointResolver Endpoints { get; }
        public IOperationReporter Reporter { get; }

        /// <summary>Returns the Response object (without Error); throws CloudApiException for an API error.</summary>
        /// <param name="idempotent">True for reads and for writes that are safe to repeat; only these are retried after 5xx/network errors.</param>
        public JsonObject Call(string service, string version, string action, JsonObject request, string region = null, bool idempotent = true)
        {
            throw new NotImplementedException();
        }
    }
}
