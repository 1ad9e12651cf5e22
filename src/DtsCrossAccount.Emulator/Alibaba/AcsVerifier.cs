using System.Text;
using DtsCrossAccount.Emulator.Core;

namespace DtsCrossAccount.Emulator.Alibaba;

/// <summary>The parts of an ACS3-HMAC-SHA256 Authorization header.</summary>
public sealed record AcsV3Authorization(string AccessKeyId, IReadOnlyList<string> SignedHeaders, string Signature);

/// <summary>Alibaba Cloud V3 (ACS3-HMAC-SHA256) and V2 RPC (HMAC-SHA1) signatures, recomputed server-side.</summary>
public static class AcsVerifier
{
    public const string V3Algorithm = "ACS3-HMAC-SHA256";

    /// <summary>Parses "ACS3-HMAC-SHA256 Credential=id,SignedHeaders=a;b,Signature=hex"; null when malformed.</summary>
    public static AcsV3Authorization? ParseV3Authorization(string? header)
    {
        if (header == null || !header.StartsWith(V3Algorithm + " ", StringComparison.Ordinal)) return null;
        var fields = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var part in header[(V3Algorithm.Length + 1)..].Split(','))
        {
            var eq = part.IndexOf('=');
            if (eq <= 0) return null;
            fields[part[..eq].Trim()] = part[(eq + 1)..].Trim();
        }
        if (!fields.TryGetValue("Credential", out var id) || !fields.TryGetValue("SignedHeaders", out var signed) ||
            !fields.TryGetValue("Signature", out var signature) || id.Length == 0 || signed.Length == 0) return null;
        return new AcsV3Authorization(id, signed.Split(';').Select(s => s.Trim().ToLowerInvariant()).ToArray(), signature);
    }

    public static string CanonicalQuery(IEnumerable<KeyValuePair<string, string>> parameters) =>
        string.Join('&', parameters.Select(p => (Name: WireCrypto.Rfc3986(p.Key), Value: WireCrypto.Rfc3986(p.Value)))
            .OrderBy(p => p.Name, StringComparer.Ordinal).Select(p => p.Name + "=" + p.Value));

    /// <summary>
    /// V3 canonical request over the given headers (already chosen by the caller: the signed ones). Names are lower-cased,
    /// values trimmed; a repeated name has its values sorted and joined by ','.
    /// </summary>
    public static string V3CanonicalRequest(string method, string path, IEnumerable<KeyValuePair<string, string>> query,
        IEnumerable<(string Name, string Value)> headers, string hashedPayload)
    {
        var grouped = headers.GroupBy(h => h.Name.Trim().ToLowerInvariant())
            .OrderBy(g => g.Key, StringComparer.Ordinal)
            .Select(g => (Name: g.Key, Value: string.Join(',', g.Select(h => h.Value.Trim()).OrderBy(v => v, StringComparer.Ordinal))))
            .ToList();
        var sb = new StringBuilder();
        sb.Append(method).Append('\n').Append(string.IsNullOrEmpty(path) ? "/" : path).Append('\n').Append(CanonicalQuery(query)).Append('\n');
        foreach (var (name, value) in grouped) sb.Append(name).Append(':').Append(value).Append('\n');
        sb.Append('\n').Append(string.Join(';', grouped.Select(g => g.Name))).Append('\n').Append(hashedPayload);
        return sb.ToString();
    }

    public static string V3StringToSign(string canonicalRequest) => V3Algorithm + "\n" + WireCrypto.Sha256Hex(canonicalRequest);

    public static string V3Signature(string secret, string stringToSign) =>
        Convert.ToHexStringLower(WireCrypto.HmacSha256(Encoding.UTF8.GetBytes(secret), stringToSign));

    /// <summary>V2: METHOD&amp;%2F&amp;percent(sorted name=value pairs without Signature).</summary>
    public static string V2StringToSign(string method, IEnumerable<KeyValuePair<string, string>> parameters)
    {
        var canonical = string.Join('&', parameters.Where(p => p.Key != "Signature")
            .Select(p => (Name: WireCrypto.Rfc3986(p.Key), Value: WireCrypto.Rfc3986(p.Value)))
            .OrderBy(p => p.Name, StringComparer.Ordinal).Select(p => p.Name + "=" + p.Value));
        return method.ToUpperInvariant() + "&" + WireCrypto.Rfc3986("/") + "&" + WireCrypto.Rfc3986(canonical);
    }

    public static string V2Signature(string secret, string stringToSign) => WireCrypto.HmacSha1Base64(secret + "&", stringToSign);
}
