using System;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using DtsCrossAccount.Core;
using DtsCrossAccount.Json;
using DtsCrossAccount.Services;

namespace DtsCrossAccount.Alibaba
{
    /// <summary>
    /// Executes and follows an Alibaba sync task: StartDtsJob, the DTS precheck (DescribePreCheckStatus JobCode 01) and
    /// DescribeDtsJobDetail until Synchronizing, with progress, -TimeoutSeconds and Ctrl+C.
    /// </summary>
    internal sealed class AlibabaSyncTaskRunner
    {
        private readonly AlibabaProvider _provider;

        public AlibabaSyncTaskRunner(AlibabaProvider provider)
        {
            _provider = provider;
        }

        private IOperationReporter Reporter => _provider.Reporter;

        public SyncTask StartAndFollow(AlibabaSyncSpec t, AlibabaDts dts, string jobId, string instanceId, List<string> done)
        {
            try
            {
                Reporter.Verbose("Starting job " + jobId + " (the precheck runs first).");
                dts.StartJob(jobId);
                done.Add("Started job " + jobId);
            }
            catch (CloudApiException e)
            {
                throw AfterPurchase(t, instanceId, jobId, "NotStarted", "starting the job failed: " + AlibabaSyncTaskOutput.Redact(t, e.Message), e, done);
            }
            return FollowPrecheck(t, dts, jobId, instanceId, done, changed: true);
        }

        public SyncTask FollowPrecheck(AlibabaSyncSpec t, AlibabaDts dts, string jobId, string instanceId, List<string> done, bool changed)
        {
            var activity = "DTS precheck of job " + jobId;
            var started = Clock.UtcNow;
            // Assigned by the loop before any use; the initializer only lets a mutation-testing build compile this method
            // when a mutant removes the loop's exit (otherwise the whole method is left out of the measure).
            AlibabaPrecheck check = null;
            try
            {
                var delay = 200;
                while (true)
                {
                    try { check = dts.DescribePrecheck(jobId); }
                    catch (CloudApiException e) { throw AfterPurchase(t, instanceId, jobId, "Prechecking", "reading the precheck failed: " + AlibabaSyncTaskOutput.Redact(t, e.Message), e, done); }
                    var percent = check.Total > 0 ? Math.Min(100, check.Done * 100 / check.Total) : -1;
                    Reporter.Progress(activity, check.Done + " of " + check.Total + " check items done (" + (check.State ?? "Checking") + ")", percent, false);
                    if (check.Finished || (check.Failed && check.Items.All(i => !AlibabaDts.Eq(AlibabaDts.Str(i, "State"), "Checking"))))
                        break;
                    // Reaching -TimeoutSeconds ends the wait (as SyncTaskPoller): no sleep and poll beyond the time given.
                    if ((Clock.UtcNow - started).TotalSeconds >= t.Request.TimeoutSeconds)
                        throw Timeout(t, jobId, instanceId, "Prechecking", done);
                    Sleep(delay);
                    delay = Math.Min(5000, delay * 3 / 2);
                }
            }
            finally
            {
                Reporter.Progress(activity, "done", 100, true);
            }

            var checks = check.Items.Select(i => AlibabaSyncTaskOutput.ToCheckItem(t, i)).ToArray();
            if (check.Failed)
            {
                var failedItems = checks.Where(c => c.Result == CheckResult.Failed).ToList();
                var task = AlibabaSyncTaskOutput.BuildTask(t, jobId, instanceId, "PrecheckFailed", checks, done, changed);
                var lines = failedItems.Count == 0
                    ? "DTS reported the precheck as failed without item details (state " + check.State + ")."
                    : string.Join(" ", failedItems.Select(c => "[" + c.Name + "] " + c.Message + (string.IsNullOrEmpty(c.Remedy) ? "" : " Fix: " + c.Remedy)));
                throw new DtsCrossAccountException("SyncTaskPrecheckFailed", ErrorCategory.InvalidResult,
                    "The DTS precheck of job " + jobId + " '" + t.Request.Name + "' (instance " + instanceId + ", now PrecheckFailed) failed " + failedItems.Count + " item(s): "
                    + lines + " " + AlibabaSyncTaskOutput.RoleHints(t) + "After fixing, run New-DtsSyncTask -Name '" + t.Request.Name + "' again: it reruns the precheck on the same instance without buying another. " + HowToRelease(instanceId, jobId),
                    task);
            }
            done.Add("Precheck of job " + jobId + " passed");
            return WaitForSynchronizing(t, dts, jobId, instanceId, done, checks, changed);
        }

        public SyncTask WaitForSynchronizing(AlibabaSyncSpec t, AlibabaDts dts, string jobId, string instanceId, List<string> done, CheckItem[] checks, bool changed)
        {
            var activity = "DTS job " + jobId + " '" + t.Request.Name + "'";
            var started = Clock.UtcNow;
            AlibabaDtsJob job = null;   // as check above
            try
            {
                var delay = 200;
                while (true)
                {
                    try { job = dts.DescribeJob(jobId); }
                    catch (CloudApiException e) { throw AfterPurchase(t, instanceId, jobId, "unknown", "reading the job state failed: " + AlibabaSyncTaskOutput.Redact(t, e.Message), e, done); }
                    var status = job.Status ?? "";
                    Reporter.Progress(activity, status, -1, false);
                    if (AlibabaSyncTaskOutput.Is(status, t.RunningStatus)) break;
                    if (AlibabaSyncTaskOutput.Is(status, "Failed") || AlibabaSyncTaskOutput.Is(status, "InitializeFailed") || AlibabaSyncTaskOutput.Is(status, "PrecheckFailed") || AlibabaSyncTaskOutput.Is(status, "MigrationFailed"))
                    {
                        throw new DtsCrossAccountException("SyncTaskFailed", ErrorCategory.InvalidResult,
                            "DTS sync job " + jobId + " '" + t.Request.Name + "' on instance " + instanceId + " is " + status
                            + (string.IsNullOrEmpty(job.ErrorMessage) ? "" : ": " + AlibabaSyncTaskOutput.Redact(t, job.ErrorMessage)) + ". Fix the cause and restart it in the DTS console.",
                            AlibabaSyncTaskOutput.BuildTask(t, jobId, instanceId, status, checks, done, changed));
                    }
                    if (!t.WaitUntilRunning) break;
                    if ((Clock.UtcNow - started).TotalSeconds >= t.Request.TimeoutSeconds) throw Timeout(t, jobId, instanceId, status, done);
                    Sleep(delay);
                    delay = Math.Min(5000, delay * 3 / 2);
                }
            }
            finally
            {
                Reporter.Progress(activity, "done", 100, true);
            }
            // DescribeDtsJobDetail may answer "synchronizing" in lower case (V3.3): report the documented spelling.
            var finalStatus = AlibabaSyncTaskOutput.Is(job.Status, t.RunningStatus) ? t.RunningStatus : job.Status;
            if (AlibabaSyncTaskOutput.Is(finalStatus, t.RunningStatus) && t.WaitUntilRunning)
                done.Add("Job " + jobId + " is " + t.RunningStatus + (t.Request.IncrementalSync ? "" : " (initial load done; no incremental sync was asked)"));
            return AlibabaSyncTaskOutput.BuildTask(t, jobId, instanceId, finalStatus, checks, done, changed);
        }

        /// <summary>The invocation's clock (real time, or a test's virtual time).</summary>
        private Transport.IClock Clock => _provider.Context.Clock;

        private void Sleep(int milliseconds) => Clock.Sleep(TimeSpan.FromMilliseconds(milliseconds), Reporter.Cancellation);

        /// <summary>A step after the purchase failed; every caller has the job (configured before it was bought) and the list of what it did.</summary>
        internal static DtsCrossAccountException AfterPurchase(AlibabaSyncSpec t, string instanceId, string jobId, string state, string what, Exception inner, List<string> done)
        {
            return new DtsCrossAccountException("SyncTaskIncomplete", ErrorCategory.InvalidResult,
                "DTS instance " + instanceId + " (job " + jobId + ") for task '" + t.Request.Name + "' exists and is " + state + ", but " + what
                + " Fix the cause and run New-DtsSyncTask -Name '" + t.Request.Name + "' again: it continues with this instance instead of buying another. " + HowToRelease(instanceId, jobId),
                AlibabaSyncTaskOutput.BuildTask(t, jobId, instanceId, state, null, done, done.Count > 0), inner);
        }

        internal static DtsCrossAccountException Timeout(AlibabaSyncSpec t, string jobId, string instanceId, string state, List<string> done)
        {
            return new DtsCrossAccountException("SyncTaskTimeout", ErrorCategory.OperationTimeout,
                "DTS job " + jobId + " '" + t.Request.Name + "' on instance " + instanceId + " is still " + state + " after " + t.Request.TimeoutSeconds
                + " s. It keeps running; run New-DtsSyncTask -Name '" + t.Request.Name + "' -Wait again (or with a larger -TimeoutSeconds) to keep waiting.",
                AlibabaSyncTaskOutput.BuildTask(t, jobId, instanceId, state, null, done, done.Count > 0));
        }

        /// <summary>A pay-as-you-go instance is released with DeleteDtsJob (DtsInstanceId / DtsJobId).</summary>
        internal static string HowToRelease(string instanceId, string jobId) =>
            "To release it instead: DeleteDtsJob on " + (instanceId ?? jobId) + " (DTS console: More > Release).";
    }
}
