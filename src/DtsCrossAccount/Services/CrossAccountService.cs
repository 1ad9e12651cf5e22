using System;
using System.Management.Automation;
using System.Text.RegularExpressions;
using DtsCrossAccount.Core;

namespace DtsCrossAccount.Services
{
    /// <summary>
    /// The cloud-neutral layer the cmdlets call. It does what is the same on both clouds — input checks that need no
    /// call, resolving who the credentials belong to, refusing credentials of the wrong account — and hands the rest
    /// to the cloud's provider. Every check here runs before the first write, most before the first call.
    /// </summary>
    internal sealed class CrossAccountService
    {
        private static readonly Regex ExternalIdCharacters = InputText.Whole(InputText.ExternalIdCharacters + "+");
        private readonly ProviderContext _ctx;
        private CallerIdentity _caller;

        public CrossAccountService(ICloudProvider provider, ProviderContext ctx)
        {
            Provider = provider ?? throw new ArgumentNullException(nameof(provider));
            _ctx = ctx ?? throw new ArgumentNullException(nameof(ctx));
        }

        public ICloudProvider Provider { get; }

        public CloudKind Cloud => Provider.Cloud;

        /// <summary>Who the caller's credentials belong to (one STS call, cached for the invocation).</summary>
        public CallerIdentity Caller
        {
            get
            {
                if (_caller == null)
                {
                    _caller = Provider.GetCallerIdentity(_ctx.Credential);
                    _ctx.Reporter.Verbose(string.Format("Credentials ({0}) belong to {1} ({2} of account {3}).",
                        _ctx.Credential.MaskedId, _caller.Arn, _caller.Type, _caller.AccountId));
                }
                return _caller;
            }
        }

        public void ValidateRole(string accountId, string accountParameter, string trustedAccountId, string trustedParameter, string roleName, string externalId)
        {
            Provider.ValidateAccountId(accountId, accountParameter);
            if (trustedAccountId != null) Provider.ValidateAccountId(trustedAccountId, trustedParameter);
            if (trustedAccountId != null && trustedAccountId == accountId)
            {
                throw new DtsCrossAccountException("TrustedAccountIsOwner", ErrorCategory.InvalidArgument,
                    string.Format("{0} and {1} are both '{2}'. A cross-account role lives in the database owner's account ({0}) and trusts the OTHER account, the one that creates the DTS task ({1}). Give the task account's ID as {1}. {3}",
                        accountParameter, trustedParameter, accountId, Provider.ExplainSelfTrust(accountId, roleName)), trustedAccountId);
            }
            Provider.ValidateRoleName(roleName, "-RoleName");
            ValidateExternalId(externalId);
        }

        /// <summary>The STS AssumeRole rule of the cloud: ASCII letters, digits and + = , . @ : / - _, 2 to the cloud's maximum.</summary>
        public void ValidateExternalId(string externalId, string parameterName = "-ExternalId")
        {
            int max = Provider.MaxExternalIdLength;
            if (externalId != null && (externalId.Length < 2 || externalId.Length > max || !ExternalIdCharacters.IsMatch(externalId)))
            {
                // The value is not echoed: it is the role's shared secret-like token (only its shape is described).
                throw new DtsCrossAccountException("InvalidExternalId", ErrorCategory.InvalidArgument,
                    string.Format("{0} must be 2 to {1} ASCII characters: letters, digits and + = , . @ : / - _ (the {2} STS AssumeRole rule).{3}",
                        parameterName, max, Cloud, InputText.WhatIsWrong(externalId, max)), parameterName);
            }
        }

        /// <summary>Checks of free text and pass-through identifiers that every cloud shares (no call).</summary>
        private void ValidateSyncText(SyncTaskRequest request)
        {
            Provider.ValidateTaskName(request.Name, "-Name");
            InputText.RequireAsciiToken(request.InstanceClass, "-InstanceClass", 16, "InvalidInstanceClass", "small");
            foreach (var db in request.Databases ?? new string[0])
                InputText.RequireFreeText(db, "-Database", 64, "InvalidDatabaseName", "MySQL identifiers: at most 64 characters");
            foreach (var table in request.Tables ?? new string[0])
                InputText.RequireFreeText(table, "-Table", 129, "InvalidTableName", "'database.table', each MySQL identifier at most 64 characters");
        }

        /// <summary>Refuses credentials that do not belong to the account the operation must run in.</summary>
        public CallerIdentity RequireAccount(string accountId, string parameterName, string why)
        {
            var caller = Caller;
            if (caller.AccountId != accountId)
            {
                var notRoot = Provider.ExplainNotRootAccount(accountId, parameterName, caller);
                if (notRoot != null)
                    throw new DtsCrossAccountException("AccountIdIsSubAccount", ErrorCategory.InvalidArgument, notRoot, accountId);
                throw new DtsCrossAccountException("CredentialAccountMismatch", ErrorCategory.PermissionDenied,
                    string.Format("The credentials ({0}, from {1}) belong to account {2} ({3}), but {4} is {5}. {6} Use credentials of account {5}, for example -ProfileName with that account's profile.",
                        _ctx.Credential.MaskedId, _ctx.Credential.Source, caller.AccountId, caller.Arn, parameterName, accountId, why), accountId);
            }
            return caller;
        }

        public ChangePlan<CrossAccountRole> PlanRole(RoleRequest request)
        {
            request.RoleName = string.IsNullOrEmpty(request.RoleName) ? Provider.DefaultRoleName : request.RoleName;
            Provider.ValidateDescription(request.Description, "-Description");
            ValidateRole(request.AccountId, "-AccountId", request.TrustedAccountId, "-TrustedAccountId", request.RoleName, request.ExternalId);
            request.Caller = RequireAccount(request.AccountId, "-AccountId", "The role must be created in the database owner's account, by that account.");
            return Provider.PlanRole(request);
        }

        public ChangePlan<CrossAccountRole> PlanTrustPolicy(TrustPolicyRequest request)
        {
            ValidateRole(request.AccountId, "-AccountId", request.TrustedAccountId, "-TrustedAccountId", request.RoleName, request.ExternalId);
            request.Caller = RequireAccount(request.AccountId, "-AccountId", "A role's trust policy is changed by the account that owns the role.");
            return Provider.PlanTrustPolicy(request);
        }

        /// <summary>Every input of a grant, before the first call (the cmdlet checks the trusted account with it too).</summary>
        public void ValidateGrant(GrantRequest request, string trustedAccountId)
        {
            ValidateRole(request.RoleAccountId, "-RoleAccountId", null, null, request.RoleName, null);
            if (!string.IsNullOrEmpty(trustedAccountId)) Provider.ValidateAccountId(trustedAccountId, "-TrustedAccountId");
            Provider.ValidateGrant(request);
        }

        public ChangePlan<AssumeRoleGrant> PlanGrant(GrantRequest request)
        {
            ValidateGrant(request, null);
            var caller = Caller;
            if (caller.AccountId == request.RoleAccountId)
            {
                throw new DtsCrossAccountException("GrantInRoleOwnerAccount", ErrorCategory.InvalidArgument,
                    string.Format("These credentials belong to account {0}, which owns the role. The grant is made in the account that creates the DTS task (the role's trusted account): run Grant-DtsSubAccountAssumeRole with that account's root credentials.", caller.AccountId), request.RoleAccountId);
            }
            request.AccountId = caller.AccountId;
            request.Caller = caller;
            return Provider.PlanGrant(request);
        }

        public ChangePlan<CrossAccountRole> PlanRemoveRole(RemoveRoleRequest request)
        {
            request.RoleName = string.IsNullOrEmpty(request.RoleName) ? Provider.DefaultRoleName : request.RoleName;
            Provider.ValidateAccountId(request.AccountId, "-AccountId");
            Provider.ValidateRoleName(request.RoleName, "-RoleName");
            request.Caller = RequireAccount(request.AccountId, "-AccountId", "A role is deleted by the account that owns it (the database owner).");
            return Provider.PlanRemoveRole(request);
        }

        /// <summary>
        /// Every input of a revoke before the first call. The policy is named by -PolicyName or, as Grant- names it by
        /// default, by the role's owner and name.
        /// </summary>
        public void ValidateRevoke(GrantRequest request)
        {
            if (!string.IsNullOrEmpty(request.AccountId)) Provider.ValidateAccountId(request.AccountId, "-AccountId");
            if (!string.IsNullOrEmpty(request.RoleAccountId)) Provider.ValidateAccountId(request.RoleAccountId, "-RoleAccountId");
            if (!string.IsNullOrEmpty(request.RoleName)) Provider.ValidateRoleName(request.RoleName, "-RoleName");
            if (string.IsNullOrEmpty(request.PolicyName) && string.IsNullOrEmpty(request.RoleAccountId))
            {
                throw new DtsCrossAccountException("RevokePolicyNotNamed", ErrorCategory.InvalidArgument,
                    "Name the grant to revoke: -PolicyName (the PolicyName of Grant-DtsSubAccountAssumeRole's output), or -RoleAccountId with -RoleName for the policy name Grant- chose by default.",
                    "PolicyName",
                    remedy: "Pipe the grant: Grant-DtsSubAccountAssumeRole ... | Revoke-DtsSubAccountAssumeRole, or pass -PolicyName <name>.");
            }
            Provider.ValidateGrant(request);
        }

        public ChangePlan<AssumeRoleGrant> PlanRevokeGrant(GrantRequest request)
        {
            ValidateRevoke(request);
            var caller = string.IsNullOrEmpty(request.AccountId)
                ? Caller
                : RequireAccount(request.AccountId, "-AccountId", "The grant lives in the account that creates the DTS task and is revoked by that account's root.");
            request.AccountId = caller.AccountId;
            request.Caller = caller;
            return Provider.PlanRevokeGrant(request);
        }

        public AccessCheck TestAccess(AccessCheckRequest request)
        {
            ValidateRole(request.RoleAccountId, "-RoleAccountId", request.TrustedAccountId, "-TrustedAccountId", request.RoleName, request.ExternalId);
            if (!string.IsNullOrEmpty(request.Region)) Provider.ValidateRegion(request.Region, "-Region");
            InputText.RequireAsciiToken(request.Engine, "-Engine", 64, "InvalidEngine", "MySQL");
            Provider.ValidateAccessTest(request);
            request.Caller = Caller;
            if (_ctx.OwnerCredential != null)
            {
                var owner = Provider.GetCallerIdentity(_ctx.OwnerCredential);
                if (owner.AccountId != request.RoleAccountId)
                {
                    throw new DtsCrossAccountException("CredentialAccountMismatch", ErrorCategory.PermissionDenied,
                        string.Format("The owner credentials ({0}, from {1}) belong to account {2}, but the role is in account {3}. Give credentials of account {3} as -OwnerCredential or -OwnerProfileName.",
                            _ctx.OwnerCredential.MaskedId, _ctx.OwnerCredential.Source, owner.AccountId, request.RoleAccountId), request.RoleAccountId);
                }
            }
            return Provider.TestAccess(request);
        }

        public ChangePlan<SyncTask> PlanSyncTask(SyncTaskRequest request)
        {
            ValidateSyncText(request);
            ValidateEndpoint(request.Source, "Source");
            ValidateEndpoint(request.Destination, "Destination");
            Provider.ValidateSyncTask(request);
            var caller = Caller;
            request.Caller = caller;
            foreach (var endpoint in new[] { request.Source, request.Destination })
            {
                if (string.IsNullOrEmpty(endpoint.AccountId)) endpoint.AccountId = caller.AccountId;
                endpoint.IsCrossAccount = endpoint.AccountId != caller.AccountId;
            }
            return Provider.PlanSyncTask(request);
        }

        // Instance IDs of both clouds (cdb-…, tdsqlshard-…, rm-…, pc-…, i-…) are letters, digits and - _ . only.
        private static readonly Regex InstanceIdPattern = new Regex(@"^[A-Za-z0-9][A-Za-z0-9._-]{0,127}$", RegexOptions.CultureInvariant);

        private void ValidateEndpoint(DatabaseEndpointSpec endpoint, string prefix)
        {
            if (!string.IsNullOrEmpty(endpoint.InstanceId) && !InstanceIdPattern.IsMatch(endpoint.InstanceId))
            {
                throw new DtsCrossAccountException("InvalidInstanceId", ErrorCategory.InvalidArgument,
                    string.Format("-{0}InstanceId '{1}' is not an instance ID: instance IDs are letters, digits, '-', '_' and '.' (for example cdb-abcd1234 or rm-bp1xxxxxxxx). " +
                                  "Copy the ID from the instance list of the database console.", prefix, endpoint.InstanceId), endpoint.InstanceId);
            }
            if (!string.IsNullOrEmpty(endpoint.AccountId)) Provider.ValidateAccountId(endpoint.AccountId, "-" + prefix + "AccountId");
            if (!string.IsNullOrEmpty(endpoint.RoleName)) Provider.ValidateRoleName(endpoint.RoleName, "-" + prefix + "RoleName");
            if (!string.IsNullOrEmpty(endpoint.Region)) Provider.ValidateRegion(endpoint.Region, "-" + prefix + "Region");
            ValidateExternalId(endpoint.ExternalId, "-" + prefix + "ExternalId");
            InputText.RequireAsciiToken(endpoint.InstanceId, "-" + prefix + "InstanceId", 64, "InvalidInstanceId", prefix == "Source" ? "cdb-abcd1234 or rm-bp1abcd1234" : "cdb-efgh5678 or rm-bp1efgh5678");
            InputText.RequireAsciiToken(endpoint.Engine, "-" + prefix + "Engine", 64, "InvalidEngine", "MySQL");
            InputText.RequireAsciiToken(endpoint.ConnectionType, "-" + prefix + "ConnectionType", 64, "InvalidConnectionType", "'Alibaba Cloud Instance'");
            InputText.RequireFreeText(endpoint.UserName, "-" + prefix + "DatabaseCredential user name", 64, "InvalidDatabaseUserName", "database account names");
        }
    }
}
