#nullable enable
using System.Management.Automation;
using DtsCrossAccount.Core;
using DtsCrossAccount.Emulator.Alibaba;
using DtsCrossAccount.Services;

namespace DtsCrossAccount.Tests.Alibaba;

/// <summary>
/// The second direction of a two-way Alibaba task as the user meets it: the plan line that names both directions and who
/// authorizes each, the reverse job DTS receives (incremental only), the changes and checks reported for it, and what a
/// failure to configure, start or precheck it says.
/// </summary>
public sealed class AlibabaReverseDirectionTests
{
    private const string Name = "both-ways";
    private static readonly string A = AlibabaSyncHarness.A, B = AlibabaSyncHarness.B;

    private static SyncTaskRequest TwoWay(Action<SyncTaskRequest>? change = null) =>
        AlibabaSyncHarness.Request(Name, r => { r.TwoWay = true; r.Wait = true; change?.Invoke(r); });

    private static string Src => "MySQL rm-src0000001 (cn-hangzhou, account " + A + ", cross-account via role ram-for-dts)";
    private static string Dst => "MySQL rm-dst0000001 (cn-hangzhou, account " + B + ")";

    /// <summary>DTS refuses the first <paramref name="action"/> of the reverse direction (SynchronizationDirection=Reverse) and accepts the next.</summary>
    private static void RefuseFirstReverse(AlibabaSyncHarness h, string action, string code, string message)
    {
        int seen = 0;
        h.Answer(action, (r, handler) =>
        {
            if (r.Param("SynchronizationDirection") == "Reverse" && seen++ == 0)
                throw new DtsCrossAccount.Emulator.Core.ApiError(code, message, 400);
            return handler(r);
        });
    }

    [Fact]
    public async Task The_plan_names_both_directions_and_who_authorizes_each_side()
    {
        await using var h = await AlibabaSyncHarness.StartAsync();

        var plan = h.Service().PlanSyncTask(TwoWay());

        Assert.Equal("Once the forward job runs, configure and start the reverse direction on the same DTS instance (ConfigureDtsJob / StartDtsJob "
            + "SynchronizationDirection=Reverse, incremental only): forward " + Src + " → " + Dst + "; reverse " + Dst + " → " + Src
            + "; authorized by role 'ram-for-dts' of account " + A + " (source database, read and written in both directions) and the destination database "
            + "of the task account (DTS's own authorization, AliyunDTSDefaultRole)", plan.Changes[^1]);
    }

    [Fact]
    public async Task The_reverse_job_carries_incremental_changes_only_with_the_endpoints_swapped()
    {
        await using var h = await AlibabaSyncHarness.StartAsync();

        h.Run(TwoWay());

        var reverse = Assert.IsType<AlibabaDtsInstance>(h.Job(Name).Reverse);
        var config = reverse.Config!;
        Assert.Equal(("false", "false", "true"), (config["StructureInitialization"], config["DataInitialization"], config["DataSynchronization"]));
        Assert.Equal(("rm-dst0000001", "rm-src0000001"), (config["SourceEndpointInstanceID"], config["DestinationEndpointInstanceID"]));
        Assert.Equal(A, config["DestinationEndpointOwnerID"]);
    }

    [Fact]
    public async Task The_task_reports_each_step_of_the_reverse_direction_and_its_precheck_items_apart_from_the_forward_ones()
    {
        await using var h = await AlibabaSyncHarness.StartAsync();

        var task = h.Run(TwoWay());

        var reverseId = h.Job(Name).Reverse!.JobId;
        Assert.True(task.Changed);
        Assert.Equal(new[]
        {
            "Configured the reverse direction (job " + reverseId + "): " + Dst + " → " + Src,
            "Started the reverse direction (job " + reverseId + ")",
            "Precheck of job " + reverseId + " passed",
            "Job " + reverseId + " is Synchronizing",
        }, task.Changes.SkipWhile(c => !c.StartsWith("Configured the reverse", StringComparison.Ordinal)));
        var forwardChecks = task.Checks.Where(c => !c.Name.StartsWith("Reverse: ", StringComparison.Ordinal)).ToList();
        var reverseChecks = task.Checks.Where(c => c.Name.StartsWith("Reverse: ", StringComparison.Ordinal)).ToList();
        Assert.NotEmpty(forwardChecks);
        Assert.NotEmpty(reverseChecks);
        // A reverse item is DTS's precheck item of the reverse job, named apart; the rest of it as DTS gave it.
        var item = reverseChecks[0];
        var sameForward = forwardChecks.FirstOrDefault(c => "Reverse: " + c.Name == item.Name);
        Assert.NotNull(sameForward);
        Assert.Equal((sameForward!.Result, sameForward.Message, sameForward.Remedy), (item.Result, item.Message, item.Remedy));
        Assert.False(string.IsNullOrEmpty(item.Message));
    }

    [Fact]
    public async Task A_refused_configuration_of_the_reverse_direction_names_the_running_forward_job_and_says_the_rerun_continues()
    {
        await using var h = await AlibabaSyncHarness.StartAsync();
        RefuseFirstReverse(h, "ConfigureDtsJob", "InvalidParameter", "The reverse direction cannot be configured now.");

        var error = h.Fails(TwoWay());

        var forward = h.Job(Name);
        Assert.Equal("SyncTaskIncomplete", error.ErrorId);
        Assert.StartsWith("DTS instance " + forward.InstanceId + " (job " + forward.JobId + ") for task 'both-ways' exists and is Synchronizing, but configuring the reverse direction "
            + "(SynchronizationDirection=Reverse) failed: ", error.Message);
        Assert.Contains("The reverse direction cannot be configured now.", error.Message);
        Assert.Null(forward.Reverse);

        var again = h.Run(TwoWay());
        Assert.Equal(("Synchronizing", "Synchronizing"), (again.Status, again.ReverseStatus));
        Assert.Single(h.Bought());
    }

    [Fact]
    public async Task A_refused_start_of_the_reverse_direction_names_the_reverse_job_and_the_rerun_starts_it()
    {
        await using var h = await AlibabaSyncHarness.StartAsync();
        RefuseFirstReverse(h, "StartDtsJob", "OperationDenied.JobStatus", "The job cannot be started now.");

        var error = h.Fails(TwoWay());

        var forward = h.Job(Name);
        var reverse = Assert.IsType<AlibabaDtsInstance>(forward.Reverse);
        Assert.Equal("SyncTaskIncomplete", error.ErrorId);
        Assert.StartsWith("DTS instance " + forward.InstanceId + " (job " + reverse.JobId + ") for task 'both-ways' exists and is NotStarted, but starting the reverse direction failed: ",
            error.Message);
        Assert.Contains("The job cannot be started now.", error.Message);

        var again = h.Run(TwoWay());
        Assert.Equal((reverse.JobId, "Synchronizing"), (again.ReverseTaskId, again.ReverseStatus));
    }

    [Fact]
    public async Task A_reverse_precheck_that_fails_on_the_role_names_the_original_source_as_the_reverse_destination()
    {
        await using var h = await AlibabaSyncHarness.StartAsync();
        h.Run(AlibabaSyncHarness.Request(Name, r => { r.TwoWay = true; r.NoStart = true; }));
        // The forward job ran before the role went away; the reverse direction's precheck then cannot assume it.
        var forward = h.Job(Name);
        lock (h.State.Sync)
        {
            forward.Status = "Synchronizing";
            forward.Reverse = null;
            h.State.Alibaba.Accounts[A].Roles.Remove("ram-for-dts");
        }

        var error = h.Fails(TwoWay());

        Assert.Equal("SyncTaskPrecheckFailed", error.ErrorId);
        Assert.Contains("(destination) Test-DtsCrossAccountAccess -Cloud Alibaba -RoleAccountId " + A + " -RoleName ram-for-dts -TrustedAccountId " + B, error.Message);
    }

    [Fact]
    public async Task In_a_third_account_task_a_reverse_precheck_failing_on_a_role_names_each_side_as_the_reverse_direction_sees_it()
    {
        await using var h = await AlibabaSyncHarness.StartAsync();
        const string C = AlibabaSyncHarness.C;
        h.RolesTrustingC();
        void Change(SyncTaskRequest r)
        {
            r.Source.RoleName = "ram-for-c";
            r.Destination.AccountId = B;
            r.Destination.RoleName = "ram-for-c";
        }
        h.Service(C).PlanSyncTask(AlibabaSyncHarness.Request(Name, r => { r.TwoWay = true; r.NoStart = true; Change(r); })).Apply();
        // The forward job ran before B's role went away; the reverse direction's precheck then cannot assume it.
        lock (h.State.Sync)
        {
            var forward = h.State.Alibaba.Accounts[C].DtsInstances.Values.Single(j => j.JobName == Name);
            forward.Status = "Synchronizing";
            forward.Reverse = null;
            h.State.Alibaba.Accounts[B].Roles.Remove("ram-for-c");
        }

        var error = Assert.Throws<DtsCrossAccountException>(() => h.Service(C).PlanSyncTask(TwoWay(Change)).Apply());

        Assert.Equal("SyncTaskPrecheckFailed", error.ErrorId);
        Assert.Contains("(source) Test-DtsCrossAccountAccess -Cloud Alibaba -RoleAccountId " + B + " -RoleName ram-for-c -TrustedAccountId " + C, error.Message);
        Assert.Contains("(destination) Test-DtsCrossAccountAccess -Cloud Alibaba -RoleAccountId " + A + " -RoleName ram-for-c -TrustedAccountId " + C, error.Message);
    }
}
