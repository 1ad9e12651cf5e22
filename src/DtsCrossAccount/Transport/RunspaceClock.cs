using System.Management.Automation.Runspaces;
using System.Runtime.CompilerServices;

namespace DtsCrossAccount.Transport
{
    /// <summary>
    /// Test seam: the clock for cmdlets run in one runspace. Internal (no parameter, variable or environment variable
    /// reaches it), keyed by the runspace so parallel test sessions in one process keep their own time; a runspace with
    /// none (every user's) gets <see cref="SystemClock"/>.
    /// </summary>
    internal static class RunspaceClock
    {
        private static readonly ConditionalWeakTable<Runspace, IClock> Clocks = new ConditionalWeakTable<Runspace, IClock>();

        public static void Set(Runspace runspace, IClock clock)
        {
            lock (Clocks)
            {
                Clocks.Remove(runspace);
                if (clock != null) Clocks.Add(runspace, clock);
            }
        }

        public static IClock For(Runspace runspace)
        {
            if (runspace == null) return SystemClock.Instance;
            lock (Clocks) return Clocks.TryGetValue(runspace, out var clock) ? clock : SystemClock.Instance;
        }
    }
}
