using System;
using System.Collections.Generic;
using System.Linq;
using DtsCrossAccount.Core;
using DtsCrossAccount.Services;

namespace DtsCrossAccount.Tencent
{
    /// <summary>
    /// Test-DtsCrossAccountAccess for Tencent: what the DTS console does when the task account picks the peer's region
    /// (assume the role, list the peer's instances), with the guide's FAQ errors turned into remedies.
    /// </summary>
    internal sealed class TencentAccessDiagnostics
    {
        private readonly TencentProvider _provider;

        public TencentAccessDiagnostics(TencentProvider provider)
        {
            _provider = provider;
        }

        /// <summary>STS codes for "the role does not exist" (FAQ 1: "role not exist[InternalError.GetRoleError]").</summary>
        internal static bool IsRoleNotFound(CloudApiException e) =>
            e.Code == "InternalError.GetRoleError" || e.Code == "ResourceNotFound.RoleNotFound" || e.Code == "InternalError.IllegalRole";

        /// <summary>
        /// FAQ 2's text. The guide prints it on one line ("…(sts:AssumeRole), resource (…) has no permission"); SDK issue
        /// threads show it with a line break and no comma. Both forms, any whitespace, anchored to nothing else.
        /// </summary>
        private static readonly System.Text.RegularExpressions.Regex AssumeRoleDenial = new System.Text.RegularExpressions.Regex(
            @"not authorized to perform operation \(sts:AssumeRole\)\s*,?\s*resource \((?<resource>[^)\s]+)\)",
            System.Text.RegularExpressions.RegexOptions.CultureInvariant | System.Text.RegularExpressions.RegexOptions.IgnoreCase);

        /// <summary>The role resource named in FAQ 2's message ("resource (qcs::cam::uin/…:roleName/…)"), or null when the message is another one.</summary>
        internal static string DeniedResource(string message)
        {
            var m = AssumeRoleDenial.Match(message ?? "");
            return m.Success ? m.Groups["resource"].Value : null;
        }

        /// <summary>A denied sts:AssumeRole (FAQ 2): by the STS codes, or by the FAQ's text whatever code carries it.</summary>
        internal static bool IsDenied(CloudApiException e) =>
            e.Code == "AuthFailure.UnauthorizedOperation" || e.Code == "UnauthorizedOperation"
            || (e.Code ?? "").StartsWith("UnauthorizedOperation.", StringComparison.Ordinal)
            || (e.Code ?? "").IndexOf("ExternalId", StringComparison.OrdinalIgnoreCase) >= 0
            || DeniedResource(e.ApiMessage) != null;

        internal static string RoleNotFoundMessage(string owner, string roleName) =>
            string.Format("role not found: check the peer account ID '{0}' and role name '{1}'", owner, roleName);

        /// <summary>The remedy for a denied AssumeRole, by who is calling.</summary>
        internal static string DeniedRemedy(CallerIdentity caller, string owner, string roleName, string externalId)
        {
            string resource = TencentPolicyDocuments.RoleArn(owner, roleName);
            string trustFix = string.Format("ask account {0} to make the role trust root account {1} with the same external ID: {2}" +
                                            " (check that -ExternalId is the one set on the role)",
                owner, caller.AccountId, TencentProvider.SetTrustCommand(owner, roleName, caller.AccountId, externalId));
            if (caller.Type == "SubAccount")
                return string.Format("Sub-account {0} may not assume {1}. Either create the task with root account {2}, or let root account {2} grant it: {3}. " +
                                     "If the grant exists already, {4}.",
                    caller.UserId, resource, caller.AccountId, TencentProvider.GrantCommand(owner, roleName, caller.UserId, caller.AccountId), trustFix);
            return string.Format("The trust policy of {0} does not let root account {1} assume it, or the external ID is wrong: {2}.",
                resource, caller.AccountId, trustFix);
        }

        /// <summary>
        /// Assumes the role with the caller's credentials, as DTS does for the task account; a failure is a check item
        /// with the guide's FAQ diagnosis (role not found, sts:AssumeRole not authorized, wrong external ID).
        /// </summary>
        internal static CheckItem AssumeRoleItem(TencentProvider provider, string name, CallerIdentity caller, string owner, string roleName,
            string externalId, string sessionName, string parameterPrefix, out TencentSts.TemporaryKeys keys)
        {
            keys = null;
            string arn = TencentPolicyDocuments.RoleArn(owner, roleName);
            string who = caller.Type == "Root"
                ? "root account " + caller.AccountId
                : caller.Type == "SubAccount" ? "sub-account " + caller.UserId + " of root account " + caller.AccountId
                : caller.Type + " " + caller.Arn + " of root account " + caller.AccountId;
            try
            {
                keys = new TencentSts(provider.Client(provider.Context.Credential)).AssumeRole(arn, externalId, sessionName);
                return Item(name, CheckResult.Passed, who + " can assume " + arn + ".", null);
            }
            catch (CloudApiException e) when (IsRoleNotFound(e))
            {
                return Item(name, CheckResult.Failed,
                    RoleNotFoundMessage(owner, roleName) + " ([" + e.Code + "] " + e.ApiClause + ").",
                    string.Format("-{1}AccountId must be the root account ID of the source database's owner and -{1}RoleName the role created there. " +
                                  "If the role does not exist yet, the owner creates it with: {0}",
                        TencentProvider.NewRoleCommand(owner, roleName, caller.AccountId, externalId), parameterPrefix));
            }
            catch (CloudApiException e) when (IsDenied(e))
            {
                return Item(name, CheckResult.Failed,
                    "Not allowed to assume " + arn + " ([" + e.Code + "] " + e.ApiClause + ").",
                    DeniedRemedy(caller, owner, roleName, externalId));
            }
            catch (CloudApiException e)
            {
                return Item(name, CheckResult.Failed, "AssumeRole on " + arn + " failed: [" + e.Code + "] " + e.ApiClause + ".",
                    "Check the message above; re-run when it is fixed.");
            }
        }

        public AccessCheck Run(AccessCheckRequest request)
        {
            var ctx = _provider.Context;
            string owner = request.RoleAccountId;
            string roleName = request.RoleName ?? _provider.DefaultRoleName;
            string arn = TencentPolicyDocuments.RoleArn(owner, roleName);
            var checks = new List<CheckItem>();
            var caller = request.Caller ?? _provider.GetCallerIdentity(ctx.Credential);
            string expectedTrusted = request.TrustedAccountId ?? caller.AccountId;

            // 1. Who is calling.
            string who = caller.Type == "Root"
                ? "root account " + caller.AccountId
                : caller.Type == "SubAccount" ? "sub-account " + caller.UserId + " of root account " + caller.AccountId
                : caller.Type + " " + caller.Arn + " of root account " + caller.AccountId;
            string notRoot = caller.AccountId != expectedTrusted ? _provider.ExplainNotRootAccount(expectedTrusted, "-TrustedAccountId", caller) : null;
            if (notRoot != null)
                checks.Add(Item("CallerIdentity", CheckResult.Failed, notRoot,
                    "Make the role trust root account " + caller.AccountId + ": " + TencentProvider.SetTrustCommand(owner, roleName, caller.AccountId, request.ExternalId)
                    + (caller.Type == "SubAccount" ? "; then " + TencentProvider.GrantCommand(owner, roleName, caller.UserId, caller.AccountId) : "")));
            else if (caller.AccountId != expectedTrusted)
                checks.Add(Item("CallerIdentity", CheckResult.Failed,
                    "The task would be created by " + who + ", but -TrustedAccountId is " + expectedTrusted + ".",
                    "Run the test with credentials of account " + expectedTrusted + " (its root or a sub-account), or make the role trust "
                    + caller.AccountId + ": " + TencentProvider.SetTrustCommand(owner, roleName, caller.AccountId, request.ExternalId)));
            else
                checks.Add(Item("CallerIdentity", CheckResult.Passed, "The task would be created by " + who + ".", null));

            // 2. Assume the role, as DTS does on behalf of the task account.
            checks.Add(AssumeRoleItem(_provider, "AssumeRole", caller, owner, roleName, request.ExternalId, "dts-access-check", "Role", out var keys));

            // 3. List the peer's instances in -Region with the temporary keys (the console's step after picking the region).
            if (string.IsNullOrEmpty(request.Region))
                checks.Add(Item("ListInstances", CheckResult.Skipped, "No -Region was given, so the peer's instances were not listed.", null));
            else if (keys == null)
                checks.Add(Item("ListInstances", CheckResult.Skipped, "Needs the temporary keys of the role, which AssumeRole did not give.", null));
            else
            {
                try
                {
                    // The console lists the peer's instances of the source type chosen (DescribeMigrateDBInstances DatabaseType).
                    string engine = TencentSupportedScope.Normalize(request.Engine) ?? "mysql";
                    var instances = new TencentDts(_provider.Client(ctx.Credential), request.Region).ListPeerInstances(engine, keys);
                    checks.Add(Item("ListInstances", CheckResult.Passed,
                        string.Format("{0} {1} instance(s) of account {2} in {3}{4}.", instances.Count, TencentSupportedScope.ProductNames[engine], owner, request.Region,
                            instances.Count == 0 ? "" : ": " + string.Join(", ", instances)), null));
                }
                catch (CloudApiException e)
                {
                    checks.Add(Item("ListInstances", CheckResult.Failed,
                        string.Format("Listing the instances of account {0} in {1} failed: [{2}] {3}.", owner, request.Region, e.Code, e.ApiClause),
                        IsRoleNotFound(e) ? RoleNotFoundMessage(owner, roleName)
                        // The temporary keys ARE the role's: a denial here is the role's own policies, not the grant or the trust.
                        : string.Format("Make sure role '{0}' has the preset policy {1}: {2}", roleName, TencentPolicyDocuments.DtsReadOnlyPolicy,
                            TencentProvider.NewRoleCommand(owner, roleName, caller.AccountId, request.ExternalId))));
                }
            }

            // 4. The role itself, read with the owner's credentials.
            checks.AddRange(OwnerChecks(request, owner, roleName, caller.AccountId));

            // 5. A skipped check proves nothing: the role's DTS policy must have been seen, through the instance listing
            // or from the owner's side; otherwise the listing check fails and says how to settle it.
            bool policySeen = checks.Any(c => (c.Name == "ListInstances" || c.Name == "RolePolicy") && c.Result == CheckResult.Passed);
            int listing = checks.FindIndex(c => c.Name == "ListInstances");
            if (!policySeen && keys != null && checks[listing].Result == CheckResult.Skipped)
                checks[listing] = Item("ListInstances", CheckResult.Failed,
                    string.Format("Not verified: no -Region was given, so account {0}'s instances were not listed through the role, and without the owner's " +
                                  "credentials the role's policies were not read. Nothing shows that role '{1}' has {2}, without which DTS cannot see the instances.",
                        owner, roleName, TencentPolicyDocuments.DtsReadOnlyPolicy),
                    string.Format("Run the test again with -Region <region of the database> (or with -OwnerProfileName <profile of account {0}> to read the role). " +
                                  "If the policy is missing, the owner attaches it: {1}",
                        owner, TencentProvider.NewRoleCommand(owner, roleName, caller.AccountId, request.ExternalId)));

            return new AccessCheck
            {
                Cloud = nameof(CloudKind.Tencent),
                RoleArn = arn,
                Checks = checks.ToArray(),
                Passed = AccessVerdict.Passed(checks),
            };
        }

        private IEnumerable<CheckItem> OwnerChecks(AccessCheckRequest request, string owner, string roleName, string callerRoot)
        {
            var ctx = _provider.Context;
            string[] names = { "RoleTrustPolicy", "RoleExternalId", "RolePolicy" };
            if (ctx.OwnerCredential == null)
                return names.Select(n => Item(n, CheckResult.Skipped,
                    "No -OwnerCredential or -OwnerProfileName of account " + owner + " was given, so the role itself was not read.", null));

            var results = new List<CheckItem>();
            try
            {
                var client = _provider.Client(ctx.OwnerCredential);
                var ownerIdentity = _provider.GetCallerIdentity(ctx.OwnerCredential);
                if (ownerIdentity.AccountId != owner)
                    return names.Select(n => Item(n, CheckResult.Failed,
                        "The owner credentials belong to account " + ownerIdentity.AccountId + ", not " + owner + ", so the role was not read.",
                        "Pass -OwnerProfileName / -OwnerCredential of account " + owner + ", or correct -RoleAccountId."));
                var cam = new TencentCam(client);
                var role = cam.GetRole(roleName);
                if (role == null)
                {
                    string fix = TencentProvider.NewRoleCommand(owner, roleName, callerRoot, request.ExternalId);
                    return names.Select(n => Item(n, CheckResult.Failed,
                        RoleNotFoundMessage(owner, roleName) + ": account " + owner + " has no CAM role '" + roleName + "'.", fix));
                }
                var trust = TencentPolicyDocuments.AnalyzeTrust(role.PolicyDocument);
                string setTrust = TencentProvider.SetTrustCommand(owner, roleName, callerRoot, request.ExternalId);
                if (trust.ExternalIds.TryGetValue(callerRoot, out var ids))
                {
                    results.Add(Item(names[0], CheckResult.Passed, "The trust policy lets root account " + callerRoot + " assume the role.", null));
                    string difference = TencentPolicyDocuments.TrustDifference(role.PolicyDocument, callerRoot, request.ExternalId);
                    results.Add(difference == null
                        ? Item(names[1], CheckResult.Passed, ids.Count == 0 ? "The role needs no external ID." : "The external ID matches the role's condition.", null)
                        : Item(names[1], CheckResult.Failed, "The role " + difference.Replace("its trust policy", "trust policy") + ".",
                            "Pass the external ID that was set on the role with -ExternalId, or change it: " + setTrust));
                }
                else
                {
                    results.Add(Item(names[0], CheckResult.Failed,
                        "The trust policy of role '" + roleName + "' does not name root account " + callerRoot
                        + (trust.TrustedRoots.Count == 0 ? "." : "; it trusts " + string.Join(", ", trust.TrustedRoots) + "."),
                        setTrust));
                    results.Add(Item(names[1], CheckResult.Skipped, "The trust policy does not name root account " + callerRoot + ".", null));
                }
                var attached = cam.ListAttachedRolePolicyNames(roleName);
                results.Add(attached.Contains(TencentPolicyDocuments.DtsReadOnlyPolicy, StringComparer.Ordinal)
                    ? Item(names[2], CheckResult.Passed, "Preset policy " + TencentPolicyDocuments.DtsReadOnlyPolicy + " is attached.", null)
                    : Item(names[2], CheckResult.Failed, "Preset policy " + TencentPolicyDocuments.DtsReadOnlyPolicy + " is not attached to role '" + roleName + "'.",
                        "Re-running New-DtsCrossAccountRole completes the role: " + TencentProvider.NewRoleCommand(owner, roleName, callerRoot, request.ExternalId)));
            }
            catch (CloudApiException e)
            {
                results = names.Select(n => Item(n, CheckResult.Failed,
                    "Reading role '" + roleName + "' with the owner credentials failed: [" + e.Code + "] " + e.ApiClause + ".",
                    "The owner credentials need CAM read access (e.g. QcloudCamReadOnlyAccess) in account " + owner + ".")).ToList();
            }
            return results;
        }

        internal static CheckItem Item(string name, string result, string message, string remedy) =>
            new CheckItem { Name = name, Result = result, Message = message, Remedy = remedy };
    }
}
