using System;
using System.Collections.Generic;

namespace DtsCrossAccount.Alibaba
{
    /// <summary>One role a cross-account scenario needs: owned by a database owner, trusting the task account.</summary>
    internal sealed class ScenarioRole
    {
        public ScenarioRole(string ownerAccountId, string trustedAccountId, string endpoint, string scenario)
        {
            OwnerAccountId = ownerAccountId;
            TrustedAccountId = trustedAccountId;
            Endpoint = endpoint;
            Scenario = scenario;
        }

        public string OwnerAccountId { get; }
        public string TrustedAccountId { get; }
        /// <summary>Source, Destination, or "Source,Destination" (both databases in one account other than the task's).</summary>
        public string Endpoint { get; }
        public string Scenario { get; }

        public override string ToString() => Scenario + ": " + OwnerAccountId + " trusts " + TrustedAccountId + " (" + Endpoint + ")";
    }

    /// <summary>
    /// The seed's "Cross-account scenarios" table as a pure function of three account IDs:
    /// A = source database owner, B = destination database owner, C = account that creates the DTS task.
    /// </summary>
    internal static class AlibabaScenario
    {
        public const string CrossAccountSource = "CrossAccountSource";
        public const string CrossAccountDestination = "CrossAccountDestination";
        public const string CrossAccountBoth = "CrossAccountBoth";

        public const string Source = "Source";
        public const string Destination = "Destination";
        public const string SourceAndDestination = "Source,Destination";

        /// <summary>
        /// A≠C=B: the source owner A trusts B (scenario 1). A=C≠B: the destination owner B trusts A (scenario 2).
        /// A≠C, B≠C, A≠B: A and B each trust C (scenario 3). A=B≠C: both databases live in one account that is not the
        /// task's; that account configures ONE role trusting C, used for both endpoints (the seed's scenario 3 with A and B
        /// being the same account, which has to authorize only once). A=B=C: no role (same-account task).
        /// </summary>
        public static IReadOnlyList<ScenarioRole> Plan(string sourceAccountId, string destinationAccountId, string taskAccountId)
        {
            if (string.IsNullOrEmpty(sourceAccountId)) throw new ArgumentException("The source account ID is required.", nameof(sourceAccountId));
            if (string.IsNullOrEmpty(destinationAccountId)) throw new ArgumentException("The destination account ID is required.", nameof(destinationAccountId));
            if (string.IsNullOrEmpty(taskAccountId)) throw new ArgumentException("The task account ID is required.", nameof(taskAccountId));

            bool sourceIsTask = sourceAccountId == taskAccountId;
            bool destinationIsTask = destinationAccountId == taskAccountId;

            if (sourceIsTask && destinationIsTask) return new ScenarioRole[0];
            if (!sourceIsTask && destinationIsTask)
                return new[] { new ScenarioRole(sourceAccountId, taskAccountId, Source, CrossAccountSource) };
            if (sourceIsTask)
                return new[] { new ScenarioRole(destinationAccountId, taskAccountId, Destination, CrossAccountDestination) };
            if (sourceAccountId == destinationAccountId)
                return new[] { new ScenarioRole(sourceAccountId, taskAccountId, SourceAndDestination, CrossAccountBoth) };
            return new[]
            {
                new ScenarioRole(sourceAccountId, taskAccountId, Source, CrossAccountBoth),
                new ScenarioRole(destinationAccountId, taskAccountId, Destination, CrossAccountBoth),
            };
        }

        /// <summary>The scenario name for a task whose endpoints are (or are not) in another account; null = same account.</summary>
        public static string NameFor(bool sourceCrossAccount, bool destinationCrossAccount)
        {
            if (sourceCrossAccount && destinationCrossAccount) return CrossAccountBoth;
            if (sourceCrossAccount) return CrossAccountSource;
            if (destinationCrossAccount) return CrossAccountDestination;
            return null;
        }
    }
}
