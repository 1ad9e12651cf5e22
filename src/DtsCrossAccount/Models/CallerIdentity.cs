namespace DtsCrossAccount
{
    /// <summary>Who the credentials belong to (STS GetCallerIdentity).</summary>
    public sealed class CallerIdentity
    {
        public CloudKind Cloud { get; set; }
        /// <summary>The root account (Tencent owner UIN, Alibaba account UID).</summary>
        public string AccountId { get; set; }
        /// <summary>Tencent: the caller UIN. Alibaba: the user or role session ID.</summary>
        public string UserId { get; set; }
        public string Arn { get; set; }
        /// <summary>Root, SubAccount (Tencent) / RamUser (Alibaba), or AssumedRole.</summary>
        public string Type { get; set; }

        public bool IsRoot => Type == "Root";

        public override string ToString() => Arn;
    }
}
