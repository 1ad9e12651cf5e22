using System;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using DtsCrossAccount.Core;
using DtsCrossAccount.Services;

namespace DtsCrossAccount.Tencent
{
    /// <summary>
    /// Undoes New-DtsCrossAccountRole on Tencent Cloud: detaches QcloudDTSReadOnlyAccess (DetachRolePolicy) and deletes
    /// the CAM role (DeleteRole). A role carrying policies the module did not attach is someone else's too: refused
    /// unless Force. CAM's DeleteRole documents no "policies still attached" error (it drops the attachments), so the
    /// refusal is the module's own, made from ListAttachedRolePolicies before any write.
    /// </summary>
    internal sealed class TencentRoleRemover
    {
        private readonly TencentProvider _provider;

        public TencentRoleRemover(TencentProvider provider)
        {
            _provider = provider;
        }

        public ChangePlan<CrossAccountRole> Plan(RemoveRoleRequest request)
        {
            string owner = request.AccountId;
            string roleName = request.RoleName;
            string arn = TencentPolicyDocuments.RoleArn(owner, roleName);
            string target = "Tencent account " + owner + ", CAM role '" + roleName + "'";
            var cam = new TencentCam(_provider.Client(_provider.Context.Credential));
            var changes = new List<string>();

            var role = cam.GetRole(roleName);
            if (role == null)
            {
                _provider.Context.Reporter.Verbose("CAM role '" + roleName + "' does not exist in account " + owner + ": nothing to remove.");
                return new ChangePlan<CrossAccountRole>(target, Output(owner, roleName, arn, null, null, Array.Empty<string>(), false, changes), changes, null);
            }

            List<string> attached;
            try
            {
                attached = cam.ListAttachedRolePolicyNames(roleName);
            }
            catch (CloudApiException e) when (e.Code == "InvalidParameter.RoleNotExist")
            {
                // Deleted between the two reads (another run): gone is what was asked for.
                return new ChangePlan<CrossAccountRole>(target, Output(owner, roleName, arn, null, null, Array.Empty<string>(), false, changes), changes, null);
            }
            var foreign = attached.Where(p => !string.Equals(p, TencentPolicyDocuments.DtsReadOnlyPolicy, StringComparison.Ordinal)).ToList();
            if (foreign.Count > 0 && !request.Force)
            {
                throw new DtsCrossAccountException("RoleHasOtherPolicies", ErrorCategory.InvalidOperation,
                    string.Format("CAM role '{0}' in account {1} also has policies New-DtsCrossAccountRole did not attach: {2}. It was not changed: " +
                                  "something else may use the role.", roleName, owner, string.Join(", ", foreign)), arn,
                    remedy: string.Format("Detach those policies in the CAM console (Roles > {0} > Permissions) and run the command again, or add -Force to detach them too and delete the role: " +
                                          "Remove-DtsCrossAccountRole -Cloud Tencent -AccountId {1} -RoleName {0} -Force -ProfileName <profile of account {1}>", roleName, owner));
            }

            string trusted = TencentPolicyDocuments.AnalyzeTrust(role.PolicyDocument).TrustedRoots.FirstOrDefault();
            // Ours first, so a run stopped half-way leaves the foreign ones (the -Force part) for the re-run to list.
            var order = attached.OrderBy(p => foreign.Contains(p) ? 1 : 0).ToList();
            foreach (var policy in order)
                changes.Add(foreign.Contains(policy)
                    ? string.Format("Detach policy {0} (not attached by New-DtsCrossAccountRole; -Force) from CAM role '{1}'", policy, roleName)
                    : string.Format("Detach preset policy {0} from CAM role '{1}'", policy, roleName));
            changes.Add(string.Format("Delete CAM role '{0}' in account {1}", roleName, owner));

            var planned = Output(owner, roleName, arn, role.RoleId, trusted, attached.ToArray(), true, changes);
            return new ChangePlan<CrossAccountRole>(target, planned, changes, () =>
            {
                var done = new List<string>();
                for (int i = 0; i < order.Count; i++)
                {
                    try
                    {
                        cam.DetachRolePolicy(roleName, order[i]);
                        done.Add(changes[i]);
                    }
                    catch (CloudApiException e) when (e.Code == "InvalidParameter.RoleNotExist")
                    {
                        // Another run deleted the role meanwhile: what this run was asked to do is done.
                        return Output(owner, roleName, arn, role.RoleId, trusted, attached.ToArray(), done.Count > 0, done);
                    }
                    catch (CloudApiException e) when (e.Code == "InvalidParameter.PolicyIdNotExist")
                    {
                    }
                }
                if (cam.DeleteRole(roleName)) done.Add(changes[changes.Count - 1]);
                return Output(owner, roleName, arn, role.RoleId, trusted, attached.ToArray(), done.Count > 0, done);
            });
        }

        private static CrossAccountRole Output(string owner, string roleName, string arn, string roleId, string trusted, string[] attached, bool changed, IEnumerable<string> changes) =>
            new CrossAccountRole
            {
                Cloud = nameof(CloudKind.Tencent), AccountId = owner, RoleName = roleName, RoleId = roleId, Arn = arn,
                TrustedAccountId = trusted, AttachedPolicies = attached, Changed = changed, Changes = changes.ToArray(),
            };
    }
}
