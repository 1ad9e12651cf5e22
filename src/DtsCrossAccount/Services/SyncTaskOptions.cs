using System.Collections.Generic;

namespace DtsCrossAccount.Services
{
    /// <summary>
    /// The "Set sync options" step of a task and how it is bought, as the cmdlet was given them; null members mean the
    /// cloud's default. Today only the Tencent provider takes them (step 5 of its guide and CreateSyncJob's PayMode);
    /// the cmdlet refuses them for other clouds before any call.
    /// </summary>
    internal sealed class SyncTaskOptions
    {
        /// <summary>What to do when a row conflicts in the target: ReportError, Ignore, Cover, ConditionCover.</summary>
        public string ConflictHandling;
        /// <summary>ConditionCover only: the column compared, and how the source value must compare to the target's (&gt;, &lt;, =).</summary>
        public string ConflictConditionColumn;
        public string ConflictConditionOrder;
        /// <summary>A same-named table in the target: ReportErrorAfterCheck (refuse in the verification) or ExecuteAfterIgnore.</summary>
        public string ExistingTableHandling;
        /// <summary>DML and DDL to sync: Insert, Update, Delete, DDL.</summary>
        public IList<string> Operations;
        /// <summary>Only these DDL statements, as "Object.Operation" (Table.Create, Database.Drop, ...); replaces "all DDL".</summary>
        public IList<string> Ddl;
        /// <summary>Buy a subscription (prepaid) instead of pay-as-you-go.</summary>
        public bool Subscription;
        /// <summary>Subscription length in months; 0 = not given.</summary>
        public int PeriodMonths;
        public bool AutoRenew;
        /// <summary>Names of the parameters that were given (for "only with -Cloud X" and "only with -PayMode Subscription" refusals).</summary>
        public ISet<string> Given = new HashSet<string>(System.StringComparer.OrdinalIgnoreCase);
    }
}
