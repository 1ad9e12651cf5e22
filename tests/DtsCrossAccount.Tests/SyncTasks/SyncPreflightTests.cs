using System.Management.Automation;
using DtsCrossAccount.Core;
using DtsCrossAccount.Services;

namespace DtsCrossAccount.Tests.SyncTasks;

/// <summary>
/// The error New-DtsSyncTask gives when its checks before buying fail (both clouds): its category is what a script
/// branches on ($_.CategoryInfo.Category): authorization, a missing instance, or anything else the user asked wrongly.
/// </summary>
public sealed class SyncPreflightTests
{
    private static CheckItem Item(string name, string result) => new() { Name = name, Result = result, Message = name + " says so.", Remedy = null };

    public static TheoryData<string[], ErrorCategory> Failures => new()
    {
        { new[] { "SourceAssumeRole" }, ErrorCategory.PermissionDenied },
        { new[] { "DtsServiceAuthorized" }, ErrorCategory.PermissionDenied },
        { new[] { "DestinationInstance" }, ErrorCategory.ObjectNotFound },
        { new[] { "DestinationInstance", "SourceAssumeRole" }, ErrorCategory.PermissionDenied },
        { new[] { "SourceTwoWayType" }, ErrorCategory.InvalidArgument },
        { new[] { "SourceTwoWayType", "DestinationInstance" }, ErrorCategory.ObjectNotFound },
    };

    [Theory]
    [MemberData(nameof(Failures))]
    public void The_category_says_whether_authorization_a_missing_instance_or_the_request_is_at_fault(string[] failed, ErrorCategory category)
    {
        var checks = new List<CheckItem> { Item("Scope", CheckResult.Passed), Item("InstanceNote", CheckResult.Skipped) };
        checks.AddRange(failed.Select(f => Item(f, CheckResult.Failed)));
        var task = new SyncTask { Name = "t1", Status = "NotCreated", Changed = true, Changes = new[] { "Buy" } };

        var error = Assert.Throws<DtsCrossAccountException>(() => SyncPreflight.ThrowIfFailed(checks, task, ""));

        Assert.Equal("SyncTaskPreflightFailed", error.ErrorId);
        Assert.Equal(category, error.Category);
        // A failed check without a remedy is listed without "Fix:".
        Assert.Contains("[" + failed[0] + "] " + failed[0] + " says so.", error.Message);
        Assert.DoesNotContain("Fix:", error.Message);
    }

    [Fact]
    public void Checks_that_all_pass_or_are_skipped_let_the_purchase_go_on_and_leave_the_task_as_planned()
    {
        var task = new SyncTask { Name = "t1", Status = "NotCreated", Changed = true, Changes = new[] { "Buy" } };

        SyncPreflight.ThrowIfFailed(new[] { Item("Scope", CheckResult.Passed), Item("SourceAssumeRole", CheckResult.Skipped), Item("SourceInstance", CheckResult.Warning) }, task, "");

        Assert.Equal("NotCreated", task.Status);
        Assert.True(task.Changed);
        Assert.Equal(new[] { "Buy" }, task.Changes);
    }

    [Fact]
    public void Every_failed_check_is_listed_in_order_before_what_to_do()
    {
        var checks = new[] { Item("Scope", CheckResult.Passed), Item("SourceAssumeRole", CheckResult.Failed), Item("DestinationInstance", CheckResult.Failed) };
        checks[2].Remedy = "Check the instance ID.";

        var error = Assert.Throws<DtsCrossAccountException>(() => SyncPreflight.ThrowIfFailed(checks, new SyncTask { Name = "t2" }, "Why. "));

        Assert.Equal("The checks before buying DTS sync task 't2' failed 2 of 3; nothing was bought or changed. Why. "
            + "[SourceAssumeRole] SourceAssumeRole says so. [DestinationInstance] DestinationInstance says so. Fix: Check the instance ID. "
            + "Fix these and run the same New-DtsSyncTask command again (the SyncTask in the output lists every check).", error.Message);
    }

    [Fact]
    public void A_plan_whose_checks_all_passed_names_them_without_a_list_of_others()
    {
        var plan = new ChangePlan<SyncTask>("target", new SyncTask(), new[] { "Buy" }, () => null!)
        {
            Checks = new[] { Item("Scope", CheckResult.Passed), Item("DestinationInstance", CheckResult.Passed) },
        };

        Assert.Equal("Buy; checks before buying: 2 of 2 passed (Scope, DestinationInstance)", plan.Describe());
    }

    [Fact]
    public void A_plan_without_checks_before_buying_is_shown_as_its_changes_alone()
    {
        var plan = new ChangePlan<SyncTask>("target", new SyncTask(), new[] { "Configure job 'x' again", "Start the job" }, () => null!);

        Assert.Equal("Configure job 'x' again; Start the job", plan.Describe());
    }
}
