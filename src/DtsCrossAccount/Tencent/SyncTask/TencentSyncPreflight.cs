using System.Collections.Generic;
using System.Linq;
using DtsCrossAccount.Core;

namespace DtsCrossAccount.Tencent
{
    /// <summary>
    /// Read-only checks before CreateSyncJob: the scope, the database accounts, the role (assumed with the task account's
    /// credentials and the external ID, as DTS does) and each instance, listed the way the DTS console lists it
    /// (DescribeMigrateDBInstances; the peer's through the role's temporary keys). Same CheckItems as Test-DtsCrossAccountAccess.
    /// </summary>
    internal sealed class TencentSyncPreflight
    {
        private readonly TencentProvider _provider;

        public TencentSyncPreflight(TencentProvider provider)
        {
            _provider = provider;
        }

        public List<CheckItem> Run(TencentSyncSpec spec, CallerIdentity caller)
        {
            var checks = new List<CheckItem>
            {
                // Refused before any call when not so (TencentSyncSpecResolver); listed so the result shows what was checked.
                TencentAccessDiagnostics.Item("Scope", CheckResult.Passed, string.Format(
                    "{0} in {1} → {2} in {3}, {4}: allowed (the guide's Supported Scope for a cross-account task), target in the task account {5}.",
                    spec.Source.Engine, spec.Source.Region, spec.Destination.Engine, spec.Destination.Region,
                    spec.Source.CrossAccount ? "source in account " + spec.Source.AccountId : "same account", spec.TaskAccount), null),
                TencentAccessDiagnostics.Item("DatabaseCredential", CheckResult.Passed,
                    "Database accounts are given for both instances (DTS checks the passwords in its verification).", null),
            };
            foreach (var side in new[] { spec.Source, spec.Destination })
            {
                string prefix = side == spec.Source ? "Source" : "Destination";
                TencentSts.TemporaryKeys keys = null;
                if (side.CrossAccount)
                {
                    var assume = TencentAccessDiagnostics.AssumeRoleItem(_provider, prefix + "AssumeRole", caller, side.AccountId, side.RoleName,
                        side.Endpoint.ExternalId, TencentRoleKeys.SessionName(spec.Name), prefix, out keys);
                    checks.Add(assume);
                    if (keys == null)
                    {
                        checks.Add(TencentAccessDiagnostics.Item(prefix + "Instance", CheckResult.Skipped,
                            "Instance " + side.Endpoint.InstanceId + " of account " + side.AccountId + " is listed through the role, which could not be assumed.", null));
                        continue;
                    }
                }
                checks.Add(InstanceItem(prefix, side, keys, spec.TaskAccount));
            }
            return checks;
        }

        private CheckItem InstanceItem(string prefix, TencentSyncSpec.Side side, TencentSts.TemporaryKeys keys, string taskAccount)
        {
            string id = side.Endpoint.InstanceId;
            string role = prefix == "Source" ? "src" : "dst";
            string owner = side.CrossAccount ? "account " + side.AccountId + " (listed through role '" + side.RoleName + "')" : "the task account " + side.AccountId;
            if (!TencentSupportedScope.InScope(side.Engine))
                return TencentAccessDiagnostics.Item(prefix + "Instance", CheckResult.Skipped,
                    "Only the cross-account scope's engines (" + TencentSupportedScope.Describe() + ") are listed before buying; " + side.Engine + " instance " + id + " is checked by the DTS verification.", null);
            try
            {
                var dts = new TencentDts(_provider.Client(_provider.Context.Credential), side.Region);
                if (dts.HasInstance(side.Engine, role, id, keys))
                    return TencentAccessDiagnostics.Item(prefix + "Instance", CheckResult.Passed,
                        string.Format("{0} instance {1} exists in {2}, region {3}.", TencentSupportedScope.ProductNames[side.Engine], id, owner, side.Region), null);
                // Not of that engine: say which engine it is, if it is one of the others in scope.
                var actual = TencentSupportedScope.Engines.Where(e => e != side.Engine).FirstOrDefault(e => dts.HasInstance(e, role, id, keys));
                if (actual != null)
                    return TencentAccessDiagnostics.Item(prefix + "Instance", CheckResult.Failed,
                        string.Format("Instance {0} in {1}, region {2}, is a {3} instance, not {4}.", id, owner, side.Region,
                            TencentSupportedScope.ProductNames[actual], TencentSupportedScope.ProductNames[side.Engine]),
                        string.Format("Pass -{0}Engine {1}.", prefix, actual));
                return TencentAccessDiagnostics.Item(prefix + "Instance", CheckResult.Failed,
                    string.Format("No {0} instance {1} in {2}, region {3}.", TencentSupportedScope.ProductNames[side.Engine], id, owner, side.Region),
                    string.Format("Check -{0}InstanceId, -{0}Region{1} against the instance list in the console of account {2}.", prefix,
                        side.CrossAccount ? " and -" + prefix + "AccountId" : "", side.AccountId));
            }
            catch (CloudApiException e)
            {
                return TencentAccessDiagnostics.Item(prefix + "Instance", CheckResult.Failed,
                    string.Format("Listing the {0} instances of {1} in {2} failed: [{3}] {4}.", side.Engine, owner, side.Region, e.Code, e.ApiClause),
                    side.CrossAccount
                        ? string.Format("Make sure role '{0}' has the preset policy {1}: {2}", side.RoleName, TencentPolicyDocuments.DtsReadOnlyPolicy,
                            TencentProvider.NewRoleCommand(side.AccountId, side.RoleName, taskAccount, side.Endpoint.ExternalId))
                        : "The credentials need DTS read access (for example QcloudDTSReadOnlyAccess) in account " + side.AccountId + ".");
            }
        }
    }
}
