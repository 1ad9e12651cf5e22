using System;
using System.Management.Automation;

namespace DtsCrossAccount.Core
{
    /// <summary>
    /// An error the user can act on: a stable ErrorId for FullyQualifiedErrorId, a category, the target, and the next step.
    /// The message is the whole story (what is wrong, then what to do); <see cref="Remedy"/> is the "what to do" part on
    /// its own, for ErrorDetails.RecommendedAction. Messages never contain secrets.
    /// </summary>
    public class DtsCrossAccountException : Exception
    {
        /// <param name="message">What is wrong; when <paramref name="remedy"/> is null, also what to do (the last sentences).</param>
        /// <param name="remedy">What to do, appended to the message; null to take it from the message's own wording.</param>
        public DtsCrossAccountException(string errorId, ErrorCategory category, string message, object target = null, Exception inner = null, string remedy = null)
            : base(RemedyText.Join(message, remedy), inner)
        {
            ErrorId = errorId;
            Category = category;
            Target = target;
            Remedy = string.IsNullOrEmpty(remedy) ? RemedyText.Find(message) : remedy.Trim();
            _problem = string.IsNullOrEmpty(remedy) ? null : message;
        }

        private readonly string _problem;

        public string ErrorId { get; }
        public ErrorCategory Category { get; }
        public object Target { get; }
        /// <summary>The next step (a command to run, a parameter to pass or a console step), never empty.</summary>
        public string Remedy { get; }

        /// <summary>
        /// A cloud call or a wait that failed (the cloud's answer, a lost connection, a timeout): what a step that
        /// reports where it stopped catches, as opposed to a bug or Ctrl+C.
        /// </summary>
        internal static bool IsFailedCall(Exception e) =>
            e is DtsCrossAccountException || e is System.Net.Http.HttpRequestException || e is TimeoutException;

        /// <summary>
        /// <paramref name="e"/>'s message for quoting inside another error whose next step is <paramref name="remedy"/>:
        /// without its own next step when that is the same one, so the user does not read it twice.
        /// </summary>
        internal static string Quote(Exception e, string remedy) =>
            e is DtsCrossAccountException d && d._problem != null && string.Equals(d.Remedy, remedy?.Trim(), StringComparison.Ordinal)
                ? d._problem.Trim() : e.Message;
    }
}
