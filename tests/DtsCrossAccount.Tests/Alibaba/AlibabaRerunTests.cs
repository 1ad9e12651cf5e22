using DtsCrossAccount.Tests.Infrastructure;

namespace DtsCrossAccount.Tests.Alibaba;

/// <summary>Alibaba re-runs: a failure after the purchase still writes the task with every write; after start a differing request is refused.</summary>
public sealed class AlibabaRerunTests
{
    private const string A = "1000000000000001", B = "1000000000000002";

    private static string Task(string name, string extra) =>
        "$c = [pscredential]::new('dts_user', [System.Net.NetworkCredential]::new('', 'Db-Pass-0001').SecurePassword); " +
        "New-DtsSyncTask -Cloud Alibaba -ProfileName alibaba-b -Region cn-hangzhou -Name " + name + " -SourceAccountId " + A +
        " -SourceInstanceId rm-src0000001 -SourceDatabaseCredential $c -DestinationInstanceId rm-dst0000001 -DestinationDatabaseCredential $c -Confirm:$false " + extra;

    [Fact]
    public async Task A_failure_after_the_purchase_writes_the_task_with_the_purchase_and_how_to_release_it()
    {
        await using var s = await ModuleSession.StartAsync();
        Assert.Empty(s.Run("New-DtsCrossAccountRole -Cloud Alibaba -ProfileName alibaba-a -AccountId " + A + " -TrustedAccountId " + B).Errors);
        // Every attempt fails before it runs (the reads in between find the job not started), until the retries give up.
        s.Emulator.Faults.Add("Alibaba", "StartDtsJob", "InternalError", times: 5, httpStatus: 500);

        var r = s.Run(Task("honest", "-Database shop"));
        var error = Assert.Single(r.Errors);
        Assert.StartsWith("SyncTaskIncomplete,", error.FullyQualifiedErrorId);
        Assert.Contains("DeleteDtsJob", error.Exception.Message);
        var task = r.Single<SyncTask>();
        Assert.Same(task, error.TargetObject);
        Assert.True(task.Changed);
        var instance = Assert.Single(s.State.Alibaba.Accounts[B].DtsInstances.Values);
        Assert.Contains(task.Changes, c => c.StartsWith("Bought pay-as-you-go DTS sync instance " + instance.InstanceId));
        Assert.Contains(task.Changes, c => c.StartsWith("Configured job " + instance.JobId));
    }

    [Fact]
    public async Task After_start_a_differing_request_is_refused_with_what_differs_and_nothing_is_written()
    {
        await using var s = await ModuleSession.StartAsync();
        Assert.Empty(s.Run("New-DtsCrossAccountRole -Cloud Alibaba -ProfileName alibaba-a -AccountId " + A + " -TrustedAccountId " + B).Errors);
        Assert.Empty(s.Run(Task("started", "-Database shop -Wait")).Errors);

        int mark = s.CallCount;
        var r = s.Run(Task("started", "-Table shop.orders"));
        var error = Assert.Single(r.Errors);
        Assert.StartsWith("SyncTaskConfigurationDiffers,", error.FullyQualifiedErrorId);
        Assert.Contains("objects shop (asked: shop.orders)", error.Exception.Message);
        Assert.Empty(s.WritesSince(mark));

        var same = s.Run(Task("started", "-Database shop"));
        Assert.Empty(same.Errors);
        Assert.False(same.Single<SyncTask>().Changed);
    }
}
