using System;
using System.Collections.Generic;
using System.Linq;
using DtsCrossAccount.Core;
using DtsCrossAccount.Json;
using DtsCrossAccount.Services;

namespace DtsCrossAccount.Alibaba
{
    /// <summary>
    /// Test-DtsCrossAccountAccess for Alibaba: what the console would reject, checked from both sides.
    /// The owner side (role, policy, trust) needs the owner's credential; the task side runs with the caller's.
    /// A failed check is data with a remedy, never an exception.
    /// </summary>
    internal sealed class AlibabaAccessTester
    {
        internal const string RdsVersion = "2014-08-15";

        private readonly AlibabaProvider _provider;
        private readonly ProviderContext _ctx;

        public AlibabaAccessTester(AlibabaProvider provider, ProviderContext ctx)
        {
            _provider = provider;
            _ctx = ctx;
        }

        public AccessCheck Run(AccessCheckRequest request)
        {
            var owner = request.RoleAccountId;
            var name = string.IsNullOrEmpty(request.RoleName) ? _provider.DefaultRoleName : request.RoleName;
            var caller = request.Caller ?? _provider.GetCallerIdentity(_ctx.Credential);
            var trusted = string.IsNullOrEmpty(request.TrustedAccountId) ? caller.AccountId : request.TrustedAccountId;
            var roleArn = AlibabaTrustPolicy.RoleArn(owner, name);
            var checks = new List<CheckItem>();

            CheckOwnerSide(owner, name, trusted, checks);
            CheckTaskSide(request, caller, owner, name, trusted, roleArn, checks);
            RequirePolicySeen(owner, name, trusted, checks);

            return new AccessCheck
            {
                Cloud = nameof(CloudKind.Alibaba),
                RoleArn = roleArn,
                Checks = checks.ToArray(),
                Passed = AccessVerdict.Passed(checks),
            };
        }

        private static bool PassedCheck(List<CheckItem> checks, string name) => checks.Any(c => c.Name == name && c.Result == CheckResult.Passed);

        /// <summary>
        /// A skipped check proves nothing: when the role was assumed but neither the instance listing (no -Region) nor the
        /// owner side showed AliyunDTSRolePolicy on it, the listing check fails and says how to settle it.
        /// </summary>
        private static void RequirePolicySeen(string owner, string name, string trusted, List<CheckItem> checks)
        {
            if (PassedCheck(checks, "RolePolicyAttached") || !PassedCheck(checks, "AssumeRole")) return;
            int listing = checks.FindIndex(c => c.Name == "ListOwnerInstances");
            if (listing < 0 || checks[listing].Result != CheckResult.Skipped) return;
            checks[listing] = Item("ListOwnerInstances", CheckResult.Failed,
                "Not verified: no -Region was given, so account " + owner + "'s instances were not listed through the role, and without the owner's credentials "
                + "the role's policies were not read. Nothing shows that role '" + name + "' has " + AlibabaTrustPolicy.RolePolicyName
                + ", without which DTS cannot reach the database instances.",
                "Run the test again with -Region <region of the database> (or with -OwnerProfileName <profile of account " + owner + "> to read the role). "
                + "If the policy is missing, the owner attaches it: " + AlibabaMessages.NewRoleCommand(owner, name, trusted) + " -ProfileName <root profile of " + owner + ">");
        }

        // ------------------------------------------------------------ owner side (account A's RAM)

        private void CheckOwnerSide(string owner, string name, string trusted, List<CheckItem> checks)
        {
            if (_ctx.OwnerCredential == null)
            {
                const string why = "Needs the database owner's credentials: pass -OwnerProfileName or -OwnerCredential of account ";
                foreach (var n in new[] { "RoleIsRamRole", "RolePolicyAttached", "TrustPolicyRamPrincipal", "TrustPolicyServicePrincipal" })
                    checks.Add(Item(n, CheckResult.Skipped, why + owner + " to check the role itself.", null));
                return;
            }

            AlibabaRam ram;
            try
            {
                var ownerIdentity = _provider.GetCallerIdentity(_ctx.OwnerCredential);
                if (ownerIdentity.AccountId != owner)
                {
                    checks.Add(Item("OwnerIdentity", CheckResult.Failed,
                        "The owner credential belongs to account " + ownerIdentity.AccountId + ", not to the role owner " + owner + ".",
                        "Pass -OwnerProfileName / -OwnerCredential of account " + owner + ", or correct -RoleAccountId."));
                    return;
                }
                checks.Add(Item("OwnerIdentity", CheckResult.Passed, "Owner credential: " + ownerIdentity.Type + " " + ownerIdentity.Arn + ".", null));
                ram = _provider.Ram(_ctx.OwnerCredential);
            }
            catch (CloudApiException e)
            {
                checks.Add(Item("OwnerIdentity", CheckResult.Failed, "The owner credential was refused: " + e.Message, "Check the AccessKey of account " + owner + "."));
                return;
            }

            AlibabaRoleInfo role;
            List<KeyValuePair<string, string>> policies;
            try
            {
                role = ram.GetRole(name);
                if (role == null)
                {
                    var user = ram.GetUser(name);
                    if (user != null)
                    {
                        checks.Add(Item("RoleIsRamRole", CheckResult.Failed,
                            "'" + name + "' in account " + owner + " is a RAM USER, not a RAM role. The guide warns: \"" + AlibabaMessages.RolesNotUsers + "\"",
                            "Create the RAM role (the user can stay; it is not used by DTS): " + AlibabaMessages.NewRoleCommand(owner, name, trusted)
                            + " -ProfileName <root profile of " + owner + ">"));
                    }
                    else
                    {
                        checks.Add(Item("RoleIsRamRole", CheckResult.Failed, "RAM role '" + name + "' does not exist in account " + owner + ".",
                            "Create it: " + AlibabaMessages.NewRoleCommand(owner, name, trusted) + " -ProfileName <root profile of " + owner + ">"));
                    }
                    return;
                }
                checks.Add(Item("RoleIsRamRole", CheckResult.Passed, "RAM role '" + name + "' exists in account " + owner + " (" + role.Arn + ").", null));
                policies = ram.ListPoliciesForRole(name);
            }
            catch (CloudApiException e)
            {
                checks.Add(Item("RoleIsRamRole", CheckResult.Failed, "Reading role '" + name + "' failed: " + e.Message,
                    "Use the root account of " + owner + " (or a RAM user with AliyunRAMReadOnlyAccess) as the owner credential."));
                return;
            }

            if (AlibabaProvider.HasDtsRolePolicy(policies))
            {
                checks.Add(Item("RolePolicyAttached", CheckResult.Passed, "System policy " + AlibabaTrustPolicy.RolePolicyName + " is attached.", null));
            }
            else
            {
                checks.Add(Item("RolePolicyAttached", CheckResult.Failed,
                    "System policy " + AlibabaTrustPolicy.RolePolicyName + " is not attached to role '" + name + "' (attached: "
                    + (policies.Count == 0 ? "none" : string.Join(", ", policies.Select(p => p.Value))) + "); DTS cannot access the database instances of " + owner + ".",
                    "Attach it (the command keeps an existing matching role and only adds the policy): " + AlibabaMessages.NewRoleCommand(owner, name, trusted)
                    + " -ProfileName <root profile of " + owner + ">"));
            }

            var view = AlibabaTrustPolicy.Inspect(AlibabaTrustPolicy.Parse(role.AssumeRolePolicyDocument));
            var fix = AlibabaMessages.SetTrustCommand(owner, name, trusted) + " -ProfileName <root profile of " + owner + ">";
            var ramAccounts = view.RamAccounts.ToList();
            if (ramAccounts.Contains(trusted))
            {
                checks.Add(Item("TrustPolicyRamPrincipal", CheckResult.Passed, "The RAM principal names the task account " + trusted + ".", null));
            }
            else
            {
                var why = ramAccounts.Contains(owner)
                    ? " It names the role's own account " + owner + ": the trust policy must carry the ID of the account that CREATES the DTS task."
                    : "";
                checks.Add(Item("TrustPolicyRamPrincipal", CheckResult.Failed,
                    "The trust policy's RAM principal is [" + string.Join(", ", view.Ram) + "], expected " + AlibabaTrustPolicy.RootPrincipal(trusted) + "." + why, fix));
            }

            var expectedService = AlibabaTrustPolicy.ServicePrincipal(trusted);
            if (view.Service.Contains(expectedService))
            {
                checks.Add(Item("TrustPolicyServicePrincipal", CheckResult.Passed, "The Service principal is " + expectedService + ".", null));
            }
            else if (view.Collapsed)
            {
                checks.Add(Item("TrustPolicyServicePrincipal", CheckResult.Failed, AlibabaMessages.Collapsed(owner, name, trusted), fix));
            }
            else
            {
                checks.Add(Item("TrustPolicyServicePrincipal", CheckResult.Failed,
                    "The trust policy's Service principal is [" + string.Join(", ", view.Service) + "], expected " + expectedService
                    + " (it lets DTS act for the task account " + trusted + ").", fix));
            }
        }

        // ------------------------------------------------------------ task side (account C, the caller)

        private void CheckTaskSide(AccessCheckRequest request, CallerIdentity caller, string owner, string name, string trusted, string roleArn, List<CheckItem> checks)
        {
            if (caller.AccountId != trusted)
            {
                checks.Add(Item("CallerIdentity", CheckResult.Failed,
                    "The credentials belong to account " + caller.AccountId + ", but the task account (trusted by the role) is " + trusted + ".",
                    "Run the test with the credentials of the account that creates the DTS task (" + trusted + "), or pass -TrustedAccountId " + caller.AccountId + " if that account creates it."));
            }
            else
            {
                checks.Add(Item("CallerIdentity", CheckResult.Passed, "Caller: " + caller.Type + " " + caller.Arn + " of task account " + caller.AccountId + ".", null));
            }

            CloudCredential roleKeys = null;
            const string rootRefused = "Alibaba Cloud STS refuses root AccessKeys (\"Roles may not be assumed by root accounts\")";
            if (caller.IsRoot && PassedCheck(checks, "RoleIsRamRole"))
            {
                checks.Add(Item("AssumeRole", CheckResult.Skipped,
                    "Not called: the credentials are the root account's, and " + rootRefused + ". The role was read from the owner's side instead (the checks above); "
                    + "DTS itself assumes the role for the task account through the Service principal, so a root-created task does not need this call.",
                    "To test the RAM trust end to end as well, run again with a RAM user of account " + caller.AccountId + " (-ProfileName or -Credential) that is allowed to assume the role ("
                    + AlibabaMessages.GrantCommand(owner, name, "<user>") + ")."));
            }
            else if (caller.IsRoot)
            {
                // Nothing else can show the role: without the owner's credentials it was not read, and root keys cannot assume it.
                checks.Add(Item("AssumeRole", CheckResult.Failed,
                    "Not verified: the credentials are the root account's, and " + rootRefused + "; the role was not read from the owner's side either"
                    + (_ctx.OwnerCredential == null ? " (no -OwnerProfileName or -OwnerCredential)" : "")
                    + ". Nothing shows that role " + roleArn + " exists, has " + AlibabaTrustPolicy.RolePolicyName + " and trusts account " + trusted + ".",
                    "Run the test again with -OwnerProfileName <profile of account " + owner + "> (or -OwnerCredential) to read the role, or as a RAM user of account "
                    + caller.AccountId + " allowed to assume it (" + AlibabaMessages.GrantCommand(owner, name, "<user>") + "). "
                    + "If the role does not exist or lacks the policy, its owner runs: " + AlibabaMessages.NewRoleCommand(owner, name, trusted) + " -ProfileName <root profile of " + owner + ">; "
                    + "if it trusts another account: " + AlibabaMessages.SetTrustCommand(owner, name, trusted) + " -ProfileName <root profile of " + owner + ">"));
            }
            else
            {
                try
                {
                    roleKeys = _provider.Sts().AssumeRole(roleArn, "dts-access-check");
                    checks.Add(Item("AssumeRole", CheckResult.Passed, caller.Arn + " assumed " + roleArn + ".", null));
                }
                catch (CloudApiException e) when (e.Code == "EntityNotExist.Role")
                {
                    checks.Add(Item("AssumeRole", CheckResult.Failed,
                        "STS says role " + roleArn + " does not exist (" + e.Code + "): the role name or the owner account ID " + owner + " is wrong, or the role was created as a user.",
                        "Check -RoleAccountId (the database owner's 16-digit ID) and -RoleName; create the role with: " + AlibabaMessages.NewRoleCommand(owner, name, trusted)
                        + " -ProfileName <root profile of " + owner + ">"));
                }
                catch (CloudApiException e) when (e.Code != null && (e.Code.StartsWith("NoPermission", StringComparison.Ordinal) || e.Code.StartsWith("Forbidden", StringComparison.Ordinal)))
                {
                    var user = UserNameOf(caller);
                    checks.Add(Item("AssumeRole", CheckResult.Failed,
                        caller.Arn + " may not assume " + roleArn + " (" + e.Code + ": " + e.ApiClause + "). Either the RAM user lacks permission for sts:AssumeRole on the role, "
                        + "or the role's trust policy does not trust account " + caller.AccountId + ".",
                        "Grant the RAM user: " + AlibabaMessages.GrantCommand(owner, name, user) + "; and make sure the role trusts the task account: "
                        + AlibabaMessages.SetTrustCommand(owner, name, caller.AccountId) + " -ProfileName <root profile of " + owner + ">"));
                }
                catch (CloudApiException e)
                {
                    checks.Add(Item("AssumeRole", CheckResult.Failed, "AssumeRole on " + roleArn + " failed: " + e.Message, null));
                }
            }

            var region = request.Region ?? _ctx.Region;
            if (string.IsNullOrEmpty(region))
            {
                checks.Add(Item("ListOwnerInstances", CheckResult.Skipped, "No -Region given: the instance listing was not tried.", "Pass -Region <region of the database>."));
            }
            else if (roleKeys == null)
            {
                checks.Add(Item("ListOwnerInstances", CheckResult.Skipped, "Needs the role's temporary keys from AssumeRole, which were not obtained.", null));
            }
            else
            {
                try
                {
                    var body = _provider.Client(roleKeys).Call("rds", RdsVersion, "DescribeDBInstances",
                        new Dictionary<string, string> { ["RegionId"] = region, ["PageSize"] = "100" }, region);
                    var ids = (body.GetObject("Items")?.GetObjects("DBInstance") ?? Enumerable.Empty<JsonObject>())
                        .Select(i => i.GetString("DBInstanceId")).Where(i => i != null).ToList();
                    checks.Add(Item("ListOwnerInstances", CheckResult.Passed,
                        "Through the role, " + ids.Count + " RDS instance(s) of account " + owner + " are visible in " + region
                        + (ids.Count > 0 ? ": " + string.Join(", ", ids) : "") + ".", null));
                }
                catch (CloudApiException e)
                {
                    checks.Add(Item("ListOwnerInstances", CheckResult.Failed,
                        "Listing the RDS instances of " + owner + " in " + region + " through the role failed: " + e.Code + " " + e.ApiMessage,
                        "Attach " + AlibabaTrustPolicy.RolePolicyName + " to the role: " + AlibabaMessages.NewRoleCommand(owner, name, trusted) + " -ProfileName <root profile of " + owner + ">"));
                }
            }

            checks.Add(CheckDtsServiceRole(caller.AccountId));
        }

        /// <summary>
        /// The seed's prerequisite "Grant permissions to DTS to access cloud resources" = the service role
        /// AliyunDTSDefaultRole exists in the task account (read with the caller's own credentials).
        /// </summary>
        internal CheckItem CheckDtsServiceRole(string accountId)
        {
            try
            {
                var role = _provider.Ram().GetRole(AlibabaMessages.DtsServiceRoleName);
                if (role != null)
                    return Item("DtsServiceAuthorized", CheckResult.Passed, "DTS is authorized in account " + accountId + " (service role " + AlibabaMessages.DtsServiceRoleName + " exists).", null);
                return Item("DtsServiceAuthorized", CheckResult.Failed, AlibabaMessages.DtsServiceRoleMissing(accountId),
                    "In account " + accountId + ", complete \"Grant permissions to DTS to access cloud resources\" (DTS console authorization prompt), then run the test again.");
            }
            catch (CloudApiException e)
            {
                return Item("DtsServiceAuthorized", CheckResult.Warning,
                    "Could not read role " + AlibabaMessages.DtsServiceRoleName + " in account " + accountId + " (" + e.Code + "); the caller may lack RAM read permission.",
                    "Run the test with the root account of " + accountId + " or a RAM user with AliyunRAMReadOnlyAccess.");
            }
        }

        internal static string UserNameOf(CallerIdentity caller)
        {
            // acs:ram::<account>:user/<name>
            var arn = caller.Arn ?? "";
            var i = arn.LastIndexOf("user/", StringComparison.OrdinalIgnoreCase);
            return i >= 0 ? arn.Substring(i + 5) : "<RAM user name>";
        }

        internal static CheckItem Item(string name, string result, string message, string remedy) =>
            new CheckItem { Name = name, Result = result, Message = message, Remedy = remedy };
    }
}
