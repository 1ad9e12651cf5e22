using System.Text.Json.Nodes;
using DtsCrossAccount.Emulator.Core;
using static DtsCrossAccount.Emulator.Alibaba.AlibabaCommon;

namespace DtsCrossAccount.Emulator.Alibaba;

/// <summary>RDS 2014-08-15: DescribeDBInstances, enough to list the caller account's instances in a region.</summary>
public static class AlibabaRds
{
    public static void Register(ApiRegistry registry) =>
        registry.Add("Alibaba", "rds", "2014-08-15", "DescribeDBInstances", false, DescribeDBInstances);

    private static JsonObject DescribeDBInstances(ApiRequest request)
    {
        var account = CallerAccount(request);
        var region = request.Param("RegionId") ?? request.Region;
        if (string.IsNullOrEmpty(region)) region = request.RequiredParam("RegionId");
        AlibabaPolicyEvaluator.Authorize(request, "rds:DescribeDBInstances", $"acs:rds:{region}:{account.Uid}:dbinstance/*",
            "Forbidden.RAM", "User not authorized to operate on the specified resource, or this API doesn't support RAM.");

        var engine = request.Param("Engine");
        var ids = request.Param("DBInstanceId")?.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        var pageSize = Int(request, "PageSize") ?? 30;
        var pageNumber = Int(request, "PageNumber") ?? 1;
        if (pageSize is < 30 or > 100) pageSize = Math.Clamp(pageSize, 30, 100);
        if (pageNumber < 1) throw InvalidParameter("PageNumber", request.Param("PageNumber"));

        // RDS lists only ApsaraDB RDS instances; PolarDB, Redis and MongoDB have their own APIs.
        var matches = account.Instances
            .Where(i => i.InstanceType.Equals("RDS", StringComparison.OrdinalIgnoreCase))
            .Where(i => i.Region.Equals(region, StringComparison.OrdinalIgnoreCase))
            .Where(i => engine == null || i.Engine.Equals(engine, StringComparison.OrdinalIgnoreCase))
            .Where(i => ids == null || ids.Contains(i.InstanceId, StringComparer.Ordinal))
            .ToList();
        var page = matches.Skip((pageNumber - 1) * pageSize).Take(pageSize).Select(i => (JsonNode)new JsonObject
        {
            ["DBInstanceId"] = i.InstanceId,
            ["DBInstanceDescription"] = i.InstanceId,
            ["Engine"] = i.Engine,
            ["EngineVersion"] = i.Engine.Equals("MySQL", StringComparison.OrdinalIgnoreCase) ? "8.0" : "14.0",
            ["RegionId"] = i.Region,
            ["ZoneId"] = i.Region + "-a",
            ["DBInstanceStatus"] = "Running",
            ["DBInstanceType"] = "Primary",
            ["DBInstanceNetType"] = "Intranet",
            ["InstanceNetworkType"] = "VPC",
            ["PayType"] = "Postpaid",
            ["LockMode"] = "Unlock",
        }).ToList();
        return new JsonObject
        {
            ["Items"] = new JsonObject { ["DBInstance"] = Array(page) },
            ["TotalRecordCount"] = matches.Count,
            ["PageNumber"] = pageNumber,
            ["PageRecordCount"] = page.Count,
        };
    }
}
