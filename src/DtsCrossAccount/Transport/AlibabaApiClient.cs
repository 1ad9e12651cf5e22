using System;
using System.Collections.Generic;
using DtsCrossAccount.Core;
using DtsCrossAccount.Json;

namespace DtsCrossAccount.Transport
{
    /// <summary>Calls Alibaba Cloud RPC actions (RAM, STS, DTS) signed with ACS3-HMAC-SHA256; errors → CloudApiException.</summary>
    internal sealed class AlibabaApiClient
    {
        public AlibabaApiClient(CloudCredential credential, EndpointResolver endpoints, IOperationReporter reporter)
        {
            Credential = credential ?? throw new ArgumentNullException(nameof(credential));
            Endpoints = endpoints;
            Reporter = reporter ?? NullReporter.Instance;
        }

        public CloudCredential Credential { get; }
        public EndpointResolver Endpoints { get; }
        public IOperationReporter Reporter { get; }

        /// <summary>Returns the whole response body; throws CloudApiException for an API error (including DTS Success=false).</summary>
        /// <param name="service">ram, sts or dts.</param>
        /// <param name="bodyParameters">Names sent in the form body instead of the query (e.g. DbList, Reserve for ConfigureDtsJob).</param>
        public JsonObject Call(string service, string version, string action, IDictionary<string, string> parameters,
            string region = null, bool idempotent = true, ICollection<string> bodyParameters = null)
        {
            throw new NotImplementedException();
        }
    }
}
