using System.Collections.Generic;
using System.Linq;
using DtsCrossAccount.Core;
using DtsCrossAccount.Json;
using DtsCrossAccount.Transport;

namespace DtsCrossAccount.Alibaba
{
    /// <summary>A RAM role as GetRole returns it.</summary>
    internal sealed class AlibabaRoleInfo
    {
        public string RoleId;
        public string RoleName;
        public string Arn;
        public string Description;
        public string AssumeRolePolicyDocument;
    }

    /// <summary>RAM 2015-05-01 actions the provider uses (cloud-apis.md §5). Not-found answers become null / false.</summary>
    internal sealed class AlibabaRam
    {
        internal const string Service = "ram";
        internal const string Version = "2015-05-01";

        private readonly AlibabaApiClient _client;

        public AlibabaRam(AlibabaApiClient client)
        {
            _client = client;
        }

        private JsonObject Call(string action, Dictionary<string, string> parameters, bool idempotent = true, System.Func<JsonObject> confirm = null) =>
            _client.Call(Service, Version, action, parameters, null, idempotent, confirm: confirm);

        /// <summary>GetRole's whole answer, or null when the role does not exist (a create's confirm read).</summary>
        private JsonObject GetRoleBody(string roleName)
        {
            try
            {
                return Call("GetRole", new Dictionary<string, string> { ["RoleName"] = roleName });
            }
            catch (CloudApiException e) when (e.Code == "EntityNotExist.Role")
            {
                return null;
            }
        }

        /// <summary>Names of the account's roles (ListRoles, following Marker while IsTruncated).</summary>
        public List<string> ListRoleNames()
        {
            var names = new List<string>();
            string marker = null;
            do
            {
                var parameters = new Dictionary<string, string> { ["MaxItems"] = "1000" };
                if (marker != null) parameters["Marker"] = marker;
                var body = Call("ListRoles", parameters);
                names.AddRange((body.GetObject("Roles")?.GetObjects("Role") ?? Enumerable.Empty<JsonObject>()).Select(r => r.GetString("RoleName")).Where(n => n != null));
                marker = body.GetBoolean("IsTruncated") == true ? body.GetString("Marker") : null;
            }
            while (!string.IsNullOrEmpty(marker));
            return names;
        }

        /// <summary>The role, or null when RAM answers EntityNotExist.Role.</summary>
        public AlibabaRoleInfo GetRole(string roleName)
        {
            return ReadRole(GetRoleBody(roleName)?.GetObject("Role"));
        }

        public AlibabaRoleInfo CreateRole(string roleName, string trustPolicy, string description)
        {
            var p = new Dictionary<string, string> { ["RoleName"] = roleName, ["AssumeRolePolicyDocument"] = trustPolicy };
            if (!string.IsNullOrEmpty(description)) p["Description"] = description;
            // Planned only when GetRole found no such role: if the answer is lost, a role by that name now means it was created
            // (GetRole answers the same Role object CreateRole does).
            return ReadRole(Call("CreateRole", p, idempotent: false, confirm: () => GetRoleBody(roleName)).GetObject("Role"));
        }

        /// <summary>Sets the whole document: sending it twice leaves the same role, so it is retried like a read. Returns the saved role (UpdateRole answers it).</summary>
        public AlibabaRoleInfo UpdateTrustPolicy(string roleName, string trustPolicy)
        {
            return ReadRole(Call("UpdateRole", new Dictionary<string, string> { ["RoleName"] = roleName, ["NewAssumeRolePolicyDocument"] = trustPolicy }).GetObject("Role"));
        }

        /// <summary>(PolicyType, PolicyName) pairs attached to the role.</summary>
        public List<KeyValuePair<string, string>> ListPoliciesForRole(string roleName) =>
            ReadPolicies(Call("ListPoliciesForRole", new Dictionary<string, string> { ["RoleName"] = roleName }));

        /// <summary>
        /// Attaches; an already attached policy (EntityAlreadyExists.Role.Policy, V4.3) counts as done, so a repeat after a
        /// lost answer is itself the read that confirms it: the call is retried like a read.
        /// </summary>
        public void AttachPolicyToRole(string policyType, string policyName, string roleName)
        {
            try
            {
                Call("AttachPolicyToRole", new Dictionary<string, string> { ["PolicyType"] = policyType, ["PolicyName"] = policyName, ["RoleName"] = roleName });
            }
            catch (CloudApiException e) when (e.Code == "EntityAlreadyExists.Role.Policy")
            {
            }
        }

        /// <summary>(UserId, UserName) or null when the user does not exist.</summary>
        public KeyValuePair<string, string>? GetUser(string userName)
        {
            try
            {
                var user = Call("GetUser", new Dictionary<string, string> { ["UserName"] = userName }).GetObject("User");
                if (user == null) return null;
                return new KeyValuePair<string, string>(user.GetString("UserId"), user.GetString("UserName") ?? userName);
            }
            catch (CloudApiException e) when (e.Code == "EntityNotExist.User")
            {
                return null;
            }
        }

        /// <summary>The custom policy's document, or null when no custom policy has that name.</summary>
        public string GetCustomPolicyDocument(string policyName)
        {
            try
            {
                var body = Call("GetPolicy", new Dictionary<string, string> { ["PolicyType"] = "Custom", ["PolicyName"] = policyName });
                // DefaultPolicyVersion.PolicyDocument is current; Policy.PolicyDocument is deprecated but older answers carry it.
                return body.GetObject("DefaultPolicyVersion")?.GetString("PolicyDocument")
                    ?? body.GetObject("Policy")?.GetString("PolicyDocument")
                    ?? "";
            }
            catch (CloudApiException e) when (e.Code == "EntityNotExist.Policy")
            {
                return null;
            }
        }

        /// <summary>Planned only when GetPolicy found none: after a lost answer, a policy by that name means it was created.</summary>
        public void CreatePolicy(string policyName, string document, string description)
        {
            Call("CreatePolicy", new Dictionary<string, string> { ["PolicyName"] = policyName, ["PolicyDocument"] = document, ["Description"] = description },
                idempotent: false, confirm: () => GetCustomPolicyDocument(policyName) != null ? new JsonObject() : null);
        }

        public List<KeyValuePair<string, string>> ListPoliciesForUser(string userName) =>
            ReadPolicies(Call("ListPoliciesForUser", new Dictionary<string, string> { ["UserName"] = userName }));

        public void AttachPolicyToUser(string policyType, string policyName, string userName)
        {
            try
            {
                Call("AttachPolicyToUser", new Dictionary<string, string> { ["PolicyType"] = policyType, ["PolicyName"] = policyName, ["UserName"] = userName });
            }
            catch (CloudApiException e) when (e.Code == "EntityAlreadyExists.User.Policy")
            {
            }
        }

        // ---- the life cycle's undo (Remove-DtsCrossAccountRole, Revoke-DtsSubAccountAssumeRole) ----
        // Retried like reads: a repeat after a lost answer finds the thing gone, and "not found" counts as done.

        /// <summary>True when detached; false when RAM says it was not attached or the role is gone.</summary>
        public bool DetachPolicyFromRole(string policyType, string policyName, string roleName)
        {
            try
            {
                Call("DetachPolicyFromRole", new Dictionary<string, string> { ["PolicyType"] = policyType, ["PolicyName"] = policyName, ["RoleName"] = roleName });
                return true;
            }
            catch (CloudApiException e) when (e.Code == "EntityNotExist.Role.Policy" || e.Code == "EntityNotExist.Role")
            {
                return false;
            }
        }

        /// <summary>True when deleted, false when the role was already gone (EntityNotExist.Role).</summary>
        public bool DeleteRole(string roleName)
        {
            try
            {
                Call("DeleteRole", new Dictionary<string, string> { ["RoleName"] = roleName });
                return true;
            }
            catch (CloudApiException e) when (e.Code == "EntityNotExist.Role")
            {
                return false;
            }
        }

        public bool DetachPolicyFromUser(string policyType, string policyName, string userName)
        {
            try
            {
                Call("DetachPolicyFromUser", new Dictionary<string, string> { ["PolicyType"] = policyType, ["PolicyName"] = policyName, ["UserName"] = userName });
                return true;
            }
            catch (CloudApiException e) when (e.Code == "EntityNotExist.User.Policy" || e.Code == "EntityNotExist.User" || e.Code == "EntityNotExist.Policy")
            {
                return false;
            }
        }

        /// <summary>"user NAME", "group NAME", "role NAME" for every principal the policy is attached to (ListEntitiesForPolicy).</summary>
        public List<KeyValuePair<string, string>> ListEntitiesForPolicy(string policyType, string policyName)
        {
            JsonObject body;
            try
            {
                body = Call("ListEntitiesForPolicy", new Dictionary<string, string> { ["PolicyType"] = policyType, ["PolicyName"] = policyName });
            }
            catch (CloudApiException e) when (e.Code == "EntityNotExist.Policy")
            {
                return new List<KeyValuePair<string, string>>();
            }
            var result = new List<KeyValuePair<string, string>>();
            foreach (var (outer, inner, nameKey, kind) in new[] { ("Users", "User", "UserName", "user"), ("Groups", "Group", "GroupName", "group"), ("Roles", "Role", "RoleName", "role") })
                foreach (var item in body.GetObject(outer)?.GetObjects(inner) ?? Enumerable.Empty<JsonObject>())
                    result.Add(new KeyValuePair<string, string>(kind, item.GetString(nameKey)));
            return result;
        }

        /// <summary>Version IDs of the custom policy that are not its default (DeletePolicy refuses while any exists).</summary>
        public List<string> ListNonDefaultPolicyVersions(string policyName)
        {
            JsonObject body;
            try
            {
                body = Call("ListPolicyVersions", new Dictionary<string, string> { ["PolicyType"] = "Custom", ["PolicyName"] = policyName });
            }
            catch (CloudApiException e) when (e.Code == "EntityNotExist.Policy")
            {
                return new List<string>();
            }
            return (body.GetObject("PolicyVersions")?.GetObjects("PolicyVersion") ?? Enumerable.Empty<JsonObject>())
                .Where(v => v.GetBoolean("IsDefaultVersion") != true)
                .Select(v => v.GetString("VersionId"))
                .Where(v => !string.IsNullOrEmpty(v))
                .ToList();
        }

        public void DeletePolicyVersion(string policyName, string versionId)
        {
            try
            {
                Call("DeletePolicyVersion", new Dictionary<string, string> { ["PolicyName"] = policyName, ["VersionId"] = versionId });
            }
            catch (CloudApiException e) when (e.Code == "EntityNotExist.Policy.Version" || e.Code == "EntityNotExist.Policy")
            {
            }
        }

        /// <summary>True when deleted, false when the policy was already gone. Conflicts (still attached, versions left) are thrown.</summary>
        public bool DeletePolicy(string policyName)
        {
            try
            {
                Call("DeletePolicy", new Dictionary<string, string> { ["PolicyName"] = policyName });
                return true;
            }
            catch (CloudApiException e) when (e.Code == "EntityNotExist.Policy")
            {
                return false;
            }
        }

        private static AlibabaRoleInfo ReadRole(JsonObject role)
        {
            if (role == null) return null;
            return new AlibabaRoleInfo
            {
                RoleId = role.GetString("RoleId"),
                RoleName = role.GetString("RoleName"),
                Arn = role.GetString("Arn"),
                Description = role.GetString("Description"),
                AssumeRolePolicyDocument = role.GetString("AssumeRolePolicyDocument"),
            };
        }

        // Policies arrive as {"Policies":{"Policy":[...]}}; tolerate a bare array too.
        private static List<KeyValuePair<string, string>> ReadPolicies(JsonObject body)
        {
            IEnumerable<JsonObject> items;
            var wrapper = body.GetObject("Policies");
            if (wrapper != null) items = wrapper.GetObjects("Policy");
            else items = body.GetObjects("Policies");
            return items.Select(p => new KeyValuePair<string, string>(p.GetString("PolicyType"), p.GetString("PolicyName"))).ToList();
        }
    }
}
