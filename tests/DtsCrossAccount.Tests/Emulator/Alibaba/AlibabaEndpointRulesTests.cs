using Xunit;
using static DtsCrossAccount.Tests.Emulator.Alibaba.AlibabaHarness;

namespace DtsCrossAccount.Tests.Emulator.Alibaba;

/// <summary>
/// The emulator's ConfigureDtsJob refuses a self-managed endpoint without what the API reference (doc 208399) says it
/// requires, so a module that forgets a field fails here as it would against DTS.
/// </summary>
public sealed class AlibabaEndpointRulesTests
{
    private static string Configure(params (string, string)[] extra)
    {
        var h = new AlibabaHarness();
        var (instanceId, _) = h.CreateSyncInstance(B);
        try
        {
            h.Configure(B, instanceId, "none", extra: extra);
            return "OK";
        }
        catch (DtsCrossAccount.Emulator.Core.ApiError e)
        {
            return e.Code + ": " + e.Message;
        }
    }

    [Theory]
    [InlineData("EXPRESS", "vpc-x1", null, "3306", "MissingParameter", "SourceEndpointIP")]
    [InlineData("EXPRESS", "vpc-x1", "10.0.0.1", null, "MissingParameter", "SourceEndpointPort")]
    [InlineData("EXPRESS", "rm-src0000001", "10.0.0.1", "3306", "InvalidParameter", "SourceEndpointInstanceID")]
    [InlineData("ECS", "i-x1", null, "70000", "InvalidParameter", "SourceEndpointPort")]
    [InlineData("DG", "dg-x1", "10.0.0", "3306", "InvalidParameter", "SourceEndpointIP")]
    [InlineData("CEN", "vpc-x1", "10.0.0.1", "3306", "InvalidParameter", "srcInstanceId")]
    [InlineData("ECS", "i-x1", null, "3306", "OK", "")]
    public void Self_managed_source_fields_are_required_per_type(string type, string id, string? ip, string? port, string code, string named)
    {
        var extra = new List<(string, string)> { ("SourceEndpointInstanceType", type), ("SourceEndpointInstanceID", id) };
        if (ip != null) extra.Add(("SourceEndpointIP", ip));
        if (port != null) extra.Add(("SourceEndpointPort", port));
        var result = Configure(extra.ToArray());
        Assert.StartsWith(code, result);
        Assert.Contains(named, result);
    }

    [Fact]
    public void An_Oracle_source_needs_its_SID()
    {
        var common = new[] { ("SourceEndpointInstanceType", "EXPRESS"), ("SourceEndpointInstanceID", "vpc-x1"), ("SourceEndpointIP", "10.0.0.1"),
            ("SourceEndpointPort", "1521"), ("SourceEndpointEngineName", "ORACLE") };
        Assert.StartsWith("MissingParameter: The input parameter \"SourceEndpointOracleSID\"", Configure(common));
        Assert.Equal("OK", Configure(common.Append(("SourceEndpointOracleSID", "ORCL")).ToArray()));
    }
}
