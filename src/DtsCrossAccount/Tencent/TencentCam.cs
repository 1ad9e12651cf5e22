using System;
using System.Collections.Generic;
using System.Linq;
using DtsCrossAccount.Core;
using DtsCrossAccount.Json;
using DtsCrossAccount.Transport;

namespace DtsCrossAccount.Tencent
{
    /// <summary>The CAM 2019-01-16 actions the module uses (cloud-apis.md section 3). CAM needs no region (V2.6).</summary>
    internal sealed class TencentCam
    {
        private const string Service = "cam";
        private const string Version = "2019-01-16";
        private const int PageSize = 200;
        private readonly TencentApiClient _client;

        public TencentCam(TencentApiClient client)
        {
            _client = client;
        }

        public sealed class RoleInfo
        {
            public string RoleId;
            public string RoleName;
            public string PolicyDocument;
            public string Description;
        }

        /// <summary>Names of the account's roles (DescribeRoleList, 200 a page).</summary>
        public List<string> ListRoleNames()
        {
            var names = new List<string>();
            for (long page = 1; ; page++)
            {
                var response = _client.Call(Service, Version, "DescribeRoleList", new JsonObject().Set("Page", page).Set("Rp", 200L));
                var items = response.GetObjects("List").Select(r => r.GetString("RoleName")).Where(n => n != null).ToList();
                names.AddRange(items);
                if (items.Count < 200 || names.Count >= (response.GetInt64("TotalNum") ?? 0)) return names;
            }
        }

        /// <summary>The role, or null when CAM answers InvalidParameter.RoleNotExist.</summary>
        public RoleInfo GetRole(string roleName)
        {
            JsonObject response;
            try
            {
                response = _client.Call(Service, Version, "GetRole", new JsonObject().Set("RoleName", roleName));
            }
            catch (CloudApiException e) when (e.Code == "InvalidParameter.RoleNotExist")
            {
                return null;
            }
            var info = response.GetObject("RoleInfo");
            if (info == null) return null;
            return new RoleInfo
            {
                RoleId = info.GetString("RoleId"),
                RoleName = info.GetString("RoleName") ?? roleName,
                PolicyDocument = info.GetString("PolicyDocument"),
                Description = info.GetString("Description"),
            };
        }

        public List<string> ListAttachedRolePolicyNames(string roleName)
        {
            var names = new List<string>();
            for (int page = 1; ; page++)
            {
                var response = _client.Call(Service, Version, "ListAttachedRolePolicies",
                    new JsonObject().Set("Page", page).Set("Rp", PageSize).Set("RoleName", roleName));
                var items = response.GetObjects("List").ToList();
                names.AddRange(items.Select(p => p.GetString("PolicyName")).Where(n => n != null));
                long total = response.GetInt64("TotalNum") ?? 0;
                if (items.Count < PageSize || names.Count >= total) return names;
            }
        }

        public string CreateRole(string roleName, string policyDocument, string description)
        {
            var request = new JsonObject()
                .Set("RoleName", roleName)
                .Set("PolicyDocument", policyDocument)
                .Set("ConsoleLogin", 0)
                .SetIfNotNull("Description", string.IsNullOrEmpty(description) ? null : description);
            // Planned only when GetRole found no such role: if the answer is lost, a role by that name now means it was created.
            var response = _client.Call(Service, Version, "CreateRole", request, idempotent: false,
                confirm: () => GetRole(roleName) is RoleInfo made ? new JsonObject().Set("RoleId", made.RoleId) : null);
            return response.GetString("RoleId");
        }

        public void AttachRolePolicy(string roleName, string policyName)
        {
            // Attaching an attached policy is not an error (V2.4), so a retry is safe.
            _client.Call(Service, Version, "AttachRolePolicy",
                new JsonObject().Set("PolicyName", policyName).Set("AttachRoleName", roleName), idempotent: true);
        }

        public void UpdateAssumeRolePolicy(string roleName, string policyDocument)
        {
            _client.Call(Service, Version, "UpdateAssumeRolePolicy",
                new JsonObject().Set("RoleName", roleName).Set("PolicyDocument", policyDocument), idempotent: true);
        }

        public sealed class PolicyInfo
        {
            public long PolicyId;
            public string PolicyName;
            public string PolicyDocument;
        }

        /// <summary>The custom policy with exactly this name (Keyword matching is fuzzy, so the list is filtered again).</summary>
        public PolicyInfo FindCustomPolicy(string policyName)
        {
            for (int page = 1; ; page++)
            {
                var response = _client.Call(Service, Version, "ListPolicies",
                    new JsonObject().Set("Rp", PageSize).Set("Page", page).Set("Scope", "Local").Set("Keyword", policyName));
                var items = response.GetObjects("List").ToList();
                var match = items.FirstOrDefault(p => string.Equals(p.GetString("PolicyName"), policyName, StringComparison.Ordinal));
                if (match != null)
                {
                    long id = match.GetInt64("PolicyId") ?? 0;
                    JsonObject policy;
                    try
                    {
                        policy = _client.Call(Service, Version, "GetPolicy", new JsonObject().Set("PolicyId", id));
                    }
                    catch (CloudApiException e) when (e.Code == "InvalidParameter.PolicyIdNotExist" || e.Code == "ResourceNotFound.PolicyIdNotFound")
                    {
                        return null; // deleted between the listing and the read (a concurrent revoke)
                    }
                    return new PolicyInfo { PolicyId = id, PolicyName = policyName, PolicyDocument = policy.GetString("PolicyDocument") };
                }
                long total = response.GetInt64("TotalNum") ?? 0;
                if (items.Count < PageSize || page * PageSize >= total) return null;
            }
        }

        public long CreatePolicy(string policyName, string policyDocument, string description)
        {
            var response = _client.Call(Service, Version, "CreatePolicy",
                new JsonObject().Set("PolicyName", policyName).Set("PolicyDocument", policyDocument).Set("Description", description),
                idempotent: false,
                confirm: () => FindCustomPolicy(policyName) is PolicyInfo made ? new JsonObject().Set("PolicyId", made.PolicyId) : null);
            return response.GetInt64("PolicyId") ?? 0;
        }

        public sealed class SubAccount
        {
            public string Uin;
            public string Name;
        }

        /// <summary>The sub-account with this UIN in the caller's account, or null.</summary>
        public SubAccount FindSubAccount(string uin)
        {
            var response = _client.Call(Service, Version, "DescribeSubAccounts",
                new JsonObject().Set("FilterSubAccountUin", new List<object> { ParseUin(uin) }));
            var match = response.GetObjects("SubAccounts").FirstOrDefault(s => s.GetString("Uin") == uin);
            return match == null ? null : new SubAccount { Uin = uin, Name = match.GetString("Name") };
        }

        public List<long> ListAttachedUserPolicyIds(string uin)
        {
            var ids = new List<long>();
            for (int page = 1; ; page++)
            {
                var response = _client.Call(Service, Version, "ListAttachedUserPolicies",
                    new JsonObject().Set("TargetUin", ParseUin(uin)).Set("Page", page).Set("Rp", PageSize));
                var items = response.GetObjects("List").ToList();
                ids.AddRange(items.Select(p => p.GetInt64("PolicyId") ?? 0));
                long total = response.GetInt64("TotalNum") ?? 0;
                if (items.Count < PageSize || ids.Count >= total) return ids;
            }
        }

        public void AttachUserPolicy(long policyId, string uin)
        {
            _client.Call(Service, Version, "AttachUserPolicy",
                new JsonObject().Set("PolicyId", policyId).Set("AttachUin", ParseUin(uin)), idempotent: true);
        }

        // ---- the life cycle's undo (Remove-DtsCrossAccountRole, Revoke-DtsSubAccountAssumeRole) ----
        // Each delete or detach is retried like a read: a repeat after a lost answer finds the thing gone, and the
        // callers absorb "not found" as done, so two runs at once both end without error.

        /// <summary>DetachRolePolicy by name; CAM documents no error for a policy that is not attached.</summary>
        public void DetachRolePolicy(string roleName, string policyName)
        {
            _client.Call(Service, Version, "DetachRolePolicy",
                new JsonObject().Set("PolicyName", policyName).Set("DetachRoleName", roleName), idempotent: true);
        }

        /// <summary>True when deleted, false when CAM answered InvalidParameter.RoleNotExist (already gone).</summary>
        public bool DeleteRole(string roleName)
        {
            try
            {
                _client.Call(Service, Version, "DeleteRole", new JsonObject().Set("RoleName", roleName), idempotent: true);
                return true;
            }
            catch (CloudApiException e) when (e.Code == "InvalidParameter.RoleNotExist")
            {
                return false;
            }
        }

        public void DetachUserPolicy(long policyId, string uin)
        {
            _client.Call(Service, Version, "DetachUserPolicy",
                new JsonObject().Set("PolicyId", policyId).Set("DetachUin", ParseUin(uin)), idempotent: true);
        }

        /// <summary>True when deleted, false when the policy no longer exists.</summary>
        public bool DeletePolicy(long policyId)
        {
            try
            {
                _client.Call(Service, Version, "DeletePolicy", new JsonObject().Set("PolicyId", new List<object> { policyId }), idempotent: true);
                return true;
            }
            catch (CloudApiException e) when (e.Code == "InvalidParameter.PolicyIdNotExist" || e.Code == "ResourceNotFound.PolicyIdNotFound" || e.Code == "ResourceNotFound.NotFound")
            {
                return false;
            }
        }

        public sealed class PolicyEntity
        {
            /// <summary>AttachEntityOfPolicy.RelatedType: 1 sub-account, 2 user group, 3 role.</summary>
            public long RelatedType;
            public string Id;
            public string Name;
            public string Uin;

            public override string ToString() =>
                (RelatedType == 1 ? "sub-account " + Uin : RelatedType == 2 ? "user group " + Id : "role " + Id) + (string.IsNullOrEmpty(Name) ? "" : " (" + Name + ")");
        }

        /// <summary>Every user, group and role the policy is attached to (ListEntitiesForPolicy, all pages).</summary>
        public List<PolicyEntity> ListEntitiesForPolicy(long policyId)
        {
            var entities = new List<PolicyEntity>();
            for (int page = 1; ; page++)
            {
                JsonObject response;
                try
                {
                    response = _client.Call(Service, Version, "ListEntitiesForPolicy",
                        new JsonObject().Set("PolicyId", policyId).Set("Page", page).Set("Rp", PageSize).Set("EntityFilter", "All"));
                }
                catch (CloudApiException e) when (e.Code == "InvalidParameter.PolicyIdNotExist" || e.Code == "ResourceNotFound.PolicyIdNotFound")
                {
                    return entities; // the policy is gone: nothing holds it
                }
                var items = response.GetObjects("List").ToList();
                entities.AddRange(items.Select(e => new PolicyEntity
                {
                    RelatedType = e.GetInt64("RelatedType") ?? 0,
                    Id = e.GetString("Id"),
                    Name = e.GetString("Name"),
                    Uin = e.GetString("Uin"),
                }));
                long total = response.GetInt64("TotalNum") ?? 0;
                if (items.Count < PageSize || entities.Count >= total) return entities;
            }
        }

        // CAM types these UINs as integers.
        private static long ParseUin(string uin) => long.Parse(uin, System.Globalization.CultureInfo.InvariantCulture);
    }
}
