namespace DtsCrossAccount
{
    /// <summary>
    /// The results a check can have. Strings rather than an enum, so CheckItem.Result reads "Failed" (not 1) in
    /// ConvertTo-Json, CSV and logs; compare with 'Failed' or [DtsCrossAccount.CheckResult]::Failed.
    /// </summary>
    public static class CheckResult
    {
        public const string Passed = "Passed";
        public const string Failed = "Failed";
        public const string Skipped = "Skipped";
        public const string Warning = "Warning";
    }
}
