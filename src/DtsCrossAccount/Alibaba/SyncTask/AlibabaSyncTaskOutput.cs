using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Linq;
using System.Management.Automation;
using DtsCrossAccount.Core;
using DtsCrossAccount.Json;
using DtsCrossAccount.Services;

namespace DtsCrossAccount.Alibaba
{
    /// <summary>The SyncTask object and the messages New-DtsSyncTask writes for an Alibaba job; database passwords never leave here.</summary>
    internal static class AlibabaSyncTaskOutput
    {
        internal static SyncTask BuildTask(AlibabaSyncSpec t, string jobId, string instanceId, string status, CheckItem[] checks, List<string> changes, bool? changed = null)
        {
            return new SyncTask
            {
                Cloud = nameof(CloudKind.Alibaba),
                TaskId = jobId,
                InstanceId = string.IsNullOrEmpty(instanceId) ? null : instanceId,   // a job configured before its purchase has none yet
                Name = t.Request.Name,
                Region = t.DtsRegion,
                Status = status,
                BillingMethod = "PayAsYouGo",
                SourceAccountId = t.Source.AccountId,
                SourceInstanceId = t.Source.WireInstanceId,
                SourceRegion = t.Source.Region,
                SourceEngine = t.Source.Engine.Key,
                SourceRoleName = t.Source.CrossAccount ? t.Source.RoleName : null,
                DestinationAccountId = t.Destination.AccountId,
                DestinationInstanceId = t.Destination.WireInstanceId,
                DestinationRegion = t.Destination.Region,
                DestinationEngine = t.Destination.Engine.Key,
                DestinationRoleName = t.Destination.CrossAccount ? t.Destination.RoleName : null,
                // Two-way: the reverse direction exists once the forward job runs (AlibabaReverseDirection fills these in).
                ReverseStatus = t.Request.TwoWay ? "NotConfigured" : null,
                Checks = checks ?? new CheckItem[0],
                Changed = changed ?? changes.Count > 0,
                Changes = changes.ToArray(),
            };
        }

        internal static CheckItem ToCheckItem(AlibabaSyncSpec t, JsonObject item)
        {
            var state = AlibabaDts.Str(item, "State");
            var result = AlibabaDts.Eq(state, "Failed") ? CheckResult.Failed
                : AlibabaDts.Eq(state, "Warning") ? CheckResult.Warning
                : AlibabaDts.Eq(state, "Success") ? CheckResult.Passed
                : CheckResult.Skipped;
            var name = AlibabaDts.Str(item, "Names") ?? AlibabaDts.Str(item, "Item");
            var message = AlibabaDts.Str(item, "ErrMsg");
            if (string.IsNullOrEmpty(message)) message = result == CheckResult.Passed ? "Passed." : state;
            var detail = AlibabaDts.Str(item, "ErrDetail");
            if (!string.IsNullOrEmpty(detail) && result != CheckResult.Passed) message += " (" + detail + ")";
            return new CheckItem
            {
                Name = name,
                Result = result,
                Message = Redact(t, message),
                Remedy = Redact(t, AlibabaDts.Str(item, "RepairMethod")),
            };
        }

        internal static string RoleHints(AlibabaSyncSpec t)
        {
            var sides = new[] { t.Source, t.Destination }.Where(e => e.CrossAccount).ToList();
            if (sides.Count == 0) return "";
            return "To see whether a cross-account role is the cause, run for each side: "
                + string.Join("; ", sides.Select(s => "(" + s.Label + ") Test-DtsCrossAccountAccess -Cloud Alibaba -RoleAccountId " + s.AccountId + " -RoleName " + s.RoleName
                    + " -TrustedAccountId " + t.TaskAccountId + " -OwnerProfileName <root profile of " + s.AccountId + ">")) + ". ";
        }

        internal static string DescribeEndpoint(AlibabaSyncSpec.Side e) =>
            e.Engine.Key + " " + AlibabaEndpointReach.Where(e) + " (" + e.Region + ", account " + e.AccountId
            + (e.CrossAccount ? ", cross-account via role " + e.RoleName : "") + ")";

        internal static string DescribeInitialization(SyncTaskRequest r)
        {
            var parts = new List<string>();
            if (r.StructureInitialization) parts.Add("schema");
            if (r.FullDataInitialization) parts.Add("full data");
            if (r.IncrementalSync) parts.Add("incremental");
            return string.Join(" + ", parts);
        }

        /// <summary>Cloud messages may echo parameters; database passwords never leave this class.</summary>
        internal static string Redact(AlibabaSyncSpec t, string text)
        {
            if (string.IsNullOrEmpty(text)) return text;
            foreach (var secret in new[] { t.Source.Spec.Password, t.Destination.Spec.Password })
            {
                if (!string.IsNullOrEmpty(secret) && secret.Length >= 3) text = text.Replace(secret, "****");
            }
            return text;
        }

        internal static bool Is(string a, string b) => AlibabaDts.Eq(a, b);
    }
}
