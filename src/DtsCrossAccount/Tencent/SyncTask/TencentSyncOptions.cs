using System;
using System.Collections.Generic;
using System.Linq;
using System.Text.RegularExpressions;
using DtsCrossAccount.Core;
using DtsCrossAccount.Json;
using DtsCrossAccount.Services;

namespace DtsCrossAccount.Tencent
{
    /// <summary>
    /// Step 5 of the guide ("Set sync options and objects": initialization, conflict handling, same-named tables, the
    /// operations and DDL to sync) and the purchase (PayMode, TimeSpan, AutoRenew), resolved and checked with no call.
    /// Values and defaults: ConfigureSyncJob Options and CreateSyncJob (docs/tencent-provider.md, "Sync options").
    /// </summary>
    internal sealed class TencentSyncOptions
    {
        public static readonly string[] ConflictTypes = { "ReportError", "Ignore", "Cover", "ConditionCover" };
        public static readonly string[] ExistingTableTypes = { "ReportErrorAfterCheck", "ExecuteAfterIgnore" };
        public static readonly string[] Operations = { "Insert", "Update", "Delete", "DDL" };
        public static readonly string[] ConditionOrders = { ">", "<", "=" };

        /// <summary>DdlOption values per DdlObject (SDK model DdlOption).</summary>
        public static readonly IReadOnlyDictionary<string, string[]> DdlValues = new Dictionary<string, string[]>(StringComparer.Ordinal)
        {
            ["Database"] = new[] { "Create", "Drop", "Alter" },
            ["Table"] = new[] { "Create", "Drop", "Alter", "Truncate", "Rename" },
            ["View"] = new[] { "Create", "Drop" },
            ["Index"] = new[] { "Create", "Drop" },
        };

        /// <summary>Every "Object.Operation" -SyncDdl takes, in the order of the model.</summary>
        public static readonly string[] DdlChoices = DdlValues.SelectMany(kv => kv.Value.Select(v => kv.Key + "." + v)).ToArray();

        // A column name as MySQL takes it unquoted or quoted, without a line break: 1-64 characters (MySQL identifier limit).
        private static readonly Regex ColumnPattern = InputText.Whole(@"[^\x00-\x1F\x7F`]{1,64}");

        public string ConflictHandleType = "ReportError";
        public string ConditionColumn;
        public string ConditionOrder;
        public string DealOfExistSameTable = "ReportErrorAfterCheck";
        /// <summary>OpTypes: the DML given plus DDL, or PartialDDL when only some DDL is synced.</summary>
        public List<string> OpTypes = new List<string> { "Insert", "Update", "Delete", "DDL" };
        /// <summary>DdlObject → DdlValue, for PartialDDL; empty otherwise.</summary>
        public SortedDictionary<string, List<string>> Ddl = new SortedDictionary<string, List<string>>(StringComparer.Ordinal);
        public string PayMode = "PostPay";
        public int TimeSpan;
        public bool AutoRenew;

        public bool IsSubscription => PayMode == "PrePay";

        public static TencentSyncOptions Resolve(SyncTaskOptions given)
        {
            var o = new TencentSyncOptions();
            if (given == null) return o;
            o.ConflictHandleType = Pick(given.ConflictHandling, ConflictTypes, "ConflictHandling") ?? o.ConflictHandleType;
            o.DealOfExistSameTable = Pick(given.ExistingTableHandling, ExistingTableTypes, "ExistingTableHandling") ?? o.DealOfExistSameTable;

            if (o.ConflictHandleType == "ConditionCover")
            {
                if (string.IsNullOrEmpty(given.ConflictConditionColumn) || string.IsNullOrEmpty(given.ConflictConditionOrder))
                    throw Invalid("ConflictConditionMissing",
                        "-ConflictHandling ConditionCover overwrites a conflicting row only when a column compares as you say: give -ConflictConditionColumn " +
                        "(the column, for example updated_at) and -ConflictConditionOrder ('>' = the source value is greater, '<' smaller, '=' equal).", null);
                if (!ColumnPattern.IsMatch(given.ConflictConditionColumn))
                    throw Invalid("InvalidConflictConditionColumn",
                        string.Format("-ConflictConditionColumn '{0}' is not a column name: 1 to 64 characters on one line, no backtick.{1}",
                            InputText.Show(given.ConflictConditionColumn), InputText.WhatIsWrong(given.ConflictConditionColumn, 64)), given.ConflictConditionColumn);
                o.ConditionColumn = given.ConflictConditionColumn;
                o.ConditionOrder = Pick(given.ConflictConditionOrder, ConditionOrders, "ConflictConditionOrder");
            }
            else if (given.Given.Contains("ConflictConditionColumn") || given.Given.Contains("ConflictConditionOrder"))
                throw Invalid("ConflictConditionWithoutConditionCover",
                    "-ConflictConditionColumn and -ConflictConditionOrder belong to -ConflictHandling ConditionCover; add it, or leave them out.", null);

            if (given.Operations != null)
            {
                var ops = given.Operations.Select(op => Pick(op, Operations, "SyncOperation")).Distinct(StringComparer.Ordinal).ToList();
                if (!ops.Any(op => op != "DDL"))
                    throw Invalid("SyncOperationNeedsDml",
                        "-SyncOperation must include at least one of Insert, Update, Delete: ConfigureSyncJob requires a DML operation in Options.OpTypes.", null);
                o.OpTypes = Operations.Where(ops.Contains).ToList();
            }
            if (given.Ddl != null && given.Ddl.Count > 0)
            {
                if (given.Operations != null && !given.Operations.Any(op => string.Equals(op, "DDL", StringComparison.OrdinalIgnoreCase)))
                    throw Invalid("SyncDdlWithoutDdl",
                        "-SyncDdl picks which DDL to sync, but -SyncOperation leaves DDL out. Add DDL to -SyncOperation, or leave -SyncDdl out.", null);
                foreach (var item in given.Ddl)
                {
                    var choice = Pick(item, DdlChoices, "SyncDdl");
                    int dot = choice.IndexOf('.');
                    string obj = choice.Substring(0, dot), op = choice.Substring(dot + 1);
                    if (!o.Ddl.TryGetValue(obj, out var list)) o.Ddl[obj] = list = new List<string>();
                    if (!list.Contains(op)) list.Add(op);
                }
                foreach (var kv in o.Ddl) kv.Value.Sort((a, b) => Array.IndexOf(DdlValues[kv.Key], a).CompareTo(Array.IndexOf(DdlValues[kv.Key], b)));
                o.OpTypes = o.OpTypes.Where(op => op != "DDL").Concat(new[] { "PartialDDL" }).ToList();
            }

            if (given.Subscription)
            {
                o.PayMode = "PrePay";
                o.TimeSpan = given.Given.Contains("Period") ? given.PeriodMonths : 1; // CreateSyncJob's default: 1 month
                if (o.TimeSpan < 1 || o.TimeSpan > 100)
                    throw Invalid("InvalidSubscriptionPeriod",
                        string.Format("-Period {0} is not a Tencent DTS subscription length: CreateSyncJob takes 1 to 100 months (TimeSpan).", given.PeriodMonths), given.PeriodMonths);
                o.AutoRenew = given.AutoRenew;
            }
            else if (given.Given.Contains("Period") || given.Given.Contains("AutoRenew"))
                throw Invalid("SubscriptionParameterWithoutSubscription",
                    "-Period and -AutoRenew belong to a subscription: add -PayMode Subscription (pay-as-you-go, the default, has neither).", null);
            return o;
        }

        /// <summary>ConfigureSyncJob Options.</summary>
        public JsonObject ToJson(string initType)
        {
            var json = new JsonObject()
                .Set("InitType", initType)
                .Set("DealOfExistSameTable", DealOfExistSameTable)
                .Set("ConflictHandleType", ConflictHandleType)
                .Set("OpTypes", OpTypes.Cast<object>().ToList());
            if (ConflictHandleType == "ConditionCover")
                json.Set("ConflictHandleOption", new JsonObject()
                    .Set("ConditionColumn", ConditionColumn)
                    .Set("ConditionOperator", ">") // "目前仅支持>" (the only operator the model allows today)
                    .Set("ConditionOrderInSrcAndDst", ConditionOrder));
            if (Ddl.Count > 0)
                json.Set("DdlOptions", Ddl.Select(kv => (object)new JsonObject().Set("DdlObject", kv.Key).Set("DdlValue", kv.Value.Cast<object>().ToList())).ToList());
            return json;
        }

        /// <summary>"Insert, Update, Delete, DDL" or "Insert, PartialDDL (Table: Create, Alter)": what a diff and a plan show.</summary>
        public static string DescribeOperations(IEnumerable<string> opTypes, IEnumerable<JsonObject> ddlOptions)
        {
            var ops = (opTypes ?? Enumerable.Empty<string>()).OrderBy(op => op == "PartialDDL" ? 4 : Array.IndexOf(Operations, op)).ToList();
            var ddl = (ddlOptions ?? Enumerable.Empty<JsonObject>())
                .Select(d => d.GetString("DdlObject") + ": " + string.Join(" ", (d.GetArray("DdlValue") ?? new List<object>()).OfType<string>()))
                .OrderBy(s => s, StringComparer.Ordinal).ToList();
            return string.Join(" ", ops) + (ddl.Count > 0 ? " (" + string.Join("; ", ddl) + ")" : "");
        }

        public string DescribeOperations() =>
            DescribeOperations(OpTypes, Ddl.Select(kv => new JsonObject().Set("DdlObject", kv.Key).Set("DdlValue", kv.Value.Cast<object>().ToList())));

        public string DescribeConflict() => ConflictHandleType == "ConditionCover"
            ? "ConditionCover (" + ConditionColumn + " " + ConditionOrder + ")"
            : ConflictHandleType;

        public static string DescribeConflict(JsonObject options)
        {
            string type = options?.GetString("ConflictHandleType");
            var cond = options?.GetObject("ConflictHandleOption");
            return type == "ConditionCover" && cond != null
                ? "ConditionCover (" + cond.GetString("ConditionColumn") + " " + cond.GetString("ConditionOrderInSrcAndDst") + ")"
                : type;
        }

        /// <summary>"pay-as-you-go" or "prepaid 6-month (auto-renewed)": fits "Purchase a … DTS sync job".</summary>
        public string DescribePurchase() => IsSubscription
            ? string.Format("prepaid {0}-month ({1})", TimeSpan, AutoRenew ? "auto-renewed" : "not auto-renewed")
            : "pay-as-you-go";

        /// <summary>The allowed value, case as documented; a clear error otherwise (ValidateSet already refuses at binding; this keeps the module strict by itself).</summary>
        private static string Pick(string value, string[] allowed, string parameter)
        {
            if (value == null) return null;
            var match = allowed.FirstOrDefault(a => string.Equals(a, value, StringComparison.OrdinalIgnoreCase));
            if (match == null)
                throw Invalid("InvalidTencentSyncOption",
                    string.Format("-{0} '{1}' is not one of {2}.", parameter, InputText.Show(value), string.Join(", ", allowed)), value);
            return match;
        }

        private static DtsCrossAccountException Invalid(string id, string message, object target) => TencentSyncSpecResolver.Invalid(id, message, target);
    }
}
