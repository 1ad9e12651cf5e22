using System.Globalization;
using System.Security.Cryptography;
using System.Text.Json.Nodes;
using DtsCrossAccount.Emulator.Core;

namespace DtsCrossAccount.Emulator.Alibaba;

/// <summary>Small helpers shared by the Alibaba action handlers.</summary>
internal static class AlibabaCommon
{
    /// <summary>The caller's own account (every Alibaba action works inside the signer's account).</summary>
    public static AlibabaAccount CallerAccount(ApiRequest request) =>
        request.State.Alibaba.Accounts.TryGetValue(request.Caller.AccountId, out var a)
            ? a
            : throw new ApiError("InvalidAccessKeyId.NotFound", "Specified access key is not found.", 404);

    /// <summary>RAM and STS print times as ISO 8601 UTC without fractions, e.g. 2015-01-23T12:33:18Z.</summary>
    public static string Time(DateTimeOffset t) => t.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);

    public static string RoleArn(string accountUid, string roleName) => $"acs:ram::{accountUid}:role/{roleName.ToLowerInvariant()}";

    /// <summary>Numeric IDs in the shape RAM uses (RoleId, UserId): 16–19 digits.</summary>
    public static string NumericId(AlibabaWorld world, char lead) => lead + (world.NextSeq++).ToString("D17", CultureInfo.InvariantCulture);

    private const string Alphabet = "abcdefghijklmnopqrstuvwxyz0123456789";

    public static string RandomToken(int length, string alphabet = Alphabet)
    {
        var chars = new char[length];
        for (var i = 0; i < length; i++) chars[i] = alphabet[RandomNumberGenerator.GetInt32(alphabet.Length)];
        return new string(chars);
    }

    public static bool? Bool(ApiRequest request, string name)
    {
        var v = request.Param(name);
        if (string.IsNullOrEmpty(v)) return null;
        if (bool.TryParse(v, out var b)) return b;
        throw InvalidParameter(name, v);
    }

    public static int? Int(ApiRequest request, string name)
    {
        var v = request.Param(name);
        if (string.IsNullOrEmpty(v)) return null;
        return int.TryParse(v, NumberStyles.Integer, CultureInfo.InvariantCulture, out var i) ? i : throw InvalidParameter(name, v);
    }

    public static ApiError InvalidParameter(string name, string? value) =>
        new("InvalidParameter", $"The specified parameter \"{name}\" is not valid: '{value}'.", 400);

    public static JsonArray Array(IEnumerable<JsonNode?> items) => new(items.ToArray());
}
