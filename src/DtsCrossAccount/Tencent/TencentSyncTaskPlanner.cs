using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Management.Automation;
using System.Text.RegularExpressions;
using DtsCrossAccount.Core;
using DtsCrossAccount.Json;
using DtsCrossAccount.Services;

namespace DtsCrossAccount.Tencent
{
    /// <summary>
    /// New-DtsSyncTask for Tencent ("Creating Sync Task" of the guide): buy → configure (cross-account fields and the
    /// role's temporary keys) → verify → start, resumable by -Name: a re-run finds the job and continues from its state.
    /// </summary>
    internal sealed class TencentSyncTaskPlanner
    {
        private static readonly string[] InstanceClasses = { "micro", "small", "medium", "large" };
        private const string DefaultInstanceClass = "micro";

        private enum Step { Create, Configure, Check, AwaitCheck, Start }

        private readonly TencentProvider _provider;
        private readonly ProviderContext _ctx;

        public TencentSyncTaskPlanner(TencentProvider provider)
        {
            _provider = provider;
            _ctx = provider.Context;
        }

        /// <summary>Everything validated from the request, before any call.</summary>
        internal sealed class Spec
        {
            public string Name;
            public string TaskAccount;
            public Side Source;
            public Side Destination;
            public string InitType;
            public string InstanceClass;
            public JsonObject Objects;
            public bool NoStart;
            public bool Wait;
            public int TimeoutSeconds;
        }

        internal sealed class Side
        {
            public DatabaseEndpointSpec Endpoint;
            public string Engine;
            public string Region;
            public string AccountId;
            public string RoleName;
            public bool CrossAccount;
        }

        public ChangePlan<SyncTask> Plan(SyncTaskRequest request)
        {
            var spec = Validate(request);
            var dts = new TencentDts(_provider.Client(_ctx.Credential), spec.Destination.Region);

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

            var steps = StepsFor(job, spec);
            var changes = steps.Select(s => Describe(s, spec, job)).ToList();
            var current = Output(spec, job?.JobId, job?.Status ?? (steps.Count > 0 ? "NotCreated" : null), null, changes.Count > 0, changes);
            string target = "Tencent account " + spec.TaskAccount + ", DTS sync task '" + spec.Name + "' in " + spec.Destination.Region;
            if (steps.Count == 0) return new ChangePlan<SyncTask>(target, Output(spec, job.JobId, job.Status, null, false, changes), changes, null);
            return new ChangePlan<SyncTask>(target, current, changes, () => Apply(spec, dts, job, steps, changes));
        }

        private List<Step> StepsFor(TencentDts.SyncJob job, Spec spec)
        {
            var steps = new List<Step>();
            switch (job?.Status)
            {
                case null: steps.AddRange(new[] { Step.Create, Step.Configure, Step.Check }); break;
                case "UnInitialized": steps.AddRange(new[] { Step.Configure, Step.Check }); break;
                case "Initialized":
                case "CheckNotPass": steps.Add(Step.Check); break;
                case "Checking": steps.Add(Step.AwaitCheck); break;
                case "CheckPass": break;
                case "ReadyRunning":
                case "Running": return steps;
                default:
                    throw new DtsCrossAccountException("SyncJobNotResumable", ErrorCategory.InvalidOperation,
                        string.Format("DTS sync job {0} ('{1}') is in state '{2}', from which this command does not continue. " +
                                      "Handle it in the DTS console, or choose another -Name for a new task.", job.JobId, spec.Name, job.Status), job.JobId);
            }
            if (!spec.NoStart) steps.Add(Step.Start);
            return steps;
        }

        private static string Describe(Step step, Spec spec, TencentDts.SyncJob job)
        {
            string id = job?.JobId ?? "(new)";
            switch (step)
            {
                case Step.Create:
                    return string.Format("Purchase a pay-as-you-go DTS sync job '{0}' ({1} in {2} → {3} in {4}, class {5})",
                        spec.Name, spec.Source.Engine, spec.Source.Region, spec.Destination.Engine, spec.Destination.Region, spec.InstanceClass);
                case Step.Configure:
                    return string.Format("Configure sync job {0}: source {1} of {2}, target {3} of account {4}, initialization {5}",
                        id, spec.Source.Endpoint.InstanceId,
                        spec.Source.CrossAccount ? "account " + spec.Source.AccountId + " through role '" + spec.Source.RoleName + "'" : "account " + spec.Source.AccountId,
                        spec.Destination.Endpoint.InstanceId, spec.Destination.AccountId, spec.InitType);
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

        // ---------------------------------------------------------------- validation (no call)

        /// <summary>Makes no call; with no Caller yet (before the service resolved it) the account checks are left out.</summary>
        internal Spec Validate(SyncTaskRequest request)
        {
            if (string.IsNullOrWhiteSpace(request.Name))
                throw Invalid("SyncTaskNameMissing", "-Name is required for Tencent: it is the DTS job name by which a re-run finds and resumes the task.", null);
            if (request.Source == null || request.Destination == null)
                throw Invalid("SyncTaskEndpointMissing", "Both the source and the destination database must be given.", null);
            if (!request.IncrementalSync)
                throw Invalid("TencentSyncNeedsIncremental",
                    "Tencent DTS data sync always replicates incremental changes: include Incremental in -Initialization " +
                    "(for example -Initialization Structure,FullData,Incremental, or just Incremental to skip the initial load).", request.Name);

            string taskAccount = request.Caller?.AccountId;
            var spec = new Spec
            {
                Name = request.Name,
                TaskAccount = taskAccount,
                Source = ValidateSide(request.Source, "Source", taskAccount),
                Destination = ValidateSide(request.Destination, "Destination", taskAccount),
                InitType = request.StructureInitialization
                    ? (request.FullDataInitialization ? "Full" : "Structure")
                    : (request.FullDataInitialization ? "Data" : "None"),
                NoStart = request.NoStart,
                Wait = request.Wait,
                TimeoutSeconds = request.TimeoutSeconds > 0 ? request.TimeoutSeconds : 1800,
            };
            if (spec.Destination.CrossAccount)
                throw Invalid("TencentTargetMustBeTaskAccount",
                    string.Format("Tencent cross-account sync copies from another account's source into an instance of the account that creates the task, " +
                                  "but target {0} belongs to account {1} and the credentials to account {2}. Run New-DtsSyncTask with credentials of account {1} " +
                                  "(its root or a sub-account), with the role in the source account trusting root account {1}.",
                        spec.Destination.Endpoint.InstanceId, spec.Destination.AccountId, taskAccount), spec.Destination.Endpoint.InstanceId);

            // Supported Scope ("cross-account data sync is supported between ...") limits a cross-account task, both of its
            // engines; a task with both endpoints in the task account is not cross-account and is not limited by it.
            // Before "who am I" a side with an explicit account ID may or may not be another account: checked at Plan.
            if (spec.Source.CrossAccount || spec.Destination.CrossAccount)
            {
                foreach (var side in new[] { ("Source", spec.Source), ("Destination", spec.Destination) })
                    if (!TencentSupportedScope.InScope(side.Item2.Engine))
                        throw Invalid("UnsupportedTencentEngine",
                            string.Format("-{0}Engine '{1}' is not supported for Tencent cross-account data sync. The guide's Supported Scope is: " +
                                          "\"Cross-account data sync is supported between TencentDB for MySQL, TDSQL for MySQL, TDSQL-C, and TencentDB for MariaDB " +
                                          "instances, but not between MySQL and CDWPG instances.\" Use one of: {2}.", side.Item1, side.Item2.Endpoint.Engine, TencentSupportedScope.Describe()),
                            side.Item2.Endpoint.Engine);
            }

            spec.InstanceClass = string.IsNullOrEmpty(request.InstanceClass) ? DefaultInstanceClass : request.InstanceClass.ToLowerInvariant();
            if (!InstanceClasses.Contains(spec.InstanceClass))
                throw Invalid("InvalidTencentInstanceClass",
                    string.Format("-InstanceClass '{0}' is not a Tencent DTS sync job class; use one of {1}.", request.InstanceClass, string.Join(", ", InstanceClasses)), request.InstanceClass);
            spec.Objects = BuildObjects(request.Databases, request.Tables);
            return spec;
        }

        private Side ValidateSide(DatabaseEndpointSpec e, string side, string taskAccount)
        {
            string engine = e.Engine == null ? "mysql" : TencentSupportedScope.NormalizeAny(e.Engine);
            if (engine == null)
                throw Invalid("UnsupportedTencentEngine",
                    string.Format("-{0}Engine '{1}' is not a Tencent DTS database type the module knows. The guide's Supported Scope is: " +
                                  "\"Cross-account data sync is supported between TencentDB for MySQL, TDSQL for MySQL, TDSQL-C, and TencentDB for MariaDB " +
                                  "instances, but not between MySQL and CDWPG instances.\" Use one of: {2} (within one account also: {3}).",
                        side, e.Engine, TencentSupportedScope.Describe(), string.Join(", ", TencentSupportedScope.SameAccountOnly)), e.Engine);
            string region = e.Region ?? _ctx.Region;
            if (string.IsNullOrEmpty(region))
                throw Invalid("TencentRegionMissing", string.Format("Give -{0}Region or -Region (for example ap-guangzhou).", side), null);
            _provider.ValidateRegion(region, side + "Region");
            if (string.IsNullOrEmpty(e.InstanceId))
                throw Invalid("InstanceIdMissing", string.Format("Give -{0}InstanceId (for example cdb-abcd1234).", side), null);
            if (string.IsNullOrEmpty(e.UserName) || string.IsNullOrEmpty(e.Password))
                throw Invalid("DatabaseCredentialMissing",
                    string.Format("Give -{0}DatabaseCredential: DTS signs in to {1} with a database account to copy the data.", side, e.InstanceId), e.InstanceId);
            string account = e.AccountId ?? taskAccount;
            if (account != null) _provider.ValidateAccountId(account, side + "AccountId");
            bool cross = e.IsCrossAccount || (taskAccount != null && account != taskAccount);
            string roleName = e.RoleName ?? (cross ? _provider.DefaultRoleName : null);
            if (cross) _provider.ValidateRoleName(roleName, side + "RoleName");
            return new Side { Endpoint = e, Engine = engine, Region = region, AccountId = account, RoleName = roleName, CrossAccount = cross };
        }

        /// <summary>Objects.Mode Partial (the only mode for sync, V1.4): whole databases and selected tables.</summary>
        private static JsonObject BuildObjects(string[] databases, string[] tables)
        {
            var whole = (databases ?? Array.Empty<string>()).Where(d => !string.IsNullOrWhiteSpace(d)).Distinct(StringComparer.Ordinal).ToList();
            var byDb = new Dictionary<string, List<string>>(StringComparer.Ordinal);
            var order = new List<string>();
            foreach (var t in tables ?? Array.Empty<string>())
            {
                int dot = t?.IndexOf('.') ?? -1;
                if (dot <= 0 || dot == t.Length - 1)
                    throw Invalid("InvalidTableName", string.Format("-Table '{0}' must be written as database.table (for example shop.orders).", t), t);
                string db = t.Substring(0, dot), table = t.Substring(dot + 1);
                if (whole.Contains(db)) continue; // the whole database is synced already
                if (!byDb.TryGetValue(db, out var list)) { byDb[db] = list = new List<string>(); order.Add(db); }
                if (!list.Contains(table)) list.Add(table);
            }
            if (whole.Count == 0 && order.Count == 0)
                throw Invalid("SyncObjectsMissing", "Give -Database and/or -Table: Tencent DTS syncs the databases or tables you select.", null);

            var items = new List<object>();
            foreach (var db in whole)
                items.Add(new JsonObject().Set("DbName", db).Set("DbMode", "All").Set("TableMode", "All").Set("ViewMode", "All"));
            foreach (var db in order)
                items.Add(new JsonObject().Set("DbName", db).Set("DbMode", "Partial").Set("TableMode", "Partial")
                    .Set("Tables", byDb[db].Select(t => (object)new JsonObject().Set("TableName", t)).ToList()));
            return new JsonObject().Set("Mode", "Partial").Set("Databases", items);
        }

        private static DtsCrossAccountException Invalid(string id, string message, object target) =>
            new DtsCrossAccountException(id, ErrorCategory.InvalidArgument, message, target);

        // ---------------------------------------------------------------- apply

        private SyncTask Apply(Spec spec, TencentDts dts, TencentDts.SyncJob job, List<Step> steps, List<string> changes)
        {
            string jobId = job?.JobId;
            var done = new List<string>();
            CheckItem[] checks = null;
            if (steps.Contains(Step.Create))
            {
                _ctx.Reporter.Verbose("Purchasing DTS sync job '" + spec.Name + "'.");
                jobId = dts.CreateSyncJob(spec.Source.Engine, spec.Source.Region, spec.Destination.Engine, spec.Destination.Region, spec.InstanceClass, spec.Name);
                if (string.IsNullOrEmpty(jobId))
                    throw new DtsCrossAccountException("SyncJobNotCreated", ErrorCategory.InvalidResult,
                        "CreateSyncJob answered without a job ID. Run the same command again after checking the DTS console for a job named '" + spec.Name + "'.", spec.Name);
                done.Add("Purchased pay-as-you-go DTS sync job " + jobId + " ('" + spec.Name + "', class " + spec.InstanceClass + ")");
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
                            dts.ConfigureSyncJob(ConfigureRequest(spec, jobId));
                            break;
                        case Step.Check:
                        case Step.AwaitCheck:
                            if (step == Step.Check) dts.CreateCheckSyncJob(jobId);
                            checks = AwaitCheck(spec, dts, jobId);
                            break;
                        case Step.Start:
                            _ctx.Reporter.Verbose("Starting sync job " + jobId + ".");
                            dts.StartSyncJob(jobId);
                            break;
                    }
                    done.Add(Describe(step, spec, new TencentDts.SyncJob { JobId = jobId }));
                }
                string status = spec.Wait && !spec.NoStart ? AwaitRunning(spec, dts, jobId) : dts.GetJob(jobId)?.Status;
                return Output(spec, jobId, status, checks, true, done);
            }
            catch (DtsCrossAccountException e) when (e.ErrorId.StartsWith("SyncJob", StringComparison.Ordinal))
            {
                throw; // already names the job, its state and how to resume
            }
            catch (Exception e) when (e is DtsCrossAccountException || e is System.Net.Http.HttpRequestException || e is TimeoutException)
            {
                string state = CurrentState(dts, jobId);
                throw new DtsCrossAccountException("SyncJobInterrupted", (e as DtsCrossAccountException)?.Category ?? ErrorCategory.ConnectionError,
                    string.Format("DTS sync job {0} ('{1}') stopped in state '{2}': {3} The job is kept; re-running the same New-DtsSyncTask command resumes it from this state without buying another job.",
                        jobId, spec.Name, state, e.Message), jobId, e);
            }
        }

        private string CurrentState(TencentDts dts, string jobId)
        {
            try { return dts.GetJob(jobId)?.Status ?? "unknown"; }
            catch (Exception) { return "unknown"; }
        }

        private JsonObject ConfigureRequest(Spec spec, string jobId)
        {
            return new JsonObject()
                .Set("JobId", jobId)
                .Set("JobName", spec.Name)
                .Set("RunMode", "Immediate")
                .Set("SrcAccessType", "cdb")
                .Set("DstAccessType", "cdb")
                .Set("SrcNodeType", "single")
                .Set("DstNodeType", "single")
                .Set("SrcInfo", EndpointInfo(spec.Source, spec.Name))
                .Set("DstInfo", EndpointInfo(spec.Destination, spec.Name))
                .Set("Objects", spec.Objects)
                .Set("Options", new JsonObject()
                    .Set("InitType", spec.InitType)
                    .Set("DealOfExistSameTable", "ReportErrorAfterCheck")
                    .Set("ConflictHandleType", "ReportError")
                    .Set("OpTypes", new List<object> { "Insert", "Update", "Delete", "DDL" }));
        }

        /// <summary>
        /// DTS Endpoint. Cross-account (V1.1/V1.2): Account, AccountMode "other", AccountRole, RoleExternalId and the
        /// temporary keys of STS AssumeRole on that role, obtained with the task account's credentials.
        /// </summary>
        private JsonObject EndpointInfo(Side side, string jobName)
        {
            var e = side.Endpoint;
            var info = new JsonObject()
                .Set("Region", side.Region)
                .Set("InstanceId", e.InstanceId)
                .Set("User", e.UserName)
                .Set("Password", e.Password);
            if (!side.CrossAccount) return info;
            string arn = TencentPolicyDocuments.RoleArn(side.AccountId, side.RoleName);
            TencentSts.TemporaryKeys keys;
            try
            {
                keys = new TencentSts(_provider.Client(_ctx.Credential)).AssumeRole(arn, e.ExternalId, SessionName(jobName));
            }
            catch (CloudApiException x) when (TencentAccessDiagnostics.IsRoleNotFound(x))
            {
                throw new DtsCrossAccountException("CrossAccountRoleNotFound", ErrorCategory.ObjectNotFound,
                    TencentAccessDiagnostics.RoleNotFoundMessage(side.AccountId, side.RoleName) + " ([" + x.Code + "] " + x.ApiMessage + ").", arn, x);
            }
            catch (CloudApiException x) when (TencentAccessDiagnostics.IsDenied(x))
            {
                var caller = _provider.GetCallerIdentity(_ctx.Credential);
                throw new DtsCrossAccountException("CrossAccountAssumeRoleDenied", ErrorCategory.PermissionDenied,
                    "Not allowed to assume " + arn + " ([" + x.Code + "] " + x.ApiMessage + "). " +
                    TencentAccessDiagnostics.DeniedRemedy(caller, side.AccountId, side.RoleName, e.ExternalId), arn, x);
            }
            return info
                .Set("Account", side.AccountId)
                .Set("AccountMode", "other")
                .Set("AccountRole", side.RoleName)
                .SetIfNotNull("RoleExternalId", TencentProvider.NullIfEmpty(e.ExternalId))
                .Set("TmpSecretId", keys.TmpSecretId)
                .Set("TmpSecretKey", keys.TmpSecretKey)
                .Set("TmpToken", keys.Token);
        }

        private static string SessionName(string jobName)
        {
            // STS RoleSessionName takes ASCII only: every other character of the task name becomes '-'.
            string safe = Regex.Replace(jobName, @"[^A-Za-z0-9_+=,.@-]", "-");
            string name = "dts-sync-" + safe;
            return name.Length <= 64 ? name : name.Substring(0, 64);
        }

        private CheckItem[] AwaitCheck(Spec spec, TencentDts dts, string jobId)
        {
            const string activity = "DTS verification";
            JsonObject result = null;
            try
            {
                Poll(spec, jobId, "verification", () =>
                {
                    result = dts.DescribeCheckSyncJobResult(jobId);
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
            var task = Output(spec, jobId, "CheckNotPass", items.Count > 0 ? items.ToArray() : failed.ToArray(), true, null);
            throw new DtsCrossAccountException("SyncJobCheckNotPass", ErrorCategory.InvalidResult,
                string.Format("The DTS verification of sync job {0} ('{1}') did not pass; the job is in state 'CheckNotPass'. {2} " +
                              "Fix these and re-run the same New-DtsSyncTask command: it verifies job {0} again without buying another job.",
                    jobId, spec.Name, string.Join(" ", failed.Select(f => f.Name + ": " + f.Message + (f.Remedy == null ? "" : " Fix: " + f.Remedy)))), task);
        }

        private static string Remedy(JsonObject tip)
        {
            string solution = tip.GetString("Solution");
            string help = tip.GetString("HelpDoc");
            if (string.IsNullOrEmpty(help)) return string.IsNullOrEmpty(solution) ? null : solution;
            return (string.IsNullOrEmpty(solution) ? "" : solution + " ") + "See " + help;
        }

        private string AwaitRunning(Spec spec, TencentDts dts, string jobId)
        {
            const string activity = "Starting DTS sync job";
            string status = null;
            try
            {
                Poll(spec, jobId, "start", () =>
                {
                    status = dts.GetJob(jobId)?.Status;
                    _ctx.Reporter.Progress(activity, "Sync job " + jobId + ": " + status, -1, false);
                    if (status == "Failed" || status == "Stopped" || status == "ResumableErr" || status == "CheckNotPass")
                        throw new DtsCrossAccountException("SyncJobFailedToStart", ErrorCategory.InvalidResult,
                            string.Format("DTS sync job {0} ('{1}') went to state '{2}' instead of Running. See the job in the DTS console; " +
                                          "re-running the same New-DtsSyncTask command continues only from UnInitialized, Initialized, CheckNotPass or CheckPass.",
                                jobId, spec.Name, status), jobId);
                    return status == "Running";
                });
            }
            finally
            {
                _ctx.Reporter.Progress(activity, "Done", 100, true);
            }
            return status;
        }

        /// <summary>Polls with a growing interval (1 s up to 10 s) until done, -TimeoutSeconds or Ctrl+C.</summary>
        private void Poll(Spec spec, string jobId, string what, Func<bool> done)
        {
            var deadline = DateTime.UtcNow.AddSeconds(spec.TimeoutSeconds);
            var interval = TimeSpan.FromMilliseconds(500);
            var token = _ctx.Reporter.Cancellation;
            while (!done())
            {
                if (DateTime.UtcNow >= deadline)
                {
                    throw new DtsCrossAccountException("SyncJobTimeout", ErrorCategory.OperationTimeout,
                        string.Format("Waited {0} s for the {1} of DTS sync job {2} ('{3}'); the job is in state '{4}'. " +
                                      "Re-run the same New-DtsSyncTask command (with a larger -TimeoutSeconds) to keep waiting; it resumes the same job.",
                            spec.TimeoutSeconds, what, jobId, spec.Name, StateAfterTimeout(spec, jobId)), jobId);
                }
                if (token.WaitHandle.WaitOne(interval)) token.ThrowIfCancellationRequested();
                interval = TimeSpan.FromMilliseconds(Math.Min(10000, interval.TotalMilliseconds * 2));
            }
        }

        private string StateAfterTimeout(Spec spec, string jobId) =>
            CurrentState(new TencentDts(_provider.Client(_ctx.Credential), spec.Destination.Region), jobId);

        private static SyncTask Output(Spec spec, string jobId, string status, CheckItem[] checks, bool changed, IEnumerable<string> changes) => new SyncTask
        {
            Cloud = CloudKind.Tencent,
            TaskId = jobId,
            InstanceId = jobId,
            Name = spec.Name,
            Status = status,
            SourceAccountId = spec.Source.AccountId,
            SourceInstanceId = spec.Source.Endpoint.InstanceId,
            SourceRegion = spec.Source.Region,
            SourceEngine = spec.Source.Engine,
            DestinationAccountId = spec.Destination.AccountId,
            DestinationInstanceId = spec.Destination.Endpoint.InstanceId,
            DestinationRegion = spec.Destination.Region,
            DestinationEngine = spec.Destination.Engine,
            Checks = checks ?? Array.Empty<CheckItem>(),
            Changed = changed,
            Changes = changes?.ToArray() ?? Array.Empty<string>(),
        };
    }
}
