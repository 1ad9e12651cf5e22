using DtsCrossAccount.Tests.Emulator.Alibaba;
using DtsCrossAccount.Tests.Emulator.Tencent;

namespace DtsCrossAccount.Tests.Emulator;

/// <summary>
/// The emulator refuses what the clouds refuse, with their codes: names and external IDs are matched to the end of the
/// string (no trailing newline), in ASCII (no lookalike letters or digits), within the documented lengths.
/// </summary>
public sealed class StrictEmulatorInputTests
{
    public static TheoryData<string> BadNames => new() { "DTS-nl\n", "DTS-r\u043Ele", new string('r', 129) };

    [Theory]
    [MemberData(nameof(BadNames))]
    public void Tencent_CAM_refuses_a_role_or_policy_name_with_a_newline_a_lookalike_or_too_long(string name)
    {
        var h = new TencentHarness();
        var a = h.KeyOf(TencentHarness.A);
        Assert.Equal("InvalidParameter.RoleNameError", h.Fails(a, "cam", "CreateRole", new { RoleName = name, PolicyDocument = TencentHarness.Trust(TencentHarness.B) }).Code);
        Assert.Equal("InvalidParameter.PolicyNameError", h.Fails(a, "cam", "CreatePolicy", new { PolicyName = name, PolicyDocument = "{\"version\":\"2.0\",\"statement\":[{\"effect\":\"allow\",\"action\":[\"name/sts:AssumeRole\"],\"resource\":[\"*\"]}]}" }).Code);
        Assert.DoesNotContain(h.Core.State.Tencent.Accounts[TencentHarness.A].Roles.Keys, k => k.StartsWith("DTS-", StringComparison.Ordinal) && k != "DTS-role");
    }

    [Fact]
    public void Tencent_CAM_refuses_a_description_over_300_bytes_with_its_code()
    {
        var h = new TencentHarness();
        var a = h.KeyOf(TencentHarness.A);
        // 101 CJK characters are 303 bytes in UTF-8: the limit is in bytes, not characters.
        var e = h.Fails(a, "cam", "CreateRole", new { RoleName = "DTS-desc", PolicyDocument = TencentHarness.Trust(TencentHarness.B), Description = new string('数', 101) });
        Assert.Equal("InvalidParameter.DescriptionLengthOverlimit", e.Code);
        h.Call(a, "cam", "CreateRole", new { RoleName = "DTS-desc", PolicyDocument = TencentHarness.Trust(TencentHarness.B), Description = new string('数', 100) });
    }

    [Theory]
    [InlineData("abc\n")]
    [InlineData("ext-\u0661\u0662")] // Arabic-Indic digits: \d would have taken them
    [InlineData("ext-\u0430bc")]
    public void Tencent_STS_refuses_an_external_id_outside_the_ascii_set(string externalId)
    {
        var h = new TencentHarness();
        h.CreateSourceRole(externalId: "ext-4242");
        Assert.Equal("InvalidParameter.ParamError", Assert.Throws<DtsCrossAccount.Emulator.Core.ApiError>(() => h.AssumeRole(h.KeyOf(TencentHarness.B), externalId: externalId)).Code);
    }

    [Fact]
    public void Tencent_DTS_refuses_a_job_name_with_a_newline_or_over_128_characters()
    {
        var h = new TencentHarness();
        var b = h.KeyOf(TencentHarness.B);
        foreach (var name in new[] { "orders\n", "\n" + new string('x', 10000) })
        {
            var e = h.Fails(b, "dts", "CreateSyncJob", new
            {
                PayMode = "PostPay", SrcDatabaseType = "mysql", SrcRegion = TencentHarness.Region, DstDatabaseType = "mysql", DstRegion = TencentHarness.Region,
                Specification = "Standard", Count = 1, InstanceClass = "micro", JobName = name,
            });
            Assert.Equal("InvalidParameterValue.InvalidParameterValueError", e.Code);
        }
        Assert.Empty(h.Core.State.Tencent.Accounts[TencentHarness.B].SyncJobs);
    }

    [Theory]
    [MemberData(nameof(BadNames))]
    public void Alibaba_RAM_refuses_a_role_name_with_a_newline_a_lookalike_or_too_long(string name)
    {
        var h = new AlibabaHarness();
        var e = h.Fails(h.Root(AlibabaHarness.A), "ram", "CreateRole", ("RoleName", name), ("AssumeRolePolicyDocument", AlibabaHarness.DtsTrustPolicy(AlibabaHarness.B)));
        Assert.StartsWith("InvalidParameter.RoleName.", e.Code);
    }

    [Theory]
    [InlineData("abc\n")]
    [InlineData("ext-\u0661\u0662")]
    public void Alibaba_STS_refuses_an_external_id_outside_the_ascii_set(string externalId)
    {
        var h = new AlibabaHarness();
        h.CreateDtsRole(AlibabaHarness.A, "ram-for-dts", AlibabaHarness.DtsTrustPolicy(AlibabaHarness.B));
        var e = h.Fails(h.Root(AlibabaHarness.B), "sts", "AssumeRole", ("RoleArn", "acs:ram::" + AlibabaHarness.A + ":role/ram-for-dts"), ("RoleSessionName", "s1"), ("ExternalId", externalId));
        Assert.StartsWith("InvalidParameter", e.Code);
    }

    [Fact]
    public void Alibaba_DTS_refuses_a_job_name_with_a_newline()
    {
        var h = new AlibabaHarness();
        var (instance, _) = h.CreateSyncInstance(AlibabaHarness.B);
        var e = Assert.Throws<DtsCrossAccount.Emulator.Core.ApiError>(() => h.Configure(AlibabaHarness.B, instance, extra: ("DtsJobName", "orders\n")));
        Assert.Equal("InvalidParameter", e.Code);
        Assert.Equal(400, e.HttpStatus);
    }
}
