using System;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using System.Text.RegularExpressions;
using DtsCrossAccount.Core;
using DtsCrossAccount.Services;
using DtsCrossAccount.Transport;

namespace DtsCrossAccount.Alibaba
{
    /// <summary>
    /// Alibaba Cloud behind the common seam: RAM role + AliyunDTSRolePolicy + trust policy in the database owner's account
    /// (the seed document's three steps), the task account's permission to assume it, the access test, and the DTS sync task.
    /// </summary>
    internal sealed class AlibabaProvider : ICloudProvider
    {
        internal const string SystemPolicyType = "System";
        internal const string CustomPolicyType = "Custom";

        private static readonly Regex AccountIdPattern = InputText.Whole("[0-9]{16}");
        private static readonly Regex RoleNamePattern = InputText.Whole("[A-Za-z0-9.-]{1,64}");
        private static readonly Regex UserNamePattern = InputText.Whole("[A-Za-z0-9.@_-]{1,64}");
        private static readonly Regex PolicyNamePattern = InputText.Whole("[A-Za-z0-9-]{1,128}");

        private readonly ProviderContext _ctx;

        internal ProviderContext Context => _ctx;

        public AlibabaProvider(ProviderContext ctx)
        {
            _ctx = ctx ?? throw new ArgumentNullException(nameof(ctx));
        }

        public CloudKind Cloud => CloudKind.Alibaba;

        public string DefaultRoleName => "ram-for-dts";

        internal IOperationReporter Reporter => _ctx.Reporter ?? NullReporter.Instance;

        // ---------------------------------------------------------------- validation (no calls)

        public void ValidateAccountId(string value, string parameterName)
        {
            if (value == null || !AccountIdPattern.IsMatch(value))
            {
                throw Invalid("InvalidAccountId", parameterName,
                    Param(parameterName) + " '" + InputText.Show(value) + "' is not an Alibaba Cloud account ID. Use the 16-digit account ID (UID) shown on the Security Settings page of the account, for example 1000000000000001." + InputText.WhatIsWrong(value, 16));
            }
        }

        public void ValidateRoleName(string value, string parameterName)
        {
            if (value == null || !RoleNamePattern.IsMatch(value))
            {
                throw Invalid("InvalidRoleName", parameterName,
                    Param(parameterName) + " '" + InputText.Show(value) + "' is not a valid RAM role name. Use 1 to 64 letters, digits, '.' or '-' (no '_' or spaces), for example " + DefaultRoleName + "." + InputText.WhatIsWrong(value, 64));
            }
        }

        public void ValidateRegion(string value, string parameterName)
        {
            if (!AlibabaRegions.IsKnown(value))
            {
                throw Invalid("InvalidRegion", parameterName,
                    Param(parameterName) + " '" + InputText.Show(value) + "' is not an Alibaba Cloud region ID the module knows. Use a region ID such as cn-hangzhou, cn-shanghai or ap-southeast-1; "
                    + "Finance Cloud: " + string.Join(", ", AlibabaRegions.FinanceRegions) + "; government cloud: " + string.Join(", ", AlibabaRegions.GovernmentRegions) + ".");
            }
        }

        /// <summary>STS AssumeRole ExternalId: 2 to 1,224 characters (sts-20150401 AssumeRoleRequest).</summary>
        public int MaxExternalIdLength => 1224;

        /// <summary>RAM CreateRole: the description is 1 to 1,024 characters (alibabacloud.com/help/en/ram/developer-reference/api-ram-2015-05-01-createrole).</summary>
        public void ValidateDescription(string value, string parameterName) =>
            InputText.RequireFreeText(value, parameterName, 1024, "InvalidDescription", "RAM CreateRole: 1 to 1,024 characters");

        /// <summary>ConfigureDtsJob DtsJobName: no documented limit; 128 characters on one line here.</summary>
        public void ValidateTaskName(string value, string parameterName) =>
            InputText.RequireFreeText(value, parameterName, 128, "InvalidTaskName", "DTS documents no limit for DtsJobName; the module allows 128");

        internal static void ValidateRamUserName(string value, string parameterName)
        {
            if (value == null || !UserNamePattern.IsMatch(value))
            {
                throw Invalid("InvalidRamUserName", parameterName,
                    Param(parameterName) + " '" + InputText.Show(value) + "' is not a valid RAM user name. Use 1 to 64 letters, digits, '.', '@', '_' or '-', for example dts-operator (the name, not the user ID)." + InputText.WhatIsWrong(value, 64));
            }
        }

        internal static void ValidatePolicyName(string value, string parameterName)
        {
            if (value == null || !PolicyNamePattern.IsMatch(value))
            {
                throw Invalid("InvalidPolicyName", parameterName,
                    Param(parameterName) + " '" + InputText.Show(value) + "' is not a valid RAM policy name. Use 1 to 128 letters, digits or '-', for example DTS-AssumeRole-1000000000000001-ram-for-dts." + InputText.WhatIsWrong(value, 128));
            }
        }

        private static string Param(string parameterName) => InputText.Dash(parameterName);

        internal static DtsCrossAccountException Invalid(string errorId, string target, string message) =>
            new DtsCrossAccountException(errorId, ErrorCategory.InvalidArgument, message, target);

        // ---------------------------------------------------------------- clients

        internal AlibabaApiClient Client(CloudCredential credential)
        {
            if (credential == null)
                throw new DtsCrossAccountException("CredentialRequired", ErrorCategory.AuthenticationError,
                    "No Alibaba Cloud credential was found. Pass -ProfileName, -Credential (AccessKey ID as user name, AccessKey secret as password) or set ALIBABA_CLOUD_ACCESS_KEY_ID / ALIBABA_CLOUD_ACCESS_KEY_SECRET.");
            return new AlibabaApiClient(credential, new EndpointResolver(_ctx.EndpointOverride), Reporter, _ctx.Transport);
        }

        internal AlibabaRam Ram(CloudCredential credential = null) => new AlibabaRam(Client(credential ?? _ctx.Credential));
        internal AlibabaSts Sts(CloudCredential credential = null) => new AlibabaSts(Client(credential ?? _ctx.Credential));

        /// <summary>Asked once per key for the life of the process (CallerIdentityCache): a key never changes owner.</summary>
        public CallerIdentity GetCallerIdentity(CloudCredential credential) =>
            CallerIdentityCache.GetOrAdd(Cloud, _ctx.EndpointOverride, credential ?? _ctx.Credential, () => Sts(credential).GetCallerIdentity());

        // ---------------------------------------------------------------- role

        public ChangePlan<CrossAccountRole> PlanRole(RoleRequest request)
        {
            var owner = request.AccountId;
            var trusted = request.TrustedAccountId;
            var name = BeginTrustWrite(owner, trusted, request.RoleName, request.ExternalId, request.Caller);

            var ram = Ram();
            Reporter.Verbose("Reading RAM role '" + name + "' in account " + owner + ".");
            var role = ram.GetRole(name);
            var changes = new List<string>();
            string[] attached = new string[0];
            bool dtsPolicyAttached = false;
            if (role == null)
            {
                changes.Add("Create RAM role '" + name + "' in account " + owner + " trusting account " + trusted + " (RAM principal "
                    + AlibabaTrustPolicy.RootPrincipal(trusted) + ", Service principal " + AlibabaTrustPolicy.ServicePrincipal(trusted) + ")");
                changes.Add("Attach system policy " + AlibabaTrustPolicy.RolePolicyName + " to role '" + name + "'");
            }
            else
            {
                var diffs = AlibabaTrustPolicy.Differences(AlibabaTrustPolicy.Parse(role.AssumeRolePolicyDocument), trusted);
                if (diffs.Count > 0) throw TrustMismatch(owner, name, trusted, diffs, role.AssumeRolePolicyDocument);
                var policies = ram.ListPoliciesForRole(name);
                attached = policies.Select(p => p.Value).ToArray();
                dtsPolicyAttached = HasDtsRolePolicy(policies);
                if (!dtsPolicyAttached)
                    changes.Add("Attach system policy " + AlibabaTrustPolicy.RolePolicyName + " to role '" + name + "' in account " + owner);
            }

            var current = BuildRole(request, name, role, attached, changes);
            var target = "Alibaba account " + owner + ", RAM role '" + name + "'";
            return new ChangePlan<CrossAccountRole>(target, current, changes, () => ApplyRole(request, name, role, attached, dtsPolicyAttached, changes));
        }

        /// <summary>
        /// The fewest calls: a role created here has no policies yet, and CreateRole answers the saved role (trust policy
        /// included, as GetRole would), so neither is read back; an existing role's policies were read by the plan.
        /// </summary>
        private CrossAccountRole ApplyRole(RoleRequest request, string name, AlibabaRoleInfo existing, string[] attachedBefore, bool dtsPolicyAttached, List<string> changes)
        {
            var owner = request.AccountId;
            var trusted = request.TrustedAccountId;
            var ram = Ram();
            var done = new List<string>();
            var saved = existing;
            var attached = attachedBefore;
            if (existing == null)
            {
                var document = Json.Json.Serialize(AlibabaTrustPolicy.Build(trusted));
                var description = string.IsNullOrEmpty(request.Description)
                    ? "DTS cross-account access for the task account " + trusted
                    : request.Description;
                try
                {
                    Reporter.Verbose("Creating RAM role '" + name + "' in account " + owner + " trusting account " + trusted + ".");
                    saved = ram.CreateRole(name, document, description);
                    done.Add(changes[0]);
                }
                catch (CloudApiException e) when (e.Code == "EntityAlreadyExists.Role")
                {
                    // Created meanwhile (another run): accept it only if it means the same, and see what it already has.
                    saved = ram.GetRole(name);
                    var diffs = AlibabaTrustPolicy.Differences(AlibabaTrustPolicy.Parse(saved?.AssumeRolePolicyDocument), trusted);
                    if (diffs.Count > 0) throw TrustMismatch(owner, name, trusted, diffs, saved?.AssumeRolePolicyDocument);
                    var policies = ram.ListPoliciesForRole(name);
                    attached = policies.Select(p => p.Value).ToArray();
                    dtsPolicyAttached = HasDtsRolePolicy(policies);
                }
            }
            if (!dtsPolicyAttached)
            {
                Reporter.Verbose("Attaching system policy " + AlibabaTrustPolicy.RolePolicyName + " to role '" + name + "'.");
                ram.AttachPolicyToRole(SystemPolicyType, AlibabaTrustPolicy.RolePolicyName, name);
                done.Add("Attach system policy " + AlibabaTrustPolicy.RolePolicyName + " to role '" + name + "'");
                attached = attached.Concat(new[] { AlibabaTrustPolicy.RolePolicyName }).ToArray();
            }

            // The console's "Service changes to dts.aliyuncs.com" symptom shows only in the saved document (CreateRole's answer).
            var view = AlibabaTrustPolicy.Inspect(AlibabaTrustPolicy.Parse(saved?.AssumeRolePolicyDocument));
            if (view.Collapsed) throw CollapsedError(owner, name, trusted);

            var role = BuildRole(request, name, saved, attached, done);
            role.Changed = done.Count > 0;
            return role;
        }

        private CrossAccountRole BuildRole(RoleRequest request, string name, AlibabaRoleInfo role, string[] attached, List<string> changes)
        {
            return new CrossAccountRole
            {
                Cloud = nameof(CloudKind.Alibaba),
                AccountId = request.AccountId,
                RoleName = role?.RoleName ?? name,
                RoleId = role?.RoleId,
                Arn = role?.Arn ?? AlibabaTrustPolicy.RoleArn(request.AccountId, name),
                TrustedAccountId = request.TrustedAccountId,
                ExternalId = request.ExternalId,
                AttachedPolicies = attached,
                Description = role?.Description ?? request.Description,
                Changed = changes.Count > 0,
                Changes = changes.ToArray(),
                Scenario = request.Scenario,
                Endpoint = request.Endpoint,
            };
        }

        internal static bool HasDtsRolePolicy(IEnumerable<KeyValuePair<string, string>> policies) =>
            policies.Any(p => string.Equals(p.Value, AlibabaTrustPolicy.RolePolicyName, StringComparison.Ordinal)
                && (p.Key == null || string.Equals(p.Key, SystemPolicyType, StringComparison.OrdinalIgnoreCase)));

        // ---------------------------------------------------------------- trust policy

        /// <summary>What every write of a role's trust does first (no call): refusals, then the guide's warnings. Returns the role name.</summary>
        private string BeginTrustWrite(string owner, string trusted, string roleName, string externalId, CallerIdentity caller)
        {
            var name = string.IsNullOrEmpty(roleName) ? DefaultRoleName : roleName;
            RefuseSelfTrust(owner, trusted, name, "TrustedAccountId");
            WarnIfNotRoot(caller);
            WarnIfExternalId(externalId);
            return name;
        }

        public ChangePlan<CrossAccountRole> PlanTrustPolicy(TrustPolicyRequest request)
        {
            var owner = request.AccountId;
            var trusted = request.TrustedAccountId;
            var name = BeginTrustWrite(owner, trusted, request.RoleName, request.ExternalId, request.Caller);

            var ram = Ram();
            var role = ram.GetRole(name);
            if (role == null)
            {
                throw new DtsCrossAccountException("RoleNotFound", ErrorCategory.ObjectNotFound,
                    "RAM role '" + name + "' does not exist in account " + owner + ". Create it with: " + AlibabaMessages.NewRoleCommand(owner, name, trusted), name);
            }
            var document = AlibabaTrustPolicy.Parse(role.AssumeRolePolicyDocument);
            var diffs = AlibabaTrustPolicy.Differences(document, trusted);
            var policies = ram.ListPoliciesForRole(name);
            var changes = new List<string>();
            if (diffs.Count > 0)
            {
                changes.Add("Update the trust policy of RAM role '" + name + "' in account " + owner + ": " + string.Join("; ", diffs)
                    + " (statements unrelated to DTS are kept)");
            }
            var asRequest = new RoleRequest { AccountId = owner, TrustedAccountId = trusted, RoleName = name, ExternalId = request.ExternalId };
            var current = BuildRole(asRequest, name, role, policies.Select(p => p.Value).ToArray(), changes);
            var target = "Alibaba account " + owner + ", RAM role '" + name + "' trust policy";
            return new ChangePlan<CrossAccountRole>(target, current, changes, () =>
            {
                var merged = AlibabaTrustPolicy.Merge(document, trusted);
                Reporter.Verbose("Updating the trust policy of RAM role '" + name + "' in account " + owner + " to trust account " + trusted + ".");
                // UpdateRole answers the saved role: its document shows a collapse without reading the role back.
                var saved = ram.UpdateTrustPolicy(name, Json.Json.Serialize(merged));
                var view = AlibabaTrustPolicy.Inspect(AlibabaTrustPolicy.Parse(saved?.AssumeRolePolicyDocument));
                if (view.Collapsed) throw CollapsedError(owner, name, trusted);
                var result = BuildRole(asRequest, name, saved ?? role, policies.Select(p => p.Value).ToArray(), changes);
                result.Changed = true;
                if (!HasDtsRolePolicy(policies))
                {
                    Reporter.Warning("Role '" + name + "' in account " + owner + " does not have the system policy " + AlibabaTrustPolicy.RolePolicyName
                        + " attached; DTS cannot read the database without it. Attach it with: " + AlibabaMessages.NewRoleCommand(owner, name, trusted));
                }
                return result;
            });
        }

        // ---------------------------------------------------------------- grant

        /// <summary>The Alibaba access test lists RDS instances (the console's step); -Engine is not used.</summary>
        public void ValidateAccessTest(AccessCheckRequest request)
        {
            if (!string.IsNullOrEmpty(request.Engine))
                Reporter.Warning("-Engine is used on Tencent Cloud only; the Alibaba Cloud access test lists the owner's RDS instances.");
        }

        public void ValidateGrant(GrantRequest request)
        {
            if (string.IsNullOrEmpty(request.SubAccount))
                throw Invalid("RamUserNameRequired", "RamUserName", "Name the RAM user of the task account that creates the DTS task: -RamUserName <name>, for example -RamUserName dts-operator.");
            ValidateRamUserName(request.SubAccount, "RamUserName");
            var roleName = string.IsNullOrEmpty(request.RoleName) ? DefaultRoleName : request.RoleName;
            ValidatePolicyName(string.IsNullOrEmpty(request.PolicyName) ? DefaultGrantPolicyName(request.RoleAccountId, roleName) : request.PolicyName, "PolicyName");
        }

        public ChangePlan<AssumeRoleGrant> PlanGrant(GrantRequest request)
        {
            var taskAccount = request.AccountId ?? request.Caller?.AccountId;
            var owner = request.RoleAccountId;
            var roleName = string.IsNullOrEmpty(request.RoleName) ? DefaultRoleName : request.RoleName;
            var userName = request.SubAccount;
            ValidateGrant(request);
            var policyName = string.IsNullOrEmpty(request.PolicyName) ? DefaultGrantPolicyName(owner, roleName) : request.PolicyName;
            var roleArn = AlibabaTrustPolicy.RoleArn(owner, roleName);
            var desired = AlibabaTrustPolicy.BuildAssumeRolePolicy(owner, roleName);

            var ram = Ram();
            // The user must exist before anything is written (a typo must not leave an orphan policy behind).
            var user = ram.GetUser(userName);
            if (user == null)
            {
                throw new DtsCrossAccountException("RamUserNotFound", ErrorCategory.ObjectNotFound,
                    "RAM user '" + userName + "' does not exist in account " + taskAccount + ". Pass the name of an existing RAM user of the task account (RAM console > Identities > Users) to -RamUserName.", userName);
            }
            var changes = new List<string>();
            var existingDocument = ram.GetCustomPolicyDocument(policyName);
            if (existingDocument == null)
            {
                changes.Add("Create custom policy '" + policyName + "' in account " + taskAccount + " allowing sts:AssumeRole on " + roleArn);
            }
            else
            {
                var stored = AlibabaTrustPolicy.Parse(existingDocument);
                if (!AlibabaTrustPolicy.SameMeaning(stored, desired))
                {
                    throw new DtsCrossAccountException("PolicyDocumentMismatch", ErrorCategory.ResourceExists,
                        "Custom policy '" + policyName + "' already exists in account " + taskAccount + " with a different document: "
                        + AlibabaTrustPolicy.DescribeDifference(stored, desired) + ". It was not changed. Pass another name with -PolicyName, "
                        + "or edit that policy in the RAM console so that it only allows sts:AssumeRole on " + roleArn + ".", policyName);
                }
            }
            var attachedToUser = ram.ListPoliciesForUser(userName)
                .Any(p => string.Equals(p.Value, policyName, StringComparison.Ordinal) && string.Equals(p.Key ?? CustomPolicyType, CustomPolicyType, StringComparison.OrdinalIgnoreCase));
            if (!attachedToUser)
                changes.Add("Attach custom policy '" + policyName + "' to RAM user '" + userName + "' in account " + taskAccount);

            var grant = new AssumeRoleGrant
            {
                Cloud = nameof(CloudKind.Alibaba),
                AccountId = taskAccount,
                SubAccountUin = user.Value.Key,
                SubAccountName = user.Value.Value,
                PolicyName = policyName,
                Resource = roleArn,
                Changed = changes.Count > 0,
                Changes = changes.ToArray(),
            };
            var target = "Alibaba account " + taskAccount + ", RAM user '" + userName + "', policy '" + policyName + "'";
            return new ChangePlan<AssumeRoleGrant>(target, grant, changes, () =>
            {
                if (existingDocument == null)
                {
                    try
                    {
                        Reporter.Verbose("Creating custom policy '" + policyName + "' in account " + taskAccount + ".");
                        ram.CreatePolicy(policyName, Json.Json.Serialize(desired), "Lets RAM users assume " + roleArn + " for cross-account DTS tasks");
                    }
                    catch (CloudApiException e) when (e.Code == "EntityAlreadyExists.Policy")
                    {
                        var raced = ram.GetCustomPolicyDocument(policyName);
                        if (raced == null || !AlibabaTrustPolicy.SameMeaning(AlibabaTrustPolicy.Parse(raced), desired)) throw;
                    }
                }
                if (!attachedToUser)
                {
                    Reporter.Verbose("Attaching custom policy '" + policyName + "' to RAM user '" + userName + "'.");
                    ram.AttachPolicyToUser(CustomPolicyType, policyName, userName);
                }
                grant.Changed = true;
                return grant;
            });
        }

        /// <summary>DTS-AssumeRole-&lt;owner&gt;-&lt;role&gt;, within RAM's policy-name rules (letters, digits, '-', ≤128).</summary>
        internal static string DefaultGrantPolicyName(string ownerAccountId, string roleName)
        {
            var raw = "DTS-AssumeRole-" + ownerAccountId + "-" + roleName;
            var cleaned = new string(raw.Select(c => char.IsLetterOrDigit(c) && c < 128 ? c : '-').ToArray());
            return cleaned.Length > 128 ? cleaned.Substring(0, 128) : cleaned;
        }

        // ---------------------------------------------------------------- access test and sync task

        public AccessCheck TestAccess(AccessCheckRequest request) => new AlibabaAccessTester(this, _ctx).Run(request);

        public void ValidateSyncTask(SyncTaskRequest request) => new AlibabaSyncPlanner(this, _ctx).Validate(request);

        /// <summary>Alibaba account IDs are 16-digit root IDs and RAM users are named, so an ID cannot be a user's: nothing to explain.</summary>
        public string ExplainNotRootAccount(string accountId, string parameterName, CallerIdentity caller) => null;

        public string ExplainSelfTrust(string accountId, string roleName) => AlibabaMessages.SelfTrust(accountId, roleName);

        /// <summary>All three of the guide's scenarios are supported.</summary>
        public string ScenarioNotSupported(string scenario) => null;

        public IReadOnlyList<string> ListRoleNames() => Ram().ListRoleNames();

        public IReadOnlyList<string> Regions => AlibabaRegions.All;

        public IReadOnlyList<string> Engines(bool source) => source ? AlibabaSupportMatrix.SourceEngineNames : AlibabaSupportMatrix.DestinationEngineNames;

        public ChangePlan<SyncTask> PlanSyncTask(SyncTaskRequest request) => new AlibabaSyncPlanner(this, _ctx).Plan(request);

        // ---------------------------------------------------------------- shared checks

        internal static void RefuseSelfTrust(string owner, string trusted, string roleName, string parameterName)
        {
            if (!string.IsNullOrEmpty(owner) && string.Equals(owner, trusted, StringComparison.Ordinal))
                throw new DtsCrossAccountException("TrustedAccountIsRoleOwner", ErrorCategory.InvalidArgument, AlibabaMessages.SelfTrust(owner, roleName), parameterName);
        }

        private void WarnIfExternalId(string externalId)
        {
            if (!string.IsNullOrEmpty(externalId))
                Reporter.Warning("-ExternalId is not used on Alibaba Cloud: the DTS cross-account trust policy of the guide has no external ID condition, so none is written.");
        }

        internal void WarnIfNotRoot(CallerIdentity caller)
        {
            if (caller != null && !string.IsNullOrEmpty(caller.Type) && !caller.IsRoot)
                Reporter.Warning(AlibabaMessages.RamUserWarning(caller));
        }

        private static DtsCrossAccountException TrustMismatch(string owner, string name, string trusted, List<string> diffs, string document)
        {
            var view = AlibabaTrustPolicy.Inspect(AlibabaTrustPolicy.Parse(document));
            var message = "RAM role '" + name + "' already exists in account " + owner + " and its trust policy does not match the one DTS needs for the task account "
                + trusted + ": " + string.Join("; ", diffs) + ". The role was not changed."
                + (view.Collapsed ? " " + AlibabaMessages.Collapsed(owner, name, trusted) : "")
                + " To make it trust " + trusted + " (statements unrelated to DTS are kept), run: " + AlibabaMessages.SetTrustCommand(owner, name, trusted)
                + ", or pick another -RoleName.";
            return new DtsCrossAccountException("RoleTrustPolicyMismatch", ErrorCategory.ResourceExists, message, name);
        }

        private static DtsCrossAccountException CollapsedError(string owner, string name, string trusted)
        {
            return new DtsCrossAccountException("TrustPolicyServiceCollapsed", ErrorCategory.InvalidResult,
                AlibabaMessages.Collapsed(owner, name, trusted) + " Check that " + trusted + " is the account ID of the account that creates the DTS task "
                + "(Security Settings page of that account), then run: " + AlibabaMessages.SetTrustCommand(owner, name, "<ID of the task account>"), name);
        }
    }
}
