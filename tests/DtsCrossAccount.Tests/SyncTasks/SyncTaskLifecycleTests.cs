using System.Management.Automation;
using DtsCrossAccount.Emulator.Core;
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

    private static Fault Once(string cloud, string action, FaultKind kind) => new(cloud, action, "", 0, null) { Kind = kind, Remaining = 1 };

    [Fact]
    public void Get_finds_a_task_by_name_by_id_and_from_the_pipeline_with_its_cross_account_fields()
    {
        var t = TencentTask("life-get");
        var byName = _s.Run("Get-DtsSyncTask -Cloud Tencent -ProfileName tencent-b -Region ap-guangzhou -Name life-get");
        Assert.Empty(byName.Errors);
        var g = byName.Single<SyncTask>();
        Assert.Equal((t.TaskId, "Running", "ap-guangzhou"), (g.TaskId, g.Status, g.Region));
        // Read back from DescribeSyncJobs, not copied from the New- object: the role and owner DTS stored.
        Assert.Equal((TencentFlowTests.A, "DTS-role", TencentFlowTests.B), (g.SourceAccountId, g.SourceRoleName, g.DestinationAccountId));
        Assert.Null(g.DestinationRoleName);
        Assert.Equal(("PayAsYouGo", "Normal", 0.0, 100), (g.BillingMethod, g.BillingStatus, g.DelaySeconds, g.Progress));

        var byId = _s.Run("Get-DtsSyncTask -Cloud Tencent -ProfileName tencent-b -Region ap-guangzhou -TaskId " + t.TaskId).Single<SyncTask>();
        Assert.Equal("life-get", byId.Name);
        var piped = _s.Run("$task | Get-DtsSyncTask -ProfileName tencent-b").Single<SyncTask>();
        Assert.Equal(t.TaskId, piped.TaskId);
        var list = _s.Run("Get-DtsSyncTask -Cloud Tencent -ProfileName tencent-b -Region ap-guangzhou").All<SyncTask>().ToList();
        Assert.NotEmpty(list);
        Assert.Contains(list, x => x.TaskId == t.TaskId);

        var missing = _s.Run("Get-DtsSyncTask -Cloud Tencent -ProfileName tencent-b -Region ap-guangzhou -Name no-such-task");
        var e = Assert.Single(missing.Errors);
        Assert.Equal("SyncTaskNotFound,DtsCrossAccount.Cmdlets.GetDtsSyncTaskCommand", e.FullyQualifiedErrorId);
        Assert.Equal(ErrorCategory.ObjectNotFound, e.CategoryInfo.Category);
        Assert.Contains("Get-DtsSyncTask -Cloud Tencent -Region ap-guangzhou", e.ErrorDetails.RecommendedAction);
    }

    [Fact]
    public void Alibaba_get_reports_the_owner_and_role_of_the_cross_account_source()
    {
        var t = AlibabaTask("life-get");
        var g = _s.Run("Get-DtsSyncTask -Cloud Alibaba -ProfileName alibaba-b -Region cn-hangzhou -Name life-get").Single<SyncTask>();
        Assert.Equal((t.TaskId, t.InstanceId, "Synchronizing"), (g.TaskId, g.InstanceId, g.Status));
        Assert.Equal((AliA, "ram-for-dts", AliB, "PayAsYouGo"), (g.SourceAccountId, g.SourceRoleName, g.DestinationAccountId, g.BillingMethod));
        Assert.Equal(0.0, g.DelaySeconds);
        Assert.Equal(t.TaskId, _s.Run("$task | Get-DtsSyncTask -ProfileName alibaba-b").Single<SyncTask>().TaskId);
    }

    [Fact]
    public void Stop_is_refused_while_the_task_lags_and_Force_stops_it()
    {
        var t = TencentTask("life-stop");
        _s.State.Tencent.Accounts[TencentFlowTests.B].SyncJobs[t.TaskId].SecondsBehindMaster = 42;
        int mark = _s.CallCount;
        var refused = _s.Run("$task | Stop-DtsSyncTask -ProfileName tencent-b -Confirm:$false");
        var e = Assert.Single(refused.Errors);
        Assert.Equal("SyncTaskStopNotSafe,DtsCrossAccount.Cmdlets.StopDtsSyncTaskCommand", e.FullyQualifiedErrorId);
        Assert.Contains("42 s", e.Exception.Message);
        Assert.Contains("-Force", e.ErrorDetails.RecommendedAction);
        Assert.Empty(refused.Output);
        Assert.Empty(WriteActions(mark));
        Assert.Equal("Running", _s.State.Tencent.Accounts[TencentFlowTests.B].SyncJobs[t.TaskId].Status);

        var whatIf = _s.Run("$task | Stop-DtsSyncTask -ProfileName tencent-b -Force -WhatIf");
        Assert.Empty(whatIf.Errors);
        Assert.Empty(WriteActions(mark));

        var forced = _s.Run("$task | Stop-DtsSyncTask -ProfileName tencent-b -Force -Confirm:$false");
        Assert.Empty(forced.Errors);
        var stopped = forced.Single<SyncTask>();
        Assert.Equal(("Stopped", true), (stopped.Status, stopped.Changed));
        Assert.Equal(new[] { "StopSyncJob" }, WriteActions(mark));
        Assert.Equal("Stopped", _s.State.Tencent.Accounts[TencentFlowTests.B].SyncJobs[t.TaskId].Status);

        mark = _s.CallCount;
        var again = _s.Run("$task | Stop-DtsSyncTask -ProfileName tencent-b -Confirm:$false").Single<SyncTask>();
        Assert.False(again.Changed);
        Assert.Empty(WriteActions(mark));
    }

    [Fact]
    public void Alibaba_stop_is_refused_while_delayed_then_ends_the_job_with_StopDtsJob()
    {
        var t = AlibabaTask("life-stop");
        var instance = _s.State.Alibaba.Accounts[AliB].DtsInstances.Values.Single(i => i.JobId == t.TaskId);
        instance.DelayMs = 3500;
        int mark = _s.CallCount;
        var refused = _s.Run("Stop-DtsSyncTask -Cloud Alibaba -ProfileName alibaba-b -Region cn-hangzhou -TaskId " + t.TaskId + " -Confirm:$false");
        Assert.Equal("SyncTaskStopNotSafe", Assert.Single(refused.Errors).FullyQualifiedErrorId.Split(',')[0]);
        Assert.Contains("3.5 s", refused.Errors[0].Exception.Message);
        Assert.Empty(WriteActions(mark));

        instance.DelayMs = 0;
        var stopped = _s.Run("Stop-DtsSyncTask -Cloud Alibaba -ProfileName alibaba-b -Region cn-hangzhou -Name life-stop -Confirm:$false");
        Assert.Empty(stopped.Errors);
        Assert.Equal("Finished", stopped.Single<SyncTask>().Status);
        Assert.Equal(new[] { "StopDtsJob" }, WriteActions(mark));
        Assert.Equal("Finished", instance.Status);
    }

    [Fact]
    public void Stop_of_a_task_that_never_started_says_to_remove_it()
    {
        Assert.Empty(_s.Run(TencentFlowTests.CreateRole).Errors);
        Assert.Empty(_s.Run("$task = & { " + TencentFlowTests.SyncTask("tencent-b", "life-nostart", "-Database shop -NoStart") + " }").Errors);
        var r = _s.Run("$task | Stop-DtsSyncTask -ProfileName tencent-b -Confirm:$false");
        var e = Assert.Single(r.Errors);
        Assert.Equal("SyncTaskNotStoppable", e.FullyQualifiedErrorId.Split(',')[0]);
        Assert.Contains("Remove-DtsSyncTask -Cloud Tencent -Region ap-guangzhou -TaskId", e.ErrorDetails.RecommendedAction);

        // A job never billed is deleted by IsolateSyncJob alone (IsolateSyncJob doc): one write, and it is gone.
        int mark = _s.CallCount;
        var removed = _s.Run("$task | Remove-DtsSyncTask -ProfileName tencent-b -Confirm:$false");
        Assert.Empty(removed.Errors);
        Assert.Equal(new[] { "IsolateSyncJob" }, WriteActions(mark));
        Assert.Equal("Released", removed.Single<SyncTask>().Status);
    }

    [Theory]
    [InlineData("Tencent")]
    [InlineData("Alibaba")]
    public void A_fault_in_the_middle_of_remove_is_reported_with_what_was_done_and_a_re_run_finishes_it(string cloud)
    {
        var t = cloud == "Tencent" ? TencentTask("life-fault") : AlibabaTask("life-fault");
        string failing = cloud == "Tencent" ? "IsolateSyncJob" : "DeleteDtsJob";
        string profile = cloud == "Tencent" ? "tencent-b" : "alibaba-b";
        // Tencent's IsolateSyncJob is not sent again after one fault; Alibaba reads whether DeleteDtsJob took effect and sends
        // it again while it had not, so there the fault lasts for every attempt.
        var fault = Once(cloud, failing, FaultKind.ServerError);
        if (cloud == "Alibaba") fault.Remaining = 20;
        _s.Emulator.Faults.Add(fault);
        int mark = _s.CallCount;
        var failed = _s.Run("$task | Remove-DtsSyncTask -ProfileName " + profile + " -Confirm:$false");
        var e = Assert.Single(failed.Errors);
        Assert.Equal("SyncTaskReleaseInterrupted", e.FullyQualifiedErrorId.Split(',')[0]);
        Assert.Contains("Remove-DtsSyncTask -Cloud " + cloud, e.ErrorDetails.RecommendedAction);
        var left = failed.Single<SyncTask>();
        Assert.Equal(cloud == "Tencent" ? new[] { "Stopped sync job " + t.TaskId } : System.Array.Empty<string>(), left.Changes);
        Assert.Equal(cloud == "Tencent" ? new[] { "StopSyncJob" } : System.Array.Empty<string>(), WriteActions(mark));

        fault.Remaining = 0;   // the cloud works again
        mark = _s.CallCount;
        var rerun = _s.Run("$task | Remove-DtsSyncTask -ProfileName " + profile + " -Confirm:$false");
        Assert.Empty(rerun.Errors);
        Assert.Equal("Released", rerun.Single<SyncTask>().Status);
        Assert.Equal(cloud == "Tencent" ? new[] { "IsolateSyncJob", "DestroySyncJob" } : new[] { "DeleteDtsJob" }, WriteActions(mark));
        if (cloud == "Tencent") Assert.False(_s.State.Tencent.Accounts[TencentFlowTests.B].SyncJobs.ContainsKey(t.TaskId));
        else Assert.DoesNotContain(_s.State.Alibaba.Accounts[AliB].DtsInstances.Values, i => i.JobId == t.TaskId);
    }

    [Fact]
    public void A_subscription_Alibaba_task_is_explained_and_left_as_it_is()
    {
        var t = AlibabaTask("life-prepaid");
        var instance = _s.State.Alibaba.Accounts[AliB].DtsInstances.Values.Single(i => i.JobId == t.TaskId);
        instance.PayType = "PrePaid";
        int mark = _s.CallCount;
        var r = _s.Run("$task | Remove-DtsSyncTask -ProfileName alibaba-b -Confirm:$false");
        var e = Assert.Single(r.Errors);
        Assert.Equal("SyncTaskIsSubscription", e.FullyQualifiedErrorId.Split(',')[0]);
        Assert.Contains("Unsubscribe", e.ErrorDetails.RecommendedAction);
        Assert.Empty(WriteActions(mark));
        Assert.Contains(_s.State.Alibaba.Accounts[AliB].DtsInstances.Values, i => i.JobId == t.TaskId);
        Assert.Equal("Subscription", _s.Run("$task | Get-DtsSyncTask -ProfileName alibaba-b").Single<SyncTask>().BillingMethod);
    }

    [Fact]
    public void Name_completes_with_the_tasks_of_the_region_and_Status_with_the_clouds_states()
    {
        var t = TencentTask("life-complete");
        var r = _s.Run("(TabExpansion2 -inputScript $args[0] -cursorColumn $args[0].Length).CompletionMatches.CompletionText",
            "Remove-DtsSyncTask -Cloud Tencent -ProfileName tencent-b -Region ap-guangzhou -EndpointUrl " + _s.Emulator.BaseUrl + " -Name life-c");
        Assert.Empty(r.Errors);
        Assert.Equal(new[] { t.Name }, r.Output.Select(o => o.ToString()));

        var status = _s.Run("(TabExpansion2 -inputScript $args[0] -cursorColumn $args[0].Length).CompletionMatches.CompletionText",
            "Get-DtsSyncTask -Cloud Alibaba -Status Sync");
        Assert.Equal(new[] { "Synchronizing" }, status.Output.Select(o => o.ToString()));
    }
}
