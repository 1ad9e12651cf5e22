#nullable enable
using System.Text.Json.Nodes;
using DtsCrossAccount.Emulator.Core;
using DtsCrossAccount.Transport;
using Xunit;

namespace DtsCrossAccount.Tests.Transport;

/// <summary>
/// The client keeps under every limit the clouds document. The expected figures are the emulator's table (taken from each
/// action's API page, docs/emulator-wire-protocol.md), not the module's: an action the module forgot, or a limit above the
/// cloud's, means the cloud throttles a burst (parallel onboarding) and the user waits through retries or sees it fail.
/// </summary>
public sealed class RateLimitTableTests
{
    public static TheoryData<string, string, string, int> Documented()
    {
        var data = new TheoryData<string, string, string, int>();
        var perSecond = (JsonObject)new RateLimits().Describe()["perSecond"]!;
        foreach (var (key, value) in perSecond)
        {
            var parts = key.Split('/');
            data.Add(parts[0], parts[1], parts[2], value!.GetValue<int>());
        }
        return data;
    }

    [Fact]
    public void The_cloud_documents_limits_for_both_clouds()
    {
        var rows = Documented().Select(r => (string)r[0]).ToList();
        Assert.Contains("Tencent", rows);
        Assert.Contains("Alibaba", rows);
    }

    [Theory]
    [MemberData(nameof(Documented))]
    public void The_client_limit_is_set_and_never_above_the_documented_one(string cloud, string service, string action, int documented)
    {
        var client = cloud == "Tencent" ? TencentRateLimits.For(service, action) : AlibabaRateLimits.For(service, action);
        Assert.InRange(client, 1, documented);
    }

    [Theory]
    [InlineData("Tencent", "dts", "DescribeMigrateDBInstances")]
    [InlineData("Alibaba", "rds", "DescribeDBInstances")]
    public void An_action_without_a_published_limit_is_not_held_back(string cloud, string service, string action)
    {
        Assert.Equal(0, new RateLimits().LimitOf(cloud, service, action));
        Assert.Equal(0, cloud == "Tencent" ? TencentRateLimits.For(service, action) : AlibabaRateLimits.For(service, action));
    }
}
