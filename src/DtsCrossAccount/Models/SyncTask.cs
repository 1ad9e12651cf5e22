namespace DtsCrossAccount
{
    /// <summary>A cross-account DTS data sync task.</summary>
    public sealed class SyncTask
    {
        /// <summary>Tencent or Alibaba: a string, so ConvertTo-Json and exports show the name; it binds to -Cloud by property name.</summary>
        public string Cloud { get; set; }
        public string TaskId { get; set; }
        /// <summary>Alibaba: the DTS instance the job runs on. Tencent: same as TaskId.</summary>
        public string InstanceId { get; set; }
        public string Name { get; set; }
        /// <summary>The region the task is managed in (DTS API region); binds to -Region by property name.</summary>
        public string Region { get; set; }
        public string Status { get; set; }
        /// <summary>How far the current step is, 0-100 (Tencent Detail.Progress); null when the cloud does not say.</summary>
        public int? Progress { get; set; }
        /// <summary>How far the destination is behind the source, in seconds (Tencent SecondsBehindMaster, Alibaba Delay); null when unknown.</summary>
        public double? DelaySeconds { get; set; }
        /// <summary>PayAsYouGo or Subscription; a Subscription task cannot be released by API before it expires.</summary>
        public string BillingMethod { get; set; }
        /// <summary>The billing state the cloud reports (Tencent TradeStatus: Normal, Isolated, ...); null when it reports none.</summary>
        public string BillingStatus { get; set; }
        public string SourceAccountId { get; set; }
        public string SourceInstanceId { get; set; }
        public string SourceRegion { get; set; }
        public string SourceEngine { get; set; }
        /// <summary>The role in the source owner's account that DTS assumes (cross-account source); null for the task account's own instance.</summary>
        public string SourceRoleName { get; set; }
        public string DestinationAccountId { get; set; }
        public string DestinationInstanceId { get; set; }
        public string DestinationRegion { get; set; }
        public string DestinationEngine { get; set; }
        public string DestinationRoleName { get; set; }
        /// <summary>Alibaba two-way sync: the reverse-direction job (destination → source) on the same DTS instance; null otherwise.</summary>
        public string ReverseTaskId { get; set; }
        /// <summary>Alibaba two-way sync: the reverse job's status (NotConfigured until the forward job runs).</summary>
        public string ReverseStatus { get; set; }
        public CheckItem[] Checks { get; set; }
        public bool Changed { get; set; }
        public string[] Changes { get; set; }

        /// <summary>
        /// The status the task settles in once started, as the cloud's reader found it in the task's configuration: what
        /// Get-DtsSyncTask -Wait waits for when no -Status is given. Internal: a fact for the wait, not part of the output.
        /// </summary>
        internal string RunningStatus { get; set; }

        public override string ToString() => TaskId + " (" + Status + ")";
    }
}
