namespace DtsCrossAccount.Alibaba
{
    /// <summary>User-facing texts that quote or paraphrase the Alibaba Cloud guide (the seed document).</summary>
    internal static class AlibabaMessages
    {
        /// <summary>Quoted from the seed, Limitations.</summary>
        internal const string UseRootAccount =
            "Log in to the RAM console using the Alibaba Cloud account (root account), not a RAM user. Using a RAM user may cause authorization errors when you create the DTS task.";

        /// <summary>Quoted from the seed, Step 1.</summary>
        internal const string RolesNotUsers =
            "Choose Identities > Roles, not Identities > Users. Using Users causes DTS to fail to access the database instance.";

        internal const string DtsServiceRoleName = "AliyunDTSDefaultRole";

        internal static string RamUserWarning(CallerIdentity caller) =>
            "The credentials belong to RAM user '" + (caller?.Arn ?? caller?.UserId) + "' of account " + caller?.AccountId
            + ", not to the account's root identity. The Alibaba Cloud guide says: \"" + UseRootAccount + "\"";

        internal static string SelfTrust(string accountId, string roleName) =>
            "The role '" + roleName + "' in account " + accountId + " cannot trust its own account " + accountId
            + ": the trust policy must name the account that CREATES the DTS task, which is another account. When the ID in "
            + "\"<id>@dts.aliyuncs.com\" is the role's own account, Alibaba Cloud saves the Service principal as plain \"dts.aliyuncs.com\" "
            + "(the guide: \"If the Service value automatically changes to \"dts.aliyuncs.com\" after saving, the account ID is wrong\"). "
            + "Put the ID of the task-creating account in -TrustedAccountId (scenario 1: the destination owner; scenario 2: the source owner; "
            + "scenario 3: the designated account C). A task created in the database owner's own account needs no cross-account role.";

        internal static string Collapsed(string ownerAccountId, string roleName, string expectedTrustedAccountId) =>
            "The Service principal of role '" + roleName + "' in account " + ownerAccountId + " was saved as \"dts.aliyuncs.com\" instead of \""
            + expectedTrustedAccountId + "@dts.aliyuncs.com\". Alibaba Cloud does this when the account ID in the trust policy is wrong, "
            + "typically the database owner's own ID (" + ownerAccountId + ") instead of the ID of the account that creates the DTS task. "
            + "Both the RAM and the Service principal must carry " + expectedTrustedAccountId + ", the account that creates the DTS task.";

        internal static string SetTrustCommand(string ownerAccountId, string roleName, string trustedAccountId) =>
            "Set-DtsTrustPolicy -Cloud Alibaba -AccountId " + ownerAccountId + " -RoleName " + roleName + " -TrustedAccountId " + trustedAccountId;

        internal static string NewRoleCommand(string ownerAccountId, string roleName, string trustedAccountId) =>
            "New-DtsCrossAccountRole -Cloud Alibaba -AccountId " + ownerAccountId + " -RoleName " + roleName + " -TrustedAccountId " + trustedAccountId;

        internal static string GrantCommand(string ownerAccountId, string roleName, string ramUserName) =>
            "Grant-DtsSubAccountAssumeRole -Cloud Alibaba -RoleAccountId " + ownerAccountId + " -RoleName " + roleName
            + " -RamUserName " + ramUserName + " -ProfileName <root profile of the task account>";

        internal static string DtsServiceRoleMissing(string accountId) =>
            "Account " + accountId + " has not authorized DTS to access its cloud resources: the service role " + DtsServiceRoleName
            + " does not exist. The guide's prerequisite is \"Grant permissions to DTS to access cloud resources\": sign in to the DTS console "
            + "with the root account of " + accountId + " and accept the authorization prompt (it creates " + DtsServiceRoleName
            + " with the system policy AliyunDTSDefaultRolePolicy), or create that role in RAM trusting the service dts.aliyuncs.com.";
    }
}
