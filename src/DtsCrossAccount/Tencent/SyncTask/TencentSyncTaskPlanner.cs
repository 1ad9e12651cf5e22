using System;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using DtsCrossAccount.Core;
using DtsCrossAccount.Services;
using Step = DtsCrossAccount.Tencent.TencentSyncTaskRunner.Step;

namespace DtsCrossAccount.Tencent
{
    /// <summary>
    /// New-DtsSyncTask for Tencent ("Creating Sync Task" of the guide): finds the job by -Name and turns the difference
    /// between its state and the request into a plan (buy → configure → verify → start). Resolving the request is
    /// <see cref="TencentSyncSpecResolver"/>'s job, executing the plan <see cref="TencentSyncTaskRunner"/>'s.
    /// </summary>
    internal sealed class TencentSyncTaskPlanner
    {
        private readonly TencentProvider _provider;

        public TencentSyncTaskPlanner(TencentProvider provider)
        {
            _provider = provider;
        }

        /// <summary>Makes no call.</summary>
        public void Validate(SyncTaskRequest request) => new TencentSyncSpecResolver(_provider).Resolve(request);

        public ChangePlan<SyncTask> Plan(SyncTaskRequest request)
        {
            var spec = new TencentSyncSpecResolver(_provider).Resolve(request);
            var dts = new TencentDts(_provider.Client(_provider.Context.Credential), spec.Destination.Region);

            var jobs = dts.FindJobsByName(spec.Name);
            if (jobs.Count > 1)
                throw new DtsCrossAccountException("DuplicateSyncJobName", ErrorCategory.InvalidOperation,
                    string.Format("{0} DTS sync jobs in {1} are named '{2}': {3}. Give -Name a name used by one job only.",
                        jobs.Count, spec.Destination.Region, spec.Name, string.Join(", ", jobs.Select(j => j.JobId + " (" + j.Status + ")"))), spec.Name);
            var job = jobs.FirstOrDefault();
            if (job != null && job.SrcInstanceId != null && job.SrcInstanceId != spec.Source.Endpoint.InstanceId)
                throw new DtsCrossAccountException("SyncJobNameInUse", ErrorCategory.ResourceExists,
                    string.Format("DTS sync job {0} is already named '{1}' but syncs instance {2}, not {3}. Choose another -Name.",
                        job.JobId, spec.Name, job.SrcInstanceId, spec.Source.Endpoint.InstanceId), job.JobId);

            // How a job was bought cannot be changed by configuring it: a different purchase is refused whatever the state.
            if (job != null && !string.IsNullOrEmpty(job.PayMode) && job.PayMode != spec.Options.PayMode)
                throw new DtsCrossAccountException("SyncJobPurchaseDiffers", ErrorCategory.InvalidOperation,
                    string.Format("DTS sync job {0} ('{1}') was bought {2}, but this command asks for {3}. A job's billing is not changed by this command: " +
                                  "run it with the purchase the job has ({4}), change the billing in the DTS console, or choose another -Name.",
                        job.JobId, spec.Name, job.PayMode == "PrePay" ? "as a prepaid subscription" : "pay-as-you-go", spec.Options.DescribePurchase(),
                        job.PayMode == "PrePay" ? "-PayMode Subscription" : "without -PayMode, or -PayMode PayAsYouGo"), job.JobId);
            var diffs = job == null ? new List<string>() : TencentSyncDiff.Differences(spec, job);
            var steps = StepsFor(job, spec, diffs);
            var changes = steps.Select(s => Describe(s, spec, job, diffs)).ToList();
            var current = TencentSyncTaskOutput.Build(spec, job?.JobId, job?.Status ?? (steps.Count > 0 ? "NotCreated" : null), null, changes.Count > 0, changes);
            string target = "Tencent account " + spec.TaskAccount + ", DTS sync task '" + spec.Name + "' in " + spec.Destination.Region;
            if (steps.Count == 0) return new ChangePlan<SyncTask>(target, TencentSyncTaskOutput.Build(spec, job.JobId, job.Status, null, false, changes), changes, null);

            // Before buying or (re)configuring: read-only checks of everything a wrong input could break.
            IReadOnlyList<CheckItem> checks = System.Array.Empty<CheckItem>();
            if (steps.Contains(Step.Create) || steps.Contains(Step.Configure))
            {
                checks = new TencentSyncPreflight(_provider).Run(spec, request.Caller);
                SyncPreflight.ThrowIfFailed(checks, TencentSyncTaskOutput.Build(spec, job?.JobId, job?.Status, null, false, null),
                    job == null ? "" : "Sync job " + job.JobId + " is kept as it is (" + job.Status + "). ");
                current.Checks = checks.ToArray();
            }
            return new ChangePlan<SyncTask>(target, current, changes,
                () => SyncPreflight.WithChecks(checks, () => new TencentSyncTaskRunner(_provider, spec, dts, diffs).Apply(job, steps, LockForPurchase(spec, dts, steps))))
            {
                Checks = checks,
                // A subscription is paid up front for months: asked once more (ShouldContinue), unless -Force.
                SpendingNotice = steps.Contains(Step.Create) && spec.Options.IsSubscription
                    ? string.Format("This buys DTS sync job '{0}' (class {1}) as a subscription paid in advance for {2} month(s){3}: the months are billed even if the task is stopped early. Buy it?",
                        spec.Name, spec.InstanceClass, spec.Options.TimeSpan, spec.Options.AutoRenew ? ", renewed automatically" : "")
                    : null,
            };
        }

        /// <summary>
        /// Before a purchase: take this machine's lock on the name and look again. A job of that name bought by a
        /// concurrent run since the plan was made is never bought twice: this run stops without buying.
        /// </summary>
        private IDisposable LockForPurchase(TencentSyncSpec spec, TencentDts dts, List<Step> steps)
        {
            if (!steps.Contains(Step.Create)) return null;
            var held = TaskNameLock.Acquire("Tencent", spec.TaskAccount, spec.Destination.Region, spec.Name, _provider.Context.Reporter.Cancellation);
            try
            {
                var now = dts.FindJobsByName(spec.Name);
                if (now.Count > 0)
                    throw SyncPreflight.CreatedConcurrently(spec.Name, string.Join(", ", now.Select(j => j.JobId + " (" + j.Status + ")")));
                return held;
            }
            catch
            {
                held.Dispose();
                throw;
            }
        }

        /// <summary>
        /// The steps from the job's state to the request. Before start every configure carries fresh role keys and the
        /// request's configuration (what differs, and the database passwords, which cannot be read back), so a fixed re-run
        /// verifies what was asked; after start a differing request is refused.
        /// </summary>
        private static List<Step> StepsFor(TencentDts.SyncJob job, TencentSyncSpec spec, List<string> diffs)
        {
            var steps = new List<Step>();
            bool stale = diffs.Count > 0 || spec.Source.CrossAccount; // cross-account: the keys in the job may have expired
            if (spec.NoStart)
            {
                // -NoStart means the same on both clouds: buy and configure, run neither the verification nor the sync
                // (Alibaba DTS goes on to sync by itself once its precheck passes, so a precheck-only run does not exist there).
                if (job == null) steps.AddRange(new[] { Step.Create, Step.Configure });
                else if (job.Status == "UnInitialized" || (diffs.Count > 0 && IsBeforeStart(job.Status))) steps.Add(Step.Configure);
                else if (diffs.Count > 0) throw Differs(spec, job, diffs);
                return steps;
            }
            switch (job?.Status)
            {
                case null: steps.AddRange(new[] { Step.Create, Step.Configure, Step.Check }); break;
                case "UnInitialized":
                case "Initialized":
                case "CheckNotPass": steps.AddRange(new[] { Step.Configure, Step.Check }); break;
                case "Checking": steps.Add(Step.AwaitCheck); break;
                case "CheckPass": if (stale) steps.AddRange(new[] { Step.Configure, Step.Check }); break;
                case "ReadyRunning":
                case "Running":
                    if (diffs.Count > 0) throw Differs(spec, job, diffs);
                    if (job.Status == "ReadyRunning" && spec.Wait) steps.Add(Step.AwaitRunning);
                    return steps;
                default:
                    throw new DtsCrossAccountException("SyncJobNotResumable", ErrorCategory.InvalidOperation,
                        string.Format("DTS sync job {0} ('{1}') is in state '{2}', from which this command does not continue. " +
                                      "Handle it in the DTS console, or choose another -Name for a new task.", job.JobId, spec.Name, job.Status), job.JobId);
            }
            steps.Add(Step.Start);
            return steps;
        }

        private static bool IsBeforeStart(string status) =>
            status == "UnInitialized" || status == "Initialized" || status == "CheckNotPass" || status == "CheckPass";

        private static DtsCrossAccountException Differs(TencentSyncSpec spec, TencentDts.SyncJob job, List<string> diffs) =>
            new DtsCrossAccountException("SyncTaskConfigurationDiffers", ErrorCategory.InvalidOperation,
                string.Format("DTS sync job {0} ('{1}') is {2} with another configuration than this command asks: {3}. A started job is not reconfigured. " +
                              "To go on: run the command as it was first given to keep the job; or stop and release job {0} (StopSyncJob, IsolateSyncJob, " +
                              "DestroySyncJob in the DTS console) and run this command again to create it anew; or choose another -Name.",
                    job.JobId, spec.Name, job.Status, string.Join("; ", diffs)), job.JobId);

        internal static string Describe(Step step, TencentSyncSpec spec, TencentDts.SyncJob job, List<string> diffs = null)
        {
            string id = job?.JobId ?? "(new)";
            switch (step)
            {
                case Step.Create:
                    return string.Format("Purchase a {6} DTS sync job '{0}' ({1} in {2} → {3} in {4}, class {5})",
                        spec.Name, spec.Source.Engine, spec.Source.Region, spec.Destination.Engine, spec.Destination.Region, spec.InstanceClass,
                        spec.Options.DescribePurchase());
                case Step.Configure:
                    return string.Format("Configure sync job {0}: source {1} of {2}{7}, target {3} of account {4}, initialization {5}, conflicts {8}, " +
                                         "same-named tables {9}, operations {10}{6}",
                        id, spec.Source.Endpoint.InstanceId,
                        spec.Source.CrossAccount ? "account " + spec.Source.AccountId + " through role '" + spec.Source.RoleName + "' (fresh temporary keys)" : "account " + spec.Source.AccountId,
                        spec.Destination.Endpoint.InstanceId, spec.Destination.AccountId, spec.InitType,
                        diffs == null || diffs.Count == 0 ? "" : " (differs: " + string.Join("; ", diffs) + ")",
                        spec.Source.Cluster ? " via the TDSQL " + spec.Source.TdsqlConnection + " connection" : "",
                        spec.Options.DescribeConflict(), spec.Options.DealOfExistSameTable, spec.Options.DescribeOperations());
                case Step.AwaitRunning:
                    return "Wait until sync job " + id + " is Running (it is " + job?.Status + ")";
                case Step.Check:
                    return job?.Status == "CheckNotPass"
                        ? "Re-run the verification of sync job " + id + " (it did not pass last time)"
                        : "Run the verification of sync job " + id;
                case Step.AwaitCheck:
                    return "Wait for the running verification of sync job " + id;
                default:
                    return "Start sync job " + id;
            }
        }
    }
}
