using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Linq;
using System.Management.Automation;
using DtsCrossAccount.Core;
using DtsCrossAccount.Json;
using DtsCrossAccount.Services;

namespace DtsCrossAccount.Alibaba
{
    /// <summary>Read-only checks before anything is bought: DTS authorized in the task account, the cross-account roles assumable.</summary>
    internal sealed class AlibabaSyncPreflight
    {
        private readonly AlibabaProvider _provider;

        public AlibabaSyncPreflight(AlibabaProvider provider)
        {
            _provider = provider;
        }

        private IOperationReporter Reporter => _provider.Reporter;

        /// <summary>
        /// Before buying anything: DTS authorized in the task account (service role), and, when the caller is a RAM user,
        /// each cross-account role assumable. A root caller cannot assume roles (STS refuses root keys); then the DTS precheck
        /// is what checks the roles.
        /// </summary>
        public void CheckAuthorization(AlibabaSyncSpec t)
        {
            var problems = new List<string>();
            try
            {
                if (_provider.Ram().GetRole(AlibabaMessages.DtsServiceRoleName) == null)
                    problems.Add(AlibabaMessages.DtsServiceRoleMissing(t.TaskAccountId));
            }
            catch (CloudApiException e)
            {
                Reporter.Verbose("Could not read " + AlibabaMessages.DtsServiceRoleName + " in account " + t.TaskAccountId + " (" + e.Code + "); the DTS precheck will tell.");
            }

            var caller = t.Request.Caller;
            var crossSides = new[] { t.Source, t.Destination }.Where(e => e.CrossAccount).ToList();
            if (crossSides.Count > 0 && caller != null && !caller.IsRoot && !string.IsNullOrEmpty(caller.Type))
            {
                var sts = _provider.Sts();
                foreach (var side in crossSides)
                {
                    var arn = AlibabaTrustPolicy.RoleArn(side.AccountId, side.RoleName);
                    try
                    {
                        sts.AssumeRole(arn, "dts-task-check");
                        Reporter.Verbose("The " + side.Label + " role " + arn + " can be assumed by " + caller.Arn + ".");
                    }
                    catch (CloudApiException e) when (e.Code == "EntityNotExist.Role" || (e.Code ?? "").StartsWith("NoPermission", StringComparison.Ordinal))
                    {
                        problems.Add(DescribeSideProblem(t, side, e));
                    }
                }
            }
            else if (crossSides.Count > 0)
            {
                Reporter.Verbose("The caller is the root account of " + t.TaskAccountId + "; STS refuses root keys, so the cross-account roles ("
                    + string.Join(", ", crossSides.Select(s => AlibabaTrustPolicy.RoleArn(s.AccountId, s.RoleName))) + ") are checked by the DTS precheck.");
            }

            if (problems.Count > 0)
            {
                var twoWay = t.Request.TwoWay && crossSides.Count > 0
                    ? "For a cross-account two-way synchronization task, both the source and destination database accounts must complete RAM authorization separately. "
                    : "";
                throw new DtsCrossAccountException("CrossAccountAuthorizationMissing", ErrorCategory.PermissionDenied,
                    twoWay + "Nothing was bought. " + string.Join(" ", problems), t.Request.Name);
            }
        }

        private static string DescribeSideProblem(AlibabaSyncSpec t, AlibabaSyncSpec.Side side, CloudApiException e)
        {
            var owner = side.AccountId;
            var task = t.TaskAccountId;
            var what = e.Code == "EntityNotExist.Role"
                ? "role '" + side.RoleName + "' does not exist in account " + owner
                : "the caller may not assume role '" + side.RoleName + "' of account " + owner + " (" + e.Code + ")";
            return "The " + side.Label + " side (account " + owner + ") is not authorized for task account " + task + ": " + what + ". Fix it with the root account of " + owner + ": "
                + AlibabaMessages.NewRoleCommand(owner, side.RoleName, task) + " (or " + AlibabaMessages.SetTrustCommand(owner, side.RoleName, task)
                + " if the role exists), and allow the RAM user with " + AlibabaMessages.GrantCommand(owner, side.RoleName, AlibabaAccessTester.UserNameOf(t.Request.Caller)) + ".";
        }
    }
}
