using System.Collections.Generic;

namespace DtsCrossAccount.Services
{
    /// <summary>One role a scenario needs: in Owner's account, trusting the task account, for one endpoint.</summary>
    internal sealed class PlannedRole
    {
        public string OwnerAccountId;
        public string TrustedAccountId;
        /// <summary>Source or Destination.</summary>
        public string Endpoint;
    }

    /// <summary>
    /// Which roles a cross-account task needs follows from three account IDs, not from a mode the user picks:
    /// every database owner that is not the task creator needs a role in its own account trusting the task creator.
    /// Names follow the Alibaba Cloud guide's three scenarios; Tencent Cloud supports only the first.
    /// </summary>
    internal static class ScenarioPlanner
    {
        public const string CrossAccountSource = "CrossAccountSource";
        public const string CrossAccountDestination = "CrossAccountDestination";
        public const string CrossAccountBoth = "CrossAccountBoth";
        public const string SameAccount = "SameAccount";

        public static string Name(string source, string destination, string task)
        {
            bool src = source != task, dst = destination != task;
            if (src && dst) return CrossAccountBoth;
            if (src) return CrossAccountSource;
            if (dst) return CrossAccountDestination;
            return SameAccount;
        }

        /// <summary>The roles to create, source first. When both owners are the same account (A = B ≠ C), one role serves both endpoints.</summary>
        public static IReadOnlyList<PlannedRole> Plan(string source, string destination, string task)
        {
            var roles = new List<PlannedRole>();
            if (source != task)
                roles.Add(new PlannedRole { OwnerAccountId = source, TrustedAccountId = task, Endpoint = destination == source ? "Source,Destination" : "Source" });
            if (destination != task && destination != source)
                roles.Add(new PlannedRole { OwnerAccountId = destination, TrustedAccountId = task, Endpoint = "Destination" });
            return roles;
        }
    }
}
