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
        public string Status { get; set; }
        public string SourceAccountId { get; set; }
        public string SourceInstanceId { get; set; }
        public string SourceRegion { get; set; }
        public string SourceEngine { get; set; }
        public string DestinationAccountId { get; set; }
        public string DestinationInstanceId { get; set; }
        public string DestinationRegion { get; set; }
        public string DestinationEngine { get; set; }
        /// <summary>Alibaba two-way sync: the reverse-direction job (destination → source) on the same DTS instance; null otherwise.</summary>
        public string ReverseTaskId { get; set; }
        /// <summary>Alibaba two-way sync: the reverse job's status (NotConfigured until the forward job runs).</summary>
        public string ReverseStatus { get; set; }
        public CheckItem[] Checks { get; set; }
        public bool Changed { get; set; }
        public string[] Changes { get; set; }

        public override string ToString() => TaskId + " (" + Status + ")";
    }
}
