using System;

namespace DtsCrossAccount.Transport
{
    /// <summary>
    /// Where each service lives. With an override (-EndpointUrl or DTSCROSSACCOUNT_ENDPOINT_URL) every service of both
    /// clouds goes to that one base URL; the request itself (TC3 scope and X-TC-Version, Alibaba Version and Action)
    /// still tells the services apart, as it does for the official SDKs.
    /// </summary>
    internal sealed class EndpointResolver
    {
        public const string EnvironmentVariable = "DTSCROSSACCOUNT_ENDPOINT_URL";

        public EndpointResolver(Uri overrideUrl)
        {
            Override = overrideUrl;
        }

        public Uri Override { get; }

        public Uri Tencent(string service) =>
            Override ?? new Uri("https://" + service + ".tencentcloudapi.com/");

        /// <summary>RAM and STS are central; DTS answers on dts.aliyuncs.com for the main regions (cloud-apis.md 2c).</summary>
        public Uri Alibaba(string service, string region) =>
            Override ?? new Uri("https://" + service + ".aliyuncs.com/");
    }
}
