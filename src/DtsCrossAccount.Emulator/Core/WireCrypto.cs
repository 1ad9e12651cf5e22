using System.Security.Cryptography;
using System.Text;

namespace DtsCrossAccount.Emulator.Core;

/// <summary>Hashing and encoding helpers for the emulator's own signature verification (independent of the module).</summary>
public static class WireCrypto
{
    public static string Sha256Hex(byte[] data) => Convert.ToHexStringLower(SHA256.HashData(data));

    public static string Sha256Hex(string text) => Sha256Hex(Encoding.UTF8.GetBytes(text));

    public static byte[] HmacSha256(byte[] key, string data) => HMACSHA256.HashData(key, Encoding.UTF8.GetBytes(data));

    public static string HmacSha1Base64(string key, string data) =>
        Convert.ToBase64String(HMACSHA1.HashData(Encoding.UTF8.GetBytes(key), Encoding.UTF8.GetBytes(data)));

    /// <summary>Constant-time comparison, so a verifier does not leak how much of a signature matched.</summary>
    public static bool SameText(string? a, string? b) =>
        a != null && b != null && CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(a), Encoding.UTF8.GetBytes(b));

    /// <summary>RFC 3986: unreserved characters stay, every other UTF-8 byte becomes %XX (upper-case hex).</summary>
    public static string Rfc3986(string value)
    {
        var sb = new StringBuilder();
        foreach (var b in Encoding.UTF8.GetBytes(value))
        {
            var c = (char)b;
            if (char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.' or '~') sb.Append(c);
            else sb.Append('%').Append(b.ToString("X2"));
        }
        return sb.ToString();
    }

    /// <summary>Parses name=value&amp;… (query or form body); '+' is a space as in HTML forms; later duplicates win.</summary>
    public static List<KeyValuePair<string, string>> ParseForm(string text)
    {
        var list = new List<KeyValuePair<string, string>>();
        foreach (var part in text.Split('&', StringSplitOptions.RemoveEmptyEntries))
        {
            var eq = part.IndexOf('=');
            var name = eq < 0 ? part : part[..eq];
            var value = eq < 0 ? "" : part[(eq + 1)..];
            list.Add(new(Decode(name), Decode(value)));
        }
        return list;
    }

    private static string Decode(string s) => Uri.UnescapeDataString(s.Replace('+', ' '));
}
