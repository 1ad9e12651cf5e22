namespace DtsCrossAccount.Cmdlets
{
    /// <summary>The project's one public address; the manifest's ProjectUri and LicenseUri use the same one.</summary>
    internal static class ProjectLinks
    {
        public const string Project = "https://github.com/dtscrossaccount/DtsCrossAccount";
        /// <summary>Each cmdlet's HelpUri (Get-Help -Online) is its page under docs/.</summary>
        public const string Docs = Project + "/blob/main/docs/";
    }
}
