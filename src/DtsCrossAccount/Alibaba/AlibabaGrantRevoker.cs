using System;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using DtsCrossAccount.Core;
using DtsCrossAccount.Services;

namespace DtsCrossAccount.Alibaba
{
    /// <summary>
    /// Undoes Grant-DtsSubAccountAssumeRole on Alibaba Cloud: detaches the custom policy from the RAM user
    /// (DetachPolicyFromUser) and deletes it when no other user, group or role has it (ListEntitiesForPolicy). RAM's
    /// DeletePolicy needs the policy unattached and without non-default versions (DeleteConflict.Policy.User / .Group /
    /// .Version), so those versions are deleted first (ListPolicyVersions, DeletePolicyVersion). A policy whose
    /// document is not the grant's is left alone.
    /// </summary>
    internal sealed class AlibabaGrantRevoker
    {
        private readonly AlibabaProvider _provider;

        public AlibabaGrantRevoker(AlibabaProvider provider)
        {
            _provider = provider;
        }

        public ChangePlan<AssumeRoleGrant> Plan(GrantRequest request)
        {
            string taskAccount = request.AccountId;
            string userName = request.SubAccount;
            string roleName = string.IsNullOrEmpty(request.RoleName) ? _provider.DefaultRoleName : request.RoleName;
            string policyName = string.IsNullOrEmpty(request.PolicyName) ? AlibabaProvider.DefaultGrantPolicyName(request.RoleAccountId, roleName) : request.PolicyName;
            string target = "Alibaba account " + taskAccount + ", RAM user '" + userName + "', policy '" + policyName + "'";
            var reporter = _provider.Reporter;
            var ram = _provider.Ram();
            var changes = new List<string>();

            var user = ram.GetUser(userName);
            var document = ram.GetCustomPolicyDocument(policyName);
            AssumeRoleGrant Output(string resource, bool changed, IEnumerable<string> done) => new AssumeRoleGrant
            {
                Cloud = nameof(CloudKind.Alibaba), AccountId = taskAccount, SubAccountUin = user?.Key, SubAccountName = user?.Value ?? userName,
                PolicyName = policyName, Resource = resource, Changed = changed, Changes = done.ToArray(),
            };
            if (document == null)
            {
                reporter.Verbose("Custom policy '" + policyName + "' does not exist in account " + taskAccount + ": nothing to revoke.");
                return new ChangePlan<AssumeRoleGrant>(target, Output(null, false, changes), changes, null);
            }
            string resource = AlibabaTrustPolicy.GrantResource(document);
            string expected = string.IsNullOrEmpty(request.RoleAccountId) ? null : AlibabaTrustPolicy.RoleArn(request.RoleAccountId, roleName);
            if (resource == null || (expected != null && !string.Equals(resource, expected, StringComparison.OrdinalIgnoreCase)))
            {
                throw new DtsCrossAccountException("GrantPolicyMismatch", ErrorCategory.InvalidOperation,
                    "Custom policy '" + policyName + "' in account " + taskAccount + " is not the grant Grant-DtsSubAccountAssumeRole makes"
                    + (expected == null ? " (allow sts:AssumeRole on one role)" : " for role " + expected) + ": its document is " + document + ". It was not changed.",
                    policyName,
                    remedy: "Check -PolicyName; detach or delete that policy in the RAM console if it is really to go.");
            }

            bool attached = user != null && ram.ListPoliciesForUser(userName).Any(p =>
                string.Equals(p.Value, policyName, StringComparison.OrdinalIgnoreCase) && string.Equals(p.Key ?? AlibabaProvider.CustomPolicyType, AlibabaProvider.CustomPolicyType, StringComparison.OrdinalIgnoreCase));
            var others = OtherHolders(ram, policyName, userName);
            if (attached)
                changes.Add("Detach custom policy '" + policyName + "' from RAM user '" + userName + "' in account " + taskAccount);
            if (others.Count == 0)
                changes.Add("Delete custom policy '" + policyName + "' in account " + taskAccount);
            else
                reporter.Verbose("Custom policy '" + policyName + "' stays: it is also attached to " + string.Join(", ", others) + ".");

            return new ChangePlan<AssumeRoleGrant>(target, Output(resource, changes.Count > 0, changes), changes, () =>
            {
                var done = new List<string>();
                if (attached && ram.DetachPolicyFromUser(AlibabaProvider.CustomPolicyType, policyName, userName)) done.Add(changes[0]);
                if (others.Count == 0)
                {
                    var now = OtherHolders(ram, policyName, userName);
                    if (now.Count > 0)
                    {
                        reporter.Warning("Custom policy '" + policyName + "' was kept: it was attached to " + string.Join(", ", now) + " while this command ran.");
                        return Output(resource, done.Count > 0, done);
                    }
                    foreach (var version in ram.ListNonDefaultPolicyVersions(policyName))
                    {
                        reporter.Verbose("Deleting version " + version + " of custom policy '" + policyName + "' (RAM deletes a policy only without non-default versions).");
                        ram.DeletePolicyVersion(policyName, version);
                    }
                    try
                    {
                        if (ram.DeletePolicy(policyName)) done.Add(changes[changes.Count - 1]);
                    }
                    catch (CloudApiException e) when (e.Code.StartsWith("DeleteConflict.Policy.", StringComparison.Ordinal))
                    {
                        reporter.Warning("Custom policy '" + policyName + "' was kept: RAM refused to delete it [" + e.Code + "] " + e.ApiMessage);
                    }
                }
                return Output(resource, done.Count > 0, done);
            });
        }

        private static List<string> OtherHolders(AlibabaRam ram, string policyName, string userName) =>
            ram.ListEntitiesForPolicy(AlibabaProvider.CustomPolicyType, policyName)
                .Where(e => !(e.Key == "user" && string.Equals(e.Value, userName, StringComparison.OrdinalIgnoreCase)))
                .Select(e => e.Key + " " + e.Value)
                .ToList();
    }
}
