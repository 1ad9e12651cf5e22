using System;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using System.Text.RegularExpressions;
using DtsCrossAccount.Core;
using DtsCrossAccount.Json;
using DtsCrossAccount.Services;
using DtsCrossAccount.Transport;

namespace DtsCrossAccount.Tencent
{
    /// <summary>
    /// Tencent Cloud: the CAM role of the source account (guide steps 1–6), the sub-account grant (steps 7–11),
    /// the console's access checks and FAQ errors, and the DTS sync task (CreateSyncJob … StartSyncJob).
    /// </summary>
    internal sealed class TencentProvider : ICloudProvider
    {
        private static readonly Regex UinPattern = InputText.Whole("[0-9]{5,20}");
        private static readonly Regex RoleNamePattern = InputText.Whole("[A-Za-z0-9-]{1,128}");
        private static readonly Regex PolicyNamePattern = InputText.Whole("[A-Za-z0-9+=,.@_-]{1,128}");

        private readonly ProviderContext _ctx;

        public TencentProvider(ProviderContext ctx)
        {
            _ctx = ctx ?? throw new ArgumentNullException(nameof(ctx));
        }

        public CloudKind Cloud => CloudKind.Tencent;

        /// <summary>The role name the guide's screenshots and sample policy use.</summary>
        public string DefaultRoleName => "DTS-role";

        public void ValidateAccountId(string value, string parameterName)
        {
            if (value == null || !UinPattern.IsMatch(value))
                throw new DtsCrossAccountException("InvalidTencentAccountId", ErrorCategory.InvalidArgument,
                    string.Format("{0} '{1}' is not a Tencent Cloud account ID. An account ID (UIN) is digits only, usually 10 to 13 of them " +
                                  "(for example 100012345678); the console shows it under Account Info.{2}", InputText.Dash(parameterName), InputText.Show(value), InputText.WhatIsWrong(value, 20)), value);
        }

        public void ValidateRoleName(string value, string parameterName)
        {
            if (value == null || !RoleNamePattern.IsMatch(value))
                throw new DtsCrossAccountException("InvalidTencentRoleName", ErrorCategory.InvalidArgument,
                    string.Format("{0} '{1}' cannot be used as the DTS cross-account role name. Use 1 to 128 letters, digits and '-' " +
                                  "(for example DTS-role): CAM accepts more characters, but DTS's role field takes only letters, digits, '-' and '_' " +
                                  "and the DTS cross-account guide says the name must not contain '_'.{2}", InputText.Dash(parameterName), InputText.Show(value), InputText.WhatIsWrong(value, 128)), value);
        }

        public void ValidateRegion(string value, string parameterName)
        {
            if (!TencentRegions.IsKnown(value))
                throw new DtsCrossAccountException("InvalidTencentRegion", ErrorCategory.InvalidArgument,
                    string.Format("{0} '{1}' is not a Tencent Cloud region. Use a region ID such as ap-guangzhou; known regions: {2}.",
                        InputText.Dash(parameterName), InputText.Show(value), string.Join(", ", TencentRegions.All)), value);
        }

        /// <summary>STS AssumeRole ExternalId: 2 to 128 characters (tencentcloud-sdk models, sts 2018-08-13).</summary>
        public int MaxExternalIdLength => 128;

        /// <summary>CAM: "the input parameter Description cannot exceed 300 bytes" (error InvalidParameter.DescriptionLengthOverlimit, tencentcloud-sdk cam errorcodes).</summary>
        public void ValidateDescription(string value, string parameterName) =>
            InputText.RequireFreeText(value, parameterName, 300, "InvalidTencentDescription", "CAM: at most 300 bytes in UTF-8", maxUtf8Bytes: 300);

        /// <summary>DTS JobName: no documented limit (CreateSyncJob / ConfigureSyncJob); 128 characters on one line here.</summary>
        public void ValidateTaskName(string value, string parameterName) =>
            InputText.RequireFreeText(value, parameterName, 128, "InvalidTaskName", "DTS documents no limit for JobName; the module allows 128");

        /// <summary>Asked once per key for the life of the process (CallerIdentityCache): a key never changes owner.</summary>
        public CallerIdentity GetCallerIdentity(CloudCredential credential) =>
            CallerIdentityCache.GetOrAdd(Cloud, _ctx.EndpointOverride, credential,
                () => new TencentSts(Client(credential)).GetCallerIdentity());

        internal TencentApiClient Client(CloudCredential credential)
        {
            if (credential == null)
                throw new DtsCrossAccountException("TencentCredentialMissing", ErrorCategory.AuthenticationError,
                    "No Tencent Cloud credentials: use -ProfileName, -Credential or the TENCENTCLOUD_SECRET_ID/TENCENTCLOUD_SECRET_KEY environment variables.");
            return new TencentApiClient(credential, new EndpointResolver(_ctx.EndpointOverride), _ctx.Reporter, _ctx.Transport);
        }

        internal ProviderContext Context => _ctx;

        // ---------------------------------------------------------------- role (guide steps 1–6)

        public ChangePlan<CrossAccountRole> PlanRole(RoleRequest request)
        {
            string owner = request.AccountId ?? request.Caller?.AccountId;
            string roleName = request.RoleName ?? DefaultRoleName;
            string trusted = request.TrustedAccountId;
            string arn = TencentPolicyDocuments.RoleArn(owner, roleName);
            string target = "Tencent account " + owner + ", CAM role '" + roleName + "'";
            var cam = new TencentCam(Client(_ctx.Credential));

            var role = cam.GetRole(roleName);
            RefuseOwnSubAccount(cam, owner, trusted);
            var changes = new List<string>();
            CrossAccountRole Output(string roleId, string[] attached, bool changed, IEnumerable<string> done) => new CrossAccountRole
            {
                Cloud = nameof(CloudKind.Tencent), AccountId = owner, RoleName = roleName, RoleId = roleId, Arn = arn,
                TrustedAccountId = trusted, ExternalId = NullIfEmpty(request.ExternalId), AttachedPolicies = attached,
                Description = request.Description, Changed = changed, Changes = done?.ToArray() ?? Array.Empty<string>(),
                Scenario = request.Scenario, Endpoint = request.Endpoint,
            };

            if (role == null)
            {
                changes.Add(string.Format("Create CAM role '{0}' in account {1} trusting root account {2}{3}", roleName, owner, trusted,
                    string.IsNullOrEmpty(request.ExternalId) ? "" : " with an external ID condition"));
                changes.Add(string.Format("Attach preset policy {0} to role '{1}'", TencentPolicyDocuments.DtsReadOnlyPolicy, roleName));
                var planned = Output(null, new[] { TencentPolicyDocuments.DtsReadOnlyPolicy }, true, changes);
                return new ChangePlan<CrossAccountRole>(target, planned, changes, () =>
                {
                    string trust = Json.Json.Serialize(TencentPolicyDocuments.TrustPolicy(trusted, request.ExternalId));
                    _ctx.Reporter.Verbose("Creating CAM role '" + roleName + "' trusting root account " + trusted + ".");
                    string roleId;
                    try
                    {
                        roleId = cam.CreateRole(roleName, trust, request.Description);
                    }
                    catch (CloudApiException e) when (e.Code == "InvalidParameter.RoleNameInUse")
                    {
                        // Another run created it since the plan was made (V2.5): use it if it trusts the same account.
                        var raced = cam.GetRole(roleName) ?? throw new DtsCrossAccountException("RoleIncomplete", ErrorCategory.ResourceBusy,
                            "CAM answered that role '" + roleName + "' exists in account " + owner + ", but it cannot be read. Re-run the same command.", arn, e);
                        string raceDifference = TencentPolicyDocuments.TrustDifference(raced.PolicyDocument, trusted, request.ExternalId);
                        if (raceDifference != null)
                            throw new DtsCrossAccountException("RoleTrustPolicyMismatch", ErrorCategory.ResourceExists,
                                string.Format("CAM role '{0}' was created in account {1} by someone else while this command ran, and {2}. It was not changed. To make it trust root account {3}, run: {4}",
                                    roleName, owner, raceDifference, trusted, SetTrustCommand(owner, roleName, trusted, request.ExternalId)), arn, e);
                        roleId = raced.RoleId;
                    }
                    catch (CloudApiException e) when (e.Code == "InvalidParameter.PrincipalQcsNotExist")
                    {
                        throw TrustedNotRoot(trusted, "-TrustedAccountId", e);
                    }
                    AttachDtsPolicy(cam, owner, roleName, "was created");
                    return Output(roleId, new[] { TencentPolicyDocuments.DtsReadOnlyPolicy }, true, changes);
                });
            }

            string difference = TencentPolicyDocuments.TrustDifference(role.PolicyDocument, trusted, request.ExternalId);
            if (difference != null)
                throw new DtsCrossAccountException("RoleTrustPolicyMismatch", ErrorCategory.ResourceExists,
                    string.Format("CAM role '{0}' already exists in account {1} and {2}. It was not changed. To make it trust root account {3}, run: {4}",
                        roleName, owner, difference, trusted, SetTrustCommand(owner, roleName, trusted, request.ExternalId)), arn);

            var attached = cam.ListAttachedRolePolicyNames(roleName);
            if (attached.Contains(TencentPolicyDocuments.DtsReadOnlyPolicy, StringComparer.Ordinal))
                return new ChangePlan<CrossAccountRole>(target, Output(role.RoleId, attached.ToArray(), false, null), changes, null);

            changes.Add(string.Format("Complete existing CAM role '{0}' (its trust policy already trusts root account {1}): attach preset policy {2}",
                roleName, trusted, TencentPolicyDocuments.DtsReadOnlyPolicy));
            var after = attached.Concat(new[] { TencentPolicyDocuments.DtsReadOnlyPolicy }).ToArray();
            return new ChangePlan<CrossAccountRole>(target, Output(role.RoleId, after, true, changes), changes, () =>
            {
                AttachDtsPolicy(cam, owner, roleName, "exists");
                return Output(role.RoleId, after, true, changes);
            });
        }

        private void AttachDtsPolicy(TencentCam cam, string owner, string roleName, string roleState)
        {
            try
            {
                cam.AttachRolePolicy(roleName, TencentPolicyDocuments.DtsReadOnlyPolicy);
            }
            catch (CloudApiException e)
            {
                throw new DtsCrossAccountException("RoleIncomplete", ErrorCategory.NotSpecified,
                    string.Format("CAM role '{0}' {1} in account {2}, but attaching {3} failed: [{4}] {5}. The role exists now without the policy; " +
                                  "re-running the same New-DtsCrossAccountRole command completes it.",
                        roleName, roleState, owner, TencentPolicyDocuments.DtsReadOnlyPolicy, e.Code, e.ApiClause), roleName, e);
            }
        }

        /// <summary>
        /// The guide, step 4: "Account ID: Enter the Tencent Cloud root account ID of the target database ... Even if the
        /// target database is owned by a sub-account, you still need to enter the root account ID here."
        /// </summary>
        internal const string RootIdRule = "The guide (Authorizing Account, step 4): \"Enter the Tencent Cloud root account ID of the target database ... " +
            "Even if the target database is owned by a sub-account, you still need to enter the root account ID here.\"";

        internal static DtsCrossAccountException TrustedNotRoot(string trusted, string parameterName, CloudApiException e) =>
            new DtsCrossAccountException("TrustedAccountNotRoot", ErrorCategory.InvalidArgument,
                string.Format("CAM knows no root account {0} ([{1}] {2}), so no role can trust it. {3} {4} must be the ROOT account ID (UIN) of the account " +
                              "that creates the DTS task, shown on its Account Info page; a sub-account's UIN does not work here. A sub-account runs the task " +
                              "after its root account grants it the role: Grant-DtsSubAccountAssumeRole (guide steps 7-11). Nothing was created.",
                    trusted, e.Code, e.ApiClause, RootIdRule, parameterName), trusted, e);

        /// <summary>A UIN that is a sub-account of the role owner's own account is never what step 4 means; caught before any write.</summary>
        private void RefuseOwnSubAccount(TencentCam cam, string owner, string trusted)
        {
            var explanation = SubAccountExplanation(cam, trusted, owner, "-TrustedAccountId");
            if (explanation != null)
                throw new DtsCrossAccountException("TrustedAccountIsSubAccount", ErrorCategory.InvalidArgument, explanation, trusted);
        }

        /// <summary>Null unless <paramref name="uin"/> is a sub-account of the caller's root account <paramref name="root"/> (one CAM read).</summary>
        private static string SubAccountExplanation(TencentCam cam, string uin, string root, string parameterName)
        {
            if (string.IsNullOrEmpty(uin) || uin == root) return null;
            TencentCam.SubAccount sub;
            try { sub = cam.FindSubAccount(uin); }
            catch (CloudApiException) { return null; } // no CAM read right: the check cannot tell, the call itself will
            if (sub == null) return null;
            return string.Format("{0} {1} is sub-account '{2}' of root account {3}, not a root account ID. {4} Use root account {3} as {0}; " +
                                 "the sub-account then runs the task after root account {3} grants it the role with Grant-DtsSubAccountAssumeRole (guide steps 7-11).",
                parameterName, uin, sub.Name, root, RootIdRule);
        }

        /// <summary>For the neutral "wrong account" refusal: whether the ID is a sub-account of the caller's root account.</summary>
        public string ExplainNotRootAccount(string accountId, string parameterName, CallerIdentity caller)
        {
            if (caller == null || accountId == caller.AccountId) return null;
            if (caller.Type == "SubAccount" && accountId == caller.UserId)
                return string.Format("{0} {1} is the UIN of the sub-account these credentials belong to, not a root account ID. {2} Use root account {3} as {0}.",
                    parameterName, accountId, RootIdRule, caller.AccountId);
            return SubAccountExplanation(new TencentCam(Client(_ctx.Credential)), accountId, caller.AccountId, parameterName);
        }

        // ---------------------------------------------------------------- trust policy

        public ChangePlan<CrossAccountRole> PlanTrustPolicy(TrustPolicyRequest request)
        {
            string owner = request.AccountId ?? request.Caller?.AccountId;
            string roleName = request.RoleName ?? DefaultRoleName;
            string arn = TencentPolicyDocuments.RoleArn(owner, roleName);
            var cam = new TencentCam(Client(_ctx.Credential));
            var role = cam.GetRole(roleName);
            if (role == null)
                throw new DtsCrossAccountException("RoleNotFound", ErrorCategory.ObjectNotFound,
                    string.Format("CAM role '{0}' does not exist in account {1}. Create it with: New-DtsCrossAccountRole -Cloud Tencent -AccountId {1} -TrustedAccountId {2} -RoleName {0}{3}",
                        roleName, owner, request.TrustedAccountId, ExternalIdArgument(request.ExternalId)), arn);
            var attached = cam.ListAttachedRolePolicyNames(roleName).ToArray();
            var changes = new List<string>();
            CrossAccountRole Output(bool changed) => new CrossAccountRole
            {
                Cloud = nameof(CloudKind.Tencent), AccountId = owner, RoleName = role.RoleName, RoleId = role.RoleId, Arn = arn,
                TrustedAccountId = request.TrustedAccountId, ExternalId = NullIfEmpty(request.ExternalId), AttachedPolicies = attached,
                Description = role.Description, Changed = changed, Changes = changes.ToArray(),
            };
            string target = "Tencent account " + owner + ", CAM role '" + roleName + "'";
            string difference = TencentPolicyDocuments.TrustDifference(role.PolicyDocument, request.TrustedAccountId, request.ExternalId);
            if (difference == null) return new ChangePlan<CrossAccountRole>(target, Output(false), changes, null);

            changes.Add(string.Format("Update the trust policy of CAM role '{0}' in account {1} ({2}) so that root account {3} may assume it{4}; other statements are kept",
                roleName, owner, difference, request.TrustedAccountId, string.IsNullOrEmpty(request.ExternalId) ? "" : " with the external ID"));
            return new ChangePlan<CrossAccountRole>(target, Output(true), changes, () =>
            {
                var document = TencentPolicyDocuments.ReplaceTrustStatement(role.PolicyDocument, request.TrustedAccountId, request.ExternalId);
                try
                {
                    cam.UpdateAssumeRolePolicy(roleName, Json.Json.Serialize(document));
                }
                catch (CloudApiException e) when (e.Code == "InvalidParameter.PrincipalQcsNotExist")
                {
                    throw TrustedNotRoot(request.TrustedAccountId, "-TrustedAccountId", e);
                }
                return Output(true);
            });
        }

        // ---------------------------------------------------------------- sub-account grant (guide steps 7–11)

        public ChangePlan<AssumeRoleGrant> PlanGrant(GrantRequest request)
        {
            string taskRoot = request.AccountId ?? request.Caller?.AccountId;
            ValidateGrant(request);
            string uin = request.SubAccount;
            string roleName = request.RoleName ?? DefaultRoleName;
            string resource = TencentPolicyDocuments.RoleArn(request.RoleAccountId, roleName);
            string policyName = request.PolicyName ?? DefaultGrantPolicyName(request.RoleAccountId, roleName);
            var document = TencentPolicyDocuments.AssumeRoleGrantPolicy(resource);
            string documentText = Json.Json.Serialize(document);
            var cam = new TencentCam(Client(_ctx.Credential));

            // Every read before any write: a missing sub-account must not leave a stray policy behind.
            var sub = cam.FindSubAccount(uin);
            if (sub == null)
                throw new DtsCrossAccountException("SubAccountNotFound", ErrorCategory.ObjectNotFound,
                    string.Format("Sub-account {0} does not exist in account {1}. Check -SubAccountUin and that the credentials are the root account {1} that owns the sub-account.", uin, taskRoot), uin);
            var existing = cam.FindCustomPolicy(policyName);
            if (existing != null && !TencentPolicyDocuments.SameMeaning(existing.PolicyDocument, documentText))
                throw new DtsCrossAccountException("GrantPolicyMismatch", ErrorCategory.ResourceExists,
                    string.Format("CAM policy '{0}' already exists in account {1} with a different document: it is {2}, but this grant needs {3}. " +
                                  "It was not changed; pass another -PolicyName or fix the policy in the CAM console.",
                        policyName, taskRoot, existing.PolicyDocument, documentText), policyName);
            bool attached = existing != null && cam.ListAttachedUserPolicyIds(uin).Contains(existing.PolicyId);

            var changes = new List<string>();
            if (existing == null)
                changes.Add(string.Format("Create CAM policy '{0}' in account {1} allowing name/sts:AssumeRole on {2}", policyName, taskRoot, resource));
            if (!attached)
                changes.Add(string.Format("Attach policy '{0}' to sub-account {1} ({2})", policyName, uin, sub.Name));
            AssumeRoleGrant Output(long? policyId, bool changed) => new AssumeRoleGrant
            {
                Cloud = nameof(CloudKind.Tencent), AccountId = taskRoot, SubAccountUin = uin, SubAccountName = sub.Name, PolicyName = policyName,
                PolicyId = policyId?.ToString(System.Globalization.CultureInfo.InvariantCulture), Resource = resource,
                Changed = changed, Changes = changes.ToArray(),
            };
            string target = "Tencent account " + taskRoot + ", sub-account " + uin + ", policy '" + policyName + "'";
            if (changes.Count == 0) return new ChangePlan<AssumeRoleGrant>(target, Output(existing.PolicyId, false), changes, null);
            return new ChangePlan<AssumeRoleGrant>(target, Output(existing?.PolicyId, true), changes, () =>
            {
                long policyId;
                try
                {
                    policyId = existing?.PolicyId ?? cam.CreatePolicy(policyName, documentText,
                        "Lets a sub-account assume DTS cross-account role " + resource);
                }
                catch (CloudApiException e) when (e.Code == "FailedOperation.PolicyNameInUse")
                {
                    // Another run created it since the plan was made (V2.5): use it if it says the same.
                    var raced = cam.FindCustomPolicy(policyName);
                    if (raced == null || !TencentPolicyDocuments.SameMeaning(raced.PolicyDocument, documentText))
                        throw new DtsCrossAccountException("GrantPolicyMismatch", ErrorCategory.ResourceExists,
                            string.Format("CAM policy '{0}' was created in account {1} by someone else while this command ran, with a different document. " +
                                          "It was not changed; pass another -PolicyName or fix the policy in the CAM console.", policyName, taskRoot), policyName, e);
                    policyId = raced.PolicyId;
                }
                try
                {
                    cam.AttachUserPolicy(policyId, uin);
                }
                catch (CloudApiException e) when (existing == null)
                {
                    throw new DtsCrossAccountException("GrantIncomplete", ErrorCategory.NotSpecified,
                        string.Format("CAM policy '{0}' was created in account {1}, but attaching it to sub-account {2} failed: [{3}] {4}. " +
                                      "Re-running the same Grant-DtsSubAccountAssumeRole command completes it.", policyName, taskRoot, uin, e.Code, e.ApiClause), policyName, e);
                }
                return Output(policyId, true);
            });
        }

        // ---------------------------------------------------------------- the life cycle's undo

        public ChangePlan<CrossAccountRole> PlanRemoveRole(RemoveRoleRequest request) => new TencentRoleRemover(this).Plan(request);

        public ChangePlan<AssumeRoleGrant> PlanRevokeGrant(GrantRequest request) => new TencentGrantRevoker(this).Plan(request);

        /// <summary>-Engine must be one of the Supported Scope's four engines: the listing is the console's cross-account step.</summary>
        public void ValidateAccessTest(AccessCheckRequest request)
        {
            if (request.Engine != null && TencentSupportedScope.Normalize(request.Engine) == null)
                throw new DtsCrossAccountException("UnsupportedTencentEngine", ErrorCategory.InvalidArgument,
                    string.Format("-Engine '{0}' is not one of the engines Tencent cross-account sync supports: {1}.", InputText.Show(request.Engine), TencentSupportedScope.Describe()),
                    request.Engine);
        }

        public void ValidateGrant(GrantRequest request)
        {
            string uin = request.SubAccount;
            if (string.IsNullOrEmpty(uin) || !UinPattern.IsMatch(uin))
                throw new DtsCrossAccountException("InvalidTencentSubAccountUin", ErrorCategory.InvalidArgument,
                    string.Format("-SubAccountUin '{0}' is not a Tencent Cloud sub-account UIN: use the sub-account's UIN (digits only, e.g. 100012345679), shown on its CAM user page.{1}", InputText.Show(uin), InputText.WhatIsWrong(uin, 20)), uin);
            string roleName = request.RoleName ?? DefaultRoleName;
            string policyName = request.PolicyName ?? DefaultGrantPolicyName(request.RoleAccountId, roleName);
            if (!PolicyNamePattern.IsMatch(policyName))
                throw new DtsCrossAccountException("InvalidTencentPolicyName", ErrorCategory.InvalidArgument,
                    string.Format("-PolicyName '{0}' is not a valid CAM policy name: use 1 to 128 letters, digits and + = , . @ _ -.{1}", InputText.Show(policyName), InputText.WhatIsWrong(policyName, 128)), policyName);
        }

        /// <summary>DTS-AssumeRole-&lt;owner&gt;-&lt;role&gt;: stable, so a re-run finds the same policy; CAM allows 128 characters.</summary>
        internal static string DefaultGrantPolicyName(string roleOwner, string roleName)
        {
            string name = "DTS-AssumeRole-" + roleOwner + "-" + roleName;
            return name.Length <= 128 ? name : name.Substring(0, 128);
        }

        // ---------------------------------------------------------------- access checks and the sync task

        public AccessCheck TestAccess(AccessCheckRequest request) => new TencentAccessDiagnostics(this).Run(request);

        public ChangePlan<SyncTask> PlanSyncTask(SyncTaskRequest request) => new TencentSyncTaskPlanner(this).Plan(request);

        public IReadOnlyList<SyncTask> GetSyncTasks(SyncTaskSelector selector) => new TencentSyncTaskReader(this).Read(selector);

        public ChangePlan<SyncTask> PlanStopSyncTask(SyncTask task, int timeoutSeconds) => new TencentSyncTaskStop(this).Plan(task, timeoutSeconds);

        public ChangePlan<SyncTask> PlanRemoveSyncTask(SyncTask task, int timeoutSeconds) => new TencentSyncTaskRelease(this).Plan(task, timeoutSeconds);

        /// <summary>Engines, initialization and objects are checked before the first call (even "who am I").</summary>
        public void ValidateSyncTask(SyncTaskRequest request) => new TencentSyncTaskPlanner(this).Validate(request);

        public string ExplainSelfTrust(string accountId, string roleName) =>
            "On Tencent Cloud the role is created by the source database's root account and names the target database's ROOT account "
            + "(even when a sub-account of it runs the task).";

        /// <summary>The guide's data sync direction: source in another account, target in the account that runs the task.</summary>
        public string ScenarioNotSupported(string scenario) =>
            scenario == ScenarioPlanner.CrossAccountSource || scenario == ScenarioPlanner.SameAccount
                ? null
                : "Tencent Cloud cross-account sync runs from a source database under another root account to a target database under the account that runs the task "
                  + "(the guide's \"Data sync direction\"). Run the task as the destination owner: -TaskAccountId must equal -DestinationAccountId.";

        public IReadOnlyList<string> ListRoleNames() => new TencentCam(Client(_ctx.Credential)).ListRoleNames();

        public IReadOnlyList<string> Regions => TencentRegions.All;

        public IReadOnlyList<string> Engines(bool source) => TencentSupportedScope.Engines;

        // ---------------------------------------------------------------- helpers shared by the Tencent classes

        internal static string SetTrustCommand(string owner, string roleName, string trusted, string externalId) =>
            string.Format("Set-DtsTrustPolicy -Cloud Tencent -AccountId {0} -RoleName {1} -TrustedAccountId {2}{3} -ProfileName <profile of account {0}>",
                owner, roleName, trusted, ExternalIdArgument(externalId));

        internal static string NewRoleCommand(string owner, string roleName, string trusted, string externalId) =>
            string.Format("New-DtsCrossAccountRole -Cloud Tencent -AccountId {0} -TrustedAccountId {1} -RoleName {2}{3} -ProfileName <profile of account {0}>",
                owner, trusted, roleName, ExternalIdArgument(externalId));

        internal static string GrantCommand(string owner, string roleName, string subUin, string taskRoot) =>
            string.Format("Grant-DtsSubAccountAssumeRole -Cloud Tencent -RoleAccountId {0} -RoleName {1} -SubAccountUin {2} -ProfileName <profile of root account {3}>",
                owner, roleName, subUin, taskRoot);

        // The external ID is not a secret (CAM shows it on the role page), but it is only shown as a placeholder so a
        // wrong one is not echoed into logs next to the role ARN.
        private static string ExternalIdArgument(string externalId) => string.IsNullOrEmpty(externalId) ? "" : " -ExternalId <external ID>";

        internal static string NullIfEmpty(string s) => string.IsNullOrEmpty(s) ? null : s;
    }
}
