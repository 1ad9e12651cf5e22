using DtsCrossAccount.Emulator.Core;
using DtsCrossAccount.Tests.Infrastructure;

namespace DtsCrossAccount.Tests.Cmdlets;

/// <summary>
/// Server faults and lost answers on the writes that create things, seen as a user sees them: the cmdlet either finishes
/// or says to run it again, and in the end exactly one role or task exists.
/// </summary>
public sealed class FaultToleranceTests
{
    private static Fault Once(string cloud, string action, FaultKind kind, bool afterApply = false) =>
        new(cloud, action, "", 0, null) { Kind = kind, Remaining = 1, AfterApply = afterApply };

    /// <summary>Calls of the action that changed state: answered OK, or applied before the injected server error.</summary>
    private static int Applied(ModuleSession s, string action) =>
        s.Calls.Snapshot().Count(c => c.Action == action && (c.Result == "OK" || c.Fault == "ServerError afterApply"));

    public static TheoryData<string, string, string, string, string> RoleClouds => new()
    {
        // cloud, profile, owner, trusted, role name
        { "Tencent", "tencent-a", "100000000001", "100000000002", "DTS-role" },
        { "Alibaba", "alibaba-a", "1000000000000001", "1000000000000002", "ram-for-dts" },
    };

    [Theory]
    [MemberData(nameof(RoleClouds))]
    public async Task A_lost_answer_on_CreateRole_is_confirmed_by_reading_and_the_role_is_created_once(string cloud, string profile, string owner, string trusted, string roleName)
    {
        await using var s = await ModuleSession.StartAsync();
        s.Emulator.Faults.Add(Once(cloud, "CreateRole", FaultKind.LostAnswer));

        var r = s.Run($"New-DtsCrossAccountRole -Cloud {cloud} -AccountId {owner} -TrustedAccountId {trusted} -ProfileName {profile} -Verbose");

        Assert.Empty(r.Errors);
        var role = r.Single<CrossAccountRole>();
        var storedId = cloud == "Tencent" ? s.State.Tencent.Accounts[owner].Roles[roleName].RoleId : s.State.Alibaba.Accounts[owner].Roles[roleName].RoleId;
        Assert.Equal(storedId, role.RoleId);
        var creates = s.Calls.Snapshot().Where(c => c.Action == "CreateRole").ToList();
        Assert.Equal("lostAnswer", Assert.Single(creates).Fault);
        Assert.Contains(r.Verbose, v => v.Contains("CreateRole") && v.Contains("confirmed by reading"));
        Assert.Contains(cloud == "Tencent" ? "QcloudDTSReadOnlyAccess" : "AliyunDTSRolePolicy", role.AttachedPolicies);
    }

    [Theory]
    [MemberData(nameof(RoleClouds))]
    public async Task A_5xx_on_CreateRole_is_checked_by_reading_then_the_role_is_created_once(string cloud, string profile, string owner, string trusted, string roleName)
    {
        await using var s = await ModuleSession.StartAsync();
        s.Emulator.Faults.Add(Once(cloud, "CreateRole", FaultKind.ServerError));

        var r = s.Run($"New-DtsCrossAccountRole -Cloud {cloud} -AccountId {owner} -TrustedAccountId {trusted} -ProfileName {profile}");

        Assert.Empty(r.Errors);
        Assert.True(r.Single<CrossAccountRole>().Changed);
        Assert.Equal(new[] { "InternalError", "OK" }, s.Calls.Snapshot().Where(c => c.Action == "CreateRole").Select(c => c.Result));
        Assert.True(cloud == "Tencent" ? s.State.Tencent.Accounts[owner].Roles.ContainsKey(roleName) : s.State.Alibaba.Accounts[owner].Roles.ContainsKey(roleName));
    }

    [Theory]
    [InlineData(FaultKind.ServerError, false)]
    [InlineData(FaultKind.ServerError, true)]
    [InlineData(FaultKind.LostAnswer, false)]
    [InlineData(FaultKind.Reset, false)]
    public async Task A_fault_on_the_Tencent_purchase_is_settled_by_reading_and_leaves_exactly_one_task(FaultKind kind, bool afterApply)
    {
        await using var s = await ModuleSession.StartAsync();
        Assert.Empty(s.Run(Tencent.TencentFlowTests.CreateRole).Errors);
        s.Emulator.Faults.Add(Once("Tencent", "CreateSyncJob", kind, afterApply));

        var first = s.Run(Tencent.TencentFlowTests.SyncTask("tencent-b", "buy-once", "-Database shop -Wait"));

        // No re-run needed: the module looked the job up by name instead of buying again, and went on.
        Assert.True(first.Errors.Count == 0, string.Join("\n", first.Errors.Select(e => e.Exception.Message)));
        Assert.Equal("Running", first.Single<SyncTask>().Status);
        var bought = Assert.Single(s.State.Tencent.Accounts[Tencent.TencentFlowTests.B].SyncJobs);
        Assert.Equal(bought.Key, first.Single<SyncTask>().TaskId);
        Assert.Equal(1, Applied(s, "CreateSyncJob"));
        // The look-up came right after the faulted purchase.
        var calls = s.Calls.Snapshot().ToList();
        int faulted = calls.FindIndex(c => c.Action == "CreateSyncJob");
        Assert.Equal("DescribeSyncJobs", calls[faulted + 1].Action);
    }

    private const string AliA = "1000000000000001", AliB = "1000000000000002";

    private static string AlibabaTask(string name) =>
        "$db = [pscredential]::new('dts_user', [System.Net.NetworkCredential]::new('', 'Db-Secret-Pass9').SecurePassword)\n" +
        "New-DtsSyncTask -Cloud Alibaba -ProfileName alibaba-b -Region cn-hangzhou -Name " + name +
        " -SourceInstanceId rm-src0000001 -SourceDatabaseCredential $db -DestinationInstanceId rm-dst0000001 -DestinationDatabaseCredential $db" +
        " -Confirm:$false -SourceAccountId " + AliA + " -Database shop -Wait";

    [Theory]
    [InlineData("CreateDtsInstance", FaultKind.ServerError, false)]
    [InlineData("CreateDtsInstance", FaultKind.ServerError, true)]
    [InlineData("CreateDtsInstance", FaultKind.LostAnswer, false)]
    [InlineData("ConfigureDtsJob", FaultKind.LostAnswer, false)]
    [InlineData("ConfigureDtsJob", FaultKind.ServerError, true)]
    [InlineData("StartDtsJob", FaultKind.LostAnswer, false)]
    public async Task A_fault_on_the_Alibaba_purchase_is_settled_by_reading_and_leaves_exactly_one_task(string action, FaultKind kind, bool afterApply)
    {
        await using var s = await ModuleSession.StartAsync();
        Assert.Empty(s.Run("New-DtsCrossAccountRole -Cloud Alibaba -ProfileName alibaba-a -AccountId " + AliA + " -TrustedAccountId " + AliB).Errors);
        s.Emulator.Faults.Add(Once("Alibaba", action, kind, afterApply));

        var first = s.Run(AlibabaTask("buy-once"));

        Assert.True(first.Errors.Count == 0, string.Join("\n", first.Errors.Select(e => e.Exception.Message)));
        Assert.Equal("Synchronizing", first.Single<SyncTask>().Status);
        var job = Assert.Single(s.State.Alibaba.Accounts[AliB].DtsInstances).Value;
        Assert.Equal(job.JobId, first.Single<SyncTask>().TaskId);
        Assert.Equal(1, Applied(s, "CreateDtsInstance"));
        // The faulted write was followed by a read, not by a blind second write.
        var calls = s.Calls.Snapshot().ToList();
        int faulted = calls.FindIndex(c => c.Action == action);
        Assert.False(calls[faulted + 1].IsWrite, "after the fault on " + action + " came " + calls[faulted + 1].Action);
    }

    [Fact]
    public async Task When_the_read_that_settles_a_lost_start_keeps_failing_the_user_is_told_to_run_again_and_nothing_is_repeated()
    {
        await using var s = await ModuleSession.StartAsync();
        Assert.Empty(s.Run("New-DtsCrossAccountRole -Cloud Alibaba -ProfileName alibaba-a -AccountId " + AliA + " -TrustedAccountId " + AliB).Errors);
        s.Emulator.Faults.Add(Once("Alibaba", "StartDtsJob", FaultKind.LostAnswer));
        s.Emulator.Faults.Add(new Fault("Alibaba", "DescribeDtsJobDetail", "", 0, null) { Kind = FaultKind.ServerError, Remaining = 50 });

        var first = s.Run(AlibabaTask("read-fails"));

        var error = Assert.Single(first.Errors);
        Assert.Equal("SyncTaskIncomplete,DtsCrossAccount.Cmdlets.NewDtsSyncTaskCommand", error.FullyQualifiedErrorId);
        Assert.Contains("run New-DtsSyncTask -Name 'read-fails' again", error.Exception.Message);
        Assert.Contains("StartDtsJob may have taken effect", error.Exception.Message);
        var calls = s.Calls.Snapshot();
        // The start was not sent again without knowing, and the read gave up after its bounded attempts.
        Assert.Single(calls, c => c.Action == "StartDtsJob");
        Assert.Equal(5, calls.Count(c => c.Action == "DescribeDtsJobDetail"));

        s.Emulator.Faults.Clear();
        var again = s.Run(AlibabaTask("read-fails"));
        Assert.Empty(again.Errors);
        Assert.Equal("Synchronizing", again.Single<SyncTask>().Status);
        Assert.Single(s.State.Alibaba.Accounts[AliB].DtsInstances);
        Assert.Equal(1, Applied(s, "CreateDtsInstance"));
    }

    [Fact]
    public async Task Onboarding_survives_a_fifth_of_calls_slow_throttled_failed_reset_or_lost()
    {
        await using var s = await ModuleSession.StartAsync();
        // Set from outside, as a user rehearsing with the emulator would (seeded: the same faults on every run).
        const string plan = """
            {"seed": 42, "faults": [
              {"kind": "latency", "latencyMs": 30, "probability": 0.04},
              {"kind": "throttle", "probability": 0.04},
              {"kind": "5xx", "probability": 0.04},
              {"kind": "reset", "probability": 0.04},
              {"kind": "lostAnswer", "probability": 0.04}]}
            """;
        using (var http = new System.Net.Http.HttpClient())
        {
            var posted = await http.PostAsync(new Uri(s.Emulator.BaseUrl, "_emulator/faults"), new System.Net.Http.StringContent(plan));
            Assert.True(posted.IsSuccessStatusCode, await posted.Content.ReadAsStringAsync());
        }

        var r = s.Run("""
            foreach ($i in 1..4) {
                New-DtsCrossAccountRole -Cloud Tencent -ProfileName tencent-a -AccountId 100000000001 -TrustedAccountId 100000000002 -RoleName "faulty-t$i"
                New-DtsCrossAccountRole -Cloud Alibaba -ProfileName alibaba-a -AccountId 1000000000000001 -TrustedAccountId 1000000000000002 -RoleName "faulty-a$i"
            }
            """);

        Assert.True(r.Errors.Count == 0, string.Join("\n", r.Errors.Select(e => e.Exception.Message)));
        Assert.Equal(8, r.All<CrossAccountRole>().Count(x => x.Changed));
        var calls = s.Calls.Snapshot();
        // Not vacuous: the plan did fire, with kinds that lose the answer after the change was made.
        Assert.Contains(calls, c => c.Fault == "lostAnswer");
        Assert.Contains(calls, c => c.Result == "Reset");
        Assert.Contains(calls, c => c.Result.StartsWith("RequestLimitExceeded") || c.Result.StartsWith("Throttling"));
        // Each role exists once with its policy attached: nothing doubled, nothing half-made.
        Assert.Equal(4, s.State.Tencent.Accounts["100000000001"].Roles.Keys.Count(k => k.StartsWith("faulty-t")));
        Assert.Equal(4, s.State.Alibaba.Accounts["1000000000000001"].Roles.Keys.Count(k => k.StartsWith("faulty-a")));
        Assert.All(r.All<CrossAccountRole>(), x => Assert.NotEmpty(x.AttachedPolicies));
    }
}
