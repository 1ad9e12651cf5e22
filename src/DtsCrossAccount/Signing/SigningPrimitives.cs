using System;
using System.Security.Cryptography;
using System.Text;

namespace DtsCrossAccount.Signing
{
    /// <summary>Hashes and HMACs shared by the three signers (UTF-8 in, lower-case hex or Base64 out).</summary>
    internal static class SigningPrimitives
    {
        public static readonly UTF8Encoding Utf8 = new UTF8Encoding(false);

        public static string Sha256Hex(byte[] data)
        {
            using (var sha = SHA256.Create()) return Hex(sha.ComputeHash(data ?? Array.Empty<byte>()));
        }

        public static string Sha256Hex(string text) => Sha256Hex(Utf8.GetBytes(text ?? ""));

        public static byte[] HmacSha256(byte[] key, string data)
        {
            using (var hmac = new HMACSHA256(key)) return hmac.ComputeHash(Utf8.GetBytes(data));
        }

        public static string HmacSha1Base64(string key, string data)
        {
            using (var hmac = new HMACSHA1(Utf8.GetBytes(key))) return Convert.ToBase64String(hmac.ComputeHash(Utf8.GetBytes(data)));
        }

        public static string Hex(byte[] bytes)
        {
            const string digits = "0123456789abcdef";
            var chars = new char[bytes.Length * 2];
            for (int i = 0; i < bytes.Length; i++)
            {
                chars[2 * i] = digits[bytes[i] >> 4];
                chars[2 * i + 1] = digits[bytes[i] & 0xF];
            }
            return new string(chars);
        }

        /// <summary>
        /// RFC 3986 percent-encoding of UTF-8 bytes: only A-Z a-z 0-9 - _ . ~ stay as they are (space → %20, * → %2A, / → %2F),
        /// which is what Alibaba's V2 percentEncode and V3 canonical query both produce.
        /// </summary>
        public static string PercentEncode(string value)
        {
            if (string.IsNullOrEmpty(value)) return "";
            var sb = new StringBuilder(value.Length + 8);
            foreach (var b in Utf8.GetBytes(value))
            {
                var c = (char)b;
                if ((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' || c == '_' || c == '.' || c == '~')
                    sb.Append(c);
                else
                    sb.Append('%').Append(b.ToString("X2"));
            }
            return sb.ToString();
        }
    }
}
