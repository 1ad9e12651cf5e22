namespace DtsCrossAccount.Emulator.Alibaba;

/// <summary>System RAM policies that exist in every Alibaba Cloud account (names from the RAM and DTS docs).</summary>
public static class AlibabaPresets
{
    public static void Add(AlibabaWorld world)
    {
        foreach (var name in new[]
        {
            "AliyunDTSRolePolicy", "AliyunDTSFullAccess", "AliyunDTSReadOnlyAccess", "AliyunDTSDefaultRolePolicy",
            "AliyunSTSAssumeRoleAccess", "AliyunRAMFullAccess", "AliyunRAMReadOnlyAccess", "AdministratorAccess",
        })
        {
            world.SystemPolicies.Add(name);
        }
    }
}
