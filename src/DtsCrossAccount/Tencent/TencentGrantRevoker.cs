using System;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using DtsCrossAccount.Core;
using DtsCrossAccount.Services;

namespace DtsCrossAccount.Tencent
{
    /// <summary>
    /// Undoes Grant-DtsSubAccountAssumeRole on Tencent Cloud: detaches the custom policy from the sub-account
    /// (DetachUserPolicy) and deletes it (DeletePolicy) when no other user, group or role still has it
    /// (ListEntitiesForPolicy, read again just before the delete: CAM's DeletePolicy would silently drop those attachments).
    /// A policy whose document is not the grant's is left alone.
    /// </summary>
    internal sealed class TencentGrantRevoker
    {
        private readonly TencentProvider _provider;

        public TencentGrantRevoker(TencentProvider provider)
        {
            _provider = provider;
        }

        public ChangePlan<AssumeRoleGrant> Plan(GrantRequest request)
        {
            string taskRoot = request.AccountId;
            string uin = request.SubAccount;
            string policyName = request.PolicyName ?? TencentProvider.DefaultGrantPolicyName(request.RoleAccountId, request.RoleName ?? _provider.DefaultRoleName);
            string target = "Tencent account " + taskRoot + ", sub-account " + uin + ", policy '" + policyName + "'";
            var reporter = _provider.Context.Reporter;
            var cam = new TencentCam(_provider.Client(_provider.Context.Credential));
            var changes = new List<string>();

            var sub = cam.FindSubAccount(uin);
            var policy = cam.FindCustomPolicy(policyName);
            AssumeRoleGrant Output(string resource, bool changed, IEnumerable<string> done) => new AssumeRoleGrant
            {
                Cloud = nameof(CloudKind.Tencent), AccountId = taskRoot, SubAccountUin = uin, SubAccountName = sub?.Name, PolicyName = policyName,
                PolicyId = policy?.PolicyId.ToString(System.Globalization.CultureInfo.InvariantCulture), Resource = resource,
                Changed = changed, Changes = done.ToArray(),
            };
            if (policy == null)
            {
                reporter.Verbose("CAM policy '" + policyName + "' does not exist in account " + taskRoot + ": nothing to revoke.");
                return new ChangePlan<AssumeRoleGrant>(target, Output(null, false, changes), changes, null);
            }
            string resource = TencentPolicyDocuments.GrantResource(policy.PolicyDocument);
            string expected = string.IsNullOrEmpty(request.RoleAccountId) ? null : TencentPolicyDocuments.RoleArn(request.RoleAccountId, request.RoleName ?? _provider.DefaultRoleName);
            if (resource == null || (expected != null && resource != expected))
            {
                throw new DtsCrossAccountException("GrantPolicyMismatch", ErrorCategory.InvalidOperation,
                    string.Format("CAM policy '{0}' in account {1} is not the grant Grant-DtsSubAccountAssumeRole makes{2}: its document is {3}. It was not changed.",
                        policyName, taskRoot, expected == null ? " (allow name/sts:AssumeRole on one role)" : " for role " + expected, policy.PolicyDocument), policyName,
                    remedy: "Check -PolicyName; detach or delete that policy in the CAM console if it is really to go.");
            }

            bool attached = sub != null && cam.ListAttachedUserPolicyIds(uin).Contains(policy.PolicyId);
            var others = OtherHolders(cam, policy.PolicyId, uin);
            if (attached)
                changes.Add(string.Format("Detach policy '{0}' from sub-account {1} ({2})", policyName, uin, sub.Name));
            if (others.Count == 0)
                changes.Add(string.Format("Delete CAM policy '{0}' in account {1}", policyName, taskRoot));
            else
                reporter.Verbose(string.Format("CAM policy '{0}' stays: it is also attached to {1}.", policyName, string.Join(", ", others)));

            return new ChangePlan<AssumeRoleGrant>(target, Output(resource, changes.Count > 0, changes), changes, () =>
            {
                var done = new List<string>();
                if (attached)
                {
                    try
                    {
                        cam.DetachUserPolicy(policy.PolicyId, uin);
                        done.Add(changes[0]);
                    }
                    catch (CloudApiException e) when (e.Code == "InvalidParameter.PolicyIdNotExist" || e.Code == "InvalidParameter.UserNotExist")
                    {
                    }
                }
                if (others.Count == 0)
                {
                    // Read again: a grant for another sub-account made since the plan must keep its policy.
                    var now = OtherHolders(cam, policy.PolicyId, uin);
                    if (now.Count > 0)
                        reporter.Warning(string.Format("CAM policy '{0}' was kept: it was attached to {1} while this command ran.", policyName, string.Join(", ", now)));
                    else if (cam.DeletePolicy(policy.PolicyId))
                        done.Add(changes[changes.Count - 1]);
                }
                return Output(resource, done.Count > 0, done);
            });
        }

        private static List<string> OtherHolders(TencentCam cam, long policyId, string uin) =>
            cam.ListEntitiesForPolicy(policyId)
                .Where(e => !(e.RelatedType == 1 && string.Equals(e.Uin, uin, StringComparison.Ordinal)))
                .Select(e => e.ToString())
                .ToList();
    }
}
