using System.Text.Json;
using System.Text.Json.Nodes;
using static DtsCrossAccount.Tests.Emulator.Tencent.TencentHarness;

namespace DtsCrossAccount.Tests.Emulator.Tencent;

/// <summary>
/// Every response member the emulator writes for the actions the module calls has the JSON type the official SDK models
/// declare (tencentcloud-sdk-go cam/v20190116, sts/v20180813, dts/v20211206 models.go: *uint64/*int64 = number,
/// *string = string). A typed SDK would fail to decode a number sent as a string, or the reverse.
/// </summary>
public sealed class TencentResponseTypeTests
{
    private const string S = "string", N = "number", L = "array", O = "object";

    /// <summary>Member paths ("List[].PolicyId") and their kinds, per action, from the SDK models.</summary>
    private static readonly Dictionary<string, (string Path, string Kind)[]> Model = new()
    {
        ["cam:CreateRole"] = new[] { ("RoleId", S) },
        ["cam:GetRole"] = new[] { ("RoleInfo.RoleId", S), ("RoleInfo.RoleName", S), ("RoleInfo.PolicyDocument", S), ("RoleInfo.Description", S),
            ("RoleInfo.AddTime", S), ("RoleInfo.UpdateTime", S), ("RoleInfo.ConsoleLogin", N), ("RoleInfo.RoleType", S), ("RoleInfo.SessionDuration", N),
            ("RoleInfo.Tags", L), ("RoleInfo.RoleArn", S) },
        ["cam:ListAttachedRolePolicies"] = new[] { ("List", L), ("List[].PolicyId", N), ("List[].PolicyName", S), ("List[].AddTime", S),
            ("List[].PolicyType", S), ("List[].CreateMode", N), ("List[].Deactived", N), ("List[].DeactivedDetail", L), ("TotalNum", N) },
        ["cam:CreatePolicy"] = new[] { ("PolicyId", N) },
        ["cam:GetPolicy"] = new[] { ("PolicyName", S), ("Description", S), ("Type", N), ("AddTime", S), ("UpdateTime", S), ("PolicyDocument", S),
            ("PresetAlias", S), ("IsServiceLinkedRolePolicy", N), ("Tags", L) },
        ["cam:ListPolicies"] = new[] { ("List", L), ("List[].PolicyId", N), ("List[].PolicyName", S), ("List[].AddTime", S), ("List[].Type", N),
            ("List[].Description", S), ("List[].CreateMode", N), ("List[].Attachments", N), ("List[].ServiceType", S), ("List[].IsAttached", N), ("TotalNum", N) },
        ["cam:ListAttachedUserPolicies"] = new[] { ("List", L), ("List[].PolicyId", N), ("List[].PolicyName", S), ("List[].AddTime", S),
            ("List[].CreateMode", N), ("List[].PolicyType", S), ("List[].Remark", S), ("List[].OperateOwnerUin", S), ("List[].OperateUin", S),
            ("List[].OperateUinType", N), ("List[].Deactived", N), ("List[].DeactivedDetail", L), ("TotalNum", N) },
        ["cam:DescribeSubAccounts"] = new[] { ("SubAccounts", L), ("SubAccounts[].Uin", N), ("SubAccounts[].Name", S), ("SubAccounts[].Uid", N),
            ("SubAccounts[].Remark", S), ("SubAccounts[].CreateTime", S), ("SubAccounts[].UserType", N) },
        ["cam:GetUserAppId"] = new[] { ("Uin", S), ("OwnerUin", S), ("AppId", N) },
        ["sts:GetCallerIdentity"] = new[] { ("Arn", S), ("AccountId", S), ("UserId", S), ("PrincipalId", S), ("Type", S) },
        ["sts:AssumeRole"] = new[] { ("Credentials", O), ("Credentials.Token", S), ("Credentials.TmpSecretId", S), ("Credentials.TmpSecretKey", S),
            ("ExpiredTime", N), ("Expiration", S) },
        ["dts:CreateSyncJob"] = new[] { ("JobIds", L), ("JobIds[]", S) },
        ["dts:DescribeSyncJobs"] = new[] { ("TotalCount", N), ("JobList", L), ("JobList[].JobId", S), ("JobList[].JobName", S), ("JobList[].Status", S),
            ("JobList[].TradeStatus", S), ("JobList[].Actions", L), ("JobList[].SrcInfo", O), ("JobList[].SrcInfo.Port", N), ("JobList[].Detail", O),
            ("JobList[].Detail.StepAll", N), ("JobList[].Detail.Progress", N), ("JobList[].AutoRenew", N), ("JobList[].AutoRetryTimeRangeMinutes", N) },
        ["dts:DescribeCheckSyncJobResult"] = new[] { ("Status", S), ("StepCount", N), ("StepCur", N), ("Progress", N), ("StepInfos", L),
            ("StepInfos[].StepNo", N), ("StepInfos[].StepName", S), ("StepInfos[].StepId", S), ("StepInfos[].Status", S), ("StepInfos[].Errors", L),
            ("StepInfos[].Warnings", L), ("StepInfos[].Progress", N) },
        ["dts:DescribeMigrateDBInstances"] = new[] { ("TotalCount", N), ("Instances", L), ("Instances[].InstanceId", S), ("Instances[].InstanceName", S),
            ("Instances[].Vip", S), ("Instances[].Vport", N), ("Instances[].Usable", N), ("Instances[].Hint", S) },
    };

    [Fact]
    public void Every_response_member_has_the_type_the_SDK_models_declare()
    {
        var h = new TencentHarness(stepSeconds: 0);
        var a = h.KeyOf(A);
        var b = h.KeyOf(B);
        var seen = new Dictionary<string, JsonObject>
        {
            ["cam:CreateRole"] = h.Call(a, "cam", "CreateRole", new { RoleName = "DTS-role", PolicyDocument = Trust(B), Description = "d" }),
        };
        h.Call(a, "cam", "AttachRolePolicy", new { PolicyName = "QcloudDTSReadOnlyAccess", AttachRoleName = "DTS-role" });
        seen["cam:GetRole"] = h.Call(a, "cam", "GetRole", new { RoleName = "DTS-role" });
        seen["cam:ListAttachedRolePolicies"] = h.Call(a, "cam", "ListAttachedRolePolicies", new { RoleName = "DTS-role", Page = 1, Rp = 20 });
        string doc = "{\"version\":\"2.0\",\"statement\":[{\"effect\":\"allow\",\"action\":[\"name/sts:AssumeRole\"],\"resource\":[\"qcs::cam::uin/" + A + ":roleName/DTS-role\"]}]}";
        seen["cam:CreatePolicy"] = h.Call(b, "cam", "CreatePolicy", new { PolicyName = "grant", PolicyDocument = doc });
        long policyId = seen["cam:CreatePolicy"]["PolicyId"]!.GetValue<long>();
        h.Call(b, "cam", "AttachUserPolicy", new { PolicyId = policyId, AttachUin = long.Parse(SubB) });
        seen["cam:GetPolicy"] = h.Call(b, "cam", "GetPolicy", new { PolicyId = policyId });
        seen["cam:ListPolicies"] = h.Call(b, "cam", "ListPolicies", new { Scope = "Local", Keyword = "grant", Rp = 20, Page = 1 });
        seen["cam:ListAttachedUserPolicies"] = h.Call(b, "cam", "ListAttachedUserPolicies", new { TargetUin = long.Parse(SubB), Page = 1, Rp = 20 });
        seen["cam:DescribeSubAccounts"] = h.Call(b, "cam", "DescribeSubAccounts", new { FilterSubAccountUin = new[] { long.Parse(SubB) } });
        seen["cam:GetUserAppId"] = h.Call(b, "cam", "GetUserAppId");
        seen["sts:GetCallerIdentity"] = h.Call(b, "sts", "GetCallerIdentity");
        var assumed = h.AssumeRole(b);
        seen["sts:AssumeRole"] = assumed;
        var creds = (JsonObject)assumed["Credentials"]!;
        seen["dts:DescribeMigrateDBInstances"] = h.Call(b, "dts", "DescribeMigrateDBInstances", new
        {
            DatabaseType = "mysql", MigrateRole = "src", AccountMode = "other",
            TmpSecretId = (string)creds["TmpSecretId"]!, TmpSecretKey = (string)creds["TmpSecretKey"]!, TmpToken = (string)creds["Token"]!,
        });
        seen["dts:CreateSyncJob"] = h.Call(b, "dts", "CreateSyncJob", new
        {
            PayMode = "PostPay", SrcDatabaseType = "mysql", SrcRegion = Region, DstDatabaseType = "mysql", DstRegion = Region,
            Specification = "Standard", Count = 1, InstanceClass = "micro", JobName = "types",
        });
        string jobId = (string)seen["dts:CreateSyncJob"]["JobIds"]![0]!;
        // Port as text, as a form or GET request brings it: the answer still carries a number.
        var src = new JsonObject { ["Region"] = Region, ["InstanceId"] = "cdb-src00001", ["User"] = "dts", ["Password"] = "p", ["Port"] = "3306",
            ["Account"] = A, ["AccountMode"] = "other", ["AccountRole"] = "DTS-role", ["TmpSecretId"] = (string)creds["TmpSecretId"]!,
            ["TmpSecretKey"] = (string)creds["TmpSecretKey"]!, ["TmpToken"] = (string)creds["Token"]! };
        h.Call(b, "dts", "ConfigureSyncJob", new JsonObject
        {
            ["JobId"] = jobId, ["SrcAccessType"] = "cdb", ["DstAccessType"] = "cdb",
            ["Objects"] = new JsonObject { ["Mode"] = "Partial", ["Databases"] = new JsonArray(new JsonObject { ["DbName"] = "shop", ["DbMode"] = "All", ["TableMode"] = "All", ["ViewMode"] = "All" }) },
            ["SrcInfo"] = src, ["DstInfo"] = new JsonObject { ["Region"] = Region, ["InstanceId"] = "cdb-dst00001", ["User"] = "dts", ["Password"] = "p" },
        });
        h.Call(b, "dts", "CreateCheckSyncJob", new { JobId = jobId });
        seen["dts:DescribeCheckSyncJobResult"] = h.Call(b, "dts", "DescribeCheckSyncJobResult", new { JobId = jobId });
        seen["dts:DescribeSyncJobs"] = h.Call(b, "dts", "DescribeSyncJobs", new { JobId = jobId });

        var wrong = new List<string>();
        Assert.Equal(Model.Keys.OrderBy(k => k), seen.Keys.OrderBy(k => k));
        foreach (var (action, fields) in Model)
            foreach (var (path, kind) in fields)
            {
                var values = Resolve(seen[action], path.Split('.')).ToList();
                if (values.Count == 0) { wrong.Add($"{action} {path}: missing"); continue; }
                foreach (var v in values)
                    if (KindOf(v) != kind) wrong.Add($"{action} {path}: {KindOf(v)} ({v?.ToJsonString()}), the SDK model says {kind}");
            }
        Assert.True(wrong.Count == 0, string.Join("\n", wrong));
    }

    private static IEnumerable<JsonNode?> Resolve(JsonNode? node, string[] path)
    {
        if (path.Length == 0) { yield return node; yield break; }
        var head = path[0];
        bool each = head.EndsWith("[]", StringComparison.Ordinal);
        var name = each ? head[..^2] : head;
        if (node is not JsonObject obj || !obj.TryGetPropertyValue(name, out var child)) yield break;
        if (!each) { foreach (var r in Resolve(child, path[1..])) yield return r; yield break; }
        if (child is not JsonArray array) yield break;
        foreach (var item in array)
            foreach (var r in Resolve(item, path[1..])) yield return r;
    }

    private static string KindOf(JsonNode? node) => node switch
    {
        null => "null",
        JsonObject => O,
        JsonArray => L,
        JsonValue v => v.GetValueKind() switch
        {
            JsonValueKind.String => S,
            JsonValueKind.Number => N,
            JsonValueKind.True or JsonValueKind.False => "boolean",
            _ => "null",
        },
        _ => "?",
    };
}
