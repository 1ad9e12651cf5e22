#nullable enable
using DtsCrossAccount.Core;
using DtsCrossAccount.Services;
using DtsCrossAccount.Tencent;

namespace DtsCrossAccount.Tests.Tencent;

/// <summary>
/// The SyncTask New-DtsSyncTask writes for a Tencent job carries what Get-DtsSyncTask would read for it: both endpoints
/// as resolved, the role only on the side DTS reaches through one, and the billing method bought. Pure.
/// </summary>
public sealed class TencentSyncTaskOutputTests
{
    private const string A = "100000000001", B = "100000000002";

    private static TencentSyncSpec Spec(bool subscription = false, bool sameAccount = false)
    {
        var request = new SyncTaskRequest
        {
            Caller = new CallerIdentity { Cloud = CloudKind.Tencent, AccountId = B, UserId = B, Type = "Root" },
            Name = "orders",
            // A role name given for a side in the task account is not one DTS assumes.
            Source = new DatabaseEndpointSpec { AccountId = sameAccount ? B : A, RoleName = sameAccount ? "unused-role" : null, InstanceId = "cdb-src00001", Region = "ap-shanghai", Engine = "TDSQL-C", UserName = "r", Password = "p1" },
            Destination = new DatabaseEndpointSpec { InstanceId = "cdb-dst00001", Engine = "MariaDB", UserName = "w", Password = "p2", RoleName = "unused-role" },
            Databases = new[] { "shop" },
            Options = new SyncTaskOptions { Subscription = subscription },
        };
        return new TencentSyncSpecResolver(new TencentProvider(new ProviderContext { Region = "ap-guangzhou" })).Resolve(request);
    }

    [Fact]
    public void The_task_written_names_both_endpoints_and_the_role_of_the_other_accounts_side_only()
    {
        var task = TencentSyncTaskOutput.Build(Spec(), "sync-0001", "Running", null!, true, new[] { "Purchased" });

        Assert.Equal(("Tencent", "sync-0001", "sync-0001", "orders", "ap-guangzhou", "Running", "PayAsYouGo"),
            (task.Cloud, task.TaskId, task.InstanceId, task.Name, task.Region, task.Status, task.BillingMethod));
        Assert.Equal((A, "cdb-src00001", "ap-shanghai", "cynosdbmysql", (string?)"DTS-role"),
            (task.SourceAccountId, task.SourceInstanceId, task.SourceRegion, task.SourceEngine, task.SourceRoleName));
        // The destination is in the task account: a role given for it is not one DTS assumes.
        Assert.Equal((B, "cdb-dst00001", "ap-guangzhou", "mariadb", (string?)null),
            (task.DestinationAccountId, task.DestinationInstanceId, task.DestinationRegion, task.DestinationEngine, task.DestinationRoleName));
        Assert.True(task.Changed);
        Assert.Equal(new[] { "Purchased" }, task.Changes);
        Assert.Empty(task.Checks);
    }

    [Fact]
    public void A_task_within_one_account_names_no_role_and_a_subscription_says_so()
    {
        var task = TencentSyncTaskOutput.Build(Spec(subscription: true, sameAccount: true), null!, "NotCreated", new[] { new CheckItem { Name = "Scope" } }, false, null!);

        Assert.Equal(((string?)null, (string?)null, "Subscription"), (task.SourceRoleName, task.DestinationRoleName, task.BillingMethod));
        Assert.Equal((false, 0, "Scope"), (task.Changed, task.Changes.Length, Assert.Single(task.Checks).Name));
    }
}
