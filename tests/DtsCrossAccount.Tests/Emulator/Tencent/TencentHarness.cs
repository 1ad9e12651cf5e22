using System.Text.Json;
using System.Text.Json.Nodes;
using DtsCrossAccount.Emulator.Core;
using Xunit;

namespace DtsCrossAccount.Tests.Emulator.Tencent;

/// <summary>Calls the Tencent handlers in-process as the frontend would after authenticating a key (seed accounts A, B, C).</summary>
internal sealed class TencentHarness
{
    public const string A = "100000000001";
    public const string B = "100000000002";
    public const string C = "100000000003";
    public const string SubB = "100000000021";
    public const string Region = "ap-guangzhou";

    public EmulatorCore Core { get; } = new();

    public TencentHarness(double stepSeconds = 0) => Core.State.DtsStepSeconds = stepSeconds;

    public AccessKey KeyOf(string uin) => Core.State.Tencent.Keys.Values.First(k => k.Owner.UserId == uin && k.Token == null);

    public JsonObject Call(AccessKey key, string service, string action, object? body = null, string? region = Region)
    {
        var op = Core.Registry.Find("Tencent", service, action) ?? throw new InvalidOperationException($"{service}:{action} is not registered");
        var json = body == null ? new JsonObject() : body as JsonObject ?? (JsonObject)JsonSerializer.SerializeToNode(body)!;
        lock (Core.State.Sync)
        {
            return op.Handler(new ApiRequest
            {
                State = Core.State, Caller = key.Owner, Key = key, Cloud = "Tencent", Service = service, Action = action,
                Version = op.Version, Region = region, RequestId = Guid.NewGuid().ToString(), Body = json,
            });
        }
    }

    public ApiError Fails(AccessKey key, string service, string action, object? body = null, string? region = Region) =>
        Assert.Throws<ApiError>(() => Call(key, service, action, body, region));

    public static string Trust(string uin, string? externalId = null) =>
        "{\"version\":\"2.0\",\"statement\":[{\"action\":\"name/sts:AssumeRole\",\"effect\":\"allow\",\"principal\":{\"qcs\":[\"qcs::cam::uin/" + uin + ":root\"]}" +
        (externalId == null ? "" : ",\"condition\":{\"string_equal\":{\"sts:external_id\":\"" + externalId + "\"}}") + "}]}";

    /// <summary>Account A's root creates the role the guide describes: entity = root account B, optional external ID, QcloudDTSReadOnlyAccess.</summary>
    public void CreateSourceRole(string roleName = "DTS-role", string trustedUin = B, string? externalId = null, bool readOnlyPolicy = true)
    {
        var a = KeyOf(A);
        Call(a, "cam", "CreateRole", new { RoleName = roleName, PolicyDocument = Trust(trustedUin, externalId) });
        if (readOnlyPolicy) Call(a, "cam", "AttachRolePolicy", new { PolicyName = "QcloudDTSReadOnlyAccess", AttachRoleName = roleName });
    }

    public JsonObject AssumeRole(AccessKey key, string ownerUin = A, string roleName = "DTS-role", string? externalId = null) =>
        Call(key, "sts", "AssumeRole", externalId == null
            ? new { RoleArn = $"qcs::cam::uin/{ownerUin}:roleName/{roleName}", RoleSessionName = "dts-setup" }
            : (object)new { RoleArn = $"qcs::cam::uin/{ownerUin}:roleName/{roleName}", RoleSessionName = "dts-setup", ExternalId = externalId });

    /// <summary>The temporary key AssumeRole issued, as the frontend would resolve it.</summary>
    public AccessKey TempKey(JsonObject assumeRoleResponse) => Core.State.Tencent.Keys[(string)assumeRoleResponse["Credentials"]!["TmpSecretId"]!];
}
