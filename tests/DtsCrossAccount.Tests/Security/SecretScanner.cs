namespace DtsCrossAccount.Tests.Security;

/// <summary>
/// Looks for any piece of a secret in text a user could see: every substring of <see cref="PieceLength"/> characters of
/// every secret (a whole secret when it is shorter), so a truncated, prefixed or partly masked secret is caught too.
/// </summary>
public static class SecretScanner
{
    /// <summary>Eight characters: the shortest piece the project's rule forbids showing (README, "Credentials").</summary>
    public const int PieceLength = 8;

    public static IEnumerable<string> Pieces(string secret)
    {
        if (string.IsNullOrEmpty(secret)) yield break;
        if (secret.Length <= PieceLength) { yield return secret; yield break; }
        for (int i = 0; i + PieceLength <= secret.Length; i++) yield return secret.Substring(i, PieceLength);
    }

    /// <summary>The first leak found, described without repeating the secret (its length and where the piece starts), or null.</summary>
    public static string? FindLeak(string text, IEnumerable<(string Name, string Secret)> secrets)
    {
        foreach (var (name, secret) in secrets)
        {
            int offset = 0;
            foreach (var piece in Pieces(secret))
            {
                int at = text.IndexOf(piece, StringComparison.Ordinal);
                if (at >= 0)
                    return $"{PieceLength} characters of {name} (a {secret.Length}-character secret, piece at offset {offset}) appear in the text at {at}: …{Around(text, at, piece.Length)}…";
                offset++;
            }
        }
        return null;
    }

    // The text around the leak, with the piece itself masked so the test log does not repeat it.
    private static string Around(string text, int at, int length)
    {
        int from = Math.Max(0, at - 40);
        int to = Math.Min(text.Length, at + length + 40);
        return text[from..at] + new string('*', length) + text[(at + length)..to];
    }
}
