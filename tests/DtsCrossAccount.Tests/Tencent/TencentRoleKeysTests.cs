#nullable enable
using System.Management.Automation;
using DtsCrossAccount.Core;
using DtsCrossAccount.Tencent;

namespace DtsCrossAccount.Tests.Tencent;

/// <summary>
/// The role's temporary keys are asked for just before ConfigureSyncJob, after the checks before buying passed. When
/// the role was deleted or its trust changed in between (the owner acted while the task was bought), the run stops
/// with the guide's FAQ diagnosis for the role, keeps the job and says how to resume; the session name STS is given is
/// ASCII and at most 64 characters, whatever the task's name. Below the engine (<see cref="TencentSyncHarness"/>).
/// </summary>
public sealed class TencentRoleKeysTests
{
    private const string A = TencentSyncHarness.A, B = TencentSyncHarness.B;
    private const string Arn = "qcs::cam::uin/" + A + ":roleName/DTS-role";

    /// <summary>Plans the guide's task (the checks pass), lets the owner change the role, then applies the plan.</summary>
    private static DtsCrossAccountException RunAfterTheOwner(TencentSyncHarness h, Action<global::DtsCrossAccount.Emulator.Tencent.TencentAccount> change)
    {
        var plan = h.Plan(TencentSyncHarness.Request("orders"));
        lock (h.State.Sync) change(h.State.Tencent.Accounts[A]);
        var e = Assert.Throws<DtsCrossAccountException>(() => plan.Apply());
        Assert.Equal("SyncJobInterrupted", e.ErrorId);
        // The job bought is kept, unconfigured, and the error says so and how to resume or release it.
        var job = h.OnlyJob();
        Assert.Contains("DTS sync job " + job.JobId + " ('orders') stopped in state '" + job.Status + "': ", e.Message);
        Assert.Contains("re-running the same New-DtsSyncTask command resumes it from this state without buying another job", e.Message);
        Assert.Equal(job.JobId, Assert.IsType<SyncTask>(e.Target).TaskId);
        Assert.Equal(1, h.Applied("CreateSyncJob"));
        Assert.Equal(0, h.Applied("ConfigureSyncJob"));
        return Assert.IsType<DtsCrossAccountException>(e.InnerException);
    }

    [Fact]
    public async Task A_role_deleted_after_the_checks_stops_the_run_with_the_peer_account_and_role_to_check()
    {
        await using var h = await TencentSyncHarness.StartAsync();

        var cause = RunAfterTheOwner(h, a => a.Roles.Remove("DTS-role"));

        Assert.Equal(("CrossAccountRoleNotFound", ErrorCategory.ObjectNotFound, (object)Arn), (cause.ErrorId, cause.Category, cause.Target));
        Assert.StartsWith("role not found: check the peer account ID '" + A + "' and role name 'DTS-role' ([", cause.Message);
        var api = Assert.IsType<CloudApiException>(cause.InnerException);
        // The cloud's own words once, without a doubled full stop.
        Assert.Contains("[" + api.Code + "] " + api.ApiClause + ").", cause.Message);
        Assert.DoesNotContain("..", cause.Message);
    }

    [Fact]
    public async Task A_trust_changed_after_the_checks_stops_the_run_with_the_command_that_restores_it()
    {
        await using var h = await TencentSyncHarness.StartAsync();

        // The owner now trusts another account: B may no longer assume the role.
        var cause = RunAfterTheOwner(h, a => a.Roles["DTS-role"].PolicyDocument = a.Roles["DTS-role"].PolicyDocument.Replace("uin/" + B + ":", "uin/100000000003:"));

        Assert.Equal(("CrossAccountAssumeRoleDenied", ErrorCategory.PermissionDenied, (object)Arn), (cause.ErrorId, cause.Category, cause.Target));
        var api = Assert.IsType<CloudApiException>(cause.InnerException);
        Assert.StartsWith("Not allowed to assume " + Arn + " ([" + api.Code + "] " + api.ApiClause + "). The trust policy", cause.Message);
        // Root account B runs the task: the fix is the owner's trust policy, with the same external ID.
        Assert.Contains("The trust policy of " + Arn + " does not let root account " + B + " assume it, or the external ID is wrong: ask account " + A +
                        " to make the role trust root account " + B + " with the same external ID: " +
                        TencentProvider.SetTrustCommand(A, "DTS-role", B, TencentSyncHarness.ExternalId), cause.Message);
    }

    [Theory]
    [InlineData("orders", "dts-sync-orders")]
    [InlineData("订单 sync/2026", "dts-sync----sync-2026")]
    [InlineData("a_b+c=d,e.f@g-h", "dts-sync-a_b+c=d,e.f@g-h")]
    public void The_session_name_keeps_what_sts_takes_and_replaces_the_rest(string task, string session) =>
        Assert.Equal(session, TencentRoleKeys.SessionName(task));

    [Fact]
    public void A_long_task_name_gives_a_session_name_of_64_characters()
    {
        Assert.Equal("dts-sync-" + new string('n', 55), TencentRoleKeys.SessionName(new string('n', 128)));
        Assert.Equal("dts-sync-" + new string('n', 55), TencentRoleKeys.SessionName(new string('n', 55)));
        Assert.Equal("dts-sync-" + new string('n', 54), TencentRoleKeys.SessionName(new string('n', 54)));
    }
}
