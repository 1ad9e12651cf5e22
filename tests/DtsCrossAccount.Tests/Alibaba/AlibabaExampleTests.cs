using DtsCrossAccount.Tests.Infrastructure;

namespace DtsCrossAccount.Tests.Alibaba;

/// <summary>The Alibaba examples run as a user would run them and end with a running task.</summary>
[Collection(ProcessEnvironmentCollection.Name)]
public sealed class AlibabaExampleTests
{
    [Theory]
    [InlineData("alibaba-cross-account-source.ps1", "1000000000000001:ram-for-dts:1000000000000002")]
    [InlineData("alibaba-cross-account-destination.ps1", "1000000000000002:ram-for-dts:1000000000000001")]
    [InlineData("alibaba-three-accounts.ps1", "1000000000000001:ram-for-dts-via-c:1000000000000003", "1000000000000002:ram-for-dts-via-c:1000000000000003")]
    public void Example_ends_with_a_synchronizing_task(string file, params string[] roles)
    {
        var result = SandboxRunner.RunExample(file);
        Assert.True(result.ExitCode == 0, result.Transcript);
        Assert.Empty(result.Errors);
        var last = Assert.IsType<SyncTask>(result.Output.Last().BaseObject);
        Assert.Equal("Synchronizing", last.Status);
        Assert.DoesNotContain("Pass1", result.Transcript);
        // Each role it made (owner:name:trusted account), shown in the role table, and every access check passed.
        foreach (var role in roles)
        {
            var p = role.Split(':');
            Assert.Matches(@"(?m)^Alibaba\s+" + p[0] + @"\s+" + p[1] + @"\s+" + p[2] + @"\s+True\r?$", result.Transcript);
            Assert.Contains("Alibaba acs:ram::" + p[0] + ":role/" + p[1] + ": all checks passed", result.Transcript);
        }
    }
}
