using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Text;

namespace DtsCrossAccount.Signing
{
    /// <summary>The pieces of one TC3-HMAC-SHA256 signature, kept for tests and diagnostics (never logged: Signature is secret-derived).</summary>
    internal sealed class Tc3Signature
    {
        public string CanonicalRequest { get; set; }
        public string StringToSign { get; set; }
        public string SignedHeaders { get; set; }
        public string Signature { get; set; }
        public string Authorization { get; set; }
    }

    /// <summary>
    /// Tencent Cloud API 3.0 signature (TC3-HMAC-SHA256), as in the "Signature v3" doc: canonical request, string to sign,
    /// date/service/"tc3_request" key derivation, hex HMAC-SHA256. Pure functions; the caller supplies time and body.
    /// </summary>
    internal static class Tc3Signer
    {
        public const string Algorithm = "TC3-HMAC-SHA256";

        /// <summary>The UTC date (yyyy-MM-dd) of a Unix timestamp: the credential scope date.</summary>
        public static string UtcDate(long timestamp) =>
            DateTimeOffset.FromUnixTimeSeconds(timestamp).UtcDateTime.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

        /// <summary>
        /// Canonical request. Header names and values are lower-cased and trimmed, sorted by name; the block ends with a
        /// newline, so an empty line precedes the signed-header list.
        /// </summary>
        public static string CanonicalRequest(string method, string canonicalQuery, IEnumerable<KeyValuePair<string, string>> headers,
            string hashedPayload, out string signedHeaders)
        {
            var canonical = headers
                .Select(h => new KeyValuePair<string, string>(h.Key.Trim().ToLowerInvariant(), (h.Value ?? "").Trim().ToLowerInvariant()))
                .OrderBy(h => h.Key, StringComparer.Ordinal)
                .ToList();
            signedHeaders = string.Join(";", canonical.Select(h => h.Key));
            var sb = new StringBuilder();
            sb.Append(method.ToUpperInvariant()).Append('\n');
            sb.Append("/\n");
            sb.Append(canonicalQuery ?? "").Append('\n');
            foreach (var h in canonical) sb.Append(h.Key).Append(':').Append(h.Value).Append('\n');
            sb.Append('\n');
            sb.Append(signedHeaders).Append('\n');
            sb.Append(hashedPayload);
            return sb.ToString();
        }

        public static string CredentialScope(string date, string service) => date + "/" + service + "/tc3_request";

        public static string StringToSign(long timestamp, string date, string service, string canonicalRequest) =>
            Algorithm + "\n" + timestamp.ToString(CultureInfo.InvariantCulture) + "\n" + CredentialScope(date, service) + "\n" +
            SigningPrimitives.Sha256Hex(canonicalRequest);

        /// <summary>kSigning = HMAC(HMAC(HMAC("TC3" + secret, date), service), "tc3_request").</summary>
        public static byte[] DeriveSigningKey(string secretKey, string date, string service)
        {
            var kDate = SigningPrimitives.HmacSha256(SigningPrimitives.Utf8.GetBytes("TC3" + secretKey), date);
            var kService = SigningPrimitives.HmacSha256(kDate, service);
            return SigningPrimitives.HmacSha256(kService, "tc3_request");
        }

        public static string Signature(string secretKey, string date, string service, string stringToSign) =>
            SigningPrimitives.Hex(SigningPrimitives.HmacSha256(DeriveSigningKey(secretKey, date, service), stringToSign));

        public static string Authorization(string secretId, string date, string service, string signedHeaders, string signature) =>
            Algorithm + " Credential=" + secretId + "/" + CredentialScope(date, service) + ", SignedHeaders=" + signedHeaders + ", Signature=" + signature;

        /// <summary>
        /// Signs a POST to the API root. Signs content-type and host, plus x-tc-action when <paramref name="signedAction"/> is
        /// given (the current official demo's variant).
        /// </summary>
        public static Tc3Signature SignPost(string secretId, string secretKey, string service, string host, string contentType,
            long timestamp, byte[] body, string signedAction = null)
        {
            var headers = new List<KeyValuePair<string, string>>
            {
                new KeyValuePair<string, string>("content-type", contentType),
                new KeyValuePair<string, string>("host", host),
            };
            if (signedAction != null) headers.Add(new KeyValuePair<string, string>("x-tc-action", signedAction));
            var date = UtcDate(timestamp);
            var canonicalRequest = CanonicalRequest("POST", "", headers, SigningPrimitives.Sha256Hex(body), out var signedHeaders);
            var stringToSign = StringToSign(timestamp, date, service, canonicalRequest);
            var signature = Signature(secretKey, date, service, stringToSign);
            return new Tc3Signature
            {
                CanonicalRequest = canonicalRequest,
                StringToSign = stringToSign,
                SignedHeaders = signedHeaders,
                Signature = signature,
                Authorization = Authorization(secretId, date, service, signedHeaders, signature),
            };
        }
    }
}
