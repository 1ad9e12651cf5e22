using System.Text.Json.Nodes;
using DtsCrossAccount.Tests.Infrastructure;

namespace DtsCrossAccount.Tests.Tencent;

/// <summary>The guide's two flows through the real cmdlets against the emulator: root account (steps 1–6) and sub-account (steps 1–11).</summary>
public sealed class TencentFlowTests : IAsyncLifetime
{
    internal const string A = "100000000001";
    internal const string B = "100000000002";
    internal const string BSub = "100000000021";
    internal const string SourcePassword = "Src-Reader-Pass1";

    // Database credentials built without ConvertTo-SecureString, as the examples do.
    internal const string DbCredentials =
        "$src = [pscredential]::new('dts_reader', [System.Net.NetworkCredential]::new('', '" + SourcePassword + "').SecurePassword); " +
        "$dst = [pscredential]::new('dts_writer', [System.Net.NetworkCredential]::new('', 'Dst-Writer-Pass1').SecurePassword); ";

    internal static string SyncTask(string profile, string name, string extra = "") =>
        DbCredentials + "$role | New-DtsSyncTask -ProfileName " + profile + " -Region ap-guangzhou -Name " + name +
        " -SourceInstanceId cdb-src00001 -SourceEngine MySQL -SourceDatabaseCredential $src" +
        " -DestinationInstanceId cdb-dst00001 -DestinationEngine TencentDB-for-MySQL -DestinationDatabaseCredential $dst -Confirm:$false " + extra;

    internal const string CreateRole =
        "$role = New-DtsCrossAccountRole -Cloud Tencent -ProfileName tencent-a -AccountId " + A + " -TrustedAccountId " + B + " -RoleName DTS-role";

    private ModuleSession _s = null!;

    public async Task InitializeAsync() => _s = await ModuleSession.StartAsync();

    public async Task DisposeAsync() => await _s.DisposeAsync();

    [Fact]
    public void Root_flow_creates_the_role_passes_the_checks_and_runs_the_task()
    {
        var role = _s.Run(CreateRole + " -ExternalId orders-ext-01; $role");
        Assert.Empty(role.Errors);
        var r = role.Single<CrossAccountRole>();
        Assert.Equal("qcs::cam::uin/" + A + ":roleName/DTS-role", r.Arn);
        Assert.True(r.Changed);
        Assert.Contains("QcloudDTSReadOnlyAccess", r.AttachedPolicies);
        var stored = _s.State.Tencent.Accounts[A].Roles["DTS-role"];
        Assert.Contains("qcs::cam::uin/" + B + ":root", stored.PolicyDocument);
        Assert.Contains("sts:external_id", stored.PolicyDocument);

        var access = _s.Run("$role | Test-DtsCrossAccountAccess -ProfileName tencent-b -Region ap-guangzhou -OwnerProfileName tencent-a");
        Assert.Empty(access.Errors);
        var check = access.Single<AccessCheck>();
        Assert.True(check.Passed, string.Join("\n", check.Checks.Select(c => c.Name + " " + c.Result + " " + c.Message + " " + c.Remedy)));
        Assert.Contains(check.Checks, c => c.Name == "ListInstances" && c.Result == CheckResult.Passed && c.Message.Contains("cdb-src00001"));
        Assert.Contains(check.Checks, c => c.Name == "RolePolicy" && c.Result == CheckResult.Passed);

        var task = _s.Run(SyncTask("tencent-b", "orders-root", "-Database shop -Table crm.leads -Wait"));
        Assert.Empty(task.Errors);
        var t = task.Single<SyncTask>();
        Assert.Equal("Running", t.Status);
        Assert.StartsWith("sync-", t.TaskId);
        Assert.Equal(A, t.SourceAccountId);
        Assert.Equal(B, t.DestinationAccountId);
        Assert.Equal("mysql", t.SourceEngine);
        Assert.Contains(task.Progress, p => p.Activity == "DTS verification");

        // What DTS received: the cross-account fields of the guide and the role's temporary keys (cloud-apis.md V1.1/V1.2).
        var config = _s.State.Tencent.Accounts[B].SyncJobs[t.TaskId].Config!;
        var src = config["SrcInfo"]!.AsObject();
        Assert.Equal(A, (string?)src["Account"]);
        Assert.Equal("other", (string?)src["AccountMode"]);
        Assert.Equal("DTS-role", (string?)src["AccountRole"]);
        Assert.Equal("orders-ext-01", (string?)src["RoleExternalId"]);
        Assert.False(string.IsNullOrEmpty((string?)src["TmpSecretId"]));
        Assert.False(string.IsNullOrEmpty((string?)src["TmpToken"]));
        Assert.Null(config["DstInfo"]!["AccountMode"]);
        var dbs = config["Objects"]!["Databases"]!.AsArray().Select(d => d!.AsObject()).ToList();
        Assert.Contains(dbs, d => (string?)d["DbName"] == "shop" && (string?)d["DbMode"] == "All");
        Assert.Contains(dbs, d => (string?)d["DbName"] == "crm" && (string?)d["DbMode"] == "Partial"
                                  && (string?)d["Tables"]![0]!["TableName"] == "leads");
        Assert.Equal("Full", (string?)config["Options"]!["InitType"]);

        Assert.DoesNotContain(SourcePassword, task.AllText());
        Assert.DoesNotContain((string)src["TmpSecretKey"]!, task.AllText());
    }

    [Fact]
    public void Sub_account_flow_grants_the_sub_account_and_runs_the_task_as_it()
    {
        Assert.Empty(_s.Run(CreateRole).Errors);

        var grant = _s.Run("$grant = $role | Grant-DtsSubAccountAssumeRole -ProfileName tencent-b -SubAccountUin " + BSub + "; $grant");
        Assert.Empty(grant.Errors);
        var g = grant.Single<AssumeRoleGrant>();
        Assert.Equal("DTS-AssumeRole-" + A + "-DTS-role", g.PolicyName);
        Assert.Equal("qcs::cam::uin/" + A + ":roleName/DTS-role", g.Resource);
        Assert.Equal("dts-operator", g.SubAccountName);
        Assert.True(g.Changed);
        var policy = _s.State.Tencent.Accounts[B].CustomPolicies[long.Parse(g.PolicyId)];
        Assert.Contains(policy.PolicyId, _s.State.Tencent.Accounts[B].SubAccounts[BSub].AttachedPolicyIds);

        var access = _s.Run("$role | Test-DtsCrossAccountAccess -ProfileName tencent-b-sub -Region ap-guangzhou");
        var check = access.Single<AccessCheck>();
        Assert.True(check.Passed, string.Join("\n", check.Checks.Select(c => c.Name + " " + c.Result + " " + c.Message)));
        Assert.Contains("sub-account " + BSub + " of root account " + B, check.Checks[0].Message);

        var task = _s.Run(SyncTask("tencent-b-sub", "orders-sub", "-Database shop -Wait"));
        Assert.Empty(task.Errors);
        Assert.Equal("Running", task.Single<SyncTask>().Status);
    }

    [Fact]
    public void Re_running_every_cmdlet_changes_nothing()
    {
        Assert.Empty(_s.Run(CreateRole).Errors);
        Assert.Empty(_s.Run("$role | Grant-DtsSubAccountAssumeRole -ProfileName tencent-b -SubAccountUin " + BSub).Errors);
        Assert.Empty(_s.Run(SyncTask("tencent-b", "rerun", "-Database shop -Wait")).Errors);

        int mark = _s.CallCount;
        var role = _s.Run(CreateRole + "; $role");
        var trust = _s.Run("$role | Set-DtsTrustPolicy -ProfileName tencent-a");
        var grant = _s.Run("$role | Grant-DtsSubAccountAssumeRole -ProfileName tencent-b -SubAccountUin " + BSub);
        var task = _s.Run(SyncTask("tencent-b", "rerun", "-Database shop -Wait"));

        foreach (var r in new[] { role, trust, grant, task }) Assert.Empty(r.Errors);
        Assert.False(role.Single<CrossAccountRole>().Changed);
        Assert.False(trust.Single<CrossAccountRole>().Changed);
        Assert.False(grant.Single<AssumeRoleGrant>().Changed);
        var t = task.Single<SyncTask>();
        Assert.False(t.Changed);
        Assert.Equal("Running", t.Status);
        Assert.Empty(_s.WritesSince(mark));
        Assert.Single(_s.State.Tencent.Accounts[B].SyncJobs);
    }

    [Fact]
    public void WhatIf_makes_no_write_call_and_lists_the_steps()
    {
        int mark = _s.CallCount;
        var role = _s.Run("New-DtsCrossAccountRole -Cloud Tencent -ProfileName tencent-a -AccountId " + A + " -TrustedAccountId " + B + " -WhatIf -Verbose");
        Assert.Empty(role.Errors);
        Assert.Contains(role.Verbose, v => v.Contains("Create CAM role 'DTS-role' in account " + A + " trusting root account " + B));
        Assert.Empty(_s.WritesSince(mark));
        Assert.Empty(_s.State.Tencent.Accounts[A].Roles);

        Assert.Empty(_s.Run(CreateRole).Errors);
        mark = _s.CallCount;
        var grant = _s.Run("$role | Grant-DtsSubAccountAssumeRole -ProfileName tencent-b -SubAccountUin " + BSub + " -WhatIf");
        var trust = _s.Run("$role | Set-DtsTrustPolicy -ProfileName tencent-a -TrustedAccountId 100000000003 -WhatIf");
        var task = _s.Run(SyncTask("tencent-b", "whatif", "-Database shop -WhatIf"));
        foreach (var r in new[] { grant, trust, task }) Assert.Empty(r.Errors);
        Assert.Empty(_s.WritesSince(mark));
        Assert.Empty(_s.State.Tencent.Accounts[B].SyncJobs);
        Assert.Empty(_s.State.Tencent.Accounts[B].CustomPolicies);
    }

    [Fact]
    public void Unsupported_engine_is_refused_before_any_call()
    {
        Assert.Empty(_s.Run(CreateRole).Errors);
        int mark = _s.CallCount;
        var r = _s.Run(DbCredentials + "$role | New-DtsSyncTask -ProfileName tencent-b -Region ap-guangzhou -Name to-warehouse " +
                       "-SourceInstanceId cdb-src00001 -SourceDatabaseCredential $src -DestinationInstanceId cdwpg-dst0001 " +
                       "-DestinationEngine cdwpg -DestinationDatabaseCredential $dst -Database shop");
        var e = Assert.Single(r.Errors);
        Assert.StartsWith("UnsupportedTencentEngine", e.FullyQualifiedErrorId);
        Assert.Contains("TDSQL-C for MySQL (cynosdbmysql)", e.Exception.Message);
        Assert.Contains("not between MySQL and CDWPG", e.Exception.Message);
        Assert.Equal(mark, _s.CallCount);
    }

    [Fact]
    public void Initialization_without_incremental_is_refused_with_the_reason()
    {
        Assert.Empty(_s.Run(CreateRole).Errors);
        int mark = _s.CallCount;
        var r = _s.Run(SyncTask("tencent-b", "no-incr", "-Database shop -Initialization Structure,FullData"));
        var e = Assert.Single(r.Errors);
        Assert.Contains("always replicates incremental changes", e.Exception.Message);
        Assert.Equal(mark, _s.CallCount);
    }

    [Fact]
    public void A_failure_in_the_middle_is_resumed_by_re_running_with_the_same_name()
    {
        Assert.Empty(_s.Run(CreateRole).Errors);
        // Every attempt fails before it runs (the reads in between find the job still Initialized), until the retries give up.
        _s.Emulator.Faults.Add("Tencent", "CreateCheckSyncJob", "InternalError", 5);

        var first = _s.Run(SyncTask("tencent-b", "resume-me", "-Database shop -Wait"));
        var e = Assert.Single(first.Errors);
        var jobId = Assert.Single(_s.State.Tencent.Accounts[B].SyncJobs.Keys);
        Assert.Contains(jobId, e.Exception.Message);
        Assert.Contains("'Initialized'", e.Exception.Message);
        Assert.Contains("re-running the same New-DtsSyncTask command resumes it", e.Exception.Message);
        // Honest result: the failure still writes the task, with the purchase among its changes.
        var failed = Assert.IsType<SyncTask>(e.TargetObject);
        Assert.Same(failed, first.Single<SyncTask>());
        Assert.True(failed.Changed);
        Assert.Contains(failed.Changes, c => c.StartsWith("Purchased pay-as-you-go DTS sync job " + jobId));
        Assert.Contains("DestroySyncJob", e.Exception.Message); // how to release it instead

        var second = _s.Run(SyncTask("tencent-b", "resume-me", "-Database shop -Wait"));
        Assert.Empty(second.Errors);
        var t = second.Single<SyncTask>();
        Assert.Equal(jobId, t.TaskId);
        Assert.Equal("Running", t.Status);
        Assert.Contains(t.Changes, c => c.StartsWith("Configure sync job " + jobId) && c.Contains("fresh temporary keys"));
        Assert.Single(_s.Calls.Snapshot(), c => c.Action == "CreateSyncJob");
    }

    [Fact]
    public void A_failed_verification_reports_every_error_with_its_solution_and_can_be_re_run()
    {
        Assert.Empty(_s.Run(CreateRole).Errors);
        var r = _s.Run(SyncTask("tencent-b", "bad-objects", "-Database shop -Table shop.nosuchtable,nosuchdb.t1 -Wait"));
        var e = Assert.Single(r.Errors);
        Assert.StartsWith("SyncJobCheckNotPass", e.FullyQualifiedErrorId);
        Assert.Contains("nosuchdb", e.Exception.Message);
        Assert.Contains("re-run the same New-DtsSyncTask command", e.Exception.Message);
        var task = Assert.IsType<SyncTask>(e.TargetObject);
        Assert.Equal("CheckNotPass", task.Status);
        Assert.Same(task, r.Single<SyncTask>()); // also in the output, for $task.Checks
        Assert.Contains(task.Checks, c => c.Result == CheckResult.Failed && c.Message.Contains("nosuchdb") && !string.IsNullOrEmpty(c.Remedy));
        Assert.DoesNotContain(SourcePassword, r.AllText());

        // The fixed re-run configures the same job with the corrected tables (fresh keys first) and verifies it: it runs.
        int mark = _s.CallCount;
        var again = _s.Run(SyncTask("tencent-b", "bad-objects", "-Database shop -Table crm.leads -Wait"));
        Assert.Empty(again.Errors);
        var fixedTask = again.Single<SyncTask>();
        Assert.Equal((task.TaskId, "Running"), (fixedTask.TaskId, fixedTask.Status));
        Assert.Contains(fixedTask.Changes, c => c.Contains("differs: objects") && c.Contains("crm.leads"));
        var actions = _s.Calls.Snapshot().Skip(mark).Select(c => c.Action).ToList();
        Assert.DoesNotContain("CreateSyncJob", actions);
        Assert.Equal(new[] { "ConfigureSyncJob", "CreateCheckSyncJob", "StartSyncJob" }, _s.WritesSince(mark).Select(c => c.Action));
        Assert.True(actions.LastIndexOf("AssumeRole") < actions.IndexOf("ConfigureSyncJob"), "fresh keys right before the configure");
        var objects = _s.State.Tencent.Accounts[B].SyncJobs[task.TaskId].Config!["Objects"]!.ToJsonString();
        Assert.Contains("leads", objects);
        Assert.DoesNotContain("nosuchdb", objects);
    }

    [Fact]
    public void After_start_a_differing_request_is_refused_with_what_differs_and_a_resumed_wait_waits_until_running()
    {
        Assert.Empty(_s.Run(CreateRole).Errors);
        var first = _s.Run(SyncTask("tencent-b", "started", "-Database shop"));
        Assert.Empty(first.Errors);
        Assert.Equal("ReadyRunning", first.Single<SyncTask>().Status);

        int mark = _s.CallCount;
        var differs = _s.Run(SyncTask("tencent-b", "started", "-Database crm"));
        var e = Assert.Single(differs.Errors);
        Assert.StartsWith("SyncTaskConfigurationDiffers,", e.FullyQualifiedErrorId);
        Assert.Contains("objects shop (asked: crm)", e.Exception.Message);
        Assert.Contains("DestroySyncJob", e.Exception.Message);
        Assert.Empty(_s.WritesSince(mark));

        // A run killed while waiting left the job ReadyRunning for a while: a re-run with -Wait waits until it runs.
        _s.State.DtsStepSeconds = 1;
        var job = _s.State.Tencent.Accounts[B].SyncJobs[first.Single<SyncTask>().TaskId];
        job.Status = "ReadyRunning";
        job.StartedAt = _s.State.Clock.UtcNow;
        var resumed = _s.Run(SyncTask("tencent-b", "started", "-Database shop -Wait"));
        Assert.Empty(resumed.Errors);
        var t = resumed.Single<SyncTask>();
        Assert.Equal("Running", t.Status);
        Assert.False(t.Changed);
        Assert.Empty(_s.WritesSince(mark));
    }
}
