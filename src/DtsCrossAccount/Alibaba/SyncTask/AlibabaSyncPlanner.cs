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
    /// <summary>
    /// New-DtsSyncTask for Alibaba: finds the job by -Name and turns the difference between its state and the request
    /// into a plan, in the official "buy first" order (cloud-apis.md V3.1 (a)): CreateDtsInstance → ConfigureDtsJob
    /// (autoStartModulesAfterConfig=none) → StartDtsJob → precheck → Synchronizing. Resolving the request is
    /// <see cref="AlibabaSyncSpecResolver"/>'s job, the read-only checks <see cref="AlibabaSyncPreflight"/>'s, and
    /// starting and following <see cref="AlibabaSyncTaskRunner"/>'s.
    /// </summary>
    internal sealed class AlibabaSyncPlanner
    {
        private readonly AlibabaProvider _provider;
        private readonly ProviderContext _ctx;

        public AlibabaSyncPlanner(AlibabaProvider provider, ProviderContext ctx)
        {
            _provider = provider;
            _ctx = ctx;
        }

        private IOperationReporter Reporter => _provider.Reporter;

        private AlibabaSyncTaskRunner Runner => new AlibabaSyncTaskRunner(_provider);

        /// <summary>The read-only checks made for this plan; empty when nothing is bought or configured.</summary>
        private IReadOnlyList<CheckItem> _checks = Array.Empty<CheckItem>();

        /// <summary>Before buying or (re)configuring: every check; throws SyncTaskPreflightFailed with all failures.</summary>
        private IReadOnlyList<CheckItem> Preflight(AlibabaSyncSpec t, AlibabaDtsJob job)
        {
            var checks = new AlibabaSyncPreflight(_provider, _ctx).Run(t);
            var why = t.Request.TwoWay && checks.Any(c => c.Result == CheckResult.Failed && c.Name.EndsWith("AssumeRole", StringComparison.Ordinal))
                ? "For a cross-account two-way synchronization task, both the source and destination database accounts must complete RAM authorization separately. "
                : "";
            if (job != null) why += "DTS job " + job.JobId + " is kept as it is (" + job.Status + "). ";
            SyncPreflight.ThrowIfFailed(checks, AlibabaSyncTaskOutput.BuildTask(t, job?.JobId, job?.InstanceId, job?.Status, null, new List<string>()), why);
            return checks;
        }

        public ChangePlan<SyncTask> Plan(SyncTaskRequest request)
        {
            var t = new AlibabaSyncSpecResolver(_provider, _ctx).Resolve(request);   // every refusal happens here, before any call
            var dts = new AlibabaDts(_provider.Client(_ctx.Credential), t.DtsRegion);

            Reporter.Verbose("Looking for DTS sync job '" + request.Name + "' in " + t.DtsRegion + ".");
            var found = dts.FindSyncJobsByName(request.Name);
            if (found.Count > 1)
            {
                throw new DtsCrossAccountException("SyncTaskNameAmbiguous", ErrorCategory.ResourceExists,
                    "More than one DTS sync job in " + t.DtsRegion + " is named '" + request.Name + "': " + string.Join(", ", found.Select(j => j.JobId + " (" + j.InstanceId + ", " + j.Status + ")"))
                    + ". Rename or release the extra ones in the DTS console, or pick another -Name.", request.Name);
            }
            var job = found.FirstOrDefault();
            var target = "Alibaba account " + t.TaskAccountId + ", DTS sync task '" + request.Name + "' in " + t.DtsRegion;

            if (job == null) return PlanNew(t, dts, target);
            return PlanExisting(t, dts, job, target);
        }

        /// <summary>Every refusal that needs no call; the task account may still be unknown here.</summary>
        public void Validate(SyncTaskRequest request) => new AlibabaSyncSpecResolver(_provider, _ctx).Resolve(request);

        // ------------------------------------------------------------------ new task

        private ChangePlan<SyncTask> PlanNew(AlibabaSyncSpec t, AlibabaDts dts, string target)
        {
            _checks = Preflight(t, null);
            var r = t.Request;
            var changes = new List<string>
            {
                // Configure first (V3.1 (b)): the job and its name exist before anything is bought, so a crash or a
                // concurrent run never leaves an unnamed purchase behind.
                "Configure job '" + r.Name + "': " + AlibabaSyncTaskOutput.DescribeEndpoint(t.Source) + " → " + AlibabaSyncTaskOutput.DescribeEndpoint(t.Destination) + ", objects " + t.DbList
                    + ", " + AlibabaSyncTaskOutput.DescribeInitialization(r) + (t.Scenario != null ? " (" + t.Scenario + ")" : ""),
                "Buy a pay-as-you-go DTS sync instance (" + t.InstanceClass + ", " + (r.TwoWay ? "two-way" : "one-way") + ") in " + t.DtsRegion + " for this job",
            };
            if (!r.NoStart)
            {
                changes.Add("Start the job (StartDtsJob) and wait for the DTS precheck");
                if (t.WaitUntilRunning) changes.Add("Wait until the job is " + t.RunningStatus + " (at most " + r.TimeoutSeconds + " s)");
                if (r.TwoWay) changes.Add(ReverseChange(t));
            }
            var current = AlibabaSyncTaskOutput.BuildTask(t, null, null, "NotCreated", null, changes);
            current.Checks = _checks.ToArray();
            return new ChangePlan<SyncTask>(target, current, changes, () => SyncPreflight.WithChecks(_checks, () =>
            {
                var done = new List<string>();
                string jobId, instanceId;
                using (LockAndLookAgain(t, dts))
                {
                    Reporter.Verbose("Configuring job '" + r.Name + "' in " + t.DtsRegion + " (before buying its instance).");
                    jobId = dts.ConfigureJob(AlibabaConfigureDtsJobRequest.Build(t, null));
                    done.Add("Configured job " + jobId + " '" + r.Name + "' (no instance yet)");
                    instanceId = Buy(t, dts, jobId, done);
                }
                return NoStartOrStart(t, dts, jobId, instanceId, done);
            })) { Checks = _checks };
        }

        /// <summary>
        /// Takes this machine's lock on the name and looks again: a job of that name made by a concurrent run since the
        /// plan was made is never configured or bought twice; this run stops without buying.
        /// </summary>
        private IDisposable LockAndLookAgain(AlibabaSyncSpec t, AlibabaDts dts, AlibabaDtsJob expected = null)
        {
            var held = TaskNameLock.Acquire("Alibaba", t.TaskAccountId, t.DtsRegion, t.Request.Name, Reporter.Cancellation);
            try
            {
                var now = dts.FindSyncJobsByName(t.Request.Name);
                bool unchanged = expected == null
                    ? now.Count == 0
                    : now.Count == 1 && now[0].JobId == expected.JobId && string.IsNullOrEmpty(now[0].InstanceId);
                if (!unchanged)
                    throw SyncPreflight.CreatedConcurrently(t.Request.Name, string.Join(", ", now.Select(j => j.JobId + " (" + (string.IsNullOrEmpty(j.InstanceId) ? "no instance" : j.InstanceId) + ", " + j.Status + ")")));
                return held;
            }
            catch
            {
                held.Dispose();
                throw;
            }
        }

        /// <summary>CreateDtsInstance for a configured job; a failure leaves the named job, which the next run finds and buys for.</summary>
        private string Buy(AlibabaSyncSpec t, AlibabaDts dts, string jobId, List<string> done)
        {
            Reporter.Verbose("Buying the DTS sync instance of job " + jobId + " in " + t.DtsRegion + ".");
            string instanceId;
            try
            {
                instanceId = dts.CreateInstance(AlibabaCreateDtsInstanceRequest.ForJob(t, jobId, t.DtsRegion), t.Request.Name);
            }
            catch (CloudApiException e)
            {
                throw new DtsCrossAccountException("SyncTaskIncomplete", ErrorCategory.InvalidResult,
                    "Job " + jobId + " '" + t.Request.Name + "' is configured, but buying its DTS instance failed: " + AlibabaSyncTaskOutput.Redact(t, e.Message)
                    + " Nothing was bought. Fix the cause and run New-DtsSyncTask -Name '" + t.Request.Name + "' again: it buys the instance for this job.",
                    AlibabaSyncTaskOutput.BuildTask(t, jobId, null, "NotStarted", null, done, changed: true), e);
            }
            done.Add("Bought pay-as-you-go DTS sync instance " + instanceId + " for job " + jobId);
            return instanceId;
        }

        private SyncTask NoStartOrStart(AlibabaSyncSpec t, AlibabaDts dts, string jobId, string instanceId, List<string> done)
        {
            if (t.Request.NoStart)
            {
                Reporter.Verbose("-NoStart: job " + jobId + " is configured and stays NotStarted; the DTS precheck and the sync start when the command runs without -NoStart.");
                return AlibabaSyncTaskOutput.BuildTask(t, jobId, instanceId, "NotStarted", null, done, changed: true);
            }
            return ThenReverse(t, dts, Runner.StartAndFollow(t, dts, jobId, instanceId, done), null, done);
        }

        /// <summary>
        /// Two-way: once the forward job runs, its reverse direction is configured and started (<see cref="AlibabaReverseDirection"/>).
        /// The forward job is Synchronizing here: a two-way task always waits for it (WaitUntilRunning) and needs incremental
        /// sync, so the runner returns only once it synchronizes and throws otherwise.
        /// </summary>
        private SyncTask ThenReverse(AlibabaSyncSpec t, AlibabaDts dts, SyncTask forward, AlibabaDtsJob reverse, List<string> done) =>
            t.Request.TwoWay ? AlibabaReverseDirection.ConfigureAndStart(t, dts, Runner, forward, reverse, done) : forward;

        // ------------------------------------------------------------------ existing task (re-run)

        private ChangePlan<SyncTask> PlanExisting(AlibabaSyncSpec t, AlibabaDts dts, AlibabaDtsJob job, string target)
        {
            var r = t.Request;
            CheckSameEndpoints(t, job);
            var status = job.Status ?? "";
            var changes = new List<string>();
            Func<List<string>, SyncTask> apply;

            if (Is(status, "Prechecking") || Is(status, "PreCheckPass") || Is(status, "Initializing") || Is(status, "Synchronizing"))
            {
                // Started: DTS runs it on its own; a request that differs is refused, never silently ignored.
                var diffs = AlibabaSyncDiff.Differences(t, job);
                if (diffs.Count > 0)
                    throw new DtsCrossAccountException("SyncTaskConfigurationDiffers", ErrorCategory.InvalidOperation,
                        "DTS sync job " + job.JobId + " '" + r.Name + "' (instance " + job.InstanceId + ") is " + status + " with another configuration than this command asks: "
                        + string.Join("; ", diffs) + ". A started job is not reconfigured. To go on: run the command as it was first given to keep the job; or release it ("
                        + AlibabaSyncTaskRunner.HowToRelease(job.InstanceId, job.JobId) + ") and run this command again to create it anew; or choose another -Name.", job.JobId);
            }

            if (string.IsNullOrEmpty(job.InstanceId))
            {
                // Configured by a run that stopped before buying (or is buying now): configure again and buy for it.
                _checks = Preflight(t, job);
                changes.Add("Configure job " + job.JobId + " '" + r.Name + "' again: " + AlibabaSyncTaskOutput.DescribeEndpoint(t.Source) + " → " + AlibabaSyncTaskOutput.DescribeEndpoint(t.Destination));
                changes.Add("Buy a pay-as-you-go DTS sync instance (" + t.InstanceClass + ") in " + t.DtsRegion + " for job " + job.JobId);
                if (!r.NoStart) changes.Add("Start the job (StartDtsJob) and wait for the DTS precheck");
                apply = done =>
                {
                    string instanceId;
                    using (LockAndLookAgain(t, dts, job))
                    {
                        dts.ConfigureJob(AlibabaConfigureDtsJobRequest.Build(t, null, job.JobId));
                        done.Add("Configured job " + job.JobId + " again");
                        instanceId = Buy(t, dts, job.JobId, done);
                    }
                    return NoStartOrStart(t, dts, job.JobId, instanceId, done);
                };
            }
            else if (Is(status, "NotConfigured"))
            {
                _checks = Preflight(t, job);
                changes.Add("Configure job '" + r.Name + "' on DTS instance " + job.InstanceId + ": " + AlibabaSyncTaskOutput.DescribeEndpoint(t.Source) + " → " + AlibabaSyncTaskOutput.DescribeEndpoint(t.Destination));
                if (!r.NoStart) changes.Add("Start the job (StartDtsJob) and wait for the DTS precheck");
                apply = done =>
                {
                    string jobId;
                    try { jobId = dts.ConfigureJob(AlibabaConfigureDtsJobRequest.Build(t, job.InstanceId)); }
                    catch (CloudApiException e) { throw AlibabaSyncTaskRunner.AfterPurchase(t, job.InstanceId, job.JobId, status, "configuring the job failed: " + AlibabaSyncTaskOutput.Redact(t, e.Message), e, done); }
                    done.Add("Configured job " + jobId);
                    return r.NoStart ? AlibabaSyncTaskOutput.BuildTask(t, jobId, job.InstanceId, "NotStarted", null, done, changed: true) : ThenReverse(t, dts, Runner.StartAndFollow(t, dts, jobId, job.InstanceId, done), null, done);
                };
            }
            else if (Is(status, "NotStarted") || Is(status, "PrecheckFailed"))
            {
                // -NoStart: only when the request differs is there something to do (configure again, still no start).
                var differs = r.NoStart ? AlibabaSyncDiff.Differences(t, job) : null;
                if (r.NoStart && differs.Count == 0) return Unchanged(t, job, target);
                _checks = Preflight(t, job);
                if (r.NoStart)
                {
                    changes.Add("Configure job " + job.JobId + " again (differs: " + string.Join("; ", differs) + "); it is not started (-NoStart)");
                    apply = done =>
                    {
                        try { dts.ConfigureJob(AlibabaConfigureDtsJobRequest.Build(t, job.InstanceId)); }
                        catch (CloudApiException e) { throw AlibabaSyncTaskRunner.AfterPurchase(t, job.InstanceId, job.JobId, status, "configuring the job again failed: " + AlibabaSyncTaskOutput.Redact(t, e.Message), e, done); }
                        done.Add("Configured job " + job.JobId + " again");
                        return AlibabaSyncTaskOutput.BuildTask(t, job.JobId, job.InstanceId, "NotStarted", null, done, changed: true);
                    };
                    var planned = AlibabaSyncTaskOutput.BuildTask(t, job.JobId, job.InstanceId, status, _checks.ToArray(), changes);
                    return new ChangePlan<SyncTask>(target, planned, changes, () => SyncPreflight.WithChecks(_checks, () => apply(new List<string>()))) { Checks = _checks };
                }
                changes.Add("Configure job " + job.JobId + " with the given endpoints and objects, then " + (Is(status, "PrecheckFailed") ? "run its DTS precheck again" : "start it")
                    + " (StartDtsJob) and wait for the precheck");
                if (r.Wait) changes.Add("Wait until the job is " + t.RunningStatus + " (at most " + r.TimeoutSeconds + " s)");
                apply = done =>
                {
                    // Configure again first: a re-run after a failed precheck may carry corrected objects or credentials.
                    try { dts.ConfigureJob(AlibabaConfigureDtsJobRequest.Build(t, job.InstanceId)); }
                    catch (CloudApiException e) { throw AlibabaSyncTaskRunner.AfterPurchase(t, job.InstanceId, job.JobId, status, "configuring the job again failed: " + AlibabaSyncTaskOutput.Redact(t, e.Message), e, done); }
                    done.Add("Configured job " + job.JobId + " again");
                    return ThenReverse(t, dts, Runner.StartAndFollow(t, dts, job.JobId, job.InstanceId, done), job.Reverse, done);
                };
            }
            else if (Is(status, "Prechecking") || Is(status, "PreCheckPass") || Is(status, "Initializing"))
            {
                // Running on its own (DTS continues after a passed precheck, V3.1); only waiting is left, and for a
                // two-way task its reverse direction once the forward job runs.
                if (!t.WaitUntilRunning) return Unchanged(t, job, target);
                changes.Add("Wait until job " + job.JobId + " (" + status + ") is " + t.RunningStatus + " (at most " + r.TimeoutSeconds + " s)");
                if (r.TwoWay) changes.Add(ReverseChange(t));
                if (r.TwoWay) _checks = Preflight(t, job);
                apply = done => ThenReverse(t, dts, Is(status, "Prechecking") ? Runner.FollowPrecheck(t, dts, job.JobId, job.InstanceId, done, changed: false)
                    : Runner.WaitForSynchronizing(t, dts, job.JobId, job.InstanceId, done, new CheckItem[0], changed: false), job.Reverse, done);
            }
            else if (r.TwoWay && Is(status, "Synchronizing") && !IsRunning(job.Reverse) && !(r.NoStart && job.Reverse != null))
            {
                // The forward job runs; its reverse direction is not configured yet, or stopped before it ran.
                _checks = Preflight(t, job);
                changes.Add(ReverseChange(t));
                apply = done =>
                {
                    var forward = AlibabaSyncTaskOutput.BuildTask(t, job.JobId, job.InstanceId, "Synchronizing", null, done);
                    if (job.Reverse != null && Is(job.Reverse.Status, "Prechecking"))
                        return AlibabaReverseDirection.With(forward, job.Reverse.JobId, Runner.FollowPrecheck(AlibabaReverseDirection.Of(t), dts, job.Reverse.JobId, job.InstanceId, done, changed: false).Status, null, done);
                    return AlibabaReverseDirection.ConfigureAndStart(t, dts, Runner, forward, job.Reverse, done);
                };
            }
            else if (Is(status, "Failed") || Is(status, "InitializeFailed") || Is(status, "MigrationFailed"))
            {
                throw new DtsCrossAccountException("SyncTaskFailed", ErrorCategory.InvalidResult,
                    "DTS sync job " + job.JobId + " '" + r.Name + "' on instance " + job.InstanceId + " is " + status
                    + (string.IsNullOrEmpty(job.ErrorMessage) ? "" : ": " + AlibabaSyncTaskOutput.Redact(t, job.ErrorMessage)) + ". Fix the cause and restart it in the DTS console, "
                    + "or release the instance and run New-DtsSyncTask again.", AlibabaSyncTaskOutput.BuildTask(t, job.JobId, job.InstanceId, status, null, new List<string>()));
            }
            else
            {
                if (!Is(status, t.RunningStatus))
                    Reporter.Warning("DTS sync job " + job.JobId + " '" + r.Name + "' is " + status + "; nothing was changed.");
                return Unchanged(t, job, target);
            }

            var current = AlibabaSyncTaskOutput.BuildTask(t, job.JobId, job.InstanceId, status, null, changes);
            current.Checks = _checks.ToArray();
            return new ChangePlan<SyncTask>(target, current, changes, () => SyncPreflight.WithChecks(_checks, () => apply(new List<string>()))) { Checks = _checks };
        }

        private ChangePlan<SyncTask> Unchanged(AlibabaSyncSpec t, AlibabaDtsJob job, string target)
        {
            var current = AlibabaSyncTaskOutput.BuildTask(t, job.JobId, job.InstanceId, job.Status, null, new List<string>());
            if (t.Request.TwoWay || job.Reverse != null)
            {
                current.ReverseTaskId = job.Reverse?.JobId;
                current.ReverseStatus = job.Reverse == null ? "NotConfigured" : Is(job.Reverse.Status, "Synchronizing") ? "Synchronizing" : job.Reverse.Status;
            }
            return new ChangePlan<SyncTask>(target, current, new string[0], null);
        }

        private static bool IsRunning(AlibabaDtsJob reverse) =>
            reverse != null && (Is(reverse.Status, "Synchronizing") || Is(reverse.Status, "PreCheckPass") || Is(reverse.Status, "Initializing"));

        /// <summary>The plan line of the reverse direction, naming both directions and who authorizes each side.</summary>
        private static string ReverseChange(AlibabaSyncSpec t) =>
            "Once the forward job runs, configure and start the reverse direction on the same DTS instance (ConfigureDtsJob / StartDtsJob SynchronizationDirection=Reverse, incremental only): "
            + AlibabaReverseDirection.DescribeAuthorization(t);

        /// <summary>A same-named job that syncs other instances is not silently reused.</summary>
        private static void CheckSameEndpoints(AlibabaSyncSpec t, AlibabaDtsJob job)
        {
            var diffs = new List<string>();
            if (!string.IsNullOrEmpty(job.SourceInstanceId) && !string.Equals(job.SourceInstanceId, t.Source.WireInstanceId, StringComparison.OrdinalIgnoreCase))
                diffs.Add("source " + job.SourceInstanceId + " (asked: " + t.Source.WireInstanceId + ")");
            if (!string.IsNullOrEmpty(job.DestinationInstanceId) && !string.Equals(job.DestinationInstanceId, t.Destination.WireInstanceId, StringComparison.OrdinalIgnoreCase))
                diffs.Add("destination " + job.DestinationInstanceId + " (asked: " + t.Destination.WireInstanceId + ")");
            if (diffs.Count > 0)
            {
                throw new DtsCrossAccountException("SyncTaskMismatch", ErrorCategory.ResourceExists,
                    "DTS sync job '" + t.Request.Name + "' (" + job.JobId + ", instance " + job.InstanceId + ", " + job.Status + ") already exists with a different "
                    + string.Join(" and ", diffs) + ". It was not changed; use another -Name for a new task.", t.Request.Name);
            }
        }

        private static bool Is(string a, string b) => AlibabaDts.Eq(a, b);
    }
}
