using DtsCrossAccount.Tests.Infrastructure;

namespace DtsCrossAccount.Tests.Alibaba;

/// <summary>The Alibaba examples run as a user would run them and end with a running task.</summary>
[Collection(ProcessEnvironmentCollection.Name)]
public sealed class AlibabaExampleTests
{
    [Theory]
    [InlineData("alibaba-cross-account-source.ps1")]
    [InlineData("alibaba-cross-account-destination.ps1")]
    [InlineData("alibaba-three-accounts.ps1")]
    public void Example_ends_with_a_synchronizing_task(string file)
    {
        var result = SandboxRunner.RunExample(file);
        Assert.True(result.ExitCode == 0, result.Transcript);
        Assert.Empty(result.Errors);
        var last = Assert.IsType<SyncTask>(result.Output.Last().BaseObject);
        Assert.Equal("Synchronizing", last.Status);
        Assert.DoesNotContain("Pass1", result.Transcript);
    }
}
