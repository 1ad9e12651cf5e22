using DtsCrossAccount.Tests.Infrastructure;

namespace DtsCrossAccount.Tests.Tencent;

/// <summary>The documented Tencent examples run as written against the emulator and end with a running task.</summary>
[Collection(ProcessEnvironmentCollection.Name)]
public sealed class TencentExampleTests
{
    [Theory]
    [InlineData("tencent-root-account.ps1", "100000000002")]
    [InlineData("tencent-sub-account.ps1", "100000000002")]
    public void Example_runs_to_a_running_sync_task(string example, string taskAccount)
    {
        var r = SandboxRunner.RunExample(example);
        Assert.True(r.Errors.Count == 0, r.Transcript);
        var task = Assert.IsType<SyncTask>(r.Output.Last().BaseObject);
        Assert.Equal("Running", task.Status);
        Assert.Equal(taskAccount, task.DestinationAccountId);
        Assert.Equal("100000000001", task.SourceAccountId);
        Assert.DoesNotContain("Src-Reader-Pass1", r.Transcript);
    }
}
