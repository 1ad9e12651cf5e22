namespace DtsCrossAccount
{
    /// <summary>A custom policy in the task account that lets one sub-account (Tencent) or RAM user (Alibaba) assume the cross-account role.</summary>
    public sealed class AssumeRoleGrant
    {
        /// <summary>Tencent or Alibaba: a string, so ConvertTo-Json and exports show the name; it binds to -Cloud by property name.</summary>
        public string Cloud { get; set; }
        /// <summary>The task account (root) in which the policy lives.</summary>
        public string AccountId { get; set; }
        /// <summary>Tencent: the sub-account UIN. Alibaba: the RAM user's ID.</summary>
        public string SubAccountUin { get; set; }
        /// <summary>Tencent: the sub-account name when known. Alibaba: the RAM user name.</summary>
        public string SubAccountName { get; set; }
        public string PolicyName { get; set; }
        public string PolicyId { get; set; }
        /// <summary>The role ARN the policy allows sts:AssumeRole on.</summary>
        public string Resource { get; set; }
        public bool Changed { get; set; }
        public string[] Changes { get; set; }

        public override string ToString() => PolicyName + " -> " + Resource;
    }
}
