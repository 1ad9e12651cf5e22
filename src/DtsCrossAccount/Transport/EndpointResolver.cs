using System;
using System.Management.Automation;
using System.Net;
using DtsCrossAccount.Core;

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

        /// <summary>
        /// The -EndpointUrl parameter when bound, else DTSCROSSACCOUNT_ENDPOINT_URL, else the real endpoints. Plain http is
        /// refused unless the host is loopback (the local emulator): keys and tokens must not cross a network unencrypted.
        /// </summary>
        public static EndpointResolver FromParameter(Uri endpointUrl)
        {
            var source = "-EndpointUrl";
            if (endpointUrl == null)
            {
                var fromEnvironment = Environment.GetEnvironmentVariable(EnvironmentVariable);
                if (string.IsNullOrWhiteSpace(fromEnvironment)) return new EndpointResolver(null);
                source = "the environment variable " + EnvironmentVariable;
                if (!Uri.TryCreate(fromEnvironment.Trim(), UriKind.Absolute, out endpointUrl))
                    throw InvalidEndpoint(source, "(not a URL)");
            }
            if (!endpointUrl.IsAbsoluteUri || (endpointUrl.Scheme != Uri.UriSchemeHttp && endpointUrl.Scheme != Uri.UriSchemeHttps))
                throw InvalidEndpoint(source, endpointUrl.IsAbsoluteUri ? Display(endpointUrl) : endpointUrl.OriginalString);
            if (endpointUrl.Scheme == Uri.UriSchemeHttp && !IsLoopback(endpointUrl.Host))
                throw new DtsCrossAccountException("InsecureEndpoint", ErrorCategory.InvalidArgument,
                    "The endpoint '" + Display(endpointUrl) + "' from " + source + " uses plain http to a host that is not " +
                    "this computer; credentials would travel unencrypted. Use an https:// URL, or http:// only with localhost, 127.0.0.1 or ::1.",
                    Display(endpointUrl));
            return new EndpointResolver(endpointUrl);
        }

        /// <summary>Scheme, host and port only: a URL's user-info part could hold a password.</summary>
        private static string Display(Uri uri) => uri.Scheme + "://" + uri.Host + (uri.IsDefaultPort ? "" : ":" + uri.Port) + "/";

        /// <summary>localhost, 127.0.0.0/8 or ::1.</summary>
        internal static bool IsLoopback(string host)
        {
            if (string.IsNullOrEmpty(host)) return false;
            if (string.Equals(host, "localhost", StringComparison.OrdinalIgnoreCase)) return true;
            return IPAddress.TryParse(host.Trim('[', ']'), out var ip) && IPAddress.IsLoopback(ip);
        }

        private static DtsCrossAccountException InvalidEndpoint(string source, string value) =>
            new DtsCrossAccountException("InvalidEndpoint", ErrorCategory.InvalidArgument,
                "The endpoint '" + value + "' from " + source + " is not an absolute http(s) URL. Give a full URL such as " +
                "https://dts.tencentcloudapi.com/ or http://127.0.0.1:5000/ for a local emulator, or leave it out to use the clouds' own endpoints.",
                value);

        public Uri Tencent(string service) =>
            Override ?? new Uri("https://" + service + ".tencentcloudapi.com/");

        /// <summary>RAM and STS are central; DTS answers on dts.aliyuncs.com for the main regions (cloud-apis.md 2c).</summary>
        public Uri Alibaba(string service, string region) =>
            Override ?? new Uri("https://" + service + ".aliyuncs.com/");
    }
}
