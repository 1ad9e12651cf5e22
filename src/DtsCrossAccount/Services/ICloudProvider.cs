using System.Collections.Generic;
using DtsCrossAccount.Core;

namespace DtsCrossAccount.Services
{
    /// <summary>
    /// One cloud behind the common seam. Implementations own everything cloud-shaped (API names, policy documents,
    /// ARNs, error codes); nothing here or in the cmdlets knows about either cloud.
    /// Plan* methods make read calls only; the returned plan's Apply makes the writes.
    /// Validate* methods make no call at all and throw DtsCrossAccountException (InvalidArgument) on bad input.
    /// </summary>
    internal interface ICloudProvider
    {
        CloudKind Cloud { get; }

        string DefaultRoleName { get; }

        void ValidateAccountId(string value, string parameterName);
        void ValidateRoleName(string value, string parameterName);
        void ValidateRegion(string value, string parameterName);

        /// <summary>The longest external ID the cloud's STS AssumeRole takes.</summary>
        int MaxExternalIdLength { get; }

        /// <summary>A role description against the cloud's documented limits (no call).</summary>
        void ValidateDescription(string value, string parameterName);

        /// <summary>The access test's cloud-specific inputs, e.g. the engine to list (no call).</summary>
        void ValidateAccessTest(AccessCheckRequest request);

        /// <summary>The grant's sub-account / RAM user and policy name (no call).</summary>
        void ValidateGrant(GrantRequest request);

        /// <summary>A sync task's name against the cloud's limits (no call).</summary>
        void ValidateTaskName(string value, string parameterName);

        /// <summary>Checks a sync-task request (engines, connection types, regions, objects) with no call, before even "who am I".</summary>
        void ValidateSyncTask(SyncTaskRequest request);

        /// <summary>
        /// Null, or why <paramref name="accountId"/> is not an account ID at all but a member of the caller's account
        /// (Tencent: a sub-account UIN given where the guide needs the root account ID). May make one read call.
        /// </summary>
        string ExplainNotRootAccount(string accountId, string parameterName, CallerIdentity caller);

        /// <summary>The cloud's own words for why a role may not trust its own account (appended to the neutral refusal).</summary>
        string ExplainSelfTrust(string accountId, string roleName);

        /// <summary>Null when the cloud supports the scenario (ScenarioPlanner names); otherwise why not and what to do.</summary>
        string ScenarioNotSupported(string scenario);

        /// <summary>Regions, for tab completion (no call).</summary>
        IReadOnlyList<string> Regions { get; }

        /// <summary>Engines supported across accounts as source or destination, for tab completion (no call).</summary>
        IReadOnlyList<string> Engines(bool source);

        CallerIdentity GetCallerIdentity(CloudCredential credential);

        /// <summary>Role names in the caller's account (one read call), for tab completion.</summary>
        IReadOnlyList<string> ListRoleNames();

        ChangePlan<CrossAccountRole> PlanRole(RoleRequest request);
        ChangePlan<CrossAccountRole> PlanTrustPolicy(TrustPolicyRequest request);
        ChangePlan<AssumeRoleGrant> PlanGrant(GrantRequest request);

        /// <summary>Detaches the DTS preset policy and deletes the role; refuses a role with other policies unless Force.</summary>
        ChangePlan<CrossAccountRole> PlanRemoveRole(RemoveRoleRequest request);

        /// <summary>Detaches the grant's custom policy from the user and deletes the policy when no other principal has it.</summary>
        ChangePlan<AssumeRoleGrant> PlanRevokeGrant(GrantRequest request);
        AccessCheck TestAccess(AccessCheckRequest request);
        ChangePlan<SyncTask> PlanSyncTask(SyncTaskRequest request);

        /// <summary>The caller's sync tasks the selector names, as the cloud reports them now (read calls only); empty when none.</summary>
        IReadOnlyList<SyncTask> GetSyncTasks(SyncTaskSelector selector);

        /// <summary>
        /// Stopping <paramref name="task"/> (read first). No changes when it is already stopped; Caution set when the cloud's
        /// guide says a stop is not yet safe; throws when the task's state cannot be stopped at all.
        /// </summary>
        ChangePlan<SyncTask> PlanStopSyncTask(SyncTask task, int timeoutSeconds);

        /// <summary>Releasing <paramref name="task"/> (read first): every step it still needs; a re-run finishes a half-done release.</summary>
        ChangePlan<SyncTask> PlanRemoveSyncTask(SyncTask task, int timeoutSeconds);
    }
}
