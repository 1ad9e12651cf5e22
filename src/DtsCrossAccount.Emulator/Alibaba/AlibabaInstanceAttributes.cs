using System.Text.Json.Nodes;
using DtsCrossAccount.Emulator.Core;
using static DtsCrossAccount.Emulator.Alibaba.AlibabaCommon;

namespace DtsCrossAccount.Emulator.Alibaba;

/// <summary>
/// The instance reads the DTS console makes to tell what a Tair/Redis or MongoDB instance is:
/// r-kvstore 2015-01-01 DescribeInstanceAttribute (InstanceId → Instances.DBInstanceAttribute[] with EditionType
/// Community | Enterprise; API page help.aliyun.com/document_detail/60996.html, SDK model r-kvstore-20150101) and
/// dds 2015-12-01 DescribeDBInstanceAttribute (DBInstanceId → DBInstances.DBInstance[] with DBInstanceType replicate |
/// sharding and ReplicationFactor, "1" for a standalone instance; SDK model dds-20151201).
/// </summary>
public static class AlibabaInstanceAttributes
{
    private const string RamDenied = "User not authorized to operate on the specified resource, or this API doesn't support RAM.";

    public static void Register(ApiRegistry registry)
    {
        registry.Add("Alibaba", "r-kvstore", "2015-01-01", "DescribeInstanceAttribute", false, DescribeInstanceAttribute);
        registry.Add("Alibaba", "dds", "2015-12-01", "DescribeDBInstanceAttribute", false, DescribeDBInstanceAttribute);
    }

    private static AlibabaDbInstance Find(ApiRequest request, string idParameter, string instanceType, string notFoundCode, string message)
    {
        var account = CallerAccount(request);
        var id = request.RequiredParam(idParameter);
        var region = request.Region ?? "*";
        var service = instanceType == "REDIS" ? "kvstore" : "dds";
        var resource = instanceType == "REDIS" ? $"acs:kvstore:{region}:{account.Uid}:instance/{id}" : $"acs:dds:{region}:{account.Uid}:dbinstance/{id}";
        AlibabaPolicyEvaluator.Authorize(request, $"{service}:{request.Action}", resource, "Forbidden.RAM", RamDenied);
        return account.Instances.FirstOrDefault(i => i.InstanceId == id && i.InstanceType.Equals(instanceType, StringComparison.OrdinalIgnoreCase))
               ?? throw new ApiError(notFoundCode, message, 404);
    }

    private static JsonObject DescribeInstanceAttribute(ApiRequest request)
    {
        var i = Find(request, "InstanceId", "REDIS", "InvalidInstanceId.NotFound", "The specified instance is not found.");
        return new JsonObject
        {
            ["Instances"] = new JsonObject
            {
                ["DBInstanceAttribute"] = new JsonArray(new JsonObject
                {
                    ["InstanceId"] = i.InstanceId,
                    ["InstanceType"] = "Redis",
                    ["EditionType"] = i.EditionType,
                    ["ArchitectureType"] = "standard",
                    ["EngineVersion"] = "7.0",
                    ["RegionId"] = i.Region,
                    ["InstanceStatus"] = "Normal",
                }),
            },
        };
    }

    private static JsonObject DescribeDBInstanceAttribute(ApiRequest request)
    {
        var i = Find(request, "DBInstanceId", "MONGODB", "InvalidDBInstanceId.NotFound", "The specified instance is not found.");
        var instance = new JsonObject
        {
            ["DBInstanceId"] = i.InstanceId,
            ["Engine"] = "MongoDB",
            ["EngineVersion"] = "6.0",
            ["DBInstanceType"] = i.DBInstanceType,
            ["RegionId"] = i.Region,
            ["DBInstanceStatus"] = "Running",
        };
        if (i.DBInstanceType == "replicate") instance["ReplicationFactor"] = i.ReplicationFactor;
        return new JsonObject { ["DBInstances"] = new JsonObject { ["DBInstance"] = new JsonArray(instance) } };
    }
}
