namespace DtsCrossAccount
{
    /// <summary>One check of an access test or a DTS verification/precheck. A failure is data with a remedy, not an exception.</summary>
    public sealed class CheckItem
    {
        public string Name { get; set; }
        /// <summary>One of <see cref="CheckResult"/>: Passed, Failed, Skipped or Warning.</summary>
        public string Result { get; set; }
        public string Message { get; set; }
        public string Remedy { get; set; }

        public override string ToString() => Name + ": " + Result;
    }
}
