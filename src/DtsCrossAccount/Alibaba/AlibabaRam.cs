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

        /// <summary>Sets the whole document: sending it twice leaves the same role, so it is retried like a read.</summary>
        public void UpdateTrustPolicy(string roleName, string trustPolicy)
        {
            Call("UpdateRole", new Dictionary<string, string> { ["RoleName"] = roleName, ["NewAssumeRolePolicyDocument"] = trustPolicy });
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
