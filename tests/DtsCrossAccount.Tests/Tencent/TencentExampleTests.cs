using DtsCrossAccount.Tests.Infrastructure;

namespace DtsCrossAccount.Tests.Tencent;

/// <summary>The documented Tencent examples run as written against the emulator and end with a running task.</summary>
[Collection(ProcessEnvironmentCollection.Name)]
public sealed class TencentExampleTests
{
    [Theory]
    [InlineData("tencent-root-account.ps1", "100000000002", "DTS-role-extid")]
    [InlineData("tencent-sub-account.ps1", "100000000002", "DTS-role")]
    public void Example_runs_to_a_running_sync_task(string example, string taskAccount, string roleName)
    {
        var r = SandboxRunner.RunExample(example);
        Assert.True(r.Errors.Count == 0, r.Transcript);
        var task = Assert.IsType<SyncTask>(r.Output.Last().BaseObject);
        Assert.Equal("Running", task.Status);
        Assert.Equal(taskAccount, task.DestinationAccountId);
        Assert.Equal("100000000001", task.SourceAccountId);
        Assert.DoesNotContain("Src-Reader-Pass1", r.Transcript);
        // The role it made (each example its own where their trust differs) and the console's check through it.
        Assert.Matches(@"(?m)^Tencent\s+100000000001\s+" + roleName + @"\s+" + taskAccount + @"\s+True\r?$", r.Transcript);
        Assert.Contains("Tencent qcs::cam::uin/100000000001:roleName/" + roleName + ": all checks passed", r.Transcript);
    }
}
