using System;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using DtsCrossAccount.Core;
using DtsCrossAccount.Json;
using DtsCrossAccount.Services;

namespace DtsCrossAccount.Tencent
{
    /// <summary>
    /// Executes a Tencent sync-task plan and follows it: buy, configure (fresh role keys), verify, start, and wait with
    /// progress. Every failure names the job, its state and how to resume.
    /// </summary>
    internal sealed class TencentSyncTaskRunner
    {
        internal enum Step { Create, Configure, Check, AwaitCheck, Start, AwaitRunning }

        private readonly TencentProvider _provider;
        private readonly ProviderContext _ctx;
        private readonly TencentSyncSpec _spec;
        private readonly TencentDts _dts;
        private readonly List<string> _diffs;

        public TencentSyncTaskRunner(TencentProvider provider, TencentSyncSpec spec, TencentDts dts, List<string> diffs = null)
        {
            _diffs = diffs;
            _provider = provider;
            _ctx = provider.Context;
            _spec = spec;
            _dts = dts;
        }

        /// <param name="purchaseLock">Held by the caller while it looked for the name; released as soon as the purchase is made.</param>
        public SyncTask Apply(TencentDts.SyncJob job, List<Step> steps, IDisposable purchaseLock = null)
        {
            var spec = _spec;
            string jobId = job?.JobId;
            var done = new List<string>();
            CheckItem[] checks = null;
            if (steps.Contains(Step.Create))
            {
                _ctx.Reporter.Verbose("Purchasing DTS sync job '" + spec.Name + "'.");
                try { jobId = _dts.CreateSyncJob(TencentCreateSyncJobRequest.Build(spec)); }
                finally { purchaseLock?.Dispose(); }
                if (string.IsNullOrEmpty(jobId))
                    throw new DtsCrossAccountException("SyncJobNotCreated", ErrorCategory.InvalidResult,
                        "CreateSyncJob answered without a job ID. Run the same command again after checking the DTS console for a job named '" + spec.Name + "'.", spec.Name);
                done.Add("Purchased " + spec.Options.DescribePurchase() + " DTS sync job " + jobId + " ('" + spec.Name + "', class " + spec.InstanceClass + ")");
            }
            try
            {
                foreach (var step in steps.Where(s => s != Step.Create))
                {
                    _ctx.Reporter.Cancellation.ThrowIfCancellationRequested();
                    switch (step)
                    {
                        case Step.Configure:
                            _ctx.Reporter.Verbose("Configuring sync job " + jobId + ".");
                            Configure(jobId);
                            break;
                        case Step.Check:
                        case Step.AwaitCheck:
                            if (step == Step.Check) _dts.CreateCheckSyncJob(jobId);
                            checks = AwaitCheck(jobId, done);
                            break;
                        case Step.Start:
                            _ctx.Reporter.Verbose("Starting sync job " + jobId + ".");
                            _dts.StartSyncJob(jobId);
                            break;
                    }
                    if (step != Step.AwaitRunning) done.Add(TencentSyncTaskPlanner.Describe(step, spec, new TencentDts.SyncJob { JobId = jobId }, _diffs));
                }
                string status = spec.Wait && !spec.NoStart ? AwaitRunning(jobId, done) : _dts.GetJob(jobId)?.Status;
                return TencentSyncTaskOutput.Build(spec, jobId, status, checks, done.Count > 0, done);
            }
            catch (DtsCrossAccountException e) when (e.ErrorId.StartsWith("SyncJob", StringComparison.Ordinal))
            {
                // Already names the job, its state and how to resume; the task it carries lists what this run wrote.
                // Changed as well: a timeout's task is built inside the wait, which does not know what this run wrote before it.
                if (e.Target is SyncTask carried)
                {
                    carried.Changes = done.ToArray();
                    carried.Changed = done.Count > 0;
                }
                else if (done.Count > 0) throw new DtsCrossAccountException(e.ErrorId, e.Category, e.Message,
                    TencentSyncTaskOutput.Build(spec, jobId, CurrentState(jobId), null, true, done), e.InnerException);
                throw;
            }
            catch (Exception e) when (DtsCrossAccountException.IsFailedCall(e))
            {
                string state = CurrentState(jobId);
                throw new DtsCrossAccountException("SyncJobInterrupted", (e as DtsCrossAccountException)?.Category ?? ErrorCategory.ConnectionError,
                    string.Format("DTS sync job {0} ('{1}') stopped in state '{2}': {3} The job is kept; re-running the same New-DtsSyncTask command resumes it from this state without buying another job. {4}",
                        jobId, spec.Name, state, e.Message, HowToRelease(jobId)),
                    TencentSyncTaskOutput.Build(spec, jobId, state, null, done.Count > 0, done), e);
            }
        }

        internal static string HowToRelease(string jobId) =>
            "To release it instead: stop (if started), isolate and destroy job " + jobId + " (StopSyncJob, IsolateSyncJob, DestroySyncJob; DTS console: Terminate, then Release).";

        /// <summary>ConfigureSyncJob with keys asked for just now.</summary>
        private void Configure(string jobId)
        {
            var keys = new TencentRoleKeys(_provider);
            _dts.ConfigureSyncJob(TencentConfigureSyncJobRequest.Build(_spec, jobId,
                keys.For(_spec.Source, _spec.Name), keys.For(_spec.Destination, _spec.Name)));
        }

        /// <summary>The job's status, or "unknown" when it is not listed or the read failed (a bug is not hidden behind it).</summary>
        private string CurrentState(string jobId) => _dts.TryGetJob(jobId).Job?.Status ?? "unknown";

        private CheckItem[] AwaitCheck(string jobId, List<string> done)
        {
            var spec = _spec;
            const string activity = "DTS verification";
            JsonObject result = null;
            try
            {
                Poll(jobId, "verification", () =>
                {
                    result = _dts.DescribeCheckSyncJobResult(jobId);
                    string s = result.GetString("Status");
                    int percent = (int)Math.Max(0, Math.Min(100, result.GetInt64("Progress") ?? -1));
                    _ctx.Reporter.Progress(activity, string.Format("Sync job {0}: {1}, step {2} of {3}", jobId, s,
                        result.GetInt64("StepCur") ?? 0, result.GetInt64("StepCount") ?? 0), percent, false);
                    return s == "success" || s == "failed";
                });
            }
            finally
            {
                _ctx.Reporter.Progress(activity, "Done", 100, true);
            }

            var steps = result.GetObjects("StepInfos").ToList();
            var items = new List<CheckItem>();
            foreach (var step in steps)
            {
                string name = step.GetString("StepName") ?? step.GetString("StepId") ?? ("Step " + step.GetString("StepNo"));
                foreach (var tip in step.GetObjects("Errors"))
                    items.Add(new CheckItem { Name = name, Result = CheckResult.Failed, Message = tip.GetString("Message") ?? tip.GetString("Code"), Remedy = Remedy(tip) });
                foreach (var tip in step.GetObjects("Warnings"))
                    items.Add(new CheckItem { Name = name, Result = CheckResult.Warning, Message = tip.GetString("Message") ?? tip.GetString("Code"), Remedy = Remedy(tip) });
                if (step.GetString("Status") == "failed" && !step.GetObjects("Errors").Any())
                    items.Add(new CheckItem { Name = name, Result = CheckResult.Failed, Message = "The step failed without details." });
            }
            if (result.GetString("Status") != "failed") return items.ToArray();

            var failed = items.Where(i => i.Result == CheckResult.Failed).ToList();
            if (failed.Count == 0)
                failed.Add(new CheckItem { Name = "Verification", Result = CheckResult.Failed, Message = "DTS reported the verification as failed without details." });
            var task = TencentSyncTaskOutput.Build(spec, jobId, "CheckNotPass", items.Count > 0 ? items.ToArray() : failed.ToArray(), done.Count > 0, done);
            throw new DtsCrossAccountException("SyncJobCheckNotPass", ErrorCategory.InvalidResult,
                string.Format("The DTS verification of sync job {0} ('{1}') did not pass; the job is in state 'CheckNotPass'. {2} " +
                              "Fix these and re-run the same New-DtsSyncTask command: it configures job {0} again with what you give (fresh temporary keys) and verifies it again, without buying another job. {3}",
                    jobId, spec.Name, string.Join(" ", failed.Select(f => f.Name + ": " + f.Message + (f.Remedy == null ? "" : " Fix: " + f.Remedy))), HowToRelease(jobId)), task);
        }

        private static string Remedy(JsonObject tip)
        {
            string solution = tip.GetString("Solution");
            string help = tip.GetString("HelpDoc");
            if (string.IsNullOrEmpty(help)) return string.IsNullOrEmpty(solution) ? null : solution;
            return (string.IsNullOrEmpty(solution) ? "" : solution + " ") + "See " + help;
        }

        public string AwaitRunning(string jobId, List<string> done)
        {
            var spec = _spec;
            const string activity = "Starting DTS sync job";
            string status = null;
            try
            {
                Poll(jobId, "start", () =>
                {
                    status = _dts.GetJob(jobId)?.Status;
                    _ctx.Reporter.Progress(activity, "Sync job " + jobId + ": " + status, -1, false);
                    if (status == "Failed" || status == "Stopped" || status == "ResumableErr" || status == "CheckNotPass")
                        throw new DtsCrossAccountException("SyncJobFailedToStart", ErrorCategory.InvalidResult,
                            string.Format("DTS sync job {0} ('{1}') went to state '{2}' instead of Running. See the job in the DTS console; " +
                                          "re-running the same New-DtsSyncTask command continues only from UnInitialized, Initialized, CheckNotPass or CheckPass.",
                                jobId, spec.Name, status), TencentSyncTaskOutput.Build(spec, jobId, status, null, done.Count > 0, done));
                    return status == "Running";
                });
            }
            finally
            {
                _ctx.Reporter.Progress(activity, "Done", 100, true);
            }
            return status;
        }

        /// <summary>Polls until done, -TimeoutSeconds or Ctrl+C (SyncTaskPoller: 0.5 s doubling up to 10 s, on the invocation's clock).</summary>
        private void Poll(string jobId, string what, Func<bool> done)
        {
            var spec = _spec;
            SyncTaskPoller.Until(_ctx, spec.TimeoutSeconds, done, () => new DtsCrossAccountException("SyncJobTimeout", ErrorCategory.OperationTimeout,
                string.Format("Waited {0} s for the {1} of DTS sync job {2} ('{3}'); the job is in state '{4}'. " +
                              "Re-run the same New-DtsSyncTask command (with a larger -TimeoutSeconds) to keep waiting; it resumes the same job.",
                    spec.TimeoutSeconds, what, jobId, spec.Name, CurrentState(jobId)), TencentSyncTaskOutput.Build(spec, jobId, CurrentState(jobId), null, false, null)));
        }
    }
}
