namespace DtsCrossAccount.Emulator.Tencent;

/// <summary>Preset (QCS) CAM policies that exist in every Tencent Cloud account. Names from the DTS and CAM docs.</summary>
public static class TencentPresets
{
    public static void Add(TencentWorld world, DateTimeOffset now)
    {
        if (world.PresetPolicies.Count > 0) return;
        world.PresetPolicies.Add(new TencentPolicy
        {
            PolicyId = 11000001, PolicyName = "QcloudDTSReadOnlyAccess", Type = 2, AddTime = now,
            Description = "Read-only access to Data Transmission Service (DTS)",
            PolicyDocument = "{\"version\":\"2.0\",\"statement\":[{\"action\":[\"dts:Describe*\",\"cdb:Describe*\",\"mariadb:Describe*\",\"dcdb:Describe*\",\"cynosdb:Describe*\"],\"effect\":\"allow\",\"resource\":\"*\"}]}",
        });
        world.PresetPolicies.Add(new TencentPolicy
        {
            PolicyId = 11000002, PolicyName = "QcloudDTSFullAccess", Type = 2, AddTime = now,
            Description = "Full access to Data Transmission Service (DTS)",
            PolicyDocument = "{\"version\":\"2.0\",\"statement\":[{\"action\":[\"dts:*\"],\"effect\":\"allow\",\"resource\":\"*\"}]}",
        });
        world.PresetPolicies.Add(new TencentPolicy
        {
            PolicyId = 11000003, PolicyName = "QcloudCamReadOnlyAccess", Type = 2, AddTime = now,
            Description = "Read-only access to CAM",
            PolicyDocument = "{\"version\":\"2.0\",\"statement\":[{\"action\":[\"cam:Get*\",\"cam:List*\"],\"effect\":\"allow\",\"resource\":\"*\"}]}",
        });
    }
}
