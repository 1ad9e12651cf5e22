using DtsCrossAccount.Tests.Infrastructure;

namespace DtsCrossAccount.Tests.Cmdlets;

/// <summary>-NoStart means the same on both clouds: buy and configure, neither verify nor start; a run without it continues the same task.</summary>
public sealed class NoStartTests
{
    private static IEnumerable<string> Writes(ModuleSession s, int mark) => s.WritesSince(mark).Select(c => c.Action);

    [Fact]
    public async Task Tencent_NoStart_configures_without_verifying_and_a_plain_rerun_verifies_and_starts_the_same_job()
    {
        await using var s = await ModuleSession.StartAsync();
        Assert.Empty(s.Run("New-DtsCrossAccountRole -Cloud Tencent -ProfileName tencent-a -AccountId 100000000001 -TrustedAccountId 100000000002").Errors);
        const string task = "$c = [pscredential]::new('dts', [System.Net.NetworkCredential]::new('', 'Db-Pass-0001').SecurePassword); " +
            "New-DtsSyncTask -Cloud Tencent -ProfileName tencent-b -Region ap-guangzhou -Name nostart -SourceAccountId 100000000001 -SourceInstanceId cdb-src00001 " +
            "-SourceDatabaseCredential $c -DestinationInstanceId cdb-dst00001 -DestinationDatabaseCredential $c -Database shop -Confirm:$false ";
        int mark = s.CallCount;
        var r = s.Run(task + "-NoStart");
        Assert.Empty(r.Errors);
        Assert.Equal(new[] { "CreateSyncJob", "ConfigureSyncJob" }, Writes(s, mark));
        var t = r.Single<SyncTask>();
        Assert.Equal("Initialized", t.Status);
        Assert.Equal("Initialized", s.State.Tencent.Accounts["100000000002"].SyncJobs[t.TaskId].Status);
        Assert.NotEmpty(t.Checks);
        Assert.Contains(t.Checks, c => c.Name == "SourceInstance" && c.Result == CheckResult.Passed);
        Assert.DoesNotContain(t.Checks, c => c.Result == CheckResult.Failed);

        mark = s.CallCount;
        var started = s.Run(task + "-Wait").Single<SyncTask>();
        Assert.Equal((t.TaskId, "Running"), (started.TaskId, started.Status));
        Assert.Equal(new[] { "ConfigureSyncJob", "CreateCheckSyncJob", "StartSyncJob" }, Writes(s, mark)); // fresh keys before the verification
    }

    [Fact]
    public async Task Alibaba_NoStart_configures_without_the_precheck_and_a_plain_rerun_prechecks_and_starts_the_same_instance()
    {
        await using var s = await ModuleSession.StartAsync();
        Assert.Empty(s.Run("New-DtsCrossAccountRole -Cloud Alibaba -ProfileName alibaba-a -AccountId 1000000000000001 -TrustedAccountId 1000000000000002").Errors);
        const string task = "$c = [pscredential]::new('dts', [System.Net.NetworkCredential]::new('', 'Db-Pass-0001').SecurePassword); " +
            "New-DtsSyncTask -Cloud Alibaba -ProfileName alibaba-b -Region cn-hangzhou -Name nostart -SourceAccountId 1000000000000001 -SourceInstanceId rm-src0000001 " +
            "-SourceDatabaseCredential $c -DestinationInstanceId rm-dst0000001 -DestinationDatabaseCredential $c -Database shop -Confirm:$false ";
        int mark = s.CallCount;
        var r = s.Run(task + "-NoStart");
        Assert.Empty(r.Errors);
        Assert.Equal(new[] { "ConfigureDtsJob", "CreateDtsInstance" }, Writes(s, mark)); // configure first: the name exists before the purchase
        var t = r.Single<SyncTask>();
        Assert.Equal("NotStarted", t.Status);
        Assert.Equal("NotStarted", s.State.Alibaba.Accounts["1000000000000002"].DtsInstances[t.InstanceId].Status);
        Assert.NotEmpty(t.Checks);
        Assert.Contains(t.Checks, c => c.Name == "DestinationInstance" && c.Result == CheckResult.Passed);
        Assert.DoesNotContain(t.Checks, c => c.Result == CheckResult.Failed);

        // -NoStart again with other objects: configured again, still not started; the same request again changes nothing.
        mark = s.CallCount;
        var changed = s.Run(task.Replace("-Database shop", "-Table shop.orders") + "-NoStart").Single<SyncTask>();
        Assert.Equal(("NotStarted", true), (changed.Status, changed.Changed));
        Assert.Equal(new[] { "ConfigureDtsJob" }, Writes(s, mark));
        mark = s.CallCount;
        Assert.False(s.Run(task.Replace("-Database shop", "-Table shop.orders") + "-NoStart").Single<SyncTask>().Changed);
        Assert.Empty(Writes(s, mark));

        var started = s.Run(task.Replace("-Database shop", "-Table shop.orders") + "-Wait").Single<SyncTask>();
        Assert.Equal((t.InstanceId, "Synchronizing"), (started.InstanceId, started.Status));
        Assert.Single(s.State.Alibaba.Accounts["1000000000000002"].DtsInstances);
    }
}
