namespace DtsCrossAccount
{
    public enum CheckResult
    {
        Passed,
        Failed,
        Skipped,
        Warning
    }
}
