using DtsCrossAccount.Emulator.Core;

namespace DtsCrossAccount.Emulator.Tencent;

/// <summary>Everything the emulated Tencent Cloud knows: accounts (CAM), keys, preset policies.</summary>
public sealed class TencentWorld
{
    public Dictionary<string, TencentAccount> Accounts { get; } = new();
    /// <summary>By SecretId: seeded long-term keys and temporary keys issued by STS AssumeRole.</summary>
    public Dictionary<string, AccessKey> Keys { get; } = new();
    /// <summary>Preset (QCS) policies shared by every account, e.g. QcloudDTSReadOnlyAccess.</summary>
    public List<TencentPolicy> PresetPolicies { get; } = new();
    public long NextPolicyId { get; set; } = 200000001;
    public long NextRoleId { get; set; } = 4611686018427400001;
    public int NextJobSeq { get; set; } = 1;
    /// <summary>By temporary SecretId: who asked STS for the key and for which role (GetCallerIdentity needs both).</summary>
    public Dictionary<string, TencentRoleSession> Sessions { get; } = new();

    /// <summary>The account owning a UIN, whether root or sub-account.</summary>
    public TencentAccount? FindAccountOfUin(string uin) =>
        Accounts.TryGetValue(uin, out var a) ? a : Accounts.Values.FirstOrDefault(x => x.SubAccounts.ContainsKey(uin));

    public TencentPolicy? FindPreset(string name) => PresetPolicies.FirstOrDefault(p => p.PolicyName == name);
}

public sealed class TencentAccount
{
    public required string Uin { get; init; }
    public required string Name { get; init; }
    public long AppId { get; init; }
    public Dictionary<string, TencentSubAccount> SubAccounts { get; } = new();
    /// <summary>Role names are unique per account, case-insensitively (CAM answers RoleNameInUse).</summary>
    public Dictionary<string, TencentRole> Roles { get; } = new(StringComparer.OrdinalIgnoreCase);
    public Dictionary<long, TencentPolicy> CustomPolicies { get; } = new();
    public List<TencentDbInstance> Instances { get; } = new();
    public Dictionary<string, TencentSyncJob> SyncJobs { get; } = new();
}

public sealed class TencentSubAccount
{
    public required string Uin { get; init; }
    public required string Name { get; init; }
    public List<long> AttachedPolicyIds { get; } = new();
    /// <summary>When each policy was attached (ListAttachedUserPolicies AddTime).</summary>
    public Dictionary<long, DateTimeOffset> AttachTimes { get; } = new();
    public string Remark { get; set; } = "";
    public DateTimeOffset CreateTime { get; init; }
}

public sealed class TencentRole
{
    public required string RoleId { get; init; }
    public required string RoleName { get; init; }
    /// <summary>The trust policy, as a JSON string (GetRole returns it as is).</summary>
    public required string PolicyDocument { get; set; }
    public string Description { get; set; } = "";
    public DateTimeOffset AddTime { get; init; }
    public DateTimeOffset UpdateTime { get; set; }
    public List<long> AttachedPolicyIds { get; } = new();
    /// <summary>When each policy was attached (ListAttachedRolePolicies AddTime).</summary>
    public Dictionary<long, DateTimeOffset> AttachTimes { get; } = new();
    public long ConsoleLogin { get; set; }
    public long SessionDuration { get; set; }
}

public sealed class TencentPolicy
{
    public required long PolicyId { get; init; }
    public required string PolicyName { get; init; }
    public required string PolicyDocument { get; set; }
    /// <summary>1 = custom (User), 2 = preset (QCS).</summary>
    public int Type { get; init; }
    public string Description { get; set; } = "";
    public DateTimeOffset AddTime { get; init; }
    public DateTimeOffset UpdateTime { get; set; }
}

public sealed class TencentDbInstance
{
    public required string InstanceId { get; init; }
    /// <summary>DTS database type: mysql, tdsqlmysql, cynosdbmysql, mariadb, postgresql, cdwpg…</summary>
    public required string Engine { get; init; }
    public required string Region { get; init; }
    public string Name { get; init; } = "";
    /// <summary>Databases and their tables, for object checks.</summary>
    public Dictionary<string, List<string>> Databases { get; } = new(StringComparer.Ordinal);
}

/// <summary>A DTS sync job (2021-12-06 API). Fields follow SyncJobInfo.</summary>
public sealed class TencentSyncJob
{
    public required string JobId { get; init; }
    /// <summary>Creation order, to break CreateTime ties when listing.</summary>
    public int Seq { get; init; }
    public string JobName { get; set; } = "";
    /// <summary>UnInitialized, Initialized, Checking, CheckPass, CheckNotPass, ReadyRunning, Running, Stopped, Isolated…</summary>
    public string Status { get; set; } = "UnInitialized";
    public string TradeStatus { get; set; } = "Normal";
    public required string PayMode { get; init; }
    public required string SrcDatabaseType { get; init; }
    public required string SrcRegion { get; init; }
    public required string DstDatabaseType { get; init; }
    public required string DstRegion { get; init; }
    public string InstanceClass { get; init; } = "medium";
    public DateTimeOffset CreateTime { get; init; }
    /// <summary>The ConfigureSyncJob request as received (System.Text.Json), null until configured.</summary>
    public System.Text.Json.Nodes.JsonObject? Config { get; set; }
    /// <summary>Check (verification) state: notStarted, running, failed, success.</summary>
    public string CheckStatus { get; set; } = "notStarted";
    public DateTimeOffset? CheckStartedAt { get; set; }
    public System.Text.Json.Nodes.JsonArray? CheckSteps { get; set; }
    public DateTimeOffset? StartedAt { get; set; }
    /// <summary>When StopSyncJob was accepted; the job shows Stopping until DtsStepSeconds have passed.</summary>
    public DateTimeOffset? StopRequestedAt { get; set; }
    /// <summary>
    /// Since when the job has been in a passing state a test put it in (Status Pausing, Resuming or Resetting, TradeStatus
    /// Isolating or Offlining): one DTS step later it is Paused, Running, UnInitialized (not configured), Isolated or
    /// Offlined. The module never pauses, resumes, resets or offlines a job itself; a user in the console does, and the
    /// module's waits must sit such states out.
    /// </summary>
    public DateTimeOffset? InTransitionSince { get; set; }
    public DateTimeOffset? EndedAt { get; set; }
    public string Specification { get; init; } = "Standard";
    /// <summary>PrePay only: months bought (CreateSyncJob TimeSpan) and AutoRenew (0/1).</summary>
    public int TimeSpan { get; init; }
    public int AutoRenew { get; init; }
    public List<TencentTag> Tags { get; } = new();
    /// <summary>How far a running job is behind its source (Detail.SecondsBehindMaster / MasterSlaveDistance); set by tests to model lag.</summary>
    public long SecondsBehindMaster { get; set; }
    /// <summary>Detail.Progress as DTS reports it, set by tests to model a load under way; null: 100 once Running, else 0.</summary>
    public long? Progress { get; set; }
    public long MasterSlaveDistance { get; set; }
}

/// <summary>A temporary key issued by STS AssumeRole: the role it stands for and the UIN that asked for it.</summary>
public sealed record TencentRoleSession(string RoleId, string RoleOwnerUin, string RoleName, string SessionName, string PrincipalUin);

public sealed record TencentTag(string TagKey, string TagValue);
