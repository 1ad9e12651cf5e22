using System.Text.Json;
using System.Text.Json.Nodes;
using DtsCrossAccount.Emulator.Core;
using static DtsCrossAccount.Emulator.Alibaba.AlibabaCommon;

namespace DtsCrossAccount.Emulator.Alibaba;

/// <summary>
/// DTS 2020-01-01, the "buy first" flow: CreateDtsInstance → ConfigureDtsJob (DtsInstanceId) → StartDtsJob (or
/// Reserve autoStartModulesAfterConfig=all) → Prechecking → PreCheckPass | PrecheckFailed → Initializing → Synchronizing.
/// Progress is lazy: a Describe* call moves a job one step once State.DtsStepSeconds have passed since its last change.
/// </summary>
public static class AlibabaDts
{
    private const string ServiceRoleName = "AliyunDTSDefaultRole";
    private const string RolePolicyName = "AliyunDTSRolePolicy";
    private const string RamDenied = "User not authorized to operate on the specified resource, or this API doesn't support RAM.";

    /// <summary>Instance types that are Alibaba Cloud instances DTS can look up (self-managed types cannot be checked).</summary>
    private static readonly HashSet<string> CloudInstanceTypes = new(StringComparer.OrdinalIgnoreCase)
        { "RDS", "PolarDB", "REDIS", "MONGODB", "POLARDBX10", "POLARDBX20", "DISTRIBUTED_POLARDBX10" };

    private static readonly HashSet<string> RunningStates = new(StringComparer.Ordinal)
        { "Prechecking", "PreCheckPass", "Initializing", "Synchronizing" };

    public static void Register(ApiRegistry registry)
    {
        void Add(string action, bool isWrite, ApiHandler handler) => registry.Add("Alibaba", "dts", "2020-01-01", action, isWrite, handler);

        Add("CreateDtsInstance", true, CreateDtsInstance);
        Add("ConfigureDtsJob", true, ConfigureDtsJob);
        Add("StartDtsJob", true, StartDtsJob);
        Add("SuspendDtsJob", true, SuspendDtsJob);
        Add("StopDtsJob", true, StopDtsJob);
        Add("DeleteDtsJob", true, DeleteDtsJob);
        Add("DescribePreCheckStatus", false, DescribePreCheckStatus);
        Add("DescribeDtsJobDetail", false, DescribeDtsJobDetail);
        Add("DescribeDtsJobs", false, DescribeDtsJobs);
    }

    // ---------------------------------------------------------------- writes

    private static JsonObject CreateDtsInstance(ApiRequest request)
    {
        var account = CallerAccount(request);
        if (!string.IsNullOrEmpty(request.Param("JobId"))) return CreateDtsInstanceForJob(request, account);
        var type = request.RequiredParam("Type").ToUpperInvariant();
        if (type is not ("MIGRATION" or "SYNC" or "SUBSCRIBE")) throw InvalidParameter("Type", request.Param("Type"));
        var payType = request.RequiredParam("PayType");
        if (payType is not ("PrePaid" or "PostPaid")) throw InvalidParameter("PayType", payType);
        var architecture = request.Param("SyncArchitecture") ?? "oneway";
        if (architecture is not ("oneway" or "bidirectional")) throw InvalidParameter("SyncArchitecture", architecture);
        if (architecture == "bidirectional" && type != "SYNC")
            throw new ApiError("InvalidParameter.SyncArchitecture", "Two-way synchronization is available only for SYNC instances.", 400);
        var sourceEngine = request.Param("SourceEndpointEngineName") ?? "MySQL";
        var destinationEngine = request.Param("DestinationEndpointEngineName") ?? "MySQL";
        var sourceRegion = request.RequiredParam("SourceRegion");
        var destinationRegion = request.RequiredParam("DestinationRegion");
        var instanceClass = request.Param("InstanceClass") ?? "small";
        var classes = type == "SYNC" ? new[] { "large", "medium", "small", "micro" } : new[] { "xxlarge", "xlarge", "large", "medium", "small", "micro" };
        if (!classes.Contains(instanceClass)) throw InvalidParameter("InstanceClass", instanceClass);
        if (architecture == "bidirectional" && !sourceEngine.Equals(destinationEngine, StringComparison.OrdinalIgnoreCase))
            throw new ApiError("InvalidParameter.SyncArchitecture", "Two-way synchronization requires the same database engine at both ends.", 400);

        var region = request.Param("RegionId") ?? destinationRegion;
        AlibabaPolicyEvaluator.Authorize(request, "dts:CreateDtsInstance", $"acs:dts:{region}:{account.Uid}:instance/*", "Forbidden.RAM", RamDenied);

        var jobId = RandomToken(12);
        var now = request.State.Clock.UtcNow;
        var instance = new AlibabaDtsInstance
        {
            InstanceId = "dts" + jobId,
            JobId = jobId,
            Type = type,
            SyncArchitecture = architecture,
            SourceEngine = sourceEngine,
            DestinationEngine = destinationEngine,
            SourceRegion = sourceRegion,
            DestinationRegion = destinationRegion,
            InstanceClass = instanceClass,
            Region = region,
            PayType = payType,
            CreateTime = now,
            StatusSince = now,
        };
        account.DtsInstances[instance.InstanceId] = instance;
        return new JsonObject { ["Success"] = true, ["InstanceId"] = instance.InstanceId, ["JobId"] = jobId };
    }

    /// <summary>
    /// Configure-first flow (V3.1 (b); CreateDtsInstance doc 208270): JobId is a DtsJobId from ConfigureDtsJob, whose
    /// configuration takes precedence over Type, engines and regions; AutoStart=true starts the precheck, default false.
    /// </summary>
    private static JsonObject CreateDtsInstanceForJob(ApiRequest request, AlibabaAccount account)
    {
        var jobId = request.Param("JobId")!;
        var payType = request.RequiredParam("PayType");
        if (payType is not ("PrePaid" or "PostPaid")) throw InvalidParameter("PayType", payType);
        var job = account.DtsInstances.Values.FirstOrDefault(i => i.JobId == jobId)
            ?? throw new ApiError("Forbidden.InstanceNotFound", "The specified DTS instance or task is not found.", 403);
        AlibabaPolicyEvaluator.Authorize(request, "dts:CreateDtsInstance", $"acs:dts:{job.Region}:{account.Uid}:instance/*", "Forbidden.RAM", RamDenied);
        // Guess (no documented code): a job that already has an instance cannot be bought again.
        if (job.Purchased)
            throw new ApiError("InvalidParameter.JobId", $"The task {jobId} already has the DTS instance {job.InstanceId}.", 400);
        var architecture = request.Param("SyncArchitecture") ?? "oneway";
        if (architecture is not ("oneway" or "bidirectional")) throw InvalidParameter("SyncArchitecture", architecture);
        var instanceClass = request.Param("InstanceClass") ?? "small";
        var classes = job.Type == "SYNC" ? new[] { "large", "medium", "small", "micro" } : new[] { "xxlarge", "xlarge", "large", "medium", "small", "micro" };
        if (!classes.Contains(instanceClass)) throw InvalidParameter("InstanceClass", instanceClass);

        account.DtsInstances.Remove(UnboughtKey(jobId));
        job.InstanceId = "dts" + jobId;
        job.Purchased = true;
        job.PayType = payType;
        job.InstanceClass = instanceClass;
        job.SyncArchitecture = architecture;
        account.DtsInstances[job.InstanceId] = job;
        if (Bool(request, "AutoStart") == true) SetStatus(request, job, "Prechecking");
        return new JsonObject { ["Success"] = true, ["InstanceId"] = job.InstanceId, ["JobId"] = jobId };
    }

    /// <summary>Key of a job configured before any instance was bought (its InstanceId is still empty).</summary>
    private static string UnboughtKey(string jobId) => "job:" + jobId;

    private static JsonObject ConfigureDtsJob(ApiRequest request)
    {
        var account = CallerAccount(request);
        var jobName = request.RequiredParam("DtsJobName");
        // No documented limit; the emulator refuses what no console could type and more than 128 characters.
        if (jobName.Length > 128 || jobName.Any(c => char.IsControl(c) || char.GetUnicodeCategory(c) == System.Globalization.UnicodeCategory.Format))
            throw new ApiError("InvalidParameter", "The specified parameter DtsJobName is not valid.", 400);
        var jobType = request.RequiredParam("JobType").ToUpperInvariant();
        foreach (var flag in new[] { "StructureInitialization", "DataInitialization", "DataSynchronization" })
        {
            request.RequiredParam(flag);
            Bool(request, flag);
        }
        var dbList = ParseJsonObject(request, "DbList", required: true)!;
        var reserve = ParseJsonObject(request, "Reserve", required: false);
        request.RequiredParam("SourceEndpointInstanceType");
        request.RequiredParam("DestinationEndpointInstanceType");

        AlibabaDtsInstance instance;
        if (string.IsNullOrEmpty(request.Param("DtsInstanceId")) && string.IsNullOrEmpty(request.Param("DtsJobId")))
        {
            // Configure first (V3.1 (b)): a job without an instance, bought later with CreateDtsInstance JobId.
            // Guess: until then it is listed with an empty DtsInstanceID and Status NotStarted.
            var region = request.Param("RegionId") ?? request.Param("DestinationEndpointRegion") ?? request.RequiredParam("RegionId");
            AlibabaPolicyEvaluator.Authorize(request, "dts:ConfigureDtsJob", $"acs:dts:{region}:{account.Uid}:instance/*", "Forbidden.RAM", RamDenied);
            var newJobId = RandomToken(12);
            var now = request.State.Clock.UtcNow;
            instance = new AlibabaDtsInstance
            {
                InstanceId = "",
                JobId = newJobId,
                Purchased = false,
                Type = jobType,
                SourceEngine = request.Param("SourceEndpointEngineName"),
                DestinationEngine = request.Param("DestinationEndpointEngineName"),
                SourceRegion = request.Param("SourceEndpointRegion"),
                DestinationRegion = request.Param("DestinationEndpointRegion"),
                Region = region,
                CreateTime = now,
                StatusSince = now,
                Status = "NotStarted",
            };
            account.DtsInstances[UnboughtKey(newJobId)] = instance;
        }
        else
        {
            instance = FindInstance(request, account, "DtsInstanceId", directionAware: false, jobIdRequired: false);
        }
        Authorize(request, "dts:ConfigureDtsJob", instance);
        var direction = Direction(request);
        if (direction == "Reverse")
        {
            // Two-way (ConfigureDtsJob / StartDtsJob SynchronizationDirection, doc 208399; the Terraform resource
            // alicloud_dts_synchronization_job: "only when sync_architecture was bidirectional"). The reverse task is
            // configured once the forward one runs (the console's two-way guides; the code and message are guesses).
            var forward = instance.Direction == "Reverse" ? FindForward(account, instance) : instance;
            if (forward.SyncArchitecture != "bidirectional")
                throw new ApiError("InvalidParameter", "The specified parameter \"SynchronizationDirection\" is not valid: Reverse applies only to a two-way (bidirectional) synchronization instance.", 400);
            Advance(request.State, account, forward);
            if (forward.Status != "Synchronizing")
                throw new ApiError("OperationDenied.JobStatus", $"The reverse task can be configured only after the forward task is running (the forward task is {forward.Status}).", 403);
            forward.Reverse ??= new AlibabaDtsInstance
            {
                InstanceId = forward.InstanceId,
                JobId = RandomToken(12),
                Type = forward.Type,
                SyncArchitecture = forward.SyncArchitecture,
                SourceEngine = forward.DestinationEngine,
                DestinationEngine = forward.SourceEngine,
                SourceRegion = forward.DestinationRegion,
                DestinationRegion = forward.SourceRegion,
                InstanceClass = forward.InstanceClass,
                Region = forward.Region,
                PayType = forward.PayType,
                CreateTime = request.State.Clock.UtcNow,
                StatusSince = request.State.Clock.UtcNow,
                Direction = "Reverse",
            };
            instance = forward.Reverse;
        }
        else if (instance.Direction == "Reverse")
        {
            throw InvalidParameter("SynchronizationDirection", request.Param("SynchronizationDirection") ?? "Forward");
        }
        if (!jobType.Equals(instance.Type, StringComparison.Ordinal))
            throw new ApiError("InvalidParameter.JobType", $"The JobType {jobType} does not match the DTS instance type {instance.Type}.", 400);
        if (instance.Status is not ("NotConfigured" or "NotStarted" or "PrecheckFailed"))
            throw new ApiError("UpdateJob.OperationDenied.InitStatus", $"The task cannot be configured in its current status ({instance.Status}).", 403);

        var crossAccount = false;
        foreach (var side in new[] { "Source", "Destination" })
        {
            var owner = request.Param(side + "EndpointOwnerID");
            if (string.IsNullOrEmpty(owner)) continue;
            if (string.IsNullOrEmpty(request.Param(side + "EndpointRole")))
                throw new ApiError("InvalidParameter", $"{side}EndpointRole is required when {side}EndpointOwnerID is specified.", 400);
            // ConfigureDtsJob: DestinationEndpointOwnerID "can be configured only when the target instance is RDS MySQL".
            // The reverse task of a cross-account two-way instance writes into the other account's Tair or MongoDB too
            // (the guide lists them for cross-account two-way), so there the two-way types are taken (guess).
            var destinationType = (request.Param("DestinationEndpointInstanceType") ?? "").ToUpperInvariant();
            var destinationEngine = (request.Param("DestinationEndpointEngineName") ?? "MYSQL").ToUpperInvariant();
            bool ownerAllowed = (destinationType == "RDS" && destinationEngine == "MYSQL")
                                || (direction == "Reverse" && ((destinationType == "REDIS" && destinationEngine == "REDIS") || (destinationType == "MONGODB" && destinationEngine == "MONGODB")));
            if (side == "Destination" && !ownerAllowed)
                throw new ApiError("InvalidParameter", "DestinationEndpointOwnerID is only supported when the destination instance is RDS MySQL.", 400);
            if (owner == account.Uid) continue;
            crossAccount = true;
            if (request.State.Alibaba.Accounts.TryGetValue(owner, out var ownerAccount) &&
                !ownerAccount.CloudType.Equals(account.CloudType, StringComparison.OrdinalIgnoreCase))
            {
                throw new ApiError("InvalidParameter.CloudType",
                    $"Synchronization between accounts of different cloud types is not supported: the task account is on the {account.CloudType} cloud, account {owner} is on the {ownerAccount.CloudType} cloud.", 400);
            }
        }
        if (crossAccount && instance.SyncArchitecture == "bidirectional")
        {
            foreach (var side in new[] { "Source", "Destination" })
            {
                var kind = request.Param(side + "EndpointInstanceType")!.ToUpperInvariant();
                var engine = (request.Param(side + "EndpointEngineName") ?? (side == "Source" ? instance.SourceEngine : instance.DestinationEngine) ?? "MYSQL").ToUpperInvariant();
                var supported = (kind == "RDS" && engine == "MYSQL") || (kind == "REDIS" && engine == "REDIS") || (kind == "MONGODB" && engine == "MONGODB");
                if (!supported)
                {
                    throw new ApiError("InvalidParameter.SyncArchitecture",
                        "Cross-account two-way synchronization is supported only between ApsaraDB RDS for MySQL, Tair (Enterprise Edition) and ApsaraDB for MongoDB instances.", 400);
                }
            }
        }

        ValidateEndpoint(request, "Source", reserve);
        ValidateEndpoint(request, "Destination", reserve);

        instance.JobName = jobName;
        instance.Config = request.Parameters!.ToDictionary(kv => kv.Key, kv => kv.Value, StringComparer.Ordinal);
        instance.Config["DbList"] = dbList.ToJsonString();
        instance.PrecheckItems = null;
        instance.ErrorMessage = "";
        var autoStart = (string?)reserve?["autoStartModulesAfterConfig"] ?? "all";
        // Configure first: whether the precheck starts is CreateDtsInstance's AutoStart, not this Reserve key (V3.1).
        SetStatus(request, instance, !instance.Purchased || autoStart.Equals("none", StringComparison.OrdinalIgnoreCase) ? "NotStarted" : "Prechecking");
        return new JsonObject { ["Success"] = true, ["DtsJobId"] = instance.JobId, ["DtsInstanceId"] = instance.InstanceId };
    }

    private static readonly HashSet<string> SelfManagedTypes = new(StringComparer.OrdinalIgnoreCase) { "OTHER", "ECS", "EXPRESS", "CEN", "DG" };

    /// <summary>
    /// ConfigureDtsJob's per-type rules (doc 208399 and the SDK model ConfigureDtsJobRequest): *EndpointIP "valid and
    /// required only if" the type is OTHER, EXPRESS, DG or CEN; *EndpointPort required for every self-managed type;
    /// *EndpointInstanceID is the ECS instance (ECS), the database gateway (DG) or the connected VPC (EXPRESS, CEN), and
    /// CEN also needs the CEN instance in Reserve (srcInstanceId / destInstanceId); *EndpointOracleSID required for an
    /// Oracle database; the database name for PostgreSQL, PolarDB-O and MongoDB. Parameters a type does not use are
    /// ignored, as "valid only if" says.
    /// </summary>
    private static void ValidateEndpoint(ApiRequest request, string side, JsonObject? reserve)
    {
        var x = side + "Endpoint";
        var type = request.Param(x + "InstanceType")!.ToUpperInvariant();
        var engine = (request.Param(x + "EngineName") ?? "MYSQL").ToUpperInvariant();
        if (SelfManagedTypes.Contains(type))
        {
            if (type != "ECS")
            {
                var ip = request.RequiredParam(x + "IP");
                if (!System.Net.IPAddress.TryParse(ip, out var parsed) || (parsed.AddressFamily == System.Net.Sockets.AddressFamily.InterNetwork && ip.Count(c => c == '.') != 3))
                    throw InvalidParameter(x + "IP", ip);
            }
            var port = request.RequiredParam(x + "Port");
            if (!int.TryParse(port, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var p) || p is < 1 or > 65535)
                throw InvalidParameter(x + "Port", port);
            var prefix = type switch { "ECS" => "i-", "DG" => "dg-", "EXPRESS" or "CEN" => "vpc-", _ => null };
            if (prefix != null)
            {
                var id = request.RequiredParam(x + "InstanceID");
                if (!id.StartsWith(prefix, StringComparison.Ordinal)) throw InvalidParameter(x + "InstanceID", id);
            }
            if (type == "CEN")
            {
                var key = side == "Source" ? "srcInstanceId" : "destInstanceId";
                var cen = (string?)reserve?[key];
                if (string.IsNullOrEmpty(cen) || !cen.StartsWith("cen-", StringComparison.Ordinal))
                    throw new ApiError("InvalidParameter", $"The specified parameter \"Reserve\" is not valid: {key} must be the ID of the CEN instance when {x}InstanceType is CEN.", 400);
            }
        }
        else if (!CloudInstanceTypes.Contains(type) && type is not ("ADS" or "GREENPLUM" or "DATAHUB" or "ELK" or "TABLESTORE" or "ODPS" or "DISTRIBUTED_DMSLOGICDB" or "LINDORM" or "POLARDB_O" or "POLARDB_PG" or "OCEANBASE" or "SLS" or "KAFKA" or "CLICKHOUSE" or "SELECTDB"))
        {
            throw InvalidParameter(x + "InstanceType", type);
        }
        if (engine == "ORACLE") request.RequiredParam(x + "OracleSID");
        if (engine is "POSTGRESQL" or "POLARDB_O" or "MONGODB")
            request.RequiredParam(side == "Source" ? "SourceEndpointDatabaseName" : "DestinationEndpointDataBaseName");
    }

    private static JsonObject StartDtsJob(ApiRequest request)
    {
        var account = CallerAccount(request);
        var instance = FindInstance(request, account, "DtsInstanceId");
        Authorize(request, "dts:StartDtsJob", instance);
        // Guess (no documented code): a configured job needs its instance before it can start.
        if (!instance.Purchased)
            throw new ApiError("OperationDenied.JobStatus", "The task has no DTS instance yet. Call CreateDtsInstance with its JobId first.", 403);
        if (instance.Status == "NotConfigured")
            throw new ApiError("OperationDenied.JobStatus", "The task has not been configured. Call ConfigureDtsJob first.", 403);
        // A task that already runs cannot be started again: the start API of the same service accepts only a task that
        // is NotStarted, Failed or Suspending (StartSynchronizationJob, api-startsynchronizationjob); StartDtsJob's page
        // says nothing of states, and the code is a guess (see the notes).
        if (RunningStates.Contains(instance.Status))
            throw new ApiError("OperationDenied.JobStatus", $"The task cannot be started in its current status ({instance.Status}).", 403);
        instance.PrecheckItems = null;
        instance.ErrorMessage = "";
        SetStatus(request, instance, "Prechecking");
        return new JsonObject { ["Success"] = true };
    }

    private static JsonObject SuspendDtsJob(ApiRequest request)
    {
        var account = CallerAccount(request);
        var instance = FindInstance(request, account, "DtsInstanceId", jobIdRequired: false);
        Authorize(request, "dts:SuspendDtsJob", instance);
        Advance(request.State, account, instance);
        if (!RunningStates.Contains(instance.Status))
            throw new ApiError("OperationDenied.JobStatus", $"The task cannot be suspended in its current status ({instance.Status}).", 403);
        SetStatus(request, instance, "Suspending");
        return new JsonObject { ["Success"] = true };
    }

    /// <summary>
    /// StopDtsJob "ends" a migration, sync or subscription task (doc 208677, 结束DTS任务); the console shows an ended
    /// task as Finished. Which states the API accepts is not documented: here every state in which the task runs.
    /// </summary>
    private static JsonObject StopDtsJob(ApiRequest request)
    {
        var account = CallerAccount(request);
        var instance = FindInstance(request, account, "DtsInstanceId");
        Authorize(request, "dts:StopDtsJob", instance);
        Advance(request.State, account, instance);
        if (instance.Status == "Finished") return new JsonObject { ["Success"] = true };
        if (!RunningStates.Contains(instance.Status) && instance.Status is not ("Suspending" or "Retrying"))
            throw new ApiError("OperationDenied.JobStatus", $"The task cannot be stopped in its current status ({instance.Status}).", 403);
        SetStatus(request, instance, "Finished");
        return new JsonObject { ["Success"] = true };
    }

    private static JsonObject DeleteDtsJob(ApiRequest request)
    {
        var account = CallerAccount(request);
        var instance = FindInstance(request, account, "DtsInstanceId");
        Authorize(request, "dts:DeleteDtsJob", instance);
        // DeleteDtsJob doc: subscription (PrePaid) DTS instances cannot be released by API, only unsubscribed.
        // Guess (no documented code): the refusal uses the DTS status-denied shape.
        if (instance.Purchased && instance.PayType == "PrePaid")
            throw new ApiError("OperationDenied.PrePaidInstance", $"The subscription DTS instance {instance.InstanceId} cannot be released. Unsubscribe it instead.", 403);
        account.DtsInstances.Remove(instance.Purchased ? instance.InstanceId : UnboughtKey(instance.JobId!));
        return new JsonObject { ["Success"] = true };
    }

    // ---------------------------------------------------------------- reads

    private static JsonObject DescribePreCheckStatus(ApiRequest request)
    {
        var account = CallerAccount(request);
        request.RequiredParam("DtsJobId");
        var jobCode = request.RequiredParam("JobCode");
        if (jobCode is not ("01" or "02" or "03" or "04")) throw InvalidParameter("JobCode", jobCode);
        var instance = FindInstance(request, account, "DtsInstanceId");
        Authorize(request, "dts:DescribePreCheckStatus", instance);
        Advance(request.State, account, instance);

        var result = new JsonObject { ["Success"] = true, ["JobId"] = instance.JobId };
        if (jobCode != "01")
        {
            // Schema (02), full data (03) and incremental (04) modules: only their overall state is modelled.
            result["State"] = ModuleState(instance, jobCode);
            result["Total"] = 0;
            result["ErrorItem"] = 0;
            result["JobProgress"] = new JsonArray();
            return result;
        }

        List<Dictionary<string, string>> items;
        string state;
        if (instance.Status == "Prechecking")
        {
            items = RunPrecheck(request.State, account, instance)
                .Select(i => new Dictionary<string, string>(i) { ["State"] = "Checking", ["ErrMsg"] = "", ["RepairMethod"] = "" })
                .ToList();
            state = "Checking";
        }
        else if (instance.PrecheckItems != null)
        {
            items = instance.PrecheckItems;
            state = items.Any(i => i["State"] == "Failed") ? "Failed" : "Finished";
        }
        else
        {
            items = new List<Dictionary<string, string>>();
            state = "NotStarted";
        }
        // Paged as documented (api-describeprecheckstatus): PageNo from 1 (default 1), PageSize default 20; Total and
        // ErrorItem count every item.
        var pageSize = Int(request, "PageSize") ?? 20;
        var pageNo = Int(request, "PageNo") ?? 1;
        if (pageSize < 1) throw InvalidParameter("PageSize", request.Param("PageSize"));
        if (pageNo < 1) throw InvalidParameter("PageNo", request.Param("PageNo"));
        var page = items.Skip((pageNo - 1) * pageSize).Take(pageSize).ToList();
        result["State"] = state;
        result["Total"] = items.Count;
        result["ErrorItem"] = items.Count(i => i["State"] == "Failed");
        result["PageNumber"] = pageNo;
        result["PageRecordCount"] = page.Count;
        result["JobProgress"] = Array(page.Select(i => (JsonNode)new JsonObject
        {
            ["Item"] = i["Item"],
            ["Names"] = i["Names"],
            ["State"] = i["State"],
            ["ErrMsg"] = i["ErrMsg"],
            ["RepairMethod"] = i["RepairMethod"],
            ["CanSkip"] = i["CanSkip"] == "true",
            ["Skip"] = false,
            ["IgnoreFlag"] = "N",
        }));
        return result;
    }

    private static JsonObject DescribeDtsJobDetail(ApiRequest request)
    {
        var account = CallerAccount(request);
        var instance = FindInstance(request, account, "DtsInstanceID");
        Authorize(request, "dts:DescribeDtsJobDetail", instance);
        Advance(request.State, account, instance);
        var body = JobJson(instance, "DtsInstanceID");
        body["Success"] = true;
        return body;
    }

    private static JsonObject DescribeDtsJobs(ApiRequest request)
    {
        var account = CallerAccount(request);
        var region = request.Param("Region") ?? request.Param("RegionId");
        if (string.IsNullOrEmpty(region)) request.RequiredParam("Region");
        AlibabaPolicyEvaluator.Authorize(request, "dts:DescribeDtsJobs", $"acs:dts:{region}:{account.Uid}:instance/*", "Forbidden.RAM", RamDenied);
        // The documented default is MIGRATION: a SYNC task is listed only when JobType=SYNC is passed.
        var jobType = (request.Param("JobType") ?? "MIGRATION").ToUpperInvariant();
        var type = request.Param("Type");
        var value = request.Param("Params");
        var status = request.Param("Status");
        var pageSize = Int(request, "PageSize") ?? 20;
        var pageNumber = Int(request, "PageNumber") ?? 1;
        if (pageSize < 1 || pageNumber < 1) throw InvalidParameter("PageSize", request.Param("PageSize"));

        var matches = new List<AlibabaDtsInstance>();
        foreach (var instance in account.DtsInstances.Values.OrderByDescending(i => i.CreateTime))
        {
            if (!instance.Region.Equals(region, StringComparison.OrdinalIgnoreCase)) continue;
            if (!instance.Type.Equals(jobType, StringComparison.Ordinal)) continue;
            // Type and Params define the query condition together ("You must specify the Type parameter", api-describedtsjobs):
            // Params alone filters nothing.
            if (!string.IsNullOrEmpty(value) && !string.IsNullOrEmpty(type) && !MatchesFilter(instance, type, value)) continue;
            Advance(request.State, account, instance);
            if (instance.Reverse != null) Advance(request.State, account, instance.Reverse);
            if (!string.IsNullOrEmpty(status) && !status.Split(',').Contains(instance.Status, StringComparer.OrdinalIgnoreCase)) continue;
            matches.Add(instance);
        }
        var page = matches.Skip((pageNumber - 1) * pageSize).Take(pageSize).ToList();
        return new JsonObject
        {
            ["Success"] = true,
            ["PageNumber"] = pageNumber,
            ["PageRecordCount"] = page.Count,
            ["TotalRecordCount"] = matches.Count,
            ["DtsJobList"] = Array(page.Select(i => (JsonNode)JobJson(i, "DtsInstanceID"))),
        };
    }

    private static bool MatchesFilter(AlibabaDtsInstance instance, string type, string value) => type switch
    {
        "name" => (instance.JobName ?? "").Contains(value, StringComparison.OrdinalIgnoreCase),
        "instance" => instance.InstanceId == value || instance.JobId == value,
        "srcRds" => Config(instance, "SourceEndpointInstanceID") == value,
        "rds" => Config(instance, "DestinationEndpointInstanceID") == value,
        _ => false,
    };

    private static JsonObject JobJson(AlibabaDtsInstance instance, string instanceIdMember)
    {
        var job = new JsonObject
        {
            ["DtsJobId"] = instance.JobId,
            [instanceIdMember] = instance.InstanceId,
            ["DtsJobName"] = instance.JobName ?? "",
            ["Status"] = instance.Status,
            ["JobType"] = instance.Type,
            ["PayType"] = instance.PayType,
            ["DtsJobClass"] = instance.InstanceClass,
            ["DtsJobDirection"] = instance.Direction,
            ["CreateTime"] = Time(instance.CreateTime),
            ["Delay"] = instance.Status == "Synchronizing" ? instance.DelayMs : -1,
            // Module states as the DescribeDtsJobs response model names them (Status, Percent, Progress); the emulator
            // models only whether the initial load and the incremental sync have run.
            ["DataInitializationStatus"] = new JsonObject
            {
                ["Status"] = instance.Status switch { "Initializing" => "Migrating", "Synchronizing" or "Finished" => "Finished", _ => "NotStarted" },
                ["Percent"] = instance.Status is "Synchronizing" or "Finished" ? "100" : "0",
                ["Progress"] = "",
                ["ErrorMessage"] = "",
            },
            ["DataSynchronizationStatus"] = new JsonObject
            {
                ["Status"] = instance.Status switch { "Synchronizing" => "Migrating", "Finished" => "Finished", _ => "NotStarted" },
                ["Percent"] = instance.Status is "Synchronizing" or "Finished" ? "100" : "0",
                ["Progress"] = "",
                ["ErrorMessage"] = "",
            },
            ["ErrorMessage"] = instance.ErrorMessage,
            ["SourceEndpoint"] = Endpoint(instance, "Source"),
            ["DestinationEndpoint"] = Endpoint(instance, "Destination"),
        };
        if (instance.Config != null)
        {
            job["MigrationMode"] = new JsonObject
            {
                ["StructureInitialization"] = Config(instance, "StructureInitialization")?.Equals("true", StringComparison.OrdinalIgnoreCase) ?? false,
                ["DataInitialization"] = Config(instance, "DataInitialization")?.Equals("true", StringComparison.OrdinalIgnoreCase) ?? false,
                ["DataSynchronization"] = Config(instance, "DataSynchronization")?.Equals("true", StringComparison.OrdinalIgnoreCase) ?? false,
            };
            job["DbObject"] = Config(instance, "DbList");
            job["Reserved"] = Config(instance, "Reserve") ?? "";
        }
        // DescribeDtsJobs DtsJobList[].ReverseJob (SDK model DescribeDtsJobsResponseBodyDtsJobListReverseJob).
        if (instance.Reverse != null) job["ReverseJob"] = JobJson(instance.Reverse, instanceIdMember);
        return job;
    }

    private static JsonObject Endpoint(AlibabaDtsInstance instance, string side)
    {
        var engine = Config(instance, side + "EndpointEngineName") ?? (side == "Source" ? instance.SourceEngine : instance.DestinationEngine);
        var endpoint = new JsonObject
        {
            ["InstanceType"] = Config(instance, side + "EndpointInstanceType") ?? "",
            ["InstanceID"] = Config(instance, side + "EndpointInstanceID") ?? "",
            ["EngineName"] = engine,
            ["Region"] = Config(instance, side + "EndpointRegion") ?? (side == "Source" ? instance.SourceRegion : instance.DestinationRegion),
            ["DatabaseName"] = Config(instance, side == "Source" ? "SourceEndpointDatabaseName" : "DestinationEndpointDataBaseName") ?? "",
            ["UserName"] = Config(instance, side + "EndpointUserName") ?? "",
            ["Ip"] = Config(instance, side + "EndpointIP") ?? "",
            ["Port"] = Config(instance, side + "EndpointPort") ?? "",
        };
        var owner = Config(instance, side + "EndpointOwnerID");
        if (!string.IsNullOrEmpty(owner))
        {
            endpoint["AliyunUid"] = owner;
            endpoint["RoleName"] = Config(instance, side + "EndpointRole") ?? "";
        }
        return endpoint;
    }

    // ---------------------------------------------------------------- the job's life

    private static void SetStatus(ApiRequest request, AlibabaDtsInstance instance, string status)
    {
        instance.Status = status;
        instance.StatusSince = request.State.Clock.UtcNow;
        if (status == "Prechecking") instance.PrecheckStartedAt = instance.StatusSince;
    }

    /// <summary>Moves a job at most one step, and only once the step time has passed since its last change.</summary>
    private static void Advance(EmulatorState state, AlibabaAccount taskAccount, AlibabaDtsInstance instance)
    {
        var now = state.Clock.UtcNow;
        if (now - instance.StatusSince < TimeSpan.FromSeconds(state.DtsStepSeconds)) return;
        string next;
        switch (instance.Status)
        {
            case "Prechecking":
                instance.PrecheckItems = RunPrecheck(state, taskAccount, instance);
                var failed = instance.PrecheckItems.Where(i => i["State"] == "Failed").ToList();
                next = failed.Count > 0 ? "PrecheckFailed" : "PreCheckPass";
                instance.ErrorMessage = string.Join(" ", failed.Select(i => i["ErrMsg"]));
                break;
            case "PreCheckPass":
                next = "Initializing";
                break;
            case "Initializing":
                next = Config(instance, "DataSynchronization")?.Equals("true", StringComparison.OrdinalIgnoreCase) == true ? "Synchronizing" : "Finished";
                CreateObjectsInDestination(state, taskAccount, instance);
                break;
            default:
                return;
        }
        instance.Status = next;
        instance.StatusSince = now;
    }

    /// <summary>
    /// Schema initialization creates the synchronized databases and tables in the destination instance (so the
    /// reverse task of a two-way instance finds them in its source).
    /// </summary>
    private static void CreateObjectsInDestination(EmulatorState state, AlibabaAccount taskAccount, AlibabaDtsInstance instance)
    {
        if (Config(instance, "StructureInitialization")?.Equals("true", StringComparison.OrdinalIgnoreCase) != true) return;
        var ownerUid = Config(instance, "DestinationEndpointOwnerID");
        if (string.IsNullOrEmpty(ownerUid)) ownerUid = taskAccount.Uid;
        if (!state.Alibaba.Accounts.TryGetValue(ownerUid, out var owner)) return;
        var db = owner.Instances.FirstOrDefault(i => i.InstanceId == Config(instance, "DestinationEndpointInstanceID"));
        if (db == null) return;
        JsonObject? list;
        try { list = JsonNode.Parse(Config(instance, "DbList") ?? "{}") as JsonObject; }
        catch (JsonException) { return; }
        state.Alibaba.Accounts.TryGetValue(Config(instance, "SourceEndpointOwnerID") is { Length: > 0 } s ? s : taskAccount.Uid, out var sourceOwner);
        var source = sourceOwner?.Instances.FirstOrDefault(i => i.InstanceId == Config(instance, "SourceEndpointInstanceID"));
        foreach (var database in list ?? new JsonObject())
        {
            if (!db.Databases.TryGetValue(database.Key, out var tables)) db.Databases[database.Key] = tables = new List<string>();
            var wanted = database.Value?["Table"] is JsonObject t ? t.Select(x => x.Key)
                : source != null && source.Databases.TryGetValue(database.Key, out var all) ? all : Enumerable.Empty<string>();
            foreach (var table in wanted) if (!tables.Contains(table, StringComparer.Ordinal)) tables.Add(table);
        }
    }

    private static string ModuleState(AlibabaDtsInstance instance, string jobCode) => instance.Status switch
    {
        "Initializing" => jobCode == "04" ? "NotStarted" : "Migrating",
        "Synchronizing" => jobCode == "04" ? "Migrating" : "Finished",
        "Finished" => "Finished",
        "Suspending" => "Suspending",
        _ => "NotStarted",
    };

    /// <summary>
    /// What DTS checks before it starts: its own service role in the task account, and for every endpoint owned by
    /// another account whether it can assume that account's role on the task account's behalf, then the instance
    /// and the objects in DbList.
    /// </summary>
    private static List<Dictionary<string, string>> RunPrecheck(EmulatorState state, AlibabaAccount task, AlibabaDtsInstance instance)
    {
        var items = new List<Dictionary<string, string>>();
        items.Add(task.DtsServiceRoleAuthorized || task.Roles.ContainsKey(ServiceRoleName)
            ? Pass("CHECK_DTS_SERVICE_ROLE", "DTS service role authorization check")
            : Fail("CHECK_DTS_SERVICE_ROLE", "DTS service role authorization check",
                $"DTS is not authorized to access the cloud resources of Alibaba Cloud account {task.Uid}: the service-linked role {ServiceRoleName} does not exist.",
                $"Log on to the DTS console with Alibaba Cloud account {task.Uid}, grant DTS the permissions to access cloud resources ({ServiceRoleName}), and run the precheck again."));

        foreach (var (side, tag, label) in new[] { ("Source", "SRC", "source"), ("Destination", "DEST", "destination") })
        {
            var ownerUid = Config(instance, side + "EndpointOwnerID");
            if (string.IsNullOrEmpty(ownerUid)) ownerUid = task.Uid;
            var roleName = Config(instance, side + "EndpointRole") ?? "";
            var roleOk = true;
            if (ownerUid != task.Uid)
            {
                var roleItem = CheckCrossAccountRole(state, task, ownerUid, roleName, tag, label);
                roleOk = roleItem["State"] == "Success";
                items.Add(roleItem);
            }

            var instanceType = Config(instance, side + "EndpointInstanceType") ?? "";
            if (!CloudInstanceTypes.Contains(instanceType))
            {
                items.Add(Pass("CHECK_CONN_" + tag, $"Check the connectivity of the {label} database"));
                continue;
            }
            var instanceId = Config(instance, side + "EndpointInstanceID") ?? "";
            var region = Config(instance, side + "EndpointRegion") ?? (side == "Source" ? instance.SourceRegion : instance.DestinationRegion) ?? "";
            var connName = $"Check the connectivity of the {label} database";
            if (!roleOk)
            {
                items.Add(Fail("CHECK_CONN_" + tag, connName,
                    $"DTS cannot access the {label} instance {instanceId} of Alibaba Cloud account {ownerUid} because it cannot assume the RAM role {roleName}.",
                    "Fix the cross-account RAM authorization reported above, then run the precheck again."));
                continue;
            }
            state.Alibaba.Accounts.TryGetValue(ownerUid, out var owner);
            var db = owner?.Instances.FirstOrDefault(i => i.InstanceId == instanceId);
            if (db == null || !db.Region.Equals(region, StringComparison.OrdinalIgnoreCase))
            {
                var where = db == null ? "does not exist" : $"is in region {db.Region}, not {region}";
                items.Add(Fail("CHECK_CONN_" + tag, connName,
                    $"The {label} instance {instanceId} {where} in Alibaba Cloud account {ownerUid}.",
                    $"Check the instance ID, the region and the Alibaba Cloud account ID of the {label} database."));
                continue;
            }
            items.Add(Pass("CHECK_CONN_" + tag, connName));
            items.Add(Pass("CHECK_AUTH_" + tag, $"Check the permissions of the {label} database account"));
            if (side == "Source") items.Add(CheckSourceObjects(instance, db));
        }
        return items;
    }

    private static Dictionary<string, string> CheckCrossAccountRole(EmulatorState state, AlibabaAccount task, string ownerUid, string roleName, string tag, string label)
    {
        var item = "CHECK_CROSS_ACCOUNT_ROLE_" + tag;
        var names = $"Check the RAM authorization of the {label} database account";
        AlibabaRole? role = null;
        if (state.Alibaba.Accounts.TryGetValue(ownerUid, out var owner)) owner.Roles.TryGetValue(roleName, out role);
        if (role == null)
        {
            // A RAM user of that name does not count: DTS calls AssumeRole, which knows only roles.
            return Fail(item, names,
                $"The RAM role {roleName} is not found in Alibaba Cloud account {ownerUid}.",
                $"Log on to the RAM console with Alibaba Cloud account {ownerUid}, choose Identities > Roles (not Users), create the role {roleName} for Alibaba Cloud account {task.Uid}, attach {RolePolicyName} and edit its trust policy.");
        }

        var problems = new List<string>();
        var repairs = new List<string>();
        var dtsPrincipal = $"{task.Uid}@dts.aliyuncs.com";
        if (!AlibabaPolicyEvaluator.TrustNamesService(role.AssumeRolePolicyDocument, dtsPrincipal))
        {
            var collapsed = AlibabaPolicyEvaluator.TrustNamesService(role.AssumeRolePolicyDocument, "dts.aliyuncs.com");
            problems.Add($"The trust policy of RAM role {roleName} does not allow DTS to assume it on behalf of Alibaba Cloud account {task.Uid}: the Service principal must contain \"{dtsPrincipal}\"" +
                         (collapsed ? " but it is \"dts.aliyuncs.com\", which means the account ID entered was that of the role's own account." : "."));
            repairs.Add($"Edit the trust policy of {roleName} so that Service contains \"{dtsPrincipal}\" (the ID of the account that creates the DTS task).");
        }
        if (!AlibabaPolicyEvaluator.TrustNamesAccount(role.AssumeRolePolicyDocument, task.Uid))
        {
            problems.Add($"The trust policy of RAM role {roleName} does not name \"acs:ram::{task.Uid}:root\" as a RAM principal.");
            repairs.Add($"Edit the trust policy of {roleName} so that RAM contains \"acs:ram::{task.Uid}:root\".");
        }
        if (!role.Policies.Any(p => p.Type == "System" && p.Name.Equals(RolePolicyName, StringComparison.OrdinalIgnoreCase)))
        {
            problems.Add($"The system policy {RolePolicyName} is not attached to RAM role {roleName}.");
            repairs.Add($"Attach the system policy {RolePolicyName} to RAM role {roleName} in Alibaba Cloud account {ownerUid}.");
        }
        return problems.Count == 0 ? Pass(item, names) : Fail(item, names, string.Join(" ", problems), string.Join(" ", repairs));
    }

    private static Dictionary<string, string> CheckSourceObjects(AlibabaDtsInstance instance, AlibabaDbInstance db)
    {
        const string item = "CHECK_SRC_DB_EXIST";
        const string names = "Check the existence of the objects to be synchronized";
        JsonObject? list;
        try { list = JsonNode.Parse(Config(instance, "DbList") ?? "{}") as JsonObject; }
        catch (JsonException) { list = null; }
        var missing = new List<string>();
        foreach (var database in list ?? new JsonObject())
        {
            if (!db.Databases.TryGetValue(database.Key, out var tables))
            {
                missing.Add(database.Key);
                continue;
            }
            if (database.Value?["Table"] is JsonObject wanted)
                missing.AddRange(wanted.Select(t => t.Key).Where(t => !tables.Contains(t, StringComparer.Ordinal)).Select(t => $"{database.Key}.{t}"));
        }
        return missing.Count == 0
            ? Pass(item, names)
            : Fail(item, names,
                $"The following objects do not exist in the source instance {db.InstanceId}: {string.Join(", ", missing)}.",
                "Remove the missing objects from the objects to be synchronized, or create them in the source database, then run the precheck again.");
    }

    private static Dictionary<string, string> Pass(string item, string names) => new()
    {
        ["Item"] = item, ["Names"] = names, ["State"] = "Success", ["ErrMsg"] = "", ["RepairMethod"] = "", ["CanSkip"] = "false",
    };

    private static Dictionary<string, string> Fail(string item, string names, string message, string repair) => new()
    {
        ["Item"] = item, ["Names"] = names, ["State"] = "Failed", ["ErrMsg"] = message, ["RepairMethod"] = repair, ["CanSkip"] = "false",
    };

    // ---------------------------------------------------------------- shared

    /// <summary>
    /// Finds the caller's job by DtsJobId or by the instance ID parameter (whose spelling differs per action). A reverse
    /// job is found by its own DtsJobId, or by the instance with SynchronizationDirection=Reverse. StartDtsJob, StopDtsJob,
    /// DeleteDtsJob, DescribeDtsJobDetail and DescribePreCheckStatus require DtsJobId (their API references mark it
    /// required and the instance ID optional: docs 208647, 208677, 208678, 208925, api-describeprecheckstatus):
    /// <paramref name="jobIdRequired"/>. ConfigureDtsJob and SuspendDtsJob accept either.
    /// </summary>
    private static AlibabaDtsInstance FindInstance(ApiRequest request, AlibabaAccount account, string instanceIdParameter, bool directionAware = true, bool jobIdRequired = true)
    {
        var jobId = request.Param("DtsJobId");
        var instanceId = request.Param(instanceIdParameter);
        if (string.IsNullOrEmpty(jobId) && (jobIdRequired || string.IsNullOrEmpty(instanceId))) request.RequiredParam("DtsJobId");
        var jobs = account.DtsInstances.Values.SelectMany(i => i.Reverse == null ? new[] { i } : new[] { i, i.Reverse });
        var found = jobs.FirstOrDefault(i =>
            (string.IsNullOrEmpty(jobId) || i.JobId == jobId) && (string.IsNullOrEmpty(instanceId) || i.InstanceId == instanceId));
        if (found == null) throw new ApiError("Forbidden.InstanceNotFound", "The specified DTS instance or task is not found.", 403);
        if (directionAware && string.IsNullOrEmpty(jobId) && Direction(request) == "Reverse")
            return found.Reverse ?? throw new ApiError("Forbidden.InstanceNotFound", "The reverse task of this DTS instance is not configured.", 403);
        return found;
    }

    private static AlibabaDtsInstance FindForward(AlibabaAccount account, AlibabaDtsInstance reverse) =>
        account.DtsInstances.Values.First(i => ReferenceEquals(i.Reverse, reverse));

    /// <summary>SynchronizationDirection: Forward (default) or Reverse.</summary>
    private static string Direction(ApiRequest request)
    {
        var d = request.Param("SynchronizationDirection");
        if (string.IsNullOrEmpty(d)) return "Forward";
        return d switch { "Forward" or "Reverse" => d, _ => throw InvalidParameter("SynchronizationDirection", d) };
    }

    private static void Authorize(ApiRequest request, string action, AlibabaDtsInstance instance) =>
        AlibabaPolicyEvaluator.Authorize(request, action, $"acs:dts:{instance.Region}:{request.Caller.AccountId}:instance/{instance.InstanceId}",
            "Forbidden.RAM", RamDenied);

    private static string? Config(AlibabaDtsInstance instance, string name) =>
        instance.Config != null && instance.Config.TryGetValue(name, out var v) ? v : null;

    private static JsonObject? ParseJsonObject(ApiRequest request, string name, bool required)
    {
        var text = required ? request.RequiredParam(name) : request.Param(name);
        if (string.IsNullOrEmpty(text)) return null;
        try
        {
            return JsonNode.Parse(text) as JsonObject ?? throw InvalidParameter(name, "(not a JSON object)");
        }
        catch (JsonException)
        {
            throw new ApiError("InvalidParameter", $"The specified parameter \"{name}\" is not valid JSON.", 400);
        }
    }
}
