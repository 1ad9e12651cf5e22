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
    /// New-DtsSyncTask for Alibaba, in the official "buy first" order (cloud-apis.md V3.1 (a)):
    /// CreateDtsInstance → ConfigureDtsJob (autoStartModulesAfterConfig=none) → StartDtsJob → DescribePreCheckStatus
    /// → DescribeDtsJobDetail until Synchronizing. Every limit of the seed is checked before the first call.
    /// </summary>
    internal sealed class AlibabaSyncPlanner
    {
        private static readonly string[] InstanceClasses = { "micro", "small", "medium", "large" };
        private const string DefaultInstanceClass = "small";

        private readonly AlibabaProvider _provider;
        private readonly ProviderContext _ctx;

        public AlibabaSyncPlanner(AlibabaProvider provider, ProviderContext ctx)
        {
            _provider = provider;
            _ctx = ctx;
        }

        private IOperationReporter Reporter => _provider.Reporter;

        /// <summary>One endpoint after validation.</summary>
        private sealed class Endpoint
        {
            public string Label;            // "source" / "destination"
            public string Prefix;           // "Source" / "Destination"
            public DatabaseEndpointSpec Spec;
            public AlibabaEngine Engine;
            public AlibabaConnectionType Connection;
            public string AccountId;
            public string Region;
            public string RoleName;
            public bool CrossAccount;
        }

        private sealed class Resolved
        {
            public SyncTaskRequest Request;
            public string TaskAccountId;
            public string DtsRegion;
            public string InstanceClass;
            public Endpoint Source;
            public Endpoint Destination;
            public string DbList;
            public string Reserve;
            public string Scenario;
        }

        public ChangePlan<SyncTask> Plan(SyncTaskRequest request)
        {
            var t = Resolve(request);   // every refusal happens here, before any call
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

        // ------------------------------------------------------------------ validation (no calls)

        /// <summary>Every refusal that needs no call; the task account may still be unknown here.</summary>
        public void Validate(SyncTaskRequest request) => Resolve(request);

        private Resolved Resolve(SyncTaskRequest r)
        {
            if (string.IsNullOrWhiteSpace(r.Name))
                throw AlibabaProvider.Invalid("SyncTaskNameRequired", "Name", "Give the task a name with -Name; the name is how a re-run finds the task again.");
            if (r.Source == null || r.Destination == null)
                throw AlibabaProvider.Invalid("SyncEndpointRequired", "SourceInstanceId", "Both the source and the destination database are required (-SourceInstanceId, -DestinationInstanceId).");

            var taskAccount = r.Caller?.AccountId;
            var t = new Resolved { Request = r, TaskAccountId = taskAccount };
            t.Source = ResolveEndpoint(r.Source, "source", "Source", taskAccount);
            t.Destination = ResolveEndpoint(r.Destination, "destination", "Destination", taskAccount);

            // Seed, Supported databases: "Cross-account access is determined by the combination of Database type and
            // Connection type" -- the tables list what the CROSS-ACCOUNT side may be. An endpoint in the task account's own
            // account is an ordinary DTS endpoint and is not limited by them (a PostgreSQL destination of your own is fine).
            // Before "who am I" an endpoint with an explicit account ID may or may not be cross-account; it is checked
            // again once the caller is known (Plan), still before any write.
            if (t.Source.CrossAccount) CheckCrossAccountSource(t.Source);
            if (t.Destination.CrossAccount) CheckCrossAccountDestination(t.Destination);
            if (t.Destination.CrossAccount) CheckDestinationOwnerField(t);

            // Seed, Limitations: "Cross-account two-way synchronization is only supported between" RDS MySQL, Tair
            // Enterprise and MongoDB (replica set / sharded cluster) -- a same-account two-way task is not limited by it.
            if (r.TwoWay && (t.Source.CrossAccount || t.Destination.CrossAccount))
            {
                foreach (var e in new[] { t.Source, t.Destination })
                {
                    if (!e.Engine.TwoWay || e.Connection != AlibabaConnectionType.AlibabaCloudInstance)
                    {
                        throw AlibabaProvider.Invalid("UnsupportedTwoWayDatabase", e.Prefix + "Engine",
                            "Cross-account two-way synchronization is only supported between ApsaraDB RDS for MySQL instances or clusters, Tair (Enterprise Edition) instances, "
                            + "and ApsaraDB for MongoDB replica set or sharded cluster instances; the " + e.Label + " is " + e.Engine.SeedName + " ("
                            + AlibabaSupportMatrix.Describe(e.Connection) + "). Use -SourceEngine/-DestinationEngine MySQL, Tair or MongoDB with Alibaba Cloud instances, or drop -TwoWay.");
                    }
                }
                if (t.Source.Engine != t.Destination.Engine)
                {
                    throw AlibabaProvider.Invalid("UnsupportedTwoWayDatabase", "DestinationEngine",
                        "Cross-account two-way synchronization needs the same database type on both sides; the source is " + t.Source.Engine.SeedName + " and the destination " + t.Destination.Engine.SeedName + ".");
                }
            }

            // Seed, Limitations: no synchronization across cloud types (Finance Cloud, government cloud, public cloud).
            t.DtsRegion = t.Destination.Region;
            var types = new[] { t.Source, t.Destination }.Select(e => new { e, type = AlibabaRegions.CloudTypeOf(e.Region) }).ToList();
            var dtsType = AlibabaRegions.CloudTypeOf(t.DtsRegion);
            if (types.Any(x => x.type != types[0].type) || dtsType != types[0].type)
            {
                throw AlibabaProvider.Invalid("CrossCloudTypeSync", "DestinationRegion",
                    "Synchronization between accounts of different cloud types is not supported: the source region " + t.Source.Region + " is "
                    + AlibabaRegions.Describe(types[0].type) + " and the destination region " + t.Destination.Region + " is " + AlibabaRegions.Describe(types[1].type)
                    + ". Both databases must be in the same kind of cloud (public, Finance Cloud or government cloud), and so must the accounts.");
            }

            if (!r.StructureInitialization && !r.FullDataInitialization && !r.IncrementalSync)
                throw AlibabaProvider.Invalid("InitializationRequired", "Initialization", "Choose at least one of -Initialization Structure, FullData, Incremental.");

            t.InstanceClass = string.IsNullOrEmpty(r.InstanceClass) ? DefaultInstanceClass : r.InstanceClass.ToLowerInvariant();
            if (!InstanceClasses.Contains(t.InstanceClass))
                throw AlibabaProvider.Invalid("InvalidInstanceClass", "InstanceClass", "'" + r.InstanceClass + "' is not a DTS sync instance class. Use one of: " + string.Join(", ", InstanceClasses) + ".");

            t.DbList = BuildDbList(r.Databases, r.Tables);
            t.Reserve = BuildReserve(r.Extra);
            t.Scenario = AlibabaScenario.NameFor(t.Source.CrossAccount, t.Destination.CrossAccount);
            return t;
        }

        /// <summary>The seed's "Source databases" table: database type × connection type of a cross-account source.</summary>
        private static void CheckCrossAccountSource(Endpoint source)
        {
            if (source.Engine.SourceConnections.Count == 0)
            {
                throw AlibabaProvider.Invalid("UnsupportedSourceDatabase", "SourceEngine",
                    "Cross-account DTS does not support " + source.Engine.SeedName + " as a source database in another account (" + source.AccountId + "). Supported cross-account sources (connection types): "
                    + AlibabaSupportMatrix.DescribeSources() + ". A source in the task account itself is not limited by this table.");
            }
            if (!source.Engine.SourceConnections.Contains(source.Connection))
            {
                throw AlibabaProvider.Invalid("UnsupportedSourceConnectionType", "SourceConnectionType",
                    "A " + source.Engine.SeedName + " source in another account cannot be reached as '" + AlibabaSupportMatrix.Describe(source.Connection) + "'. Use -SourceConnectionType "
                    + string.Join(" | ", source.Engine.SourceConnections.Select(c => c.ToString())) + ".");
            }
        }

        /// <summary>The seed's "Destination databases" table: what a destination in another account may be (always an Alibaba Cloud instance).</summary>
        private static void CheckCrossAccountDestination(Endpoint destination)
        {
            if (!destination.Engine.Destination)
            {
                throw AlibabaProvider.Invalid("UnsupportedDestinationDatabase", "DestinationEngine",
                    "Cross-account DTS does not support " + destination.Engine.SeedName + " as a destination database in another account (" + destination.AccountId + "). Supported cross-account destinations: "
                    + string.Join(", ", AlibabaSupportMatrix.DestinationEngineNames) + " (each as an Alibaba Cloud instance). A destination in the task account itself is not limited by this table.");
            }
            if (destination.Connection != AlibabaConnectionType.AlibabaCloudInstance)
            {
                throw AlibabaProvider.Invalid("UnsupportedDestinationConnectionType", "DestinationEngine",
                    "A destination in another account must be an Alibaba Cloud instance (connection type AlibabaCloudInstance).");
            }
        }

        /// <summary>
        /// ConfigureDtsJob documents DestinationEndpointOwnerID only for an RDS MySQL destination ("can be configured only
        /// when the target instance is RDS MySQL"; API reference ConfigureDtsJob, doc 208399, and the official Terraform
        /// resource alicloud_dts_synchronization_job). A destination of another type in another account is refused before
        /// any call, with the guide's alternative: the destination owner creates the task (scenario 1, cross-account source).
        /// </summary>
        private static void CheckDestinationOwnerField(Resolved t)
        {
            var d = t.Destination;
            if (d.Engine.Key == "MySQL" && d.Connection == AlibabaConnectionType.AlibabaCloudInstance) return;
            string sourceAccount = t.Source.CrossAccount ? t.Source.AccountId : t.TaskAccountId;
            throw AlibabaProvider.Invalid("DestinationOwnerNotSupported", "DestinationAccountId",
                "DTS takes a destination in another account (DestinationEndpointOwnerID) only for an ApsaraDB RDS for MySQL destination; the destination here is "
                + d.Engine.SeedName + " in account " + d.AccountId + ". Do it the guide's other way round (scenario 1, cross-account source database): account "
                + d.AccountId + " creates the task with the source as the cross-account side. The source owner (" + sourceAccount + ") creates the role trusting it: "
                + "New-DtsCrossAccountRole -Cloud Alibaba -AccountId " + sourceAccount + " -TrustedAccountId " + d.AccountId + " -ProfileName <profile of account " + sourceAccount + ">; "
                + "then, with account " + d.AccountId + "'s credentials: New-DtsSyncTask -Cloud Alibaba -SourceAccountId " + sourceAccount
                + " -DestinationEngine " + d.Engine.Key + " ... -ProfileName <profile of account " + d.AccountId + ">.");
        }

        private Endpoint ResolveEndpoint(DatabaseEndpointSpec spec, string label, string prefix, string taskAccount)
        {
            var e = new Endpoint { Label = label, Prefix = prefix, Spec = spec };
            e.Engine = AlibabaSupportMatrix.FindEngine(string.IsNullOrEmpty(spec.Engine) ? "MySQL" : spec.Engine);
            if (e.Engine == null)
            {
                throw AlibabaProvider.Invalid("UnknownEngine", prefix + "Engine",
                    "'" + spec.Engine + "' is not a database type the module knows. Use one of: " + string.Join(", ", AlibabaSupportMatrix.EngineNames) + ".");
            }
            if (!AlibabaSupportMatrix.TryParseConnectionType(spec.ConnectionType, out e.Connection))
            {
                throw AlibabaProvider.Invalid("UnknownConnectionType", prefix + "ConnectionType",
                    "'" + spec.ConnectionType + "' is not a connection type. Use one of: " + string.Join(", ", AlibabaSupportMatrix.ConnectionTypeNames) + ".");
            }
            if (string.IsNullOrEmpty(spec.InstanceId))
                throw AlibabaProvider.Invalid("InstanceIdRequired", prefix + "InstanceId", "The " + label + " instance ID is required (-" + prefix + "InstanceId), for example rm-bp1xxxxxxxx.");
            e.Region = spec.Region ?? _ctx.Region;
            if (string.IsNullOrEmpty(e.Region))
                throw AlibabaProvider.Invalid("RegionRequired", prefix + "Region", "The " + label + " region is required: pass -" + prefix + "Region or -Region, for example cn-hangzhou.");
            _provider.ValidateRegion(e.Region, prefix + "Region");
            e.AccountId = string.IsNullOrEmpty(spec.AccountId) ? taskAccount : spec.AccountId;
            if (!string.IsNullOrEmpty(e.AccountId)) _provider.ValidateAccountId(e.AccountId, prefix + "AccountId");
            e.CrossAccount = spec.IsCrossAccount || (!string.IsNullOrEmpty(taskAccount) && !string.IsNullOrEmpty(e.AccountId) && e.AccountId != taskAccount);
            if (e.CrossAccount)
            {
                e.RoleName = string.IsNullOrEmpty(spec.RoleName) ? _provider.DefaultRoleName : spec.RoleName;
                _provider.ValidateRoleName(e.RoleName, prefix + "RoleName");
            }
            if (string.IsNullOrEmpty(spec.UserName) || string.IsNullOrEmpty(spec.Password))
            {
                throw AlibabaProvider.Invalid("DatabaseCredentialRequired", prefix + "DatabaseCredential",
                    "DTS needs a database account of the " + label + " instance: pass -" + prefix + "DatabaseCredential (user name and password of a database account with the privileges DTS requires).");
            }
            return e;
        }

        /// <summary>DbList as in "Objects of DTS tasks": whole databases {"db":{"name":"db","all":true}}, tables under "Table".</summary>
        internal static string BuildDbList(string[] databases, string[] tables)
        {
            var list = new JsonObject();
            foreach (var db in (databases ?? new string[0]).Where(d => !string.IsNullOrWhiteSpace(d)))
                list.Set(db, new JsonObject().Set("name", db).Set("all", true));
            foreach (var entry in (tables ?? new string[0]).Where(x => !string.IsNullOrWhiteSpace(x)))
            {
                var dot = entry.IndexOf('.');
                if (dot <= 0 || dot == entry.Length - 1)
                    throw AlibabaProvider.Invalid("InvalidTableName", "Table", "'" + entry + "' is not in the form database.table, for example shop.orders.");
                var db = entry.Substring(0, dot);
                var table = entry.Substring(dot + 1);
                var dbObject = list.GetObject(db);
                if (dbObject == null)
                {
                    dbObject = new JsonObject().Set("name", db).Set("all", false).Set("Table", new JsonObject());
                    list.Set(db, dbObject);
                }
                if (dbObject.GetBoolean("all") == true) continue;   // the whole database is already selected
                dbObject.GetObject("Table").Set(table, new JsonObject().Set("name", table).Set("all", true));
            }
            if (list.Count == 0)
                throw AlibabaProvider.Invalid("SyncObjectsRequired", "Database", "Choose what to synchronize: -Database <name[]> and/or -Table <database.table[]>.");
            return Json.Json.Serialize(list);
        }

        /// <summary>Reserve: nothing starts by itself (StartDtsJob is called explicitly); extra keys come from Extra "Reserve.&lt;key&gt;".</summary>
        internal static string BuildReserve(IDictionary<string, string> extra)
        {
            var reserve = new JsonObject().Set("autoStartModulesAfterConfig", "none");
            if (extra != null)
            {
                foreach (var kv in extra.Where(k => k.Key.StartsWith("Reserve.", StringComparison.OrdinalIgnoreCase)))
                    reserve.Set(kv.Key.Substring("Reserve.".Length), kv.Value);
            }
            return Json.Json.Serialize(reserve);
        }

        // ------------------------------------------------------------------ new task

        private ChangePlan<SyncTask> PlanNew(Resolved t, AlibabaDts dts, string target)
        {
            CheckAuthorization(t);

            var reusable = dts.FindUnconfiguredSyncInstances().Where(j => Fits(j, t)).ToList();
            var instanceToReuse = reusable.Count == 1 ? reusable[0].InstanceId : null;

            var r = t.Request;
            var changes = new List<string>();
            if (instanceToReuse != null)
            {
                changes.Add("Reuse DTS sync instance " + instanceToReuse + " (bought by an earlier run, not configured yet)");
            }
            else
            {
                changes.Add("Buy a pay-as-you-go DTS sync instance (" + t.InstanceClass + ", " + (r.TwoWay ? "two-way" : "one-way") + ") in " + t.DtsRegion
                    + " for " + t.Source.Engine.Key + " " + t.Source.Region + " → " + t.Destination.Engine.Key + " " + t.Destination.Region);
            }
            changes.Add("Configure job '" + r.Name + "': " + DescribeEndpoint(t.Source) + " → " + DescribeEndpoint(t.Destination) + ", objects " + t.DbList
                + ", " + DescribeInitialization(r) + (t.Scenario != null ? " (" + t.Scenario + ")" : ""));
            if (!r.NoStart)
            {
                changes.Add("Start the job (StartDtsJob) and wait for the DTS precheck");
                if (r.Wait) changes.Add("Wait until the job is Synchronizing (at most " + r.TimeoutSeconds + " s)");
            }

            var current = BuildTask(t, null, instanceToReuse, "NotCreated", null, changes);
            return new ChangePlan<SyncTask>(target, current, changes, () =>
            {
                var done = new List<string>();
                string instanceId = instanceToReuse;
                if (instanceId == null)
                {
                    Reporter.Verbose("Buying a DTS sync instance in " + t.DtsRegion + ".");
                    instanceId = dts.CreateSyncInstance(t.Source.Engine.CreateEngineName, t.Destination.Engine.CreateEngineName,
                        t.Source.Region, t.Destination.Region, t.InstanceClass, r.TwoWay).Key;
                    done.Add("Bought DTS sync instance " + instanceId);
                }
                string jobId;
                try
                {
                    Reporter.Verbose("Configuring job '" + r.Name + "' on DTS instance " + instanceId + ".");
                    jobId = dts.ConfigureJob(ConfigureParameters(t, instanceId));
                    done.Add("Configured job " + jobId + " '" + r.Name + "'");
                }
                catch (CloudApiException e)
                {
                    throw AfterPurchase(t, instanceId, null, "NotConfigured", "configuring the job failed: " + Redact(t, e.Message), e);
                }
                if (r.NoStart)
                {
                    Reporter.Verbose("-NoStart: job " + jobId + " stays NotStarted; nothing was checked or started.");
                    return BuildTask(t, jobId, instanceId, "NotStarted", null, done, changed: true);
                }
                return StartAndFollow(t, dts, jobId, instanceId, done);
            });
        }

        private static bool Fits(AlibabaDtsJob j, Resolved t)
        {
            bool Same(string a, string b) => string.IsNullOrEmpty(a) || string.Equals(a, b, StringComparison.OrdinalIgnoreCase);
            return Same(j.SourceRegion, t.Source.Region) && Same(j.DestinationRegion, t.Destination.Region)
                && (Same(j.SourceEngine, t.Source.Engine.CreateEngineName) || Same(j.SourceEngine, t.Source.Engine.ConfigureEngineName))
                && (Same(j.DestinationEngine, t.Destination.Engine.CreateEngineName) || Same(j.DestinationEngine, t.Destination.Engine.ConfigureEngineName));
        }

        // ------------------------------------------------------------------ existing task (re-run)

        private ChangePlan<SyncTask> PlanExisting(Resolved t, AlibabaDts dts, AlibabaDtsJob job, string target)
        {
            var r = t.Request;
            CheckSameEndpoints(t, job);
            var status = job.Status ?? "";
            var changes = new List<string>();
            Func<List<string>, SyncTask> apply;

            if (Is(status, "NotConfigured"))
            {
                CheckAuthorization(t);
                changes.Add("Configure job '" + r.Name + "' on DTS instance " + job.InstanceId + ": " + DescribeEndpoint(t.Source) + " → " + DescribeEndpoint(t.Destination));
                if (!r.NoStart) changes.Add("Start the job (StartDtsJob) and wait for the DTS precheck");
                apply = done =>
                {
                    string jobId;
                    try { jobId = dts.ConfigureJob(ConfigureParameters(t, job.InstanceId)); }
                    catch (CloudApiException e) { throw AfterPurchase(t, job.InstanceId, job.JobId, status, "configuring the job failed: " + Redact(t, e.Message), e); }
                    done.Add("Configured job " + jobId);
                    return r.NoStart ? BuildTask(t, jobId, job.InstanceId, "NotStarted", null, done, changed: true) : StartAndFollow(t, dts, jobId, job.InstanceId, done);
                };
            }
            else if (Is(status, "NotStarted") || Is(status, "PrecheckFailed"))
            {
                if (r.NoStart) return Unchanged(t, job, target);
                CheckAuthorization(t);
                changes.Add("Configure job " + job.JobId + " with the given endpoints and objects, then " + (Is(status, "PrecheckFailed") ? "run its DTS precheck again" : "start it")
                    + " (StartDtsJob) and wait for the precheck");
                if (r.Wait) changes.Add("Wait until the job is Synchronizing (at most " + r.TimeoutSeconds + " s)");
                apply = done =>
                {
                    // Configure again first: a re-run after a failed precheck may carry corrected objects or credentials.
                    try { dts.ConfigureJob(ConfigureParameters(t, job.InstanceId)); }
                    catch (CloudApiException e) { throw AfterPurchase(t, job.InstanceId, job.JobId, status, "configuring the job again failed: " + Redact(t, e.Message), e); }
                    done.Add("Configured job " + job.JobId + " again");
                    return StartAndFollow(t, dts, job.JobId, job.InstanceId, done);
                };
            }
            else if (Is(status, "Prechecking") || Is(status, "PreCheckPass") || Is(status, "Initializing"))
            {
                // Running on its own (DTS continues after a passed precheck, V3.1); only waiting is left.
                if (!r.Wait) return Unchanged(t, job, target);
                changes.Add("Wait until job " + job.JobId + " (" + status + ") is Synchronizing (at most " + r.TimeoutSeconds + " s)");
                apply = done => Is(status, "Prechecking") ? FollowPrecheck(t, dts, job.JobId, job.InstanceId, done, changed: false)
                    : WaitForSynchronizing(t, dts, job.JobId, job.InstanceId, done, new CheckItem[0], changed: false);
            }
            else if (Is(status, "Failed") || Is(status, "InitializeFailed") || Is(status, "MigrationFailed"))
            {
                throw new DtsCrossAccountException("SyncTaskFailed", ErrorCategory.InvalidResult,
                    "DTS sync job " + job.JobId + " '" + r.Name + "' on instance " + job.InstanceId + " is " + status
                    + (string.IsNullOrEmpty(job.ErrorMessage) ? "" : ": " + Redact(t, job.ErrorMessage)) + ". Fix the cause and restart it in the DTS console, "
                    + "or release the instance and run New-DtsSyncTask again.", BuildTask(t, job.JobId, job.InstanceId, status, null, new List<string>()));
            }
            else
            {
                if (!Is(status, "Synchronizing"))
                    Reporter.Warning("DTS sync job " + job.JobId + " '" + r.Name + "' is " + status + "; nothing was changed.");
                return Unchanged(t, job, target);
            }

            var current = BuildTask(t, job.JobId, job.InstanceId, status, null, changes);
            return new ChangePlan<SyncTask>(target, current, changes, () => apply(new List<string>()));
        }

        private ChangePlan<SyncTask> Unchanged(Resolved t, AlibabaDtsJob job, string target)
        {
            var current = BuildTask(t, job.JobId, job.InstanceId, job.Status, null, new List<string>());
            return new ChangePlan<SyncTask>(target, current, new string[0], null);
        }

        /// <summary>A same-named job that syncs other instances is not silently reused.</summary>
        private static void CheckSameEndpoints(Resolved t, AlibabaDtsJob job)
        {
            var diffs = new List<string>();
            if (!string.IsNullOrEmpty(job.SourceInstanceId) && !string.Equals(job.SourceInstanceId, t.Source.Spec.InstanceId, StringComparison.OrdinalIgnoreCase))
                diffs.Add("source " + job.SourceInstanceId + " (asked: " + t.Source.Spec.InstanceId + ")");
            if (!string.IsNullOrEmpty(job.DestinationInstanceId) && !string.Equals(job.DestinationInstanceId, t.Destination.Spec.InstanceId, StringComparison.OrdinalIgnoreCase))
                diffs.Add("destination " + job.DestinationInstanceId + " (asked: " + t.Destination.Spec.InstanceId + ")");
            if (diffs.Count > 0)
            {
                throw new DtsCrossAccountException("SyncTaskMismatch", ErrorCategory.ResourceExists,
                    "DTS sync job '" + t.Request.Name + "' (" + job.JobId + ", instance " + job.InstanceId + ", " + job.Status + ") already exists with a different "
                    + string.Join(" and ", diffs) + ". It was not changed; use another -Name for a new task.", t.Request.Name);
            }
        }

        // ------------------------------------------------------------------ authorization pre-checks (reads)

        /// <summary>
        /// Before buying anything: DTS authorized in the task account (service role), and, when the caller is a RAM user,
        /// each cross-account role assumable. A root caller cannot assume roles (STS refuses root keys); then the DTS precheck
        /// is what checks the roles.
        /// </summary>
        private void CheckAuthorization(Resolved t)
        {
            var problems = new List<string>();
            try
            {
                if (_provider.Ram().GetRole(AlibabaMessages.DtsServiceRoleName) == null)
                    problems.Add(AlibabaMessages.DtsServiceRoleMissing(t.TaskAccountId));
            }
            catch (CloudApiException e)
            {
                Reporter.Verbose("Could not read " + AlibabaMessages.DtsServiceRoleName + " in account " + t.TaskAccountId + " (" + e.Code + "); the DTS precheck will tell.");
            }

            var caller = t.Request.Caller;
            var crossSides = new[] { t.Source, t.Destination }.Where(e => e.CrossAccount).ToList();
            if (crossSides.Count > 0 && caller != null && !caller.IsRoot && !string.IsNullOrEmpty(caller.Type))
            {
                var sts = _provider.Sts();
                foreach (var side in crossSides)
                {
                    var arn = AlibabaTrustPolicy.RoleArn(side.AccountId, side.RoleName);
                    try
                    {
                        sts.AssumeRole(arn, "dts-task-check");
                        Reporter.Verbose("The " + side.Label + " role " + arn + " can be assumed by " + caller.Arn + ".");
                    }
                    catch (CloudApiException e) when (e.Code == "EntityNotExist.Role" || (e.Code ?? "").StartsWith("NoPermission", StringComparison.Ordinal))
                    {
                        problems.Add(DescribeSideProblem(t, side, e));
                    }
                }
            }
            else if (crossSides.Count > 0)
            {
                Reporter.Verbose("The caller is the root account of " + t.TaskAccountId + "; STS refuses root keys, so the cross-account roles ("
                    + string.Join(", ", crossSides.Select(s => AlibabaTrustPolicy.RoleArn(s.AccountId, s.RoleName))) + ") are checked by the DTS precheck.");
            }

            if (problems.Count > 0)
            {
                var twoWay = t.Request.TwoWay && crossSides.Count > 0
                    ? "For a cross-account two-way synchronization task, both the source and destination database accounts must complete RAM authorization separately. "
                    : "";
                throw new DtsCrossAccountException("CrossAccountAuthorizationMissing", ErrorCategory.PermissionDenied,
                    twoWay + "Nothing was bought. " + string.Join(" ", problems), t.Request.Name);
            }
        }

        private static string DescribeSideProblem(Resolved t, Endpoint side, CloudApiException e)
        {
            var owner = side.AccountId;
            var task = t.TaskAccountId;
            var what = e.Code == "EntityNotExist.Role"
                ? "role '" + side.RoleName + "' does not exist in account " + owner
                : "the caller may not assume role '" + side.RoleName + "' of account " + owner + " (" + e.Code + ")";
            return "The " + side.Label + " side (account " + owner + ") is not authorized for task account " + task + ": " + what + ". Fix it with the root account of " + owner + ": "
                + AlibabaMessages.NewRoleCommand(owner, side.RoleName, task) + " (or " + AlibabaMessages.SetTrustCommand(owner, side.RoleName, task)
                + " if the role exists), and allow the RAM user with " + AlibabaMessages.GrantCommand(owner, side.RoleName, AlibabaAccessTester.UserNameOf(t.Request.Caller)) + ".";
        }

        // ------------------------------------------------------------------ start, precheck, wait

        private SyncTask StartAndFollow(Resolved t, AlibabaDts dts, string jobId, string instanceId, List<string> done)
        {
            try
            {
                Reporter.Verbose("Starting job " + jobId + " (the precheck runs first).");
                dts.StartJob(jobId, instanceId);
                done.Add("Started job " + jobId);
            }
            catch (CloudApiException e)
            {
                throw AfterPurchase(t, instanceId, jobId, "NotStarted", "starting the job failed: " + Redact(t, e.Message), e);
            }
            return FollowPrecheck(t, dts, jobId, instanceId, done, changed: true);
        }

        private SyncTask FollowPrecheck(Resolved t, AlibabaDts dts, string jobId, string instanceId, List<string> done, bool changed)
        {
            var activity = "DTS precheck of job " + jobId;
            var clock = Stopwatch.StartNew();
            AlibabaPrecheck check;
            try
            {
                var delay = 200;
                while (true)
                {
                    try { check = dts.DescribePrecheck(jobId); }
                    catch (CloudApiException e) { throw AfterPurchase(t, instanceId, jobId, "Prechecking", "reading the precheck failed: " + Redact(t, e.Message), e); }
                    var percent = check.Total > 0 ? Math.Min(100, check.Done * 100 / check.Total) : -1;
                    Reporter.Progress(activity, check.Done + " of " + check.Total + " check items done (" + (check.State ?? "Checking") + ")", percent, false);
                    if (check.Finished || (check.Failed && check.Items.All(i => !AlibabaDts.Eq(AlibabaDts.Str(i, "State"), "Checking"))))
                        break;
                    if (clock.Elapsed.TotalSeconds > t.Request.TimeoutSeconds)
                        throw Timeout(t, jobId, instanceId, "Prechecking");
                    Sleep(delay);
                    delay = Math.Min(5000, delay * 3 / 2);
                }
            }
            finally
            {
                Reporter.Progress(activity, "done", 100, true);
            }

            var checks = check.Items.Select(i => ToCheckItem(t, i)).ToArray();
            if (check.Failed)
            {
                var failedItems = checks.Where(c => c.Result == CheckResult.Failed).ToList();
                var task = BuildTask(t, jobId, instanceId, "PrecheckFailed", checks, done, changed);
                var lines = failedItems.Count == 0
                    ? "DTS reported the precheck as failed without item details (state " + check.State + ")."
                    : string.Join(" ", failedItems.Select(c => "[" + c.Name + "] " + c.Message + (string.IsNullOrEmpty(c.Remedy) ? "" : " Fix: " + c.Remedy)));
                throw new DtsCrossAccountException("SyncTaskPrecheckFailed", ErrorCategory.InvalidResult,
                    "The DTS precheck of job " + jobId + " '" + t.Request.Name + "' (instance " + instanceId + ", now PrecheckFailed) failed " + failedItems.Count + " item(s): "
                    + lines + " " + RoleHints(t) + "After fixing, run New-DtsSyncTask -Name '" + t.Request.Name + "' again: it reruns the precheck on the same instance without buying another.",
                    task);
            }
            done.Add("Precheck of job " + jobId + " passed");
            return WaitForSynchronizing(t, dts, jobId, instanceId, done, checks, changed);
        }

        private SyncTask WaitForSynchronizing(Resolved t, AlibabaDts dts, string jobId, string instanceId, List<string> done, CheckItem[] checks, bool changed)
        {
            var activity = "DTS job " + jobId + " '" + t.Request.Name + "'";
            var clock = Stopwatch.StartNew();
            AlibabaDtsJob job;
            try
            {
                var delay = 200;
                while (true)
                {
                    try { job = dts.DescribeJob(jobId, instanceId); }
                    catch (CloudApiException e) { throw AfterPurchase(t, instanceId, jobId, "unknown", "reading the job state failed: " + Redact(t, e.Message), e); }
                    var status = job.Status ?? "";
                    Reporter.Progress(activity, status, -1, false);
                    if (Is(status, "Synchronizing")) break;
                    if (Is(status, "Failed") || Is(status, "InitializeFailed") || Is(status, "PrecheckFailed") || Is(status, "MigrationFailed"))
                    {
                        throw new DtsCrossAccountException("SyncTaskFailed", ErrorCategory.InvalidResult,
                            "DTS sync job " + jobId + " '" + t.Request.Name + "' on instance " + instanceId + " is " + status
                            + (string.IsNullOrEmpty(job.ErrorMessage) ? "" : ": " + Redact(t, job.ErrorMessage)) + ". Fix the cause and restart it in the DTS console.",
                            BuildTask(t, jobId, instanceId, status, checks, done, changed));
                    }
                    if (!t.Request.Wait) break;
                    if (clock.Elapsed.TotalSeconds > t.Request.TimeoutSeconds) throw Timeout(t, jobId, instanceId, status);
                    Sleep(delay);
                    delay = Math.Min(5000, delay * 3 / 2);
                }
            }
            finally
            {
                Reporter.Progress(activity, "done", 100, true);
            }
            // DescribeDtsJobDetail may answer "synchronizing" in lower case (V3.3): report the documented spelling.
            var finalStatus = Is(job.Status, "Synchronizing") ? "Synchronizing" : job.Status;
            if (Is(finalStatus, "Synchronizing") && t.Request.Wait) done.Add("Job " + jobId + " is Synchronizing");
            return BuildTask(t, jobId, instanceId, finalStatus, checks, done, changed);
        }

        private void Sleep(int milliseconds)
        {
            var token = Reporter.Cancellation;
            if (token.WaitHandle.WaitOne(milliseconds)) token.ThrowIfCancellationRequested();
        }

        // ------------------------------------------------------------------ wire parameters

        private static Dictionary<string, string> ConfigureParameters(Resolved t, string instanceId)
        {
            var r = t.Request;
            var p = new Dictionary<string, string>
            {
                ["DtsInstanceId"] = instanceId,
                ["DtsJobName"] = r.Name,
                ["JobType"] = "SYNC",
                ["RegionId"] = t.DtsRegion,
                ["StructureInitialization"] = r.StructureInitialization ? "true" : "false",
                ["DataInitialization"] = r.FullDataInitialization ? "true" : "false",
                ["DataSynchronization"] = r.IncrementalSync ? "true" : "false",
                ["DbList"] = t.DbList,
                ["Reserve"] = t.Reserve,
            };
            AddEndpoint(p, t.Source);
            AddEndpoint(p, t.Destination);
            if (r.Extra != null)
            {
                // Pass-through for endpoint details the cmdlet has no parameter for (IP, port, VSwitch of non-instance connections).
                foreach (var kv in r.Extra.Where(k => k.Key.StartsWith("SourceEndpoint", StringComparison.Ordinal) || k.Key.StartsWith("DestinationEndpoint", StringComparison.Ordinal)))
                    p[kv.Key] = kv.Value;
            }
            return p;
        }

        private static void AddEndpoint(Dictionary<string, string> p, Endpoint e)
        {
            var x = e.Prefix + "Endpoint";
            p[x + "InstanceType"] = AlibabaSupportMatrix.InstanceType(e.Engine, e.Connection);
            p[x + "InstanceID"] = e.Spec.InstanceId;
            p[x + "EngineName"] = e.Engine.ConfigureEngineName;
            p[x + "Region"] = e.Region;
            p[x + "UserName"] = e.Spec.UserName;
            p[x + "Password"] = e.Spec.Password;
            if (e.CrossAccount)
            {
                p[x + "OwnerID"] = e.AccountId;
                p[x + "Role"] = e.RoleName;
            }
        }

        // ------------------------------------------------------------------ output and messages

        private static SyncTask BuildTask(Resolved t, string jobId, string instanceId, string status, CheckItem[] checks, List<string> changes, bool? changed = null)
        {
            return new SyncTask
            {
                Cloud = CloudKind.Alibaba,
                TaskId = jobId,
                InstanceId = instanceId,
                Name = t.Request.Name,
                Status = status,
                SourceAccountId = t.Source.AccountId,
                SourceInstanceId = t.Source.Spec.InstanceId,
                SourceRegion = t.Source.Region,
                SourceEngine = t.Source.Engine.Key,
                DestinationAccountId = t.Destination.AccountId,
                DestinationInstanceId = t.Destination.Spec.InstanceId,
                DestinationRegion = t.Destination.Region,
                DestinationEngine = t.Destination.Engine.Key,
                Checks = checks ?? new CheckItem[0],
                Changed = changed ?? changes.Count > 0,
                Changes = changes.ToArray(),
            };
        }

        private static CheckItem ToCheckItem(Resolved t, JsonObject item)
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

        private static string RoleHints(Resolved t)
        {
            var sides = new[] { t.Source, t.Destination }.Where(e => e.CrossAccount).ToList();
            if (sides.Count == 0) return "";
            return "To see whether a cross-account role is the cause, run for each side: "
                + string.Join("; ", sides.Select(s => "(" + s.Label + ") Test-DtsCrossAccountAccess -Cloud Alibaba -RoleAccountId " + s.AccountId + " -RoleName " + s.RoleName
                    + " -TrustedAccountId " + t.TaskAccountId + " -OwnerProfileName <root profile of " + s.AccountId + ">")) + ". ";
        }

        private static string DescribeEndpoint(Endpoint e) =>
            e.Engine.Key + " " + e.Spec.InstanceId + " (" + e.Region + ", account " + e.AccountId
            + (e.CrossAccount ? ", cross-account via role " + e.RoleName : "") + ")";

        private static string DescribeInitialization(SyncTaskRequest r)
        {
            var parts = new List<string>();
            if (r.StructureInitialization) parts.Add("schema");
            if (r.FullDataInitialization) parts.Add("full data");
            if (r.IncrementalSync) parts.Add("incremental");
            return string.Join(" + ", parts);
        }

        private static DtsCrossAccountException AfterPurchase(Resolved t, string instanceId, string jobId, string state, string what, Exception inner)
        {
            return new DtsCrossAccountException("SyncTaskIncomplete", ErrorCategory.InvalidResult,
                "DTS instance " + instanceId + (jobId != null ? " (job " + jobId + ")" : "") + " for task '" + t.Request.Name + "' exists and is " + state + ", but " + what
                + " Fix the cause and run New-DtsSyncTask -Name '" + t.Request.Name + "' again: it continues with this instance instead of buying another.",
                BuildTask(t, jobId, instanceId, state, null, new List<string>()), inner);
        }

        private static DtsCrossAccountException Timeout(Resolved t, string jobId, string instanceId, string state)
        {
            return new DtsCrossAccountException("SyncTaskTimeout", ErrorCategory.OperationTimeout,
                "DTS job " + jobId + " '" + t.Request.Name + "' on instance " + instanceId + " is still " + state + " after " + t.Request.TimeoutSeconds
                + " s. It keeps running; run New-DtsSyncTask -Name '" + t.Request.Name + "' -Wait again (or with a larger -TimeoutSeconds) to keep waiting.",
                BuildTask(t, jobId, instanceId, state, null, new List<string>()));
        }

        /// <summary>Cloud messages may echo parameters; database passwords never leave this class.</summary>
        private static string Redact(Resolved t, string text)
        {
            if (string.IsNullOrEmpty(text)) return text;
            foreach (var secret in new[] { t.Source.Spec.Password, t.Destination.Spec.Password })
            {
                if (!string.IsNullOrEmpty(secret) && secret.Length >= 3) text = text.Replace(secret, "****");
            }
            return text;
        }

        private static bool Is(string a, string b) => AlibabaDts.Eq(a, b);
    }
}
