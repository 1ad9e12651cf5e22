using System;
using System.Collections.Generic;

namespace DtsCrossAccount.Core
{
    /// <summary>
    /// What a write cmdlet would change, computed with read calls only. The cmdlet shows Changes under -WhatIf
    /// (ShouldProcess stays in the cmdlet) and calls Apply only when confirmed; with no changes, Current is the answer.
    /// </summary>
    internal sealed class ChangePlan<T>
    {
        private readonly Func<T> _apply;

        public ChangePlan(string target, T current, IReadOnlyList<string> changes, Func<T> apply)
        {
            Target = target;
            Current = current;
            Changes = changes ?? Array.Empty<string>();
            _apply = apply;
        }

        /// <summary>The ShouldProcess target: cloud, account and resource.</summary>
        public string Target { get; }
        /// <summary>The object as it is now (Changed = false), or as planned when nothing exists yet.</summary>
        public T Current { get; }
        public IReadOnlyList<string> Changes { get; }
        public bool HasChanges => Changes.Count > 0;

        /// <summary>Read-only checks made while planning (New-DtsSyncTask's pre-flight); shown with the plan.</summary>
        public IReadOnlyList<CheckItem> Checks { get; set; } = Array.Empty<CheckItem>();

        /// <summary>
        /// Set when applying spends money beyond pay-as-you-go (a subscription paid in advance): the cmdlet asks this
        /// question once more after ShouldProcess (ShouldContinue), unless -Force.
        /// </summary>
        public string SpendingNotice { get; set; }

        public string Describe()
        {
            string checks = Services.SyncPreflight.Summary(Checks);
            return string.Join("; ", Changes) + (checks == null ? "" : "; " + checks);
        }

        public T Apply()
        {
            if (_apply == null) throw new InvalidOperationException("This plan has nothing to apply.");
            return _apply();
        }
    }
}
