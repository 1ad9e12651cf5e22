using System.Management.Automation;
using DtsCrossAccount.Tests.Infrastructure;
using static DtsCrossAccount.Tests.Tencent.TencentFlowTests;

namespace DtsCrossAccount.Tests.Tencent;

/// <summary>
/// Step 5 of the guide ("Set sync options and objects") and the purchase, through New-DtsSyncTask: the guide's defaults,
/// each option sent in ConfigureSyncJob Options, checked before any call, compared on a re-run; a subscription only when
/// asked, with a second confirmation.
/// </summary>
public sealed class TencentSyncOptionTests : IAsyncLifetime
{
    private ModuleSession _s = null!;

    public async Task InitializeAsync() => _s = await ModuleSession.StartAsync();

    public async Task DisposeAsync() => await _s.DisposeAsync();

    private RunResult Task(string name, string extra) => _s.Run(CreateRole + "; " + SyncTask("tencent-b", name, "-Database shop " + extra));

    private System.Text.Json.Nodes.JsonNode Options(SyncTask t) => _s.State.Tencent.Accounts[B].SyncJobs[t.TaskId].Config!["Options"]!;

    private static SyncTask One(RunResult r)
    {
        Assert.True(r.Errors.Count == 0, string.Join("\n", r.Errors.Select(e => e.Exception.Message)));
        return r.All<SyncTask>().Single();
    }

    [Fact]
    public void Without_options_the_task_gets_the_guides_defaults_and_is_pay_as_you_go()
    {
        var t = One(Task("defaults", "-NoStart"));
        var o = Options(t);
        Assert.Equal("Full", (string?)o["InitType"]);
        Assert.Equal("ReportError", (string?)o["ConflictHandleType"]);
        Assert.Equal("ReportErrorAfterCheck", (string?)o["DealOfExistSameTable"]);
        Assert.Equal(new[] { "Insert", "Update", "Delete", "DDL" }, o["OpTypes"]!.AsArray().Select(x => (string)x!));
        Assert.Null(o["DdlOptions"]);
        var job = _s.State.Tencent.Accounts[B].SyncJobs[t.TaskId];
        Assert.Equal("PostPay", job.PayMode);
        Assert.Contains(t.Changes, c => c.StartsWith("Purchased pay-as-you-go DTS sync job"));
    }

    [Fact]
    public void Each_option_is_sent_in_ConfigureSyncJob_and_shown_by_WhatIf_without_a_write()
    {
        const string options = "-Initialization Structure,Incremental -ConflictHandling ConditionCover -ConflictConditionColumn updated_at " +
                               "-ConflictConditionOrder '>' -ExistingTableHandling ExecuteAfterIgnore -SyncOperation Insert,Update,DDL -SyncDdl Table.Create,Table.Rename,Database.Create";
        Assert.Empty(_s.Run(CreateRole).Errors);
        int mark = _s.CallCount;
        var plan = _s.Run(CreateRole + "; " + SyncTask("tencent-b", "options", "-Database shop -WhatIf -Verbose " + options));
        Assert.Empty(plan.Errors);
        Assert.True(_s.WritesSince(mark).Count == 0, string.Join(", ", _s.WritesSince(mark).Select(c => c.Service + ":" + c.Action)));
        var configure = Assert.Single(plan.Verbose, v => v.StartsWith("Plan: Configure sync job"));
        Assert.Contains("conflicts ConditionCover (updated_at >)", configure);
        Assert.Contains("same-named tables ExecuteAfterIgnore", configure);
        Assert.Contains("operations Insert Update PartialDDL (Database: Create; Table: Create Rename)", configure);

        var t = One(Task("options", "-Wait " + options));
        Assert.Equal("Running", t.Status);
        var o = Options(t);
        Assert.Equal("Structure", (string?)o["InitType"]);
        Assert.Equal("ConditionCover", (string?)o["ConflictHandleType"]);
        Assert.Equal("updated_at", (string?)o["ConflictHandleOption"]!["ConditionColumn"]);
        Assert.Equal(">", (string?)o["ConflictHandleOption"]!["ConditionOperator"]);
        Assert.Equal(">", (string?)o["ConflictHandleOption"]!["ConditionOrderInSrcAndDst"]);
        Assert.Equal("ExecuteAfterIgnore", (string?)o["DealOfExistSameTable"]);
        Assert.Equal(new[] { "Insert", "Update", "PartialDDL" }, o["OpTypes"]!.AsArray().Select(x => (string)x!));
        var ddl = o["DdlOptions"]!.AsArray().Select(d => (string)d!["DdlObject"]! + ":" + string.Join(",", d!["DdlValue"]!.AsArray().Select(v => (string)v!))).ToList();
        Assert.Equal(new[] { "Database:Create", "Table:Create,Rename" }, ddl);

        int before = _s.CallCount;
        var again = One(Task("options", "-Wait " + options));
        Assert.False(again.Changed);
        Assert.Empty(_s.WritesSince(before));
    }

    [Fact]
    public void A_changed_option_reconfigures_a_task_not_yet_started_and_is_refused_for_a_started_one()
    {
        var first = One(Task("reconf", "-NoStart"));
        var changed = One(Task("reconf", "-NoStart -ConflictHandling Ignore -SyncOperation Insert,Update,Delete"));
        Assert.True(changed.Changed);
        Assert.Contains(changed.Changes, c => c.Contains("conflict handling ReportError (asked: Ignore)") && c.Contains("operations Insert Update Delete DDL (asked: Insert Update Delete)"));
        Assert.Equal("Ignore", (string?)Options(first)["ConflictHandleType"]);

        var running = One(Task("started", "-Wait"));
        Assert.Equal("Running", running.Status);
        int mark = _s.CallCount;
        var refused = Task("started", "-Wait -ExistingTableHandling ExecuteAfterIgnore");
        var e = Assert.Single(refused.Errors);
        Assert.StartsWith("SyncTaskConfigurationDiffers,", e.FullyQualifiedErrorId);
        Assert.Contains("same-named target tables ReportErrorAfterCheck (asked: ExecuteAfterIgnore)", e.Exception.Message);
        Assert.DoesNotContain(_s.WritesSince(mark), c => c.Service == "dts");
        Assert.Equal("ReportErrorAfterCheck", (string?)Options(running)["DealOfExistSameTable"]);
    }

    [Theory]
    [InlineData("-ConflictHandling ConditionCover", "ConflictConditionMissing", "-ConflictConditionColumn")]
    [InlineData("-ConflictConditionColumn updated_at", "ConflictConditionWithoutConditionCover", "ConditionCover")]
    [InlineData("-SyncOperation DDL", "SyncOperationNeedsDml", "Insert, Update, Delete")]
    [InlineData("-SyncOperation Insert -SyncDdl Table.Create", "SyncDdlWithoutDdl", "Add DDL to -SyncOperation")]
    [InlineData("-Period 6", "SubscriptionParameterWithoutSubscription", "-PayMode Subscription")]
    [InlineData("-AutoRenew", "SubscriptionParameterWithoutSubscription", "-PayMode Subscription")]
    [InlineData("-PayMode Subscription -Period 101 -Force", "InvalidSubscriptionPeriod", "1 to 100 months")]
    [InlineData("-PayMode Subscription -Period 0 -Force", "InvalidSubscriptionPeriod", "1 to 100 months")]
    public void Options_are_checked_before_any_call(string args, string errorId, string says)
    {
        int mark = _s.CallCount;
        var r = _s.Run(DbCredentials + "New-DtsSyncTask -Cloud Tencent -ProfileName tencent-b -Region ap-guangzhou -Name x -SourceAccountId " + A +
                       " -SourceInstanceId cdb-src00001 -SourceDatabaseCredential $src -DestinationInstanceId cdb-dst00001 -DestinationDatabaseCredential $dst " +
                       "-Database shop -Confirm:$false " + args);
        var e = Assert.Single(r.Errors);
        Assert.StartsWith(errorId + ",", e.FullyQualifiedErrorId);
        Assert.Equal(ErrorCategory.InvalidArgument, e.CategoryInfo.Category);
        Assert.Contains(says, e.Exception.Message);
        Assert.Equal(mark, _s.CallCount);
    }

    [Theory]
    [InlineData("-ConflictHandling Ignore", "-ConflictHandling")]
    [InlineData("-PayMode Subscription -Period 3", "-PayMode, -Period")]
    [InlineData("-SourceTdsqlConnection Proxy", "-SourceTdsqlConnection")]
    public void Tencent_only_parameters_are_refused_for_Alibaba_before_any_call(string args, string named)
    {
        int mark = _s.CallCount;
        var r = _s.Run(DbCredentials + "New-DtsSyncTask -Cloud Alibaba -ProfileName alibaba-b -Region cn-hangzhou -Name x -SourceAccountId 1000000000000001 " +
                       "-SourceInstanceId rm-src0000001 -SourceDatabaseCredential $src -DestinationInstanceId rm-dst0000001 -DestinationDatabaseCredential $dst " +
                       "-Database shop -Confirm:$false " + args);
        var e = Assert.Single(r.Errors);
        Assert.StartsWith("TencentOnlyParameter,", e.FullyQualifiedErrorId);
        Assert.Equal(ErrorCategory.InvalidArgument, e.CategoryInfo.Category);
        Assert.Contains(named, e.Exception.Message);
        Assert.Contains("-Cloud Alibaba", e.Exception.Message);
        Assert.Equal(mark, _s.CallCount);
    }

    [Fact]
    public void A_subscription_is_bought_only_when_asked_and_confirmed()
    {
        // -WhatIf: the plan says what would be bought; nothing is bought and nothing asked.
        Assert.Empty(_s.Run(CreateRole).Errors);
        int mark = _s.CallCount;
        var whatIf = _s.Run(CreateRole + "; " + SyncTask("tencent-b", "prepaid", "-Database shop -PayMode Subscription -Period 6 -AutoRenew -WhatIf -Verbose"));
        Assert.Empty(whatIf.Errors);
        Assert.Contains(whatIf.Verbose, v => v.StartsWith("Plan: Purchase a prepaid 6-month (auto-renewed) DTS sync job 'prepaid'"));
        Assert.DoesNotContain(_s.WritesSince(mark), c => c.Service == "dts");

        // -Confirm:$false answers ShouldProcess only: a host that cannot ask the second question buys nothing.
        var unconfirmed = _s.Run(CreateRole + "; " + SyncTask("tencent-b", "prepaid", "-Database shop -PayMode Subscription -Period 6"));
        Assert.True(unconfirmed.Errors.Count > 0 || unconfirmed.Terminating != null);
        Assert.Empty(_s.State.Tencent.Accounts[B].SyncJobs);

        var t = One(Task("prepaid", "-NoStart -PayMode Subscription -Period 6 -AutoRenew -Force"));
        var job = _s.State.Tencent.Accounts[B].SyncJobs[t.TaskId];
        Assert.Equal("PrePay", job.PayMode);
        Assert.Equal(6, job.TimeSpan);
        Assert.Equal(1, job.AutoRenew);
        Assert.Contains(t.Changes, c => c.StartsWith("Purchased prepaid 6-month (auto-renewed) DTS sync job"));

        // Re-run without -PayMode: the job's billing is not silently "changed" to pay-as-you-go.
        int before = _s.CallCount;
        var other = Task("prepaid", "-NoStart");
        var e = Assert.Single(other.Errors);
        Assert.StartsWith("SyncJobPurchaseDiffers,", e.FullyQualifiedErrorId);
        Assert.Contains("-PayMode Subscription", e.Exception.Message);
        Assert.Empty(_s.WritesSince(before));
        Assert.False(One(Task("prepaid", "-NoStart -PayMode Subscription -Period 6 -AutoRenew")).Changed);
    }
}
