using System;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using DtsCrossAccount.Core;
using DtsCrossAccount.Services;

namespace DtsCrossAccount.Alibaba
{
    /// <summary>
    /// Undoes New-DtsCrossAccountRole on Alibaba Cloud: detaches AliyunDTSRolePolicy (DetachPolicyFromRole) and deletes
    /// the RAM role (DeleteRole, which RAM refuses with DeleteConflict.Role.Policy while any policy is attached). A role
    /// carrying policies the module did not attach is refused unless Force.
    /// </summary>
    internal sealed class AlibabaRoleRemover
    {
        private readonly AlibabaProvider _provider;

        public AlibabaRoleRemover(AlibabaProvider provider)
        {
            _provider = provider;
        }

        public ChangePlan<CrossAccountRole> Plan(RemoveRoleRequest request)
        {
            string owner = request.AccountId;
            string name = request.RoleName;
            string target = "Alibaba account " + owner + ", RAM role '" + name + "'";
            var ram = _provider.Ram();
            var changes = new List<string>();

            var role = ram.GetRole(name);
            if (role == null)
            {
                _provider.Reporter.Verbose("RAM role '" + name + "' does not exist in account " + owner + ": nothing to remove.");
                return new ChangePlan<CrossAccountRole>(target, Output(owner, name, null, null, new string[0], false, changes), changes, null);
            }
            List<KeyValuePair<string, string>> policies;
            try
            {
                policies = ram.ListPoliciesForRole(name);
            }
            catch (CloudApiException e) when (e.Code == "EntityNotExist.Role")
            {
                // Deleted between the two reads (another run): gone is what was asked for.
                return new ChangePlan<CrossAccountRole>(target, Output(owner, name, null, null, new string[0], false, changes), changes, null);
            }
            var foreign = policies.Where(p => !AlibabaProvider.HasDtsRolePolicy(new[] { p })).ToList();
            if (foreign.Count > 0 && !request.Force) throw OtherPolicies(owner, name, foreign);

            string trusted = AlibabaTrustPolicy.Inspect(AlibabaTrustPolicy.Parse(role.AssumeRolePolicyDocument)).RamAccounts.FirstOrDefault();
            var order = policies.OrderBy(p => foreign.Contains(p) ? 1 : 0).ToList();
            foreach (var p in order)
                changes.Add(foreign.Contains(p)
                    ? "Detach " + (p.Key ?? "Custom").ToLowerInvariant() + " policy " + p.Value + " (not attached by New-DtsCrossAccountRole; -Force) from RAM role '" + name + "'"
                    : "Detach system policy " + p.Value + " from RAM role '" + name + "'");
            changes.Add("Delete RAM role '" + name + "' in account " + owner);
            var attached = policies.Select(p => p.Value).ToArray();

            return new ChangePlan<CrossAccountRole>(target, Output(owner, name, role, trusted, attached, true, changes), changes, () =>
            {
                var done = new List<string>();
                for (int i = 0; i < order.Count; i++)
                {
                    _provider.Reporter.Verbose("Detaching policy " + order[i].Value + " from RAM role '" + name + "'.");
                    if (ram.DetachPolicyFromRole(order[i].Key ?? AlibabaProvider.CustomPolicyType, order[i].Value, name)) done.Add(changes[i]);
                }
                try
                {
                    if (ram.DeleteRole(name)) done.Add(changes[changes.Count - 1]);
                }
                catch (CloudApiException e) when (e.Code == "DeleteConflict.Role.Policy")
                {
                    // A policy was attached while this command ran: name it rather than leave RAM's bare code.
                    var now = ram.ListPoliciesForRole(name);
                    throw new DtsCrossAccountException("RoleHasOtherPolicies", ErrorCategory.InvalidOperation,
                        "RAM role '" + name + "' in account " + owner + " was given policies while this command ran (" + string.Join(", ", now.Select(p => p.Value))
                        + "), so RAM refused to delete it [" + e.Code + "]. " + (done.Count > 0 ? "Done so far: " + string.Join("; ", done) + "." : ""),
                        name, e,
                        remedy: "Run the same command again to see them, and add -Force to detach them too.");
                }
                return Output(owner, name, role, trusted, attached, done.Count > 0, done);
            });
        }

        private static DtsCrossAccountException OtherPolicies(string owner, string name, List<KeyValuePair<string, string>> foreign) =>
            new DtsCrossAccountException("RoleHasOtherPolicies", ErrorCategory.InvalidOperation,
                "RAM role '" + name + "' in account " + owner + " also has policies New-DtsCrossAccountRole did not attach: "
                + string.Join(", ", foreign.Select(p => p.Value + " (" + (p.Key ?? "Custom") + ")")) + ". It was not changed: something else may use the role.",
                name,
                remedy: "Detach those policies in the RAM console (Identities > Roles > " + name + " > Permissions) and run the command again, or add -Force to detach them too and delete the role: "
                        + "Remove-DtsCrossAccountRole -Cloud Alibaba -AccountId " + owner + " -RoleName " + name + " -Force -ProfileName <profile of account " + owner + ">");

        private static CrossAccountRole Output(string owner, string name, AlibabaRoleInfo role, string trusted, string[] attached, bool changed, IEnumerable<string> changes) =>
            new CrossAccountRole
            {
                Cloud = nameof(CloudKind.Alibaba), AccountId = owner, RoleName = role?.RoleName ?? name, RoleId = role?.RoleId,
                Arn = role?.Arn ?? AlibabaTrustPolicy.RoleArn(owner, name), TrustedAccountId = trusted, AttachedPolicies = attached,
                Description = role?.Description, Changed = changed, Changes = changes.ToArray(),
            };
    }
}
