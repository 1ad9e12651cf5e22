using System.Globalization;
using System.Text;
using DtsCrossAccount.Emulator.Core;

namespace DtsCrossAccount.Emulator.Tencent;

/// <summary>The parts of a TC3-HMAC-SHA256 Authorization header.</summary>
public sealed record Tc3Authorization(string SecretId, string Date, string Service, string Terminator, IReadOnlyList<string> SignedHeaders, string Signature);

/// <summary>Tencent Cloud API 3.0 signature, recomputed server-side from the request as received.</summary>
public static class Tc3Verifier
{
    public const string Algorithm = "TC3-HMAC-SHA256";

    /// <summary>Parses "TC3-HMAC-SHA256 Credential=id/date/service/tc3_request, SignedHeaders=a;b, Signature=hex"; null when malformed.</summary>
    public static Tc3Authorization? ParseAuthorization(string? header)
    {
        if (header == null || !header.StartsWith(Algorithm + " ", StringComparison.Ordinal)) return null;
        var fields = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var part in header[(Algorithm.Length + 1)..].Split(','))
        {
            var eq = part.IndexOf('=');
            if (eq <= 0) return null;
            fields[part[..eq].Trim()] = part[(eq + 1)..].Trim();
        }
        if (!fields.TryGetValue("Credential", out var credential) || !fields.TryGetValue("SignedHeaders", out var signed) ||
            !fields.TryGetValue("Signature", out var signature)) return null;
        var scope = credential.Split('/');
        if (scope.Length != 4 || scope.Any(string.IsNullOrEmpty) || signed.Length == 0) return null;
        return new Tc3Authorization(scope[0], scope[1], scope[2], scope[3], signed.Split(';'), signature);
    }

    /// <summary>Canonical request: header names and values lower-cased and trimmed, in the order of SignedHeaders sorted by name.</summary>
    public static string CanonicalRequest(string method, string canonicalQuery, IEnumerable<(string Name, string Value)> signedHeaders, string hashedPayload)
    {
        var headers = signedHeaders.Select(h => (Name: h.Name.Trim().ToLowerInvariant(), Value: h.Value.Trim().ToLowerInvariant()))
            .OrderBy(h => h.Name, StringComparer.Ordinal).ToList();
        var sb = new StringBuilder();
        sb.Append(method).Append('\n').Append("/\n").Append(canonicalQuery).Append('\n');
        foreach (var (name, value) in headers) sb.Append(name).Append(':').Append(value).Append('\n');
        sb.Append('\n').Append(string.Join(';', headers.Select(h => h.Name))).Append('\n').Append(hashedPayload);
        return sb.ToString();
    }

    public static string StringToSign(long timestamp, string date, string service, string canonicalRequest) =>
        $"{Algorithm}\n{timestamp.ToString(CultureInfo.InvariantCulture)}\n{date}/{service}/tc3_request\n{WireCrypto.Sha256Hex(canonicalRequest)}";

    public static string Signature(string secretKey, string date, string service, string stringToSign)
    {
        var kDate = WireCrypto.HmacSha256(Encoding.UTF8.GetBytes("TC3" + secretKey), date);
        var kService = WireCrypto.HmacSha256(kDate, service);
        var kSigning = WireCrypto.HmacSha256(kService, "tc3_request");
        return Convert.ToHexStringLower(WireCrypto.HmacSha256(kSigning, stringToSign));
    }

    public static string UtcDate(long timestamp) =>
        DateTimeOffset.FromUnixTimeSeconds(timestamp).UtcDateTime.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
}
