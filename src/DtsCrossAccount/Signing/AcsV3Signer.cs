using System;
using System.Collections.Generic;
using System.Linq;
using System.Text;

namespace DtsCrossAccount.Signing
{
    /// <summary>The pieces of one ACS3-HMAC-SHA256 signature (Signature and Authorization are secret-derived: never logged).</summary>
    internal sealed class AcsV3Signature
    {
        public string CanonicalRequest { get; set; }
        public string StringToSign { get; set; }
        public string SignedHeaders { get; set; }
        public string Signature { get; set; }
        public string Authorization { get; set; }
    }

    /// <summary>
    /// Alibaba Cloud V3 signature (ACS3-HMAC-SHA256, doc "V3 request structure and signature"). Pure functions over the
    /// method, path, query parameters, headers and the hex SHA-256 of the body.
    /// </summary>
    internal static class AcsV3Signer
    {
        public const string Algorithm = "ACS3-HMAC-SHA256";
        public const string EmptyBodySha256 = "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855";

        /// <summary>name=value pairs sorted by encoded name, RFC 3986-encoded, joined by '&amp;' (an empty value gives "name=").</summary>
        public static string CanonicalQuery(IEnumerable<KeyValuePair<string, string>> parameters)
        {
            if (parameters == null) return "";
            return string.Join("&", parameters
                .Select(p => new KeyValuePair<string, string>(SigningPrimitives.PercentEncode(p.Key), SigningPrimitives.PercentEncode(p.Value ?? "")))
                .OrderBy(p => p.Key, StringComparer.Ordinal)
                .Select(p => p.Key + "=" + p.Value));
        }

        /// <summary>Whether a header takes part in the signature: x-acs-*, host and content-type.</summary>
        public static bool IsSignedHeader(string name)
        {
            var n = name.Trim().ToLowerInvariant();
            return n.StartsWith("x-acs-", StringComparison.Ordinal) || n == "host" || n == "content-type";
        }

        /// <summary>
        /// Canonical headers of the signable headers: lower-case name, trimmed value, sorted by name; a name given more than
        /// once gets its values sorted and joined by ','.
        /// </summary>
        public static string CanonicalHeaders(IEnumerable<KeyValuePair<string, string>> headers, out string signedHeaders)
        {
            var groups = headers
                .Where(h => IsSignedHeader(h.Key))
                .GroupBy(h => h.Key.Trim().ToLowerInvariant())
                .OrderBy(g => g.Key, StringComparer.Ordinal)
                .Select(g => new KeyValuePair<string, string>(g.Key,
                    string.Join(",", g.Select(h => (h.Value ?? "").Trim()).OrderBy(v => v, StringComparer.Ordinal))))
                .ToList();
            signedHeaders = string.Join(";", groups.Select(g => g.Key));
            var sb = new StringBuilder();
            foreach (var g in groups) sb.Append(g.Key).Append(':').Append(g.Value).Append('\n');
            return sb.ToString();
        }

        public static string CanonicalRequest(string method, string path, IEnumerable<KeyValuePair<string, string>> query,
            IEnumerable<KeyValuePair<string, string>> headers, string hashedPayload, out string signedHeaders)
        {
            var canonicalHeaders = CanonicalHeaders(headers, out signedHeaders);
            return method + "\n" + (string.IsNullOrEmpty(path) ? "/" : path) + "\n" + CanonicalQuery(query) + "\n" +
                canonicalHeaders + "\n" + signedHeaders + "\n" + hashedPayload;
        }

        public static string StringToSign(string canonicalRequest) => Algorithm + "\n" + SigningPrimitives.Sha256Hex(canonicalRequest);

        public static string Signature(string accessKeySecret, string stringToSign) =>
            SigningPrimitives.Hex(SigningPrimitives.HmacSha256(SigningPrimitives.Utf8.GetBytes(accessKeySecret), stringToSign));

        public static string Authorization(string accessKeyId, string signedHeaders, string signature) =>
            Algorithm + " Credential=" + accessKeyId + ",SignedHeaders=" + signedHeaders + ",Signature=" + signature;

        public static AcsV3Signature Sign(string method, string path, IEnumerable<KeyValuePair<string, string>> query,
            IEnumerable<KeyValuePair<string, string>> headers, string hashedPayload, string accessKeyId, string accessKeySecret)
        {
            var canonicalRequest = CanonicalRequest(method, path, query, headers, hashedPayload, out var signedHeaders);
            var stringToSign = StringToSign(canonicalRequest);
            var signature = Signature(accessKeySecret, stringToSign);
            return new AcsV3Signature
            {
                CanonicalRequest = canonicalRequest,
                StringToSign = stringToSign,
                SignedHeaders = signedHeaders,
                Signature = signature,
                Authorization = Authorization(accessKeyId, signedHeaders, signature),
            };
        }
    }
}
