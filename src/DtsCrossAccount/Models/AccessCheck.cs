namespace DtsCrossAccount
{
    /// <summary>The result of Test-DtsCrossAccountAccess: every check the console would do, each with a remedy when it fails.</summary>
    public sealed class AccessCheck
    {
        public CloudKind Cloud { get; set; }
        public string RoleArn { get; set; }
        public bool Passed { get; set; }
        public CheckItem[] Checks { get; set; }

        public override string ToString() => RoleArn + ": " + (Passed ? "Passed" : "Failed");
    }
}
