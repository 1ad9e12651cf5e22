using System.Threading;

namespace DtsCrossAccount.Core
{
    /// <summary>
    /// How the service layer talks back to whoever called it (a cmdlet, a test). Keeps the logic free of PSCmdlet.
    /// Implementations must be called on the thread that owns the pipeline; the service layer is synchronous.
    /// </summary>
    internal interface IOperationReporter
    {
        void Verbose(string message);
        void Debug(string message);
        void Warning(string message);
        /// <summary>percent: 0-100, or -1 when unknown. completed: closes the progress record.</summary>
        void Progress(string activity, string status, int percent, bool completed);
        CancellationToken Cancellation { get; }
    }

    /// <summary>A reporter that drops everything (unit tests, internal probes).</summary>
    internal sealed class NullReporter : IOperationReporter
    {
        public static readonly NullReporter Instance = new NullReporter();
        public void Verbose(string message) { }
        public void Debug(string message) { }
        public void Warning(string message) { }
        public void Progress(string activity, string status, int percent, bool completed) { }
        public CancellationToken Cancellation => CancellationToken.None;
    }
}
