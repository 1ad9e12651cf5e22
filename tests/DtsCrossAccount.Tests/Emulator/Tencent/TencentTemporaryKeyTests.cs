using System.Text.Json.Nodes;
using Xunit;
using static DtsCrossAccount.Tests.Emulator.Tencent.TencentHarness;

namespace DtsCrossAccount.Tests.Emulator.Tencent;

public sealed class TencentTemporaryKeyTests
{
    [Fact]
    public void Read_only_role_keys_list_the_role_owners_instances_but_cannot_write()
    {
        var h = new TencentHarness();
        h.CreateSourceRole();
        var tmp = h.TempKey(h.AssumeRole(h.KeyOf(B)));

        var list = h.Call(tmp, "cdb", "DescribeDBInstances", new { });
        Assert.Equal(1, (int)list["TotalCount"]!);
        Assert.Equal("cdb-src00001", (string?)list["Items"]![0]!["InstanceId"]);
        h.Call(tmp, "dts", "DescribeSyncJobs", new { });

        var create = h.Fails(tmp, "dts", "CreateSyncJob", new
        {
            PayMode = "PostPay", SrcDatabaseType = "mysql", SrcRegion = Region, DstDatabaseType = "mysql", DstRegion = Region,
        });
        Assert.Equal("AuthFailure.UnauthorizedOperation", create.Code);
        Assert.Contains("(dts:CreateSyncJob)", create.Message);
        Assert.Equal("AuthFailure.UnauthorizedOperation", h.Fails(tmp, "cam", "CreateRole", new { RoleName = "x", PolicyDocument = Trust(B) }).Code);
    }

    [Fact]
    public void A_role_without_policies_may_not_describe_instances_and_detaching_revokes_at_once()
    {
        var h = new TencentHarness();
        h.CreateSourceRole();
        var tmp = h.TempKey(h.AssumeRole(h.KeyOf(B)));
        h.Call(tmp, "cdb", "DescribeDBInstances", new { });

        h.Call(h.KeyOf(A), "cam", "DetachRolePolicy", new { PolicyName = "QcloudDTSReadOnlyAccess", DetachRoleName = "DTS-role" });

        var err = h.Fails(tmp, "cdb", "DescribeDBInstances", new { });
        Assert.Equal("AuthFailure.UnauthorizedOperation", err.Code);
        Assert.Contains("(cdb:DescribeDBInstances)", err.Message);
    }

    [Fact]
    public void Cross_account_instance_listing_uses_the_temporary_keys()
    {
        var h = new TencentHarness();
        h.CreateSourceRole();
        var creds = h.AssumeRole(h.KeyOf(B))["Credentials"]!;

        var other = h.Call(h.KeyOf(B), "dts", "DescribeMigrateDBInstances", new
        {
            DatabaseType = "mysql", MigrateRole = "src", AccountMode = "other",
            TmpSecretId = (string?)creds["TmpSecretId"], TmpSecretKey = (string?)creds["TmpSecretKey"], TmpToken = (string?)creds["Token"],
        });
        Assert.Equal(new[] { "cdb-src00001" }, other["Instances"]!.AsArray().Select(i => (string)i!["InstanceId"]!).ToArray());

        var own = h.Call(h.KeyOf(B), "dts", "DescribeMigrateDBInstances", new { DatabaseType = "mysql", MigrateRole = "dst" });
        Assert.Equal(new[] { "cdb-dst00001" }, own["Instances"]!.AsArray().Select(i => (string)i!["InstanceId"]!).ToArray());

        var forged = h.Fails(h.KeyOf(B), "dts", "DescribeMigrateDBInstances", new
        {
            DatabaseType = "mysql", AccountMode = "other", TmpSecretId = (string?)creds["TmpSecretId"], TmpSecretKey = "nope", TmpToken = (string?)creds["Token"],
        });
        Assert.Equal("AuthFailure.UnauthorizedOperationError", forged.Code);
    }
}
