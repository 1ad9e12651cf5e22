namespace DtsCrossAccount
{
    /// <summary>The result of Test-DtsCrossAccountAccess: every check the console would do, each with a remedy when it fails.</summary>
    public sealed class AccessCheck
    {
        /// <summary>Tencent or Alibaba: a string, so ConvertTo-Json and exports show the name; it binds to -Cloud by property name.</summary>
        public string Cloud { get; set; }
        public string RoleArn { get; set; }
        public bool Passed { get; set; }
        public CheckItem[] Checks { get; set; }

        public override string ToString() => RoleArn + ": " + (Passed ? "Passed" : "Failed");
    }
}
