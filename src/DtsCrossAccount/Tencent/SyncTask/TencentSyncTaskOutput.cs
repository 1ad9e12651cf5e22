using System;
using System.Collections.Generic;
using System.Linq;

namespace DtsCrossAccount.Tencent
{
    /// <summary>The SyncTask object New-DtsSyncTask writes for a Tencent job.</summary>
    internal static class TencentSyncTaskOutput
    {
        public static SyncTask Build(TencentSyncSpec spec, string jobId, string status, CheckItem[] checks, bool changed, IEnumerable<string> changes) => new SyncTask
        {
            Cloud = nameof(CloudKind.Tencent),
            TaskId = jobId,
            InstanceId = jobId,
            Name = spec.Name,
            Region = spec.Destination.Region,
            Status = status,
            // The PayMode bought, named as Get-DtsSyncTask names it when it reads the job back.
            BillingMethod = TencentSyncTaskReader.BillingMethodOf(spec.Options.PayMode),
            SourceAccountId = spec.Source.AccountId,
            SourceInstanceId = spec.Source.Endpoint.InstanceId,
            SourceRegion = spec.Source.Region,
            SourceEngine = spec.Source.Engine,
            SourceRoleName = spec.Source.CrossAccount ? spec.Source.RoleName : null,
            DestinationAccountId = spec.Destination.AccountId,
            DestinationInstanceId = spec.Destination.Endpoint.InstanceId,
            DestinationRegion = spec.Destination.Region,
            DestinationEngine = spec.Destination.Engine,
            DestinationRoleName = spec.Destination.CrossAccount ? spec.Destination.RoleName : null,
            Checks = checks ?? Array.Empty<CheckItem>(),
            Changed = changed,
            Changes = changes?.ToArray() ?? Array.Empty<string>(),
        };
    }
}
