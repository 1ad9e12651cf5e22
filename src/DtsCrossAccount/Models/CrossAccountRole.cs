namespace DtsCrossAccount
{
    /// <summary>A role in the database owner's account that the task-creating account may assume for DTS.</summary>
    public sealed class CrossAccountRole
    {
        /// <summary>Tencent or Alibaba: a string, so ConvertTo-Json and exports show the name; it binds to -Cloud by property name.</summary>
        public string Cloud { get; set; }
        /// <summary>The account that owns the role (the database owner).</summary>
        public string AccountId { get; set; }
        public string RoleName { get; set; }
        public string RoleId { get; set; }
        public string Arn { get; set; }
        /// <summary>The account that creates the DTS task and is trusted by the role.</summary>
        public string TrustedAccountId { get; set; }
        public string ExternalId { get; set; }
        public string[] AttachedPolicies { get; set; }
        public string Description { get; set; }
        /// <summary>True when this call created or changed something (or, under -WhatIf, would have).</summary>
        public bool Changed { get; set; }
        /// <summary>What was done or, under -WhatIf, what would be done.</summary>
        public string[] Changes { get; set; }
        /// <summary>Alibaba scenario planning: CrossAccountSource, CrossAccountDestination or CrossAccountBoth; null otherwise.</summary>
        public string Scenario { get; set; }
        /// <summary>Alibaba scenario planning: which endpoint this role serves (Source or Destination).</summary>
        public string Endpoint { get; set; }

        public override string ToString() => Arn ?? RoleName;
    }
}
