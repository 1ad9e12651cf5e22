namespace DtsCrossAccount.Tests.Security;

/// <summary>The scanner behind the secret scans finds pieces, not only whole secrets, so the scans cannot pass on nothing.</summary>
public sealed class SecretScannerTests
{
    // A secret shaped like a real 32-character key, and text that is plausible cmdlet output.
    private const string Secret = "Xq7Lp2ZvR9mKd4TwYb8NcFh3JsGa6UeQ";
    private const string Output = "VERBOSE: Tencent cam CreateRole (region -, host 127.0.0.1:5123): OK, RequestId 3f2c1a9e-0000-4c1b-9d7e-1b2c3d4e5f60";

    [Theory]
    [InlineData(0, 12)]   // the first 12 characters (a "prefix for recognition")
    [InlineData(20, 12)]  // the last 12
    [InlineData(11, 8)]   // any 8 from the middle
    public void A_planted_piece_of_a_secret_is_found(int start, int length)
    {
        string planted = Output + " key " + Secret.Substring(start, length) + "…";
        string? leak = SecretScanner.FindLeak(planted, new[] { ("the test secret", Secret) });
        Assert.NotNull(leak);
        Assert.Contains("the test secret", leak);
        Assert.DoesNotContain(Secret.Substring(start, 8), leak); // the report masks what it found
    }

    [Fact]
    public void Seven_characters_and_masked_keys_are_not_leaks()
    {
        string text = Output + " key ****" + Secret[^4..] + " " + Secret[..7];
        Assert.Null(SecretScanner.FindLeak(text, new[] { ("the test secret", Secret) }));
    }

    [Fact]
    public void Every_eight_character_window_is_a_piece_and_short_secrets_are_whole()
    {
        var pieces = SecretScanner.Pieces(Secret).ToList();
        Assert.Equal(Secret.Length - 7, pieces.Count);
        Assert.Equal(Secret[..8], pieces[0]);
        Assert.Equal(Secret[^8..], pieces[^1]);
        Assert.All(pieces, p => Assert.Equal(8, p.Length));
        Assert.Equal(new[] { "abc" }, SecretScanner.Pieces("abc"));
    }
}
