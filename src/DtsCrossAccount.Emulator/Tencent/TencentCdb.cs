using System.Text.Json.Nodes;
using DtsCrossAccount.Emulator.Core;
using static DtsCrossAccount.Emulator.Tencent.TencentArgs;

namespace DtsCrossAccount.Emulator.Tencent;

/// <summary>CDB (TencentDB for MySQL) 2017-03-20: the caller account's MySQL instances in the request region.</summary>
public static class TencentCdb
{
    public static void Register(ApiRegistry r) =>
        TencentApis.Add(r, "cdb", TencentApis.CdbVersion, "DescribeDBInstances", false, DescribeDBInstances);

    /// <summary>A stable private address per instance, so repeated listings agree.</summary>
    public static string Vip(string instanceId)
    {
        var h = (uint)instanceId.Aggregate(17, (acc, ch) => unchecked(acc * 31 + ch));
        return $"10.{h % 250 + 1}.{(h / 250) % 250 + 1}.{(h / 62500) % 250 + 2}";
    }

    private static JsonObject DescribeDBInstances(ApiRequest req)
    {
        if (string.IsNullOrEmpty(req.Region)) throw MissingParameter("Region");
        var account = TencentApis.CallerAccount(req);
        var ids = Strings(req.Body, "InstanceIds");
        var offset = (int)(Long(req.Body, "Offset") ?? 0);
        var limit = (int)(Long(req.Body, "Limit") ?? 20);
        if (limit < 1 || limit > 2000) throw new ApiError("InvalidParameter", "Limit must be between 1 and 2000.");
        var all = account.Instances
            .Where(i => i.Engine == "mysql" && i.Region == req.Region)
            .Where(i => ids.Count == 0 || ids.Contains(i.InstanceId))
            .ToList();
        var items = new JsonArray(all.Skip(offset).Take(limit).Select(i => (JsonNode)new JsonObject
        {
            ["InstanceId"] = i.InstanceId,
            ["InstanceName"] = i.Name,
            ["Region"] = i.Region,
            ["Zone"] = i.Region + "-3",
            ["Status"] = 1,
            ["InstanceType"] = 1,
            ["EngineVersion"] = "8.0",
            ["Vip"] = Vip(i.InstanceId),
            ["Vport"] = 3306,
            ["TaskStatus"] = 0,
            ["DeviceType"] = "UNIVERSAL",
        }).ToArray());
        return new JsonObject { ["TotalCount"] = all.Count, ["Items"] = items };
    }
}
