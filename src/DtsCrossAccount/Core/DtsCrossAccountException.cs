using System;
using System.Management.Automation;

namespace DtsCrossAccount.Core
{
    /// <summary>
    /// An error the user can act on: a stable ErrorId for FullyQualifiedErrorId, a category, the target, and the next step.
    /// Messages never contain secrets.
    /// </summary>
    public class DtsCrossAccountException : Exception
    {
        public DtsCrossAccountException(string errorId, ErrorCategory category, string message, object target = null, Exception inner = null)
            : base(message, inner)
        {
            ErrorId = errorId;
            Category = category;
            Target = target;
        }

        public string ErrorId { get; }
        public ErrorCategory Category { get; }
        public object Target { get; }
    }
}
