using System.Collections.Generic;
using System.Linq;

namespace DtsCrossAccount.Services
{
    /// <summary>The overall result of an access test, the same rule for every cloud.</summary>
    internal static class AccessVerdict
    {
        /// <summary>
        /// Passed only when no check failed and at least one passed. A skipped check counts for nothing: each provider
        /// turns a skipped check into a failure when nothing else established what it was meant to show.
        /// </summary>
        public static bool Passed(IReadOnlyCollection<CheckItem> checks) =>
            checks.Any(c => c.Result == CheckResult.Passed) && checks.All(c => c.Result != CheckResult.Failed);
    }
}
