using System;
using System.Collections.Generic;
using System.Linq;

namespace DtsCrossAccount.Signing
{
    /// <summary>
    /// Alibaba Cloud legacy RPC signature (SignatureMethod HMAC-SHA1, SignatureVersion 1.0; doc "RPC mechanism"). The
    /// module signs with V3; this one exists so tests can speak to the emulator as older SDKs do.
    /// </summary>
    internal static class AcsRpcV2Signer
    {
        /// <summary>All parameters except Signature, sorted by encoded name, each percent-encoded, joined by '&amp;'.</summary>
        public static string CanonicalizedQuery(IEnumerable<KeyValuePair<string, string>> parameters) =>
            string.Join("&", parameters
                .Where(p => p.Key != "Signature")
                .Select(p => new KeyValuePair<string, string>(SigningPrimitives.PercentEncode(p.Key), SigningPrimitives.PercentEncode(p.Value ?? "")))
                .OrderBy(p => p.Key, StringComparer.Ordinal)
                .Select(p => p.Key + "=" + p.Value));

        public static string StringToSign(string method, IEnumerable<KeyValuePair<string, string>> parameters) =>
            method.ToUpperInvariant() + "&" + SigningPrimitives.PercentEncode("/") + "&" + SigningPrimitives.PercentEncode(CanonicalizedQuery(parameters));

        /// <summary>Base64(HMAC-SHA1(secret + "&amp;", stringToSign)); percent-encode it when putting it in a URL or form.</summary>
        public static string Signature(string accessKeySecret, string stringToSign) =>
            SigningPrimitives.HmacSha1Base64(accessKeySecret + "&", stringToSign);

        public static string Sign(string method, IEnumerable<KeyValuePair<string, string>> parameters, string accessKeySecret) =>
            Signature(accessKeySecret, StringToSign(method, parameters));
    }
}
