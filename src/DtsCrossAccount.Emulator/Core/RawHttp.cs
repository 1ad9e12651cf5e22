namespace DtsCrossAccount.Emulator.Core;

/// <summary>An HTTP request as received, decoupled from Kestrel so frontends can be tested directly.</summary>
public sealed class RawRequest
{
    public required string Method { get; init; }
    public string Path { get; init; } = "/";
    /// <summary>The raw query string without '?', still percent-encoded.</summary>
    public string QueryString { get; init; } = "";
    public Dictionary<string, string> Headers { get; init; } = new(StringComparer.OrdinalIgnoreCase);
    public byte[] Body { get; init; } = Array.Empty<byte>();

    public string? Header(string name) => Headers.TryGetValue(name, out var v) ? v : null;
}

public sealed record RawResponse(int Status, string ContentType, string Body)
{
    /// <summary>Reset the connection instead of answering (fault kinds reset and lostAnswer).</summary>
    public bool Abort { get; init; }
    /// <summary>Hold the answer back this long (fault kind latency).</summary>
    public TimeSpan Delay { get; init; }
}
