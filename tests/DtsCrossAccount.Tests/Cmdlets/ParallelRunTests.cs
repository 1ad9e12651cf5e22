using DtsCrossAccount.Tests.Infrastructure;

namespace DtsCrossAccount.Tests.Cmdlets;

/// <summary>
/// Onboarding flows run at the same time in parallel runspaces (ForEach-Object -Parallel in the hosted engine), checked
/// against the emulator's state: purchases = tasks = names, with distinct names and with one shared name, on both clouds;
/// concurrent role creation and grants end with one role and one grant and no error.
/// </summary>
public sealed class ParallelRunTests
{
    private const string TA = "100000000001", TB = "100000000002", TBSub = "100000000021";
    private const string AA = "1000000000000001", AB = "1000000000000002";

    private const string Credential = "$c = [pscredential]::new('dts', [System.Net.NetworkCredential]::new('', 'Db-Pass-0001').SecurePassword); ";

    private static string TencentTask(string nameExpression) =>
        Credential + "New-DtsSyncTask -Cloud Tencent -ProfileName tencent-b -Region ap-guangzhou -Name " + nameExpression +
        " -SourceAccountId " + TA + " -SourceInstanceId cdb-src00001 -SourceDatabaseCredential $c" +
        " -DestinationInstanceId cdb-dst00001 -DestinationDatabaseCredential $c -Database shop -Confirm:$false -ErrorAction Stop";

    private static string AlibabaTask(string nameExpression) =>
        Credential + "New-DtsSyncTask -Cloud Alibaba -ProfileName alibaba-b -Region cn-hangzhou -Name " + nameExpression +
        " -SourceAccountId " + AA + " -SourceInstanceId rm-src0000001 -SourceDatabaseCredential $c" +
        " -DestinationInstanceId rm-dst0000001 -DestinationDatabaseCredential $c -Database shop -Confirm:$false -ErrorAction Stop";

    /// <summary>Runs <paramref name="body"/> for 1..count in parallel runspaces; each writes "ok|name|taskId" or "error|name|errorId".</summary>
    private static List<string[]> Parallel(ModuleSession s, int count, string body)
    {
        var run = s.Run("$m = $args[0]; 1.." + count + " | ForEach-Object -ThrottleLimit 8 -Parallel { " +
              "Import-Module $using:m; $PSDefaultParameterValues = $using:PSDefaultParameterValues; $i = $_; " +
              "try { $out = & { " + body + " }; foreach ($o in @($out)) { 'ok|' + $o.Name + '|' + $o.TaskId } } " +
              "catch { 'error|' + $i + '|' + $_.FullyQualifiedErrorId.Split(',')[0] + '|' + $_.Exception.Message } }", RepoPaths.Manifest);
        // Every flow reports; an error escaping a flow would be a bug in this module, shown with its text.
        Assert.True(run.Errors.Count == 0 && run.Terminating == null,
            string.Join("\n", run.Errors.Select(e => e.FullyQualifiedErrorId + ": " + e)) + run.Terminating);
        return run.Output.Select(o => o.ToString()!.Split('|')).ToList();
    }

    /// <summary>A flow that did not finish the task says why and that it bought nothing (it met the job another flow was driving).</summary>
    private static void AssertLosersBoughtNothing(List<string[]> results)
    {
        var allowed = new[] { "SyncTaskCreatedConcurrently", "SyncJobInterrupted", "SyncTaskIncomplete" };
        Assert.All(results.Where(r => r[0] == "error"), r => Assert.Contains(r[2], allowed));
        Assert.All(results.Where(r => r[0] == "error"), r => Assert.Matches("bought nothing|without buying another|instead of buying another", r[3]));
    }

    [Fact]
    public async Task Tencent_twenty_flows_with_distinct_names_buy_one_job_each()
    {
        await using var s = await ModuleSession.StartAsync();
        Assert.Empty(s.Run("New-DtsCrossAccountRole -Cloud Tencent -ProfileName tencent-a -AccountId " + TA + " -TrustedAccountId " + TB).Errors);
        var results = Parallel(s, 20, TencentTask("('par-' + $i)"));
        Assert.Equal(20, results.Count);
        Assert.All(results, r => Assert.Equal("ok", r[0]));
        var jobs = s.State.Tencent.Accounts[TB].SyncJobs.Values.ToList();
        Assert.Equal(20, s.Calls.Snapshot().Count(c => c.Action == "CreateSyncJob" && c.Result == "OK"));
        Assert.Equal(20, jobs.Count);
        Assert.Equal(Enumerable.Range(1, 20).Select(i => "par-" + i).OrderBy(n => n), jobs.Select(j => j.JobName).OrderBy(n => n));
        Assert.Equal(20, results.Select(r => r[2]).Distinct().Count());
        Assert.All(jobs, j => Assert.Contains(j.Tags, t => t.TagKey == "DtsCrossAccountTask" && t.TagValue == j.JobName));
    }

    [Fact]
    public async Task Tencent_ten_flows_with_the_same_name_buy_one_job_and_a_rerun_completes_it()
    {
        await using var s = await ModuleSession.StartAsync();
        Assert.Empty(s.Run("New-DtsCrossAccountRole -Cloud Tencent -ProfileName tencent-a -AccountId " + TA + " -TrustedAccountId " + TB).Errors);
        var results = Parallel(s, 10, TencentTask("same"));
        Assert.True(10 == results.Count, string.Join("\n", results.Select(r => string.Join("|", r))));
        var job = Assert.Single(s.State.Tencent.Accounts[TB].SyncJobs.Values);
        Assert.Single(s.Calls.Snapshot(), c => c.Action == "CreateSyncJob" && c.Result == "OK");
        Assert.Contains(results, r => r[0] == "ok");
        Assert.All(results.Where(r => r[0] == "ok"), r => Assert.Equal(job.JobId, r[2]));
        AssertLosersBoughtNothing(results);
        var again = s.Run(TencentTask("same") + " -Wait");
        Assert.Empty(again.Errors);
        Assert.Equal((job.JobId, "Running"), (again.Single<SyncTask>().TaskId, again.Single<SyncTask>().Status));
    }

    [Fact]
    public async Task Alibaba_twenty_flows_with_distinct_names_buy_one_instance_each()
    {
        await using var s = await ModuleSession.StartAsync();
        Assert.Empty(s.Run("New-DtsCrossAccountRole -Cloud Alibaba -ProfileName alibaba-a -AccountId " + AA + " -TrustedAccountId " + AB).Errors);
        var results = Parallel(s, 20, AlibabaTask("('par-' + $i)"));
        Assert.Equal(20, results.Count);
        Assert.All(results, r => Assert.Equal("ok", r[0]));
        var jobs = s.State.Alibaba.Accounts[AB].DtsInstances.Values.ToList();
        Assert.Equal(20, s.Calls.Snapshot().Count(c => c.Action == "CreateDtsInstance" && c.Result == "OK"));
        Assert.Equal(20, jobs.Count(j => j.Purchased));
        Assert.Equal(Enumerable.Range(1, 20).Select(i => "par-" + i).OrderBy(n => n), jobs.Select(j => j.JobName).OrderBy(n => n));
        Assert.Equal(20, results.Select(r => r[2]).Distinct().Count());
    }

    [Fact]
    public async Task Alibaba_ten_flows_with_the_same_name_buy_one_instance_and_a_rerun_completes_it()
    {
        await using var s = await ModuleSession.StartAsync();
        Assert.Empty(s.Run("New-DtsCrossAccountRole -Cloud Alibaba -ProfileName alibaba-a -AccountId " + AA + " -TrustedAccountId " + AB).Errors);
        var results = Parallel(s, 10, AlibabaTask("same"));
        Assert.True(10 == results.Count, string.Join("\n", results.Select(r => string.Join("|", r))));
        var job = Assert.Single(s.State.Alibaba.Accounts[AB].DtsInstances.Values);
        Assert.True(job.Purchased);
        Assert.Single(s.Calls.Snapshot(), c => c.Action == "CreateDtsInstance" && c.Result == "OK");
        Assert.Contains(results, r => r[0] == "ok");
        Assert.All(results.Where(r => r[0] == "ok"), r => Assert.Equal(job.JobId, r[2]));
        AssertLosersBoughtNothing(results);
        var again = s.Run(AlibabaTask("same") + " -Wait");
        Assert.Empty(again.Errors);
        Assert.Equal((job.JobId, "Synchronizing"), (again.Single<SyncTask>().TaskId, again.Single<SyncTask>().Status));
    }

    [Fact]
    public async Task Concurrent_role_creation_and_grants_absorb_already_exists_on_both_clouds()
    {
        await using var s = await ModuleSession.StartAsync();
        var results = s.Run("$m = $args[0]; 1..10 | ForEach-Object -ThrottleLimit 8 -Parallel { Import-Module $using:m; " +
            "$PSDefaultParameterValues = $using:PSDefaultParameterValues; " +
            "if ($_ % 2) { New-DtsCrossAccountRole -Cloud Tencent -ProfileName tencent-a -AccountId " + TA + " -TrustedAccountId " + TB + " -ErrorAction Stop " +
            "  | Grant-DtsSubAccountAssumeRole -ProfileName tencent-b -SubAccountUin " + TBSub + " -Confirm:$false -ErrorAction Stop } " +
            "else { New-DtsCrossAccountRole -Cloud Alibaba -ProfileName alibaba-a -AccountId " + AA + " -TrustedAccountId 1000000000000003 -ErrorAction Stop " +
            "  | Grant-DtsSubAccountAssumeRole -ProfileName alibaba-c -RamUserName dts-operator -Confirm:$false -ErrorAction Stop } }", RepoPaths.Manifest);
        Assert.Empty(results.Errors);
        Assert.Null(results.Terminating);
        Assert.Equal(10, results.Output.Count);
        Assert.Single(s.State.Tencent.Accounts[TA].Roles);
        Assert.Single(s.State.Alibaba.Accounts[AA].Roles, r => r.Key == "ram-for-dts");
        Assert.Single(s.Calls.Snapshot(), c => c.Cloud == "Tencent" && c.Action == "CreateRole" && c.Result == "OK");
        Assert.Single(s.Calls.Snapshot(), c => c.Cloud == "Tencent" && c.Action == "CreatePolicy" && c.Result == "OK");
    }
}
