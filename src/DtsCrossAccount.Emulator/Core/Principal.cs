namespace DtsCrossAccount.Emulator.Core;

/// <summary>Who signed a request, as the cloud's identity service would resolve it from the access key.</summary>
public sealed class Principal
{
    public required string Cloud { get; init; }
    /// <summary>The root account: Tencent owner UIN, Alibaba account UID.</summary>
    public required string AccountId { get; init; }
    /// <summary>Root, SubAccount (Tencent), RamUser (Alibaba) or AssumedRole.</summary>
    public required string Type { get; init; }
    /// <summary>Tencent: the caller UIN (= AccountId for root). Alibaba: the RAM user ID, or AccountId for root.</summary>
    public required string UserId { get; init; }
    public string? UserName { get; init; }
    /// <summary>For AssumedRole: the role's name and ARN, and the session name.</summary>
    public string? RoleName { get; init; }
    public string? RoleArn { get; init; }
    public string? SessionName { get; init; }

    public bool IsRoot => Type == "Root";

    public override string ToString() => $"{Cloud}:{Type}:{AccountId}/{UserId}";
}

/// <summary>An access key the emulator accepts: long-term keys from the seed, temporary keys from AssumeRole.</summary>
public sealed class AccessKey
{
    public required string Id { get; init; }
    public required string Secret { get; init; }
    public required Principal Owner { get; init; }
    /// <summary>Session token that must accompany a temporary key.</summary>
    public string? Token { get; init; }
    public DateTimeOffset? ExpiresAt { get; init; }
}
