using DtsCrossAccount.Emulator.Core;

namespace DtsCrossAccount.Emulator.Alibaba;

/// <summary>Everything the emulated Alibaba Cloud knows: accounts (RAM), keys, system policies, DTS.</summary>
public sealed class AlibabaWorld
{
    public Dictionary<string, AlibabaAccount> Accounts { get; } = new();
    /// <summary>By AccessKeyId: seeded keys and STS temporary keys.</summary>
    public Dictionary<string, AccessKey> Keys { get; } = new();
    /// <summary>System policy names that exist (AliyunDTSRolePolicy, AliyunSTSAssumeRoleAccess, …).</summary>
    public HashSet<string> SystemPolicies { get; } = new(StringComparer.Ordinal);
    /// <summary>Used Signature nonces: a replay is refused (SignatureNonceUsed).</summary>
    public Dictionary<string, DateTimeOffset> UsedNonces { get; } = new(StringComparer.Ordinal);
    /// <summary>By STS AccessKeyId: the session policy passed to AssumeRole (narrows the role's permissions).</summary>
    public Dictionary<string, string> SessionPolicies { get; } = new(StringComparer.Ordinal);
    public int NextSeq { get; set; } = 1;
}

public sealed class AlibabaAccount
{
    public required string Uid { get; init; }
    public required string Name { get; init; }
    /// <summary>"public", "finance" or "government": DTS refuses tasks across cloud types.</summary>
    public string CloudType { get; init; } = "public";
    /// <summary>Whether the account authorized DTS to use its resources (service role AliyunDTSDefaultRole exists).</summary>
    public bool DtsServiceRoleAuthorized { get; set; }
    /// <summary>RAM users and roles are separate namespaces (the seed's "Roles, not Users" warning).</summary>
    public Dictionary<string, AlibabaRamUser> Users { get; } = new(StringComparer.OrdinalIgnoreCase);
    public Dictionary<string, AlibabaRole> Roles { get; } = new(StringComparer.OrdinalIgnoreCase);
    public Dictionary<string, AlibabaPolicy> CustomPolicies { get; } = new(StringComparer.OrdinalIgnoreCase);
    public List<AlibabaDbInstance> Instances { get; } = new();
    public Dictionary<string, AlibabaDtsInstance> DtsInstances { get; } = new();
}

public sealed class AlibabaRamUser
{
    public required string UserId { get; init; }
    public required string UserName { get; init; }
    public string DisplayName { get; set; } = "";
    public DateTimeOffset CreateDate { get; init; } = DateTimeOffset.UtcNow;
    /// <summary>Attached policies as (PolicyType, PolicyName).</summary>
    public List<(string Type, string Name)> Policies { get; } = new();
    /// <summary>When each policy was attached, by "Type:Name" (ListPoliciesForUser AttachDate).</summary>
    public Dictionary<string, DateTimeOffset> AttachDates { get; } = new(StringComparer.OrdinalIgnoreCase);
}

public sealed class AlibabaRole
{
    public required string RoleId { get; init; }
    public required string RoleName { get; init; }
    public required string Arn { get; init; }
    /// <summary>The trust policy as stored (after normalization), returned by GetRole.</summary>
    public required string AssumeRolePolicyDocument { get; set; }
    public string Description { get; set; } = "";
    public int MaxSessionDuration { get; set; } = 3600;
    public DateTimeOffset CreateDate { get; init; }
    public DateTimeOffset UpdateDate { get; set; }
    public List<(string Type, string Name)> Policies { get; } = new();
    /// <summary>When each policy was attached, by "Type:Name" (ListPoliciesForRole AttachDate).</summary>
    public Dictionary<string, DateTimeOffset> AttachDates { get; } = new(StringComparer.OrdinalIgnoreCase);
}

public sealed class AlibabaPolicy
{
    public required string PolicyName { get; init; }
    /// <summary>The default version's document (the one that takes effect).</summary>
    public required string PolicyDocument { get; set; }
    public string Description { get; set; } = "";
    public DateTimeOffset CreateDate { get; init; }
    /// <summary>VersionId of the default version: v1 at creation, then vN as CreatePolicyVersion(SetAsDefault) adds them.</summary>
    public string DefaultVersion { get; set; } = "v1";
    public DateTimeOffset DefaultVersionDate { get; set; }
    /// <summary>Non-default versions by VersionId: DeletePolicy refuses while any exists (DeleteConflict.Policy.Version).</summary>
    public SortedDictionary<string, (string Document, DateTimeOffset CreateDate)> OtherVersions { get; } = new(StringComparer.Ordinal);
    public int NextVersion { get; set; } = 2;
}

public sealed class AlibabaDbInstance
{
    public required string InstanceId { get; init; }
    /// <summary>Engine as DTS names it: MySQL, PolarDB, Redis, MongoDB, PostgreSQL…</summary>
    public required string Engine { get; init; }
    public required string Region { get; init; }
    /// <summary>Instance type as ConfigureDtsJob names it: RDS, PolarDB, REDIS, MONGODB…</summary>
    public string InstanceType { get; init; } = "RDS";
    public Dictionary<string, List<string>> Databases { get; } = new(StringComparer.Ordinal);
    /// <summary>Tair / Redis (r-kvstore DescribeInstanceAttribute EditionType): "Community" (Redis Open-Source) or "Enterprise" (Tair Enterprise Edition).</summary>
    public string EditionType { get; set; } = "Community";
    /// <summary>MongoDB (dds DescribeDBInstanceAttribute DBInstanceType): "replicate" or "sharding".</summary>
    public string DBInstanceType { get; set; } = "replicate";
    /// <summary>MongoDB replica set nodes (ReplicationFactor): "1" for a standalone instance, 3, 5 or 7 for a replica set.</summary>
    public string ReplicationFactor { get; set; } = "3";
}

/// <summary>A DTS instance (CreateDtsInstance) and the job configured on it (ConfigureDtsJob).</summary>
public sealed class AlibabaDtsInstance
{
    /// <summary>Empty while the job is configured but not bought yet (configure-first flow, cloud-apis.md V3.1 (b)).</summary>
    public required string InstanceId { get; set; }
    public required string Type { get; init; }
    public string SyncArchitecture { get; set; } = "oneway";
    public string? SourceEngine { get; init; }
    public string? DestinationEngine { get; init; }
    public string? SourceRegion { get; init; }
    public string? DestinationRegion { get; init; }
    public string InstanceClass { get; set; } = "small";
    /// <summary>Region the DTS instance lives in (RegionId of CreateDtsInstance, else the destination region).</summary>
    public string Region { get; init; } = "";
    public string PayType { get; set; } = "PostPaid";
    public DateTimeOffset CreateTime { get; init; }
    /// <summary>False for a job configured before any instance was bought for it.</summary>
    public bool Purchased { get; set; } = true;
    public string? JobId { get; set; }
    public string? JobName { get; set; }
    /// <summary>NotConfigured, NotStarted, Prechecking, PrecheckFailed, PreCheckPass, Initializing, Synchronizing, Failed…</summary>
    public string Status { get; set; } = "NotConfigured";
    /// <summary>The ConfigureDtsJob parameters as received.</summary>
    public Dictionary<string, string>? Config { get; set; }
    public DateTimeOffset? PrecheckStartedAt { get; set; }
    public List<Dictionary<string, string>>? PrecheckItems { get; set; }
    /// <summary>When Status last changed: each lazy step waits State.DtsStepSeconds from here.</summary>
    public DateTimeOffset StatusSince { get; set; }
    /// <summary>Why the job is in a failed state (DescribeDtsJobDetail ErrorMessage).</summary>
    public string ErrorMessage { get; set; } = "";
    /// <summary>How far a synchronizing job is behind its source, in ms (Delay); set by tests to model lag.</summary>
    public long DelayMs { get; set; }
    /// <summary>"Forward", or "Reverse" for the reverse job of a two-way instance (DescribeDtsJobs DtsJobDirection).</summary>
    public string Direction { get; init; } = "Forward";
    /// <summary>The reverse job of a two-way (bidirectional) instance, once ConfigureDtsJob SynchronizationDirection=Reverse made it.</summary>
    public AlibabaDtsInstance? Reverse { get; set; }
}
