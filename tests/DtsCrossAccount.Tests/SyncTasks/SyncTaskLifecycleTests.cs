using DtsCrossAccount.Tests.Alibaba;
using DtsCrossAccount.Tests.Infrastructure;
using DtsCrossAccount.Tests.Tencent;

namespace DtsCrossAccount.Tests.SyncTasks;

/// <summary>Get-, Stop- and Remove-DtsSyncTask through the engine on both clouds, against what the emulator stores.</summary>
public sealed class SyncTaskLifecycleTests : IAsyncLifetime
{
    private const string AliA = "1000000000000001", AliB = "1000000000000002";
    private const string AliDb = "$db = [pscredential]::new('dts_user', [System.Net.NetworkCredential]::new('', 'Db-Secret-Pass9').SecurePassword)\n";
    private ModuleSession _s = null!;

    public async Task InitializeAsync() => _s = await ModuleSession.StartAsync();

    public async Task DisposeAsync() => await _s.DisposeAsync();

    private SyncTask TencentTask(string name)
    {
        Assert.Empty(_s.Run(TencentFlowTests.CreateRole).Errors);
        var r = _s.Run("$task = & { " + TencentFlowTests.SyncTask("tencent-b", name, "-Database shop -Wait") + " }; $task");
        Assert.Empty(r.Errors);
        return r.Single<SyncTask>();
    }

    private SyncTask AlibabaTask(string name)
    {
        Assert.Empty(_s.Run("New-DtsCrossAccountRole -Cloud Alibaba -ProfileName alibaba-a -AccountId " + AliA + " -TrustedAccountId " + AliB).Errors);
        var r = _s.Run(AliDb + "$task = New-DtsSyncTask -Cloud Alibaba -ProfileName alibaba-b -Region cn-hangzhou -Name " + name
                       + " -SourceAccountId " + AliA + " -SourceRoleName ram-for-dts -SourceInstanceId rm-src0000001 -SourceDatabaseCredential $db"
                       + " -DestinationInstanceId rm-dst0000001 -DestinationDatabaseCredential $db -Database shop -Wait -Confirm:$false; $task");
        Assert.Empty(r.Errors);
        return r.Single<SyncTask>();
    }

    private IEnumerable<string> WriteActions(int mark) => _s.WritesSince(mark).Select(c => c.Action);

    [Fact]
    public void Tencent_remove_stops_isolates_and_destroys_and_a_second_remove_is_a_no_op()
    {
        var t = TencentTask("life-remove");
        Assert.Equal("ap-guangzhou", t.Region);
        int mark = _s.CallCount;
        var r = _s.Run("$task | Remove-DtsSyncTask -ProfileName tencent-b -Confirm:$false");
        Assert.Empty(r.Errors);
        var removed = r.Single<SyncTask>();
        Assert.Equal(("Released", true), (removed.Status, removed.Changed));
        Assert.Equal(new[] { "StopSyncJob", "IsolateSyncJob", "DestroySyncJob" }, WriteActions(mark));
        Assert.Equal(3, removed.Changes.Length);
        Assert.False(_s.State.Tencent.Accounts[TencentFlowTests.B].SyncJobs.ContainsKey(t.TaskId));
        Assert.NotEmpty(r.Progress);

        mark = _s.CallCount;
        var again = _s.Run("Remove-DtsSyncTask -Cloud Tencent -ProfileName tencent-b -Region ap-guangzhou -Name life-remove -Confirm:$false");
        Assert.Empty(again.Errors);
        var none = again.Single<SyncTask>();
        Assert.False(none.Changed);
        Assert.Equal("NotFound", none.Status);
        Assert.Empty(WriteActions(mark));
    }

    [Fact]
    public void Alibaba_remove_deletes_the_job_and_a_second_remove_is_a_no_op()
    {
        var t = AlibabaTask("life-remove");
        int mark = _s.CallCount;
        var r = _s.Run("$task | Remove-DtsSyncTask -ProfileName alibaba-b -Confirm:$false");
        Assert.Empty(r.Errors);
        var removed = r.Single<SyncTask>();
        Assert.Equal(("Released", true), (removed.Status, removed.Changed));
        Assert.Equal(new[] { "DeleteDtsJob" }, WriteActions(mark));
        Assert.DoesNotContain(_s.State.Alibaba.Accounts[AliB].DtsInstances.Values, i => i.JobId == t.TaskId);

        mark = _s.CallCount;
        var again = _s.Run("$task | Remove-DtsSyncTask -ProfileName alibaba-b -Confirm:$false");
        Assert.Empty(again.Errors);
        Assert.False(again.Single<SyncTask>().Changed);
        Assert.Empty(WriteActions(mark));
    }
}
