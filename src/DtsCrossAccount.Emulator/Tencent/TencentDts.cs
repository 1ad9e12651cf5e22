using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using DtsCrossAccount.Emulator.Core;
using static DtsCrossAccount.Emulator.Tencent.TencentArgs;

namespace DtsCrossAccount.Emulator.Tencent;

/// <summary>
/// DTS 2021-12-06 data sync: the job life cycle (create → configure → check → start → running → stop → isolate → destroy)
/// for jobs owned by the caller's root account, and the cross-account instance listing. Progress is lazy: a Checking,
/// ReadyRunning or Stopping job moves on when a call sees that State.DtsStepSeconds have passed.
/// </summary>
public static class TencentDts
{
    private const string InvalidValue = "InvalidParameterValue.InvalidParameterValueError";
    private const string Denied = "OperationDenied.OperationDeniedError";
    private const string NotFound = "ResourceNotFound.ResourceNotFoundError";
    private const string CheckHelpDoc = "https://www.tencentcloud.com/document/product/571/42551";

    private static readonly string[] DatabaseTypes =
        { "mysql", "mariadb", "percona", "postgresql", "cynosdbmysql", "tdpg", "tdsqlmysql", "tdstore", "mongodb", "redis", "kafka", "cdwpg" };
    /// <summary>Engines between which the cross-account sync guide says cross-account sync works.</summary>
    private static readonly string[] CrossAccountEngines = { "mysql", "tdsqlmysql", "cynosdbmysql", "mariadb" };
    private static readonly Regex AccountRolePattern = new(@"\A[a-zA-Z0-9_-]+\z", RegexOptions.CultureInvariant);
    private static readonly string[] SecretEndpointFields = { "Password", "TmpSecretId", "TmpSecretKey", "TmpToken" };

    public static void Register(ApiRegistry r)
    {
        void Add(string action, bool isWrite, ApiHandler h) => TencentApis.Add(r, "dts", TencentApis.DtsVersion, action, isWrite, h);

        Add("CreateSyncJob", true, CreateSyncJob);
        Add("ConfigureSyncJob", true, ConfigureSyncJob);
        Add("CreateCheckSyncJob", true, CreateCheckSyncJob);
        Add("DescribeCheckSyncJobResult", false, DescribeCheckSyncJobResult);
        Add("StartSyncJob", true, StartSyncJob);
        Add("DescribeSyncJobs", false, OnlyKnown(DescribeSyncJobs, DescribeSyncJobsParameters));
        Add("StopSyncJob", true, StopSyncJob);
        Add("IsolateSyncJob", true, IsolateSyncJob);
        Add("DestroySyncJob", true, DestroySyncJob);
        Add("DescribeMigrateDBInstances", false, OnlyKnown(DescribeMigrateDBInstances, DescribeMigrateDBInstancesParameters));
    }

    // The request parameters of the SDK models (tencentcloud-sdk dts v20211206 DescribeSyncJobsRequest,
    // DescribeMigrateDBInstancesRequest; API pages 571/82103 and 571/82087). Tencent Cloud refuses a parameter an action
    // does not define with the common error UnknownParameter (cloud-apis.md section 1), so a misspelt or empty-named
    // filter is an error, never a filter silently dropped.
    private static readonly string[] DescribeSyncJobsParameters =
        { "JobId", "JobIds", "JobName", "Order", "OrderSeq", "Offset", "Limit", "Status", "RunMode", "JobType", "PayMode", "TagFilters", "SrcInfoPattern", "DstInfoPattern" };
    private static readonly string[] DescribeMigrateDBInstancesParameters =
        { "DatabaseType", "MigrateRole", "InstanceId", "InstanceName", "Limit", "Offset", "AccountMode", "TmpSecretId", "TmpSecretKey", "TmpToken" };

    private static ApiHandler OnlyKnown(ApiHandler handler, string[] parameters) => req =>
    {
        foreach (var (name, _) in req.Body ?? new JsonObject())
            if (!parameters.Contains(name, StringComparer.Ordinal))
                throw new ApiError("UnknownParameter", $"The parameter `{name}` is not recognized.");
        return handler(req);
    };

    private static TencentAccount Owner(ApiRequest req)
    {
        if (string.IsNullOrEmpty(req.Region)) throw MissingParameter("Region");
        return TencentApis.CallerAccount(req);
    }

    private static TencentSyncJob FindJob(ApiRequest req, TencentAccount owner)
    {
        var id = RequiredStr(req.Body, "JobId");
        if (!owner.SyncJobs.TryGetValue(id, out var job)) throw new ApiError(NotFound, $"The sync job {id} does not exist.");
        Advance(req.State, owner, job);
        return job;
    }

    // ---- create / configure ----

    private static JsonObject CreateSyncJob(ApiRequest req)
    {
        var owner = Owner(req);
        var world = req.State.Tencent;
        var payMode = RequiredStr(req.Body, "PayMode");
        if (payMode is not ("PrePay" or "PostPay")) throw new ApiError(InvalidValue, "PayMode must be PrePay or PostPay.");
        var srcType = RequiredStr(req.Body, "SrcDatabaseType");
        var dstType = RequiredStr(req.Body, "DstDatabaseType");
        if (!DatabaseTypes.Contains(srcType) || srcType == "kafka") throw new ApiError(InvalidValue, $"SrcDatabaseType {srcType} is not supported.");
        if (!DatabaseTypes.Contains(dstType)) throw new ApiError(InvalidValue, $"DstDatabaseType {dstType} is not supported.");
        var srcRegion = RequiredStr(req.Body, "SrcRegion");
        var dstRegion = RequiredStr(req.Body, "DstRegion");
        var spec = Str(req.Body, "Specification") ?? "Standard";
        if (spec != "Standard") throw new ApiError(InvalidValue, "Specification must be Standard.");
        var count = Long(req.Body, "Count") ?? 1;
        if (count < 1 || count > 10) throw new ApiError(InvalidValue, "Count must be between 1 and 10.");
        var instanceClass = Str(req.Body, "InstanceClass") ?? "medium";
        if (instanceClass is not ("micro" or "small" or "medium" or "large")) throw new ApiError(InvalidValue, "InstanceClass must be micro, small, medium or large.");
        // TimeSpan (months, default 1, [1,100]) and AutoRenew (0 default, 1) "only mean something when PayMode is PrePay"
        // (CreateSyncJob, https://cloud.tencent.com/document/api/571/82105); a pay-as-you-go job ignores them.
        var span = Long(req.Body, "TimeSpan") ?? 1;
        var autoRenew = Long(req.Body, "AutoRenew") ?? 0;
        if (payMode == "PrePay" && (span < 1 || span > 100)) throw new ApiError(InvalidValue, "TimeSpan must be between 1 and 100.");
        if (payMode == "PrePay" && autoRenew is not (0 or 1)) throw new ApiError(InvalidValue, "AutoRenew must be 0 or 1.");
        var tags = (Array(req.Body, "Tags") ?? new JsonArray()).OfType<JsonObject>()
            .Select(t => new TencentTag(Str(t, "TagKey") ?? "", Str(t, "TagValue") ?? "")).ToList();
        if (tags.Any(t => t.TagKey.Length == 0)) throw new ApiError(InvalidValue, "TagKey must not be empty.");

        var ids = new JsonArray();
        for (var i = 0; i < count; i++)
        {
            string id;
            do id = "sync-" + RandomToken(8);
            while (world.Accounts.Values.Any(a => a.SyncJobs.ContainsKey(id)));
            var job = new TencentSyncJob
            {
                JobId = id,
                Seq = world.NextJobSeq++,
                JobName = JobName(req.Body) ?? "",
                PayMode = payMode,
                SrcDatabaseType = srcType,
                SrcRegion = srcRegion,
                DstDatabaseType = dstType,
                DstRegion = dstRegion,
                InstanceClass = instanceClass,
                Specification = spec,
                TimeSpan = payMode == "PrePay" ? (int)span : 0,
                AutoRenew = payMode == "PrePay" ? (int)autoRenew : 0,
                CreateTime = req.State.Clock.UtcNow,
            };
            job.Tags.AddRange(tags);
            owner.SyncJobs[id] = job;
            ids.Add(id);
        }
        return new JsonObject { ["JobIds"] = ids };
    }

    /// <summary>
    /// JobName: the API documents no limit; the emulator refuses what no console could type (line breaks, invisible
    /// characters) and more than 128 characters, with the code the DTS API uses for a bad value.
    /// </summary>
    private static string? JobName(JsonObject? body)
    {
        var name = Str(body, "JobName");
        if (name == null) return null;
        if (name.Length > 128 || name.Any(c => char.IsControl(c) || char.GetUnicodeCategory(c) == System.Globalization.UnicodeCategory.Format))
            throw new ApiError("InvalidParameterValue.InvalidParameterValueError", "JobName is invalid: at most 128 characters on one line.");
        return name;
    }

    private static JsonObject ConfigureSyncJob(ApiRequest req)
    {
        var owner = Owner(req);
        var job = FindJob(req, owner);
        if (job.Status is not ("UnInitialized" or "Initialized" or "CheckPass" or "CheckNotPass"))
            throw new ApiError(Denied, $"The sync job cannot be configured in status {job.Status}.");
        var body = req.Body!;
        RequiredStr(body, "SrcAccessType");
        RequiredStr(body, "DstAccessType");
        ValidateObjects(Obj(body, "Objects") ?? throw MissingParameter("Objects"));
        ValidateSide(body, "Src", job.SrcDatabaseType);
        ValidateSide(body, "Dst", job.DstDatabaseType);
        ValidateOptions(Obj(body, "Options"));

        job.Config = (JsonObject)JsonNode.Parse(body.ToJsonString())!;
        if (JobName(body) is { Length: > 0 } name) job.JobName = name;
        job.Status = "Initialized";
        job.CheckStatus = "notStarted";
        job.CheckStartedAt = null;
        job.CheckSteps = null;
        return new JsonObject();
    }

    private static void ValidateObjects(JsonObject objects)
    {
        if (Str(objects, "Mode") != "Partial") throw new ApiError(InvalidValue, "Objects.Mode must be Partial.");
        var dbs = Array(objects, "Databases")?.OfType<JsonObject>().ToList() ?? new List<JsonObject>();
        if (dbs.Count == 0) throw new ApiError(InvalidValue, "Objects.Databases must not be empty when Objects.Mode is Partial.");
        foreach (var db in dbs)
        {
            if (string.IsNullOrEmpty(Str(db, "DbName"))) throw new ApiError(InvalidValue, "Objects.Databases.DbName is required.");
            var dbMode = Str(db, "DbMode");
            if (dbMode is not ("All" or "Partial")) throw new ApiError(InvalidValue, "Objects.Databases.DbMode must be All or Partial.");
            if (dbMode == "Partial" && Str(db, "TableMode") == "Partial" && (Array(db, "Tables")?.Count ?? 0) == 0)
                throw new ApiError(InvalidValue, "Objects.Databases.Tables must not be empty when TableMode is Partial.");
        }
    }

    /// <summary>
    /// One side of ConfigureSyncJob, per the job's database type (ConfigureSyncJob request model): a single-node type
    /// (mysql, mariadb, percona, cynosdbmysql ...) in SrcInfo/DstInfo with NodeType single; a distributed one (tdsqlmysql) in
    /// SrcInfos/DstInfos with NodeType cluster, "proxy nodes before set nodes", and for a source SrcConnectType, "required
    /// when the source is tdsqlmysql": proxy = only the proxy node is needed, set = the proxy node and every set node.
    /// </summary>
    private static void ValidateSide(JsonObject body, string prefix, string databaseType)
    {
        var nodeType = Str(body, prefix + "NodeType");
        if (nodeType is not (null or "single" or "cluster")) throw new ApiError(InvalidValue, $"{prefix}NodeType must be single or cluster.");
        bool distributed = databaseType == "tdsqlmysql";
        if (!distributed)
        {
            if (nodeType == "cluster" || Obj(body, prefix + "Infos") != null)
                throw new ApiError(InvalidValue, $"{prefix}Info with {prefix}NodeType single is used for {databaseType}; {prefix}Infos is for distributed databases such as tdsqlmysql.");
            var one = Obj(body, prefix + "Info") ?? throw MissingParameter(prefix + "Info");
            ValidateEndpoint(one, prefix + "Info");
            if (prefix == "Src" && Str(body, "SrcConnectType") is { Length: > 0 })
                throw new ApiError(InvalidValue, "SrcConnectType is the connection of a tdsqlmysql source; the source here is " + databaseType + ".");
            return;
        }
        if (nodeType != "cluster") throw new ApiError(InvalidValue, $"{prefix}NodeType must be cluster for {databaseType}.");
        if (Obj(body, prefix + "Info") != null) throw new ApiError(InvalidValue, $"{prefix}Infos, not {prefix}Info, carries a {databaseType} endpoint.");
        var infos = Obj(body, prefix + "Infos") ?? throw MissingParameter(prefix + "Infos");
        var nodes = (infos["Info"] as JsonArray)?.OfType<JsonObject>().ToList() ?? new List<JsonObject>();
        if (nodes.Count == 0) throw MissingParameter(prefix + "Infos.Info");
        var roles = nodes.Select(n => Str(n, "Role") ?? "").ToList();
        if (roles.Any(r => r is not ("proxy" or "set"))) throw new ApiError(InvalidValue, $"{prefix}Infos.Info.Role must be proxy or set.");
        if (roles[0] != "proxy") throw new ApiError(InvalidValue, $"{prefix}Infos.Info must list the proxy node before the set nodes.");
        if (roles.SkipWhile(r => r == "proxy").Any(r => r == "proxy")) throw new ApiError(InvalidValue, $"{prefix}Infos.Info must list the proxy node before the set nodes.");
        foreach (var (node, i) in nodes.Select((n, i) => (n, i)))
        {
            ValidateEndpoint(node, $"{prefix}Infos.Info.{i}");
            if (roles[i] == "set" && (string.IsNullOrEmpty(Str(node, "SetId")) || string.IsNullOrEmpty(Str(node, "Ip")) || (Long(node, "Port") ?? 0) is < 1 or > 65535))
                throw new ApiError(InvalidValue, $"{prefix}Infos.Info.{i}: a set node needs SetId, Ip and Port.");
        }
        if (prefix != "Src") return;
        var connect = Str(body, "SrcConnectType");
        if (string.IsNullOrEmpty(connect)) throw MissingParameter("SrcConnectType");
        if (connect is not ("proxy" or "set")) throw new ApiError(InvalidValue, "SrcConnectType must be proxy or set.");
        if (connect == "set" && !roles.Contains("set"))
            throw new ApiError(InvalidValue, "SrcConnectType set connects to every set node: SrcInfos.Info must list the proxy node and all set nodes.");
    }

    private static void ValidateEndpoint(JsonObject ep, string single)
    {
        var mode = Str(ep, "AccountMode") ?? "";
        if (mode is not ("" or "self" or "other")) throw new ApiError(InvalidValue, $"{single}.AccountMode must be self or other.");
        if (mode != "other") return;
        if (string.IsNullOrEmpty(Str(ep, "Account"))) throw new ApiError(InvalidValue, $"{single}.Account is required for a cross-account instance.");
        var role = Str(ep, "AccountRole");
        if (string.IsNullOrEmpty(role)) throw new ApiError(InvalidValue, $"{single}.AccountRole is required for a cross-account instance.");
        if (!AccountRolePattern.IsMatch(role)) throw new ApiError(InvalidValue, $"{single}.AccountRole is not valid.");
    }

    private static void ValidateOptions(JsonObject? options)
    {
        if (options == null) return;
        void OneOf(string name, params string[] allowed)
        {
            var v = Str(options, name);
            if (!string.IsNullOrEmpty(v) && !allowed.Contains(v)) throw new ApiError(InvalidValue, $"Options.{name} must be one of {string.Join(", ", allowed)}.");
        }
        OneOf("InitType", "Full", "Structure", "Data", "None");
        // The current Options model lists two values (older SDKs and the Terraform text also named InitializeAfterDelete).
        OneOf("DealOfExistSameTable", "ReportErrorAfterCheck", "ExecuteAfterIgnore");
        OneOf("ConflictHandleType", "ReportError", "Ignore", "Cover", "ConditionCover");
        if (Str(options, "ConflictHandleType") == "ConditionCover")
        {
            // ConflictHandleOption: ConditionColumn, ConditionOperator ("目前仅支持>"), ConditionOrderInSrcAndDst (>, <, =).
            var cond = Obj(options, "ConflictHandleOption") ?? throw new ApiError(InvalidValue, "Options.ConflictHandleOption is required when ConflictHandleType is ConditionCover.");
            if (string.IsNullOrEmpty(Str(cond, "ConditionColumn"))) throw new ApiError(InvalidValue, "Options.ConflictHandleOption.ConditionColumn is required.");
            if (Str(cond, "ConditionOperator") != ">") throw new ApiError(InvalidValue, "Options.ConflictHandleOption.ConditionOperator supports only >.");
            if (Str(cond, "ConditionOrderInSrcAndDst") is not (">" or "<" or "=")) throw new ApiError(InvalidValue, "Options.ConflictHandleOption.ConditionOrderInSrcAndDst must be >, < or =.");
        }
        var ops = Strings(options, "OpTypes");
        var known = new[] { "Insert", "Update", "Delete", "DDL", "PartialDDL" };
        if (ops.Any(o => !known.Contains(o))) throw new ApiError(InvalidValue, "Options.OpTypes accepts Insert, Update, Delete, DDL and PartialDDL.");
        if (ops.Count > 0 && !ops.Any(o => o is "Insert" or "Update" or "Delete"))
            throw new ApiError(InvalidValue, "Options.OpTypes must contain at least one DML operation.");
        if (ops.Contains("DDL") && ops.Contains("PartialDDL")) throw new ApiError(InvalidValue, "Options.OpTypes takes DDL (all) or PartialDDL (DdlOptions), not both.");
        var ddl = (Array(options, "DdlOptions") ?? new JsonArray()).OfType<JsonObject>().ToList();
        // DdlOptions "cannot be empty when OpTypes holds PartialDDL" (DynamicOptions); values per DdlObject from the DdlOption model.
        if (ops.Contains("PartialDDL") && ddl.Count == 0) throw new ApiError(InvalidValue, "Options.DdlOptions must not be empty when OpTypes contains PartialDDL.");
        var ddlValues = new Dictionary<string, string[]>
        {
            ["Database"] = new[] { "Create", "Drop", "Alter" },
            ["Table"] = new[] { "Create", "Drop", "Alter", "Truncate", "Rename" },
            ["View"] = new[] { "Create", "Drop" },
            ["Index"] = new[] { "Create", "Drop" },
        };
        foreach (var d in ddl)
        {
            var obj = Str(d, "DdlObject") ?? "";
            if (!ddlValues.TryGetValue(obj, out var allowed)) throw new ApiError(InvalidValue, "Options.DdlOptions.DdlObject must be Database, Table, View or Index.");
            var values = Strings(d, "DdlValue");
            if (values.Count == 0 || values.Any(v => !allowed.Contains(v)))
                throw new ApiError(InvalidValue, $"Options.DdlOptions.DdlValue for {obj} accepts {string.Join(", ", allowed)}.");
        }
    }

    // ---- check ----

    private static JsonObject CreateCheckSyncJob(ApiRequest req)
    {
        var owner = Owner(req);
        var job = FindJob(req, owner);
        if (job.Config == null || job.Status is not ("Initialized" or "CheckPass" or "CheckNotPass"))
            throw new ApiError(Denied, $"The sync job cannot be checked in status {job.Status}.");
        job.Status = "Checking";
        job.CheckStatus = "running";
        job.CheckStartedAt = req.State.Clock.UtcNow;
        job.CheckSteps = null;
        return new JsonObject();
    }

    private static JsonObject DescribeCheckSyncJobResult(ApiRequest req)
    {
        var owner = Owner(req);
        var job = FindJob(req, owner);
        var steps = job.CheckSteps ?? PendingSteps(job);
        var finished = steps.OfType<JsonObject>().Count(s => (string?)s["Status"] is "finished" or "failed" or "skipped");
        return new JsonObject
        {
            ["Status"] = job.CheckStatus,
            ["StepCount"] = steps.Count,
            ["StepCur"] = job.CheckStatus == "running" ? 1 : finished,
            ["Progress"] = job.CheckStatus switch { "success" or "failed" => 100, "running" => 10, _ => 0 },
            ["StepInfos"] = JsonNode.Parse(steps.ToJsonString()),
        };
    }

    private static readonly (string Id, string Name)[] CheckStepNames =
    {
        ("CheckRoleAuthorization", "Cross-account role authorization check"),
        ("CheckInstance", "Source and target instance check"),
        ("CheckSyncObjects", "Sync object check"),
    };

    private static JsonArray PendingSteps(TencentSyncJob job) => new(CheckStepNames.Select((s, i) => (JsonNode)new JsonObject
    {
        ["StepNo"] = i + 1,
        ["StepName"] = s.Name,
        ["StepId"] = s.Id,
        ["Status"] = job.CheckStatus == "running" && i == 0 ? "running" : "notStarted",
        ["StartTime"] = job.CheckStatus == "running" && i == 0 && job.CheckStartedAt is { } t ? Time(t) : null,
        ["FinishTime"] = null,
        ["Errors"] = new JsonArray(),
        ["Warnings"] = new JsonArray(),
        ["Progress"] = -1,
    }).ToArray());

    private sealed record Tip(string Code, string Message, string Solution);

    /// <summary>What DTS verifies before a sync can start; run once, when the check's step time has passed.</summary>
    private static JsonArray RunCheck(EmulatorState state, TencentAccount jobOwner, TencentSyncJob job)
    {
        var world = state.Tencent;
        var cfg = job.Config!;
        var src = Obj(cfg, "SrcInfo") ?? (Obj(cfg, "SrcInfos")?["Info"] as JsonArray)?.OfType<JsonObject>().FirstOrDefault() ?? new JsonObject();
        var dst = Obj(cfg, "DstInfo") ?? (Obj(cfg, "DstInfos")?["Info"] as JsonArray)?.OfType<JsonObject>().FirstOrDefault() ?? new JsonObject();

        // 1. Can DTS act in each cross-account endpoint's account through the named role, on behalf of the job owner's root?
        var roleTips = new List<Tip>();
        var srcAccount = ResolveEndpointAccount(world, jobOwner, job, src, job.SrcDatabaseType, job.SrcRegion, roleTips);
        var dstAccount = ResolveEndpointAccount(world, jobOwner, job, dst, job.DstDatabaseType, job.DstRegion, roleTips);
        var crossAccount = IsOther(src) || IsOther(dst);

        // 2. Do the instances exist in the right account, region and engine?
        var instanceTips = new List<Tip>();
        if (crossAccount && (!CrossAccountEngines.Contains(job.SrcDatabaseType) || !CrossAccountEngines.Contains(job.DstDatabaseType)))
            instanceTips.Add(new Tip("UnsupportedOperation", $"Cross-account sync from {job.SrcDatabaseType} to {job.DstDatabaseType} is not supported.",
                "Cross-account sync is supported between TencentDB for MySQL, TDSQL for MySQL, TDSQL-C and TencentDB for MariaDB instances."));
        var srcInstance = srcAccount == null ? null : FindInstance(srcAccount, src, job.SrcDatabaseType, job.SrcRegion, "source", instanceTips);
        var dstInstance = dstAccount == null ? null : FindInstance(dstAccount, dst, job.DstDatabaseType, job.DstRegion, "target", instanceTips);
        if (srcInstance != null && dstInstance != null && ReferenceEquals(srcInstance, dstInstance))
            instanceTips.Add(new Tip("InvalidParameterValue", "The source and target are the same instance.", "Choose a different target instance."));
        foreach (var (ep, side) in new[] { (src, "source"), (dst, "target") })
            if (string.IsNullOrEmpty(Str(ep, "User")) || string.IsNullOrEmpty(Str(ep, "Password")))
                instanceTips.Add(new Tip("FailedOperation", $"Access denied: no database account or password was given for the {side} database.",
                    $"Enter the {side} database account and password."));

        // 3. Do the selected databases and tables exist on the source?
        var objectTips = new List<Tip>();
        if (srcInstance != null)
        {
            foreach (var db in (Array(Obj(cfg, "Objects"), "Databases") ?? new JsonArray()).OfType<JsonObject>())
            {
                var dbName = Str(db, "DbName") ?? "";
                if (!srcInstance.Databases.TryGetValue(dbName, out var tables))
                {
                    objectTips.Add(new Tip("ResourceNotFound", $"Database {dbName} does not exist on source instance {srcInstance.InstanceId}.",
                        "Select databases that exist on the source instance."));
                    continue;
                }
                if (Str(db, "DbMode") != "Partial") continue;
                foreach (var t in (Array(db, "Tables") ?? new JsonArray()).OfType<JsonObject>())
                {
                    var table = Str(t, "TableName") ?? "";
                    if (!tables.Contains(table))
                        objectTips.Add(new Tip("ResourceNotFound", $"Table {dbName}.{table} does not exist on source instance {srcInstance.InstanceId}.",
                            "Select tables that exist on the source instance."));
                }
            }
        }

        var now = state.Clock.UtcNow;
        var started = job.CheckStartedAt ?? now;
        JsonObject Step(int no, string status, List<Tip> tips) => new()
        {
            ["StepNo"] = no,
            ["StepName"] = CheckStepNames[no - 1].Name,
            ["StepId"] = CheckStepNames[no - 1].Id,
            ["Status"] = tips.Count > 0 ? "failed" : status,
            ["StartTime"] = Time(started),
            ["FinishTime"] = Time(now),
            ["Errors"] = new JsonArray(tips.Select(t => (JsonNode)new JsonObject
            {
                ["Code"] = t.Code, ["Message"] = t.Message, ["Solution"] = t.Solution, ["HelpDoc"] = CheckHelpDoc, ["SkipInfo"] = "",
            }).ToArray()),
            ["Warnings"] = new JsonArray(),
            ["Progress"] = 100,
        };
        var sourceReachable = srcAccount != null;
        return new JsonArray(
            Step(1, crossAccount ? "finished" : "skipped", roleTips),
            Step(2, "finished", instanceTips),
            Step(3, sourceReachable && srcInstance != null ? "finished" : "skipped", objectTips));
    }

    private static bool IsOther(JsonObject ep) => Str(ep, "AccountMode") == "other";

    /// <summary>
    /// The account an endpoint's instance is looked up in. For AccountMode other, DTS assumes
    /// qcs::cam::uin/&lt;Account&gt;:roleName/&lt;AccountRole&gt; as the job owner's root with RoleExternalId; null (and a tip)
    /// when that fails or the role may not read the instance.
    /// </summary>
    private static TencentAccount? ResolveEndpointAccount(TencentWorld world, TencentAccount jobOwner, TencentSyncJob job, JsonObject ep,
        string engine, string region, List<Tip> tips)
    {
        if (!IsOther(ep)) return jobOwner;
        var peerUin = Str(ep, "Account") ?? "";
        var roleName = Str(ep, "AccountRole") ?? "";
        var arn = TencentCam.RoleArn(peerUin, roleName);
        if (!world.Accounts.TryGetValue(peerUin, out var peer) || !peer.Roles.TryGetValue(roleName, out var role) || role.RoleName != roleName)
        {
            tips.Add(new Tip("InternalError.GetRoleError", "role not exist",
                "Check that the peer account ID is the root account ID of the source database and that the peer account role name is the name of the role created in that account."));
            return null;
        }
        var externalId = Str(ep, "RoleExternalId");
        var trust = TencentPolicyEvaluator.EvaluateTrust(role, jobOwner.Uin, jobOwner.Uin, string.IsNullOrEmpty(externalId) ? null : externalId);
        if (trust != TencentPolicyEvaluator.TrustResult.Trusted)
        {
            tips.Add(new Tip("UnauthorizedOperation",
                $"you are not authorized to perform operation (sts:AssumeRole), resource ({arn}) has no permission",
                trust == TencentPolicyEvaluator.TrustResult.ExternalIdMismatch
                    ? "The external role ID does not match the external ID of the role. Enter the external ID set when the role was created."
                    : $"In account {peerUin}, set the role entity of {roleName} to the root account {jobOwner.Uin} (the account that owns the sync task)."));
            return null;
        }
        var (action, resource) = ReadAction(engine, region, peerUin, Str(ep, "InstanceId") ?? "*");
        var rolePrincipal = new Principal { Cloud = "Tencent", AccountId = peerUin, Type = "AssumedRole", UserId = role.RoleId, RoleName = role.RoleName, RoleArn = arn };
        if (!TencentPolicyEvaluator.IsAllowed(world, rolePrincipal, action, resource))
        {
            tips.Add(new Tip("AuthFailure.UnauthorizedOperation",
                $"you are not authorized to perform operation ({action}), resource ({resource}) has no permission",
                $"In account {peerUin}, attach the preset policy QcloudDTSReadOnlyAccess to role {roleName}."));
            return null;
        }
        return peer;
    }

    /// <summary>The read action DTS needs on an instance of an engine (product namespaces as in QcloudDTSReadOnlyAccess).</summary>
    private static (string Action, string Resource) ReadAction(string engine, string region, string uin, string instanceId)
    {
        var product = engine switch
        {
            "mariadb" => "mariadb",
            "tdsqlmysql" => "dcdb",
            "cynosdbmysql" => "cynosdb",
            "postgresql" => "postgres",
            _ => "cdb",
        };
        var action = product switch { "dcdb" => "dcdb:DescribeDCDBInstances", "cynosdb" => "cynosdb:DescribeClusters", _ => product + ":DescribeDBInstances" };
        return (action, $"qcs::{product}:{region}:uin/{uin}:instanceId/{instanceId}");
    }

    private static TencentDbInstance? FindInstance(TencentAccount account, JsonObject ep, string engine, string jobRegion, string side, List<Tip> tips)
    {
        var id = Str(ep, "InstanceId");
        if (string.IsNullOrEmpty(id))
        {
            tips.Add(new Tip("InvalidParameterValue", $"No {side} instance ID was given.", $"Select the {side} instance."));
            return null;
        }
        var epRegion = Str(ep, "Region");
        if (!string.IsNullOrEmpty(epRegion) && epRegion != jobRegion)
            tips.Add(new Tip("InvalidParameterValue", $"The {side} instance region {epRegion} differs from the task's {side} region {jobRegion}.",
                $"Select a {side} instance in {jobRegion}, or create the task for region {epRegion}."));
        var inst = account.Instances.FirstOrDefault(i => i.InstanceId == id);
        if (inst == null || inst.Region != jobRegion)
        {
            tips.Add(new Tip("ResourceNotFound.InstanceNotFound", $"The {side} instance {id} does not exist in region {jobRegion} of account {account.Uin}.",
                $"Check the {side} instance ID, region and owning account."));
            return null;
        }
        if (inst.Engine != engine)
        {
            tips.Add(new Tip("InvalidParameterValue", $"The {side} instance {id} is a {inst.Engine} instance, not {engine}.",
                $"Select a {engine} instance as the {side}."));
            return null;
        }
        return inst;
    }

    // ---- start / stop / isolate / destroy ----

    private static JsonObject StartSyncJob(ApiRequest req)
    {
        var owner = Owner(req);
        var job = FindJob(req, owner);
        if (job.Status != "CheckPass") throw new ApiError(Denied, $"The sync job cannot be started in status {job.Status}; it must pass the check first.");
        job.Status = "ReadyRunning";
        job.StartedAt = req.State.Clock.UtcNow;
        return new JsonObject();
    }

    private static JsonObject StopSyncJob(ApiRequest req)
    {
        var owner = Owner(req);
        var job = FindJob(req, owner);
        if (job.Status is not ("Running" or "ReadyRunning" or "Paused" or "ResumableErr"))
            throw new ApiError(Denied, $"The sync job cannot be stopped in status {job.Status}.");
        job.Status = "Stopping";
        job.StopRequestedAt = req.State.Clock.UtcNow;
        return new JsonObject();
    }

    private static JsonObject IsolateSyncJob(ApiRequest req)
    {
        var owner = Owner(req);
        var job = FindJob(req, owner);
        if (job.TradeStatus is "Isolated" or "Isolating" or "Offlining" or "Offlined"
            || job.Status is "Running" or "ReadyRunning" or "Stopping" or "Checking" or "Pausing" or "Paused" or "Resuming" or "Resetting")
            throw new ApiError(Denied, $"The sync job cannot be isolated in status {job.Status}/{job.TradeStatus}.");
        // A pay-as-you-go job that never ran was never billed: isolating it deletes it outright (SDK doc comment).
        if (job.PayMode == "PostPay" && job.StartedAt == null) owner.SyncJobs.Remove(job.JobId);
        else job.TradeStatus = "Isolated";
        return new JsonObject();
    }

    private static JsonObject DestroySyncJob(ApiRequest req)
    {
        var owner = Owner(req);
        var job = FindJob(req, owner);
        if (job.TradeStatus != "Isolated") throw new ApiError(Denied, "Only an isolated sync job can be destroyed.");
        owner.SyncJobs.Remove(job.JobId);
        return new JsonObject();
    }

    /// <summary>Moves a job on when its step time has passed (checks complete, starts reach Running, stops reach Stopped).</summary>
    public static void Advance(EmulatorState state, TencentAccount owner, TencentSyncJob job)
    {
        var now = state.Clock.UtcNow;
        var step = TimeSpan.FromSeconds(state.DtsStepSeconds);
        if (job.Status == "Checking" && job.CheckStartedAt is { } c && now - c >= step)
        {
            job.CheckSteps = RunCheck(state, owner, job);
            var failed = job.CheckSteps.OfType<JsonObject>().Any(s => (string?)s["Status"] == "failed");
            job.CheckStatus = failed ? "failed" : "success";
            job.Status = failed ? "CheckNotPass" : "CheckPass";
        }
        if (job.Status == "ReadyRunning" && job.StartedAt is { } s0 && now - s0 >= step) job.Status = "Running";
        if (job.Status == "Stopping" && job.StopRequestedAt is { } s1 && now - s1 >= step)
        {
            job.Status = "Stopped";
            job.EndedAt = now;
        }
        // Passing states (DescribeSyncJobs lists Status Pausing/Resuming, TradeStatus Isolating/Offlining): IsolateSyncJob
        // isolates at once here and the module never pauses or resumes, so only a job a test puts there passes through.
        if (job.InTransitionSince is { } s2 && now - s2 >= step)
        {
            if (job.Status == "Pausing") job.Status = "Paused";
            else if (job.Status == "Resuming") job.Status = "Running";
            // ResetSyncJob (571/122706): an ended job is reset into "a fully initialized sync job", to configure anew.
            else if (job.Status == "Resetting")
            {
                job.Status = "UnInitialized";
                job.Config = null;
            }
            if (job.TradeStatus == "Isolating") job.TradeStatus = "Isolated";
            else if (job.TradeStatus == "Offlining") job.TradeStatus = "Offlined";
            job.InTransitionSince = null;
        }
    }

    // ---- describe ----

    private static JsonObject DescribeSyncJobs(ApiRequest req)
    {
        var owner = Owner(req);
        var body = req.Body;
        foreach (var j in owner.SyncJobs.Values) Advance(req.State, owner, j);
        var limit = Long(body, "Limit") ?? 20;
        if (limit < 1 || limit > 100) throw new ApiError("InvalidParameter", "Limit must be between 1 and 100.");
        var offset = Long(body, "Offset") ?? 0;
        if (offset < 0) throw new ApiError("InvalidParameter", "Offset must not be negative.");
        var jobId = Str(body, "JobId");
        var jobIds = Strings(body, "JobIds");
        var jobName = Str(body, "JobName");
        var statuses = Strings(body, "Status");
        var payMode = Str(body, "PayMode");
        var jobType = Str(body, "JobType");
        var tagFilters = (Array(body, "TagFilters") ?? new JsonArray()).OfType<JsonObject>()
            .Select(t => (Key: Str(t, "TagKey") ?? "", Value: Str(t, "TagValue"))).ToList();

        IEnumerable<TencentSyncJob> q = owner.SyncJobs.Values;
        if (!string.IsNullOrEmpty(jobId)) q = q.Where(j => j.JobId == jobId);
        if (jobIds.Count > 0) q = q.Where(j => jobIds.Contains(j.JobId));
        // The docs do not say whether JobName is exact; a substring match makes clients that forget to re-filter visible.
        if (!string.IsNullOrEmpty(jobName)) q = q.Where(j => j.JobName.Contains(jobName, StringComparison.Ordinal));
        if (statuses.Count > 0) q = q.Where(j => statuses.Contains(j.Status));
        if (!string.IsNullOrEmpty(payMode)) q = q.Where(j => j.PayMode == payMode);
        if (!string.IsNullOrEmpty(jobType)) q = q.Where(j => $"{j.SrcDatabaseType}2{j.DstDatabaseType}" == jobType);
        foreach (var (key, value) in tagFilters)
            q = q.Where(j => j.Tags.Any(t => t.TagKey == key && (string.IsNullOrEmpty(value) || t.TagValue == value)));

        var asc = string.Equals(Str(body, "OrderSeq"), "ASC", StringComparison.OrdinalIgnoreCase);
        var all = (asc ? q.OrderBy(j => j.CreateTime).ThenBy(j => j.Seq) : q.OrderByDescending(j => j.CreateTime).ThenByDescending(j => j.Seq)).ToList();
        var list = new JsonArray(all.Skip((int)offset).Take((int)limit).Select(j => (JsonNode)SyncJobInfo(j)).ToArray());
        return new JsonObject { ["TotalCount"] = all.Count, ["JobList"] = list };
    }

    private static readonly string[] AllActions = { "Config", "Check", "Start", "Stop", "Isolate", "Destroy", "Recover", "ModifyName" };

    private static string[] ActionsFor(TencentSyncJob j) => j.TradeStatus == "Isolated"
        ? new[] { "Destroy", "Recover" }
        : j.Status switch
        {
            "UnInitialized" => new[] { "Config", "Isolate", "ModifyName" },
            "Initialized" or "CheckNotPass" => new[] { "Config", "Check", "Isolate", "ModifyName" },
            "CheckPass" => new[] { "Config", "Check", "Start", "Isolate", "ModifyName" },
            "ReadyRunning" or "Running" => new[] { "Stop", "ModifyName" },
            "Stopped" => new[] { "Isolate", "ModifyName" },
            _ => System.Array.Empty<string>(),
        };

    private static JsonObject SyncJobInfo(TencentSyncJob j)
    {
        var cfg = j.Config;
        JsonNode? Copy(string name) => cfg?[name] is { } n ? JsonNode.Parse(n.ToJsonString()) : null;
        JsonNode? Endpoint(string name)
        {
            if (cfg?[name] is not JsonObject ep) return null;
            var copy = (JsonObject)JsonNode.Parse(ep.ToJsonString())!;
            foreach (var secret in SecretEndpointFields) copy.Remove(secret);
            // Endpoint.Port is uint64 in the SDK models; a form or GET request brings it as text.
            if (Long(copy, "Port") is { } port) copy["Port"] = port;
            return copy;
        }
        JsonNode? Infos(string name)
        {
            if (cfg?[name] is not JsonObject infos) return null;
            var copy = (JsonObject)JsonNode.Parse(infos.ToJsonString())!;
            foreach (var node in (copy["Info"] as JsonArray)?.OfType<JsonObject>() ?? Enumerable.Empty<JsonObject>())
            {
                foreach (var secret in SecretEndpointFields) node.Remove(secret);
                if (Long(node, "Port") is { } port) node["Port"] = port;
            }
            return copy;
        }
        var running = j.Status is "Running";
        return new JsonObject
        {
            ["JobId"] = j.JobId,
            ["JobName"] = j.JobName,
            ["PayMode"] = j.PayMode,
            ["RunMode"] = Str(cfg, "RunMode") ?? "Immediate",
            ["ExpectRunTime"] = Str(cfg, "ExpectRunTime") ?? "",
            ["AllActions"] = new JsonArray(AllActions.Select(a => (JsonNode)a).ToArray()),
            ["Actions"] = new JsonArray(ActionsFor(j).Select(a => (JsonNode)a).ToArray()),
            ["Options"] = Copy("Options"),
            ["Objects"] = Copy("Objects"),
            ["Specification"] = j.Specification,
            ["ExpireTime"] = j.PayMode == "PrePay" ? Time(j.CreateTime.AddMonths(j.TimeSpan)) : "0000-00-00 00:00:00",
            ["SrcRegion"] = j.SrcRegion,
            ["SrcDatabaseType"] = j.SrcDatabaseType,
            ["SrcAccessType"] = Str(cfg, "SrcAccessType") ?? "",
            ["SrcInfo"] = Endpoint("SrcInfo"),
            ["SrcInfos"] = Infos("SrcInfos"),
            ["SrcNodeType"] = Str(cfg, "SrcNodeType") ?? "single",
            ["DstRegion"] = j.DstRegion,
            ["DstDatabaseType"] = j.DstDatabaseType,
            ["DstAccessType"] = Str(cfg, "DstAccessType") ?? "",
            ["DstInfo"] = Endpoint("DstInfo"),
            ["DstInfos"] = Infos("DstInfos"),
            ["DstNodeType"] = Str(cfg, "DstNodeType") ?? "single",
            ["CreateTime"] = Time(j.CreateTime),
            ["StartTime"] = j.StartedAt is { } s ? Time(s) : "0000-00-00 00:00:00",
            ["EndTime"] = j.EndedAt is { } e ? Time(e) : "0000-00-00 00:00:00",
            ["Status"] = j.Status,
            ["Tags"] = new JsonArray(j.Tags.Select(t => (JsonNode)new JsonObject { ["TagKey"] = t.TagKey, ["TagValue"] = t.TagValue }).ToArray()),
            ["Detail"] = new JsonObject
            {
                ["StepAll"] = 3,
                ["StepNow"] = running ? 3 : j.Status == "ReadyRunning" ? 1 : 0,
                ["Progress"] = j.Progress ?? (running ? 100 : 0),
                ["CurrentStepProgress"] = running ? 100 : 0,
                ["MasterSlaveDistance"] = running ? j.MasterSlaveDistance : 0,
                ["SecondsBehindMaster"] = running ? j.SecondsBehindMaster : 0,
                ["Message"] = "",
                ["StepInfos"] = new JsonArray(),
            },
            ["TradeStatus"] = j.TradeStatus,
            ["InstanceClass"] = j.InstanceClass,
            ["AutoRenew"] = j.AutoRenew,
            ["OfflineTime"] = "0000-00-00 00:00:00",
            ["AutoRetryTimeRangeMinutes"] = Long(cfg, "AutoRetryTimeRangeMinutes") ?? 0,
        };
    }

    // ---- cross-account instance listing ----

    private static JsonObject DescribeMigrateDBInstances(ApiRequest req)
    {
        var world = req.State.Tencent;
        var body = req.Body;
        var dbType = RequiredStr(body, "DatabaseType");
        // "src (source); dst (target)" (571/51815, SDK model): any other value is not one of the two roles.
        var migrateRole = Str(body, "MigrateRole");
        if (migrateRole != null && migrateRole is not ("src" or "dst")) throw new ApiError(InvalidValue, "MigrateRole must be src or dst.");
        var accountMode = Str(body, "AccountMode") ?? "";
        if (accountMode is not ("" or "self" or "other")) throw new ApiError(InvalidValue, "AccountMode must be self or other.");
        var account = TencentApis.CallerAccount(req);
        if (accountMode == "other")
        {
            var id = Str(body, "TmpSecretId");
            var key = Str(body, "TmpSecretKey");
            var token = Str(body, "TmpToken");
            if (string.IsNullOrEmpty(id) || string.IsNullOrEmpty(key) || string.IsNullOrEmpty(token))
                throw new ApiError(InvalidValue, "TmpSecretId, TmpSecretKey and TmpToken are required for another account's instances.");
            if (!world.Keys.TryGetValue(id, out var tmp) || tmp.Secret != key || tmp.Token != token || tmp.Owner.Type != "AssumedRole")
                throw new ApiError("AuthFailure.UnauthorizedOperationError", "The temporary key is not valid.");
            if (tmp.ExpiresAt is { } exp && exp <= req.State.Clock.UtcNow)
                throw new ApiError("AuthFailure.UnauthorizedOperationError", "The temporary key has expired.");
            var (action, resource) = ReadAction(dbType, req.Region ?? "", tmp.Owner.AccountId, "*");
            if (!TencentPolicyEvaluator.IsAllowed(world, tmp.Owner, action, resource))
                throw TencentPolicyEvaluator.Unauthorized(action, resource);
            account = world.Accounts[tmp.Owner.AccountId];
        }
        var instanceId = Str(body, "InstanceId");
        var instanceName = Str(body, "InstanceName");
        var offset = (int)(Long(body, "Offset") ?? 0);
        var limit = (int)(Long(body, "Limit") ?? 20);
        var all = account.Instances
            .Where(i => i.Engine == dbType)
            .Where(i => string.IsNullOrEmpty(req.Region) || i.Region == req.Region)
            .Where(i => string.IsNullOrEmpty(instanceId) || i.InstanceId == instanceId)
            .Where(i => string.IsNullOrEmpty(instanceName) || i.Name.Contains(instanceName, StringComparison.Ordinal))
            .ToList();
        var items = new JsonArray(all.Skip(offset).Take(limit).Select(i => (JsonNode)new JsonObject
        {
            ["InstanceId"] = i.InstanceId,
            ["InstanceName"] = i.Name,
            ["Vip"] = TencentCdb.Vip(i.InstanceId),
            ["Vport"] = 3306,
            ["Usable"] = 1,
            ["Hint"] = "",
        }).ToArray());
        return new JsonObject { ["Instances"] = items, ["TotalCount"] = all.Count };
    }
}
