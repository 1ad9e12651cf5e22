#nullable enable
using DtsCrossAccount.Alibaba;
using DtsCrossAccount.Core;
using DtsCrossAccount.Services;

namespace DtsCrossAccount.Tests.Alibaba;

/// <summary>
/// New-DtsSyncTask requests for Alibaba resolved into a spec with no emulator and no call: the resolver is what refuses
/// a request before any call, so its rules are tested here in microseconds instead of through a PowerShell runspace.
/// </summary>
internal static class AlibabaSpecs
{
    public const string A = AlibabaSyncHarness.A, B = AlibabaSyncHarness.B, C = AlibabaSyncHarness.C;
    public const string SourcePassword = "Src-Pass-0001", DestinationPassword = "Dst-Pass-0002";

    /// <summary>
    /// The request for `-SourceAccountId A -SourceInstanceId rm-src0000001 -DestinationInstanceId rm-dst0000001 -Database shop`
    /// once "who am I" has answered <paramref name="caller"/> (null: not asked yet, as when the cmdlet validates first).
    /// </summary>
    public static SyncTaskRequest Request(Action<SyncTaskRequest>? change = null, string? caller = B)
    {
        var r = new SyncTaskRequest
        {
            Name = "resolved",
            Caller = caller == null ? null : new CallerIdentity { Cloud = CloudKind.Alibaba, AccountId = caller, Type = "Root", Arn = "acs:ram::" + caller + ":root" },
            Source = new DatabaseEndpointSpec { AccountId = A, InstanceId = "rm-src0000001", Region = "cn-hangzhou", UserName = "dts_user", Password = SourcePassword },
            Destination = new DatabaseEndpointSpec { InstanceId = "rm-dst0000001", Region = "cn-hangzhou", UserName = "dts_user", Password = DestinationPassword },
            Databases = new[] { "shop" },
            Tables = Array.Empty<string>(),
        };
        change?.Invoke(r);
        return r;
    }

    /// <summary>The endpoint of a side with its reach parameters replaced: no instance ID unless <paramref name="instanceId"/>.</summary>
    public static void Reach(DatabaseEndpointSpec e, string connection, string? instanceId = null, string? ip = null, int? port = null, string? vpc = null,
        string? vswitch = null, string? ecs = null, string? cen = null, string? gateway = null, string? sid = null)
    {
        e.ConnectionType = connection;
        e.InstanceId = instanceId;
        e.IPAddress = ip;
        e.Port = port;
        e.VpcId = vpc;
        e.VSwitchId = vswitch;
        e.EcsInstanceId = ecs;
        e.CenId = cen;
        e.GatewayId = gateway;
        e.OracleSid = sid;
    }

    /// <summary>Resolves as New-DtsSyncTask does, with -Region <paramref name="defaultRegion"/>.</summary>
    public static AlibabaSyncSpec Resolve(SyncTaskRequest r, string? defaultRegion = "cn-hangzhou")
    {
        var ctx = new ProviderContext { Region = defaultRegion };
        return new AlibabaSyncSpecResolver(new AlibabaProvider(ctx), ctx).Resolve(r);
    }

    /// <summary>The refusal of the request: always an invalid argument, since no call has been made.</summary>
    public static DtsCrossAccountException Refused(SyncTaskRequest r, string? defaultRegion = "cn-hangzhou")
    {
        var e = Assert.Throws<DtsCrossAccountException>(() => Resolve(r, defaultRegion));
        Assert.Equal(System.Management.Automation.ErrorCategory.InvalidArgument, e.Category);
        return e;
    }
}
