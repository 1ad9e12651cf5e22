using System.Globalization;
using System.Text.Json.Nodes;
using DtsCrossAccount.Emulator.Core;

namespace DtsCrossAccount.Emulator.Tencent;

/// <summary>Reads request members the way API 3.0 does (numbers may arrive as JSON strings) and formats Tencent times.</summary>
internal static class TencentArgs
{
    private static readonly TimeSpan Beijing = TimeSpan.FromHours(8);

    public static string? Str(JsonObject? body, string name)
    {
        var node = body?[name];
        if (node is not JsonValue v) return null;
        return v.TryGetValue<string>(out var s) ? s : v.ToJsonString();
    }

    public static string RequiredStr(JsonObject? body, string name) =>
        string.IsNullOrEmpty(Str(body, name)) ? throw MissingParameter(name) : Str(body, name)!;

    public static long? Long(JsonObject? body, string name)
    {
        var s = Str(body, name);
        if (s == null) return null;
        return long.TryParse(s, NumberStyles.Integer, CultureInfo.InvariantCulture, out var n)
            ? n
            : throw new ApiError("InvalidParameter", $"The value type of parameter `{name}` is not valid.");
    }

    public static JsonArray? Array(JsonObject? body, string name) => body?[name] as JsonArray;

    public static JsonObject? Obj(JsonObject? body, string name) => body?[name] as JsonObject;

    /// <summary>Strings of a JSON array whose items may be strings or numbers.</summary>
    public static List<string> Strings(JsonObject? body, string name) =>
        Array(body, name)?.Select(n => n is JsonValue v ? (v.TryGetValue<string>(out var s) ? s : v.ToJsonString()) : "").Where(s => s.Length > 0).ToList()
        ?? new List<string>();

    public static ApiError MissingParameter(string name) =>
        new("MissingParameter", $"The request is missing a required parameter `{name}`.");

    /// <summary>CAM and DTS print local (UTC+8) wall-clock times as "yyyy-MM-dd HH:mm:ss".</summary>
    public static string Time(DateTimeOffset t) => t.ToOffset(Beijing).ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture);

    public static string IsoUtc(DateTimeOffset t) => t.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);

    /// <summary>Page/Rp paging as CAM does it (Page from 1).</summary>
    public static IEnumerable<T> Page<T>(IEnumerable<T> items, JsonObject? body, int defaultRp = 20)
    {
        var page = Math.Max(1, Long(body, "Page") ?? 1);
        var rp = Long(body, "Rp") ?? defaultRp;
        if (rp < 1 || rp > 200) throw new ApiError("InvalidParameter.ParamError", "Rp must be between 1 and 200.");
        return items.Skip((int)((page - 1) * rp)).Take((int)rp);
    }

    public static string RandomToken(int length, string alphabet = "abcdefghijklmnopqrstuvwxyz0123456789")
    {
        var chars = new char[length];
        for (var i = 0; i < length; i++) chars[i] = alphabet[Random.Shared.Next(alphabet.Length)];
        return new string(chars);
    }
}
