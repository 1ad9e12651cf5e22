using System.Collections.Generic;
using System.Linq;
using DtsCrossAccount.Core;
using DtsCrossAccount.Services;

namespace DtsCrossAccount.Alibaba
{
    /// <summary>
    /// The second direction of a two-way (SyncArchitecture=bidirectional) task: once the forward job runs, ConfigureDtsJob
    /// with SynchronizationDirection=Reverse on the same DTS instance, the endpoints swapped, then StartDtsJob with
    /// SynchronizationDirection=Reverse and its precheck (ConfigureDtsJob / StartDtsJob SynchronizationDirection, doc
    /// 208399; the Terraform resource alicloud_dts_synchronization_job "synchronization_direction … only when
    /// sync_architecture was bidirectional"; DescribeDtsJobs lists it as DtsJobList[].ReverseJob).
    /// </summary>
    internal static class AlibabaReverseDirection
    {
        /// <summary>
        /// The spec of the reverse direction: the destination becomes the source and the reverse. It carries incremental
        /// changes only: the forward job already created and filled the objects (guess: the console's reverse task offers
        /// no initialization of its own for objects the forward task synchronized).
        /// </summary>
        internal static AlibabaSyncSpec Of(AlibabaSyncSpec t)
        {
            var r = t.Request;
            var request = new SyncTaskRequest
            {
                Caller = r.Caller,
                Name = r.Name,
                Source = r.Destination,
                Destination = r.Source,
                Databases = r.Databases,
                Tables = r.Tables,
                StructureInitialization = false,
                FullDataInitialization = false,
                IncrementalSync = true,
                TwoWay = true,
                NoStart = r.NoStart,
                Wait = r.Wait,
                TimeoutSeconds = r.TimeoutSeconds,
                InstanceClass = r.InstanceClass,
                Extra = r.Extra,
            };
            var reverse = new AlibabaSyncSpec
            {
                Request = request,
                TaskAccountId = t.TaskAccountId,
                DtsRegion = t.DtsRegion,
                InstanceClass = t.InstanceClass,
                Source = Swap(t.Destination, "source", "Source"),
                Destination = Swap(t.Source, "destination", "Destination"),
                DbList = t.DbList,
                Scenario = t.Scenario,
                WaitUntilRunning = r.Wait,
            };
            reverse.Reserve = AlibabaConfigureDtsJobRequest.BuildReserve(r.Extra, reverse);
            return reverse;
        }

        private static AlibabaSyncSpec.Side Swap(AlibabaSyncSpec.Side e, string label, string prefix) => new AlibabaSyncSpec.Side
        {
            Label = label,
            Prefix = prefix,
            Spec = e.Spec,
            Engine = e.Engine,
            Connection = e.Connection,
            AccountId = e.AccountId,
            Region = e.Region,
            RoleName = e.RoleName,
            CrossAccount = e.CrossAccount,
            DatabaseName = e.DatabaseName,
        };

        /// <summary>ConfigureDtsJob for the reverse direction of instance <paramref name="instanceId"/>.</summary>
        internal static Dictionary<string, string> ConfigureRequest(AlibabaSyncSpec reverse, string instanceId, string reverseJobId)
        {
            var p = AlibabaConfigureDtsJobRequest.Build(reverse, instanceId, reverseJobId);
            p["SynchronizationDirection"] = "Reverse";
            return p;
        }

        /// <summary>Who authorizes what in each direction, for the plan: every cross-account side's role serves both directions.</summary>
        internal static string DescribeAuthorization(AlibabaSyncSpec t)
        {
            var sides = new[] { t.Source, t.Destination };
            var roles = sides.Where(s => s.CrossAccount).Select(s => "role '" + s.RoleName + "' of account " + s.AccountId + " (" + s.Label + " database, read and written in both directions)").ToList();
            var own = sides.Where(s => !s.CrossAccount).Select(s => "the " + s.Label + " database of the task account (DTS's own authorization, AliyunDTSDefaultRole)").ToList();
            return "forward " + AlibabaSyncTaskOutput.DescribeEndpoint(t.Source) + " → " + AlibabaSyncTaskOutput.DescribeEndpoint(t.Destination)
                + "; reverse " + AlibabaSyncTaskOutput.DescribeEndpoint(t.Destination) + " → " + AlibabaSyncTaskOutput.DescribeEndpoint(t.Source)
                + "; authorized by " + string.Join(" and ", roles.Concat(own));
        }

        /// <summary>
        /// Once the forward job runs: configure (again) and start the reverse job, follow its precheck and, with -Wait, wait
        /// until it is Synchronizing. Returns the forward task with the reverse job's ID and status and both precheck lists.
        /// </summary>
        internal static SyncTask ConfigureAndStart(AlibabaSyncSpec t, AlibabaDts dts, AlibabaSyncTaskRunner runner, SyncTask forward, AlibabaDtsJob existingReverse, List<string> done)
        {
            var reverse = Of(t);
            var instanceId = forward.InstanceId;
            string reverseJobId;
            try
            {
                reverseJobId = dts.ConfigureJob(ConfigureRequest(reverse, instanceId, existingReverse?.JobId));
            }
            catch (CloudApiException e)
            {
                throw AlibabaSyncTaskRunner.AfterPurchase(t, instanceId, forward.TaskId, forward.Status,
                    "configuring the reverse direction (SynchronizationDirection=Reverse) failed: " + AlibabaSyncTaskOutput.Redact(t, e.Message), e, done);
            }
            if (string.IsNullOrEmpty(reverseJobId)) reverseJobId = existingReverse?.JobId;
            done.Add("Configured the reverse direction (job " + reverseJobId + "): " + AlibabaSyncTaskOutput.DescribeEndpoint(reverse.Source) + " → " + AlibabaSyncTaskOutput.DescribeEndpoint(reverse.Destination));
            if (t.Request.NoStart)
                return With(forward, reverseJobId, "NotStarted", null, done);
            try
            {
                dts.StartJob(reverseJobId, reverse: true);
                done.Add("Started the reverse direction (job " + reverseJobId + ")");
            }
            catch (CloudApiException e)
            {
                throw AlibabaSyncTaskRunner.AfterPurchase(t, instanceId, reverseJobId, "NotStarted",
                    "starting the reverse direction failed: " + AlibabaSyncTaskOutput.Redact(t, e.Message), e, done);
            }
            var result = runner.FollowPrecheck(reverse, dts, reverseJobId, instanceId, done, changed: true);
            return With(forward, reverseJobId, result.Status, result.Checks, done);
        }

        internal static SyncTask With(SyncTask forward, string reverseJobId, string reverseStatus, CheckItem[] reverseChecks, List<string> done)
        {
            forward.ReverseTaskId = reverseJobId;
            forward.ReverseStatus = reverseStatus;
            if (reverseChecks != null) forward.Checks = (forward.Checks ?? new CheckItem[0]).Concat(reverseChecks.Select(Reverse)).ToArray();
            forward.Changes = done.ToArray();
            forward.Changed = forward.Changed || done.Count > 0;
            return forward;
        }

        private static CheckItem Reverse(CheckItem c) => new CheckItem { Name = "Reverse: " + c.Name, Result = c.Result, Message = c.Message, Remedy = c.Remedy };
    }
}
