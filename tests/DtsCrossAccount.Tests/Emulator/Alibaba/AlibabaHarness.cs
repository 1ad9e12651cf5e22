using System.Text.Json.Nodes;
using DtsCrossAccount.Emulator.Core;
using Xunit;

namespace DtsCrossAccount.Tests.Emulator.Alibaba;

/// <summary>Calls the Alibaba handlers in-process, as the frontend would after authenticating a key from the default seed.</summary>
internal sealed class AlibabaHarness
{
    public const string A = "1000000000000001"; // source database owner
    public const string B = "1000000000000002"; // destination database owner
    public const string C = "1000000000000003"; // designated task account
    public const string F = "1000000000000009"; // finance cloud account

    private static readonly Dictionary<string, string> Versions = new()
    {
        ["ram"] = "2015-05-01", ["sts"] = "2015-04-01", ["dts"] = "2020-01-01", ["rds"] = "2014-08-15",
    };

    public AlibabaHarness(double dtsStepSeconds = 0)
    {
        Core.State.DtsStepSeconds = dtsStepSeconds;
    }

    public EmulatorCore Core { get; } = new();

    public AccessKey Root(string uid) =>
        Core.State.Alibaba.Keys.Values.Single(k => k.Owner.AccountId == uid && k.Owner.IsRoot);

    public AccessKey User(string uid, string userName) =>
        Core.State.Alibaba.Keys.Values.Single(k => k.Owner.AccountId == uid && k.Owner.Type == "RamUser" && k.Owner.UserName == userName);

    public AccessKey Key(string accessKeyId) => Core.State.Alibaba.Keys[accessKeyId];

    public JsonObject Call(AccessKey key, string service, string action, params (string Name, string Value)[] parameters)
    {
        var op = Core.Registry.Find("Alibaba", service, action) ?? throw new InvalidOperationException($"{service}:{action} is not registered");
        Assert.Equal(Versions[service], op.Version);
        var request = new ApiRequest
        {
            State = Core.State,
            Caller = key.Owner,
            Key = key,
            Cloud = "Alibaba",
            Service = service,
            Action = action,
            Version = op.Version,
            RequestId = Guid.NewGuid().ToString("D").ToUpperInvariant(),
            Parameters = parameters.ToDictionary(p => p.Name, p => p.Value),
        };
        lock (Core.State.Sync) return op.Handler(request);
    }

    public ApiError Fails(AccessKey key, string service, string action, params (string Name, string Value)[] parameters) =>
        Assert.Throws<ApiError>(() => Call(key, service, action, parameters));

    /// <summary>The trust policy the DTS guide tells users to paste, with both placeholders set to <paramref name="taskAccount"/>.</summary>
    public static string DtsTrustPolicy(string taskAccount, string? serviceAccount = null) =>
        "{\"Statement\":[{\"Action\":\"sts:AssumeRole\",\"Effect\":\"Allow\",\"Principal\":{\"RAM\":[\"acs:ram::" + taskAccount +
        ":root\"],\"Service\":[\"" + (serviceAccount ?? taskAccount) + "@dts.aliyuncs.com\"]}}],\"Version\":\"1\"}";

    /// <summary>What the owner of a database does in the guide: create the role, attach AliyunDTSRolePolicy.</summary>
    public void CreateDtsRole(string ownerUid, string roleName, string trustPolicy, bool attachRolePolicy = true)
    {
        Call(Root(ownerUid), "ram", "CreateRole", ("RoleName", roleName), ("AssumeRolePolicyDocument", trustPolicy));
        if (attachRolePolicy)
            Call(Root(ownerUid), "ram", "AttachPolicyToRole", ("PolicyType", "System"), ("PolicyName", "AliyunDTSRolePolicy"), ("RoleName", roleName));
    }

    /// <summary>CreateDtsInstance for a one-way (or two-way) SYNC task; returns (InstanceId, JobId).</summary>
    public (string InstanceId, string JobId) CreateSyncInstance(string taskUid, string sourceRegion = "cn-hangzhou",
        string destinationRegion = "cn-hangzhou", string architecture = "oneway", string sourceEngine = "MySQL", string destinationEngine = "MySQL")
    {
        var r = Call(Root(taskUid), "dts", "CreateDtsInstance",
            ("Type", "SYNC"), ("SyncArchitecture", architecture), ("SourceEndpointEngineName", sourceEngine),
            ("DestinationEndpointEngineName", destinationEngine), ("SourceRegion", sourceRegion), ("DestinationRegion", destinationRegion),
            ("InstanceClass", "small"), ("PayType", "PostPaid"), ("RegionId", destinationRegion));
        Assert.True((bool)r["Success"]!);
        return ((string)r["InstanceId"]!, (string)r["JobId"]!);
    }

    /// <summary>ConfigureDtsJob for rm-src0000001 (account A) → rm-dst0000001 (account B) with the given cross-account fields.</summary>
    public JsonObject Configure(string taskUid, string instanceId, string autoStart = "none", string dbList = "{\"shop\":{\"name\":\"shop\",\"all\":true}}",
        params (string Name, string Value)[] extra)
    {
        var parameters = new List<(string, string)>
        {
            ("DtsJobName", "orders-to-replica"), ("JobType", "SYNC"), ("DtsInstanceId", instanceId),
            ("StructureInitialization", "true"), ("DataInitialization", "true"), ("DataSynchronization", "true"),
            ("DbList", dbList), ("Reserve", "{\"autoStartModulesAfterConfig\":\"" + autoStart + "\"}"),
            ("SourceEndpointInstanceType", "RDS"), ("SourceEndpointInstanceID", "rm-src0000001"), ("SourceEndpointEngineName", "MYSQL"),
            ("SourceEndpointRegion", "cn-hangzhou"), ("SourceEndpointUserName", "dtsuser"), ("SourceEndpointPassword", "x"),
            ("DestinationEndpointInstanceType", "RDS"), ("DestinationEndpointInstanceID", "rm-dst0000001"), ("DestinationEndpointEngineName", "MYSQL"),
            ("DestinationEndpointRegion", "cn-hangzhou"), ("DestinationEndpointUserName", "dtsuser"), ("DestinationEndpointPassword", "x"),
        };
        foreach (var e in extra)
        {
            parameters.RemoveAll(p => p.Item1 == e.Name);
            parameters.Add(e);
        }
        return Call(Root(taskUid), "dts", "ConfigureDtsJob", parameters.ToArray());
    }

    public string Status(string taskUid, string jobId) =>
        (string)Call(Root(taskUid), "dts", "DescribeDtsJobDetail", ("DtsJobId", jobId))["Status"]!;
}
