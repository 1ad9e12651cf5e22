using System;
using System.Collections.Generic;
using System.Linq;
using DtsCrossAccount.Core;
using DtsCrossAccount.Services;

namespace DtsCrossAccount.Alibaba
{
    /// <summary>
    /// Read-only checks before CreateDtsInstance: DTS authorized in the task account, each cross-account role assumable
    /// (RAM user callers; STS refuses root keys) and each ApsaraDB RDS instance listed in its owner's account and region
    /// with the right engine (the peer's through the role's temporary keys, as the console lists it). Same CheckItems as
    /// Test-DtsCrossAccountAccess.
    /// </summary>
    internal sealed class AlibabaSyncPreflight
    {
        private readonly AlibabaProvider _provider;
        private readonly ProviderContext _ctx;

        public AlibabaSyncPreflight(AlibabaProvider provider, ProviderContext ctx)
        {
            _provider = provider;
            _ctx = ctx;
        }

        public List<CheckItem> Run(AlibabaSyncSpec t)
        {
            var checks = new List<CheckItem>
            {
                // Refused before any call when not so (AlibabaSyncSpecResolver); listed so the result shows what was checked.
                AlibabaAccessTester.Item("Scope", CheckResult.Passed,
                    AlibabaSyncTaskOutput.DescribeEndpoint(t.Source) + " → " + AlibabaSyncTaskOutput.DescribeEndpoint(t.Destination)
                    + (t.Request.TwoWay ? ", two-way" : "") + ": in the supported databases, connection types and cloud type of cross-account DTS.", null),
                AlibabaAccessTester.Item("DatabaseCredential", CheckResult.Passed,
                    "Database accounts are given for both instances (the DTS precheck checks the passwords).", null),
                new AlibabaAccessTester(_provider, _ctx).CheckDtsServiceRole(t.TaskAccountId),
            };
            var caller = t.Request.Caller;
            foreach (var side in new[] { t.Source, t.Destination })
            {
                CloudCredential listWith = _ctx.Credential;
                if (side.CrossAccount)
                {
                    listWith = null;
                    if (caller == null || caller.IsRoot)
                    {
                        checks.Add(AlibabaAccessTester.Item(side.Prefix + "AssumeRole", CheckResult.Skipped,
                            "Not checked before buying: the credentials are the root account's and Alibaba Cloud STS refuses root AccessKeys, so role '"
                            + side.RoleName + "' of account " + side.AccountId + " and its instances are first checked by the DTS precheck, after the purchase.",
                            "To have them checked before anything is bought, run New-DtsSyncTask as a RAM user of account " + t.TaskAccountId + " allowed to assume the role ("
                            + AlibabaMessages.GrantCommand(side.AccountId, side.RoleName, "<user>") + "), or check first with Test-DtsCrossAccountAccess -Cloud Alibaba -RoleAccountId "
                            + side.AccountId + " -RoleName " + side.RoleName + " -OwnerProfileName <root profile of " + side.AccountId + ">."));
                    }
                    else
                    {
                        var arn = AlibabaTrustPolicy.RoleArn(side.AccountId, side.RoleName);
                        try
                        {
                            listWith = _provider.Sts().AssumeRole(arn, "dts-task-check");
                            checks.Add(AlibabaAccessTester.Item(side.Prefix + "AssumeRole", CheckResult.Passed, caller.Arn + " assumed " + arn + ".", null));
                        }
                        catch (CloudApiException e)
                        {
                            checks.Add(AssumeRoleFailed(t, side, e));
                        }
                    }
                }
                checks.Add(InstanceItem(t, side, listWith));
                if (t.Request.TwoWay && (t.Source.CrossAccount || t.Destination.CrossAccount)) checks.Add(TwoWayTypeItem(t, side, listWith));
            }
            if (t.Request.TwoWay) checks.Add(TwoWayItem(t, checks));
            return checks;
        }

        /// <summary>
        /// Seed, Limitations: cross-account two-way only between RDS MySQL, Tair (Enterprise Edition) and MongoDB replica
        /// set or sharded cluster instances. Tair versus Redis and a replica set / sharded cluster versus a standalone
        /// instance are read from the instance, as the DTS console does: r-kvstore DescribeInstanceAttribute EditionType
        /// (Community = Redis Open-Source, Enterprise = Tair Enterprise Edition) and dds DescribeDBInstanceAttribute
        /// DBInstanceType (replicate / sharding) with ReplicationFactor ("1" = standalone); the names given on the
        /// command line are not trusted for it.
        /// </summary>
        private CheckItem TwoWayTypeItem(AlibabaSyncSpec t, AlibabaSyncSpec.Side side, CloudCredential credential)
        {
            var name = side.Prefix + "TwoWayType";
            var id = side.WireInstanceId;
            var engine = side.Engine.ConfigureEngineName;
            if (engine == "MYSQL")
                return AlibabaAccessTester.Item(name, CheckResult.Passed, "ApsaraDB RDS for MySQL " + id + " may take part in cross-account two-way synchronization (its engine is checked by the " + side.Prefix + "Instance item).", null);
            if (credential == null)
                return AlibabaAccessTester.Item(name, CheckResult.Skipped, "The edition / architecture of " + id + " is read through the role, which was not assumed; the DTS precheck checks it.", null);
            try
            {
                if (engine == "REDIS")
                {
                    var body = _provider.Client(credential).Call("r-kvstore", "2015-01-01", "DescribeInstanceAttribute", new Dictionary<string, string> { ["InstanceId"] = id }, side.Region);
                    var attribute = body.GetObject("Instances")?.GetObjects("DBInstanceAttribute").FirstOrDefault();
                    var edition = attribute == null ? null : AlibabaDts.Str(attribute, "EditionType");
                    if (AlibabaDts.Eq(edition, "Enterprise"))
                        return AlibabaAccessTester.Item(name, CheckResult.Passed, id + " is Tair (Enterprise Edition) (EditionType Enterprise).", null);
                    return AlibabaAccessTester.Item(name, CheckResult.Failed,
                        id + " is a Redis Open-Source Edition instance (EditionType " + (edition ?? "not reported") + "), not Tair (Enterprise Edition): cross-account two-way synchronization supports Tair (Enterprise Edition) only.",
                        "Use a Tair (Enterprise Edition) instance on both sides, or sync one way (drop -TwoWay).");
                }
                if (engine == "MONGODB")
                {
                    var body = _provider.Client(credential).Call("dds", "2015-12-01", "DescribeDBInstanceAttribute", new Dictionary<string, string> { ["DBInstanceId"] = id }, side.Region);
                    var instance = body.GetObject("DBInstances")?.GetObjects("DBInstance").FirstOrDefault();
                    var type = instance == null ? null : AlibabaDts.Str(instance, "DBInstanceType");
                    var nodes = instance == null ? null : AlibabaDts.Str(instance, "ReplicationFactor");
                    if (AlibabaDts.Eq(type, "sharding"))
                        return AlibabaAccessTester.Item(name, CheckResult.Passed, id + " is a MongoDB sharded cluster instance.", null);
                    if (AlibabaDts.Eq(type, "replicate") && nodes != "1")
                        return AlibabaAccessTester.Item(name, CheckResult.Passed, id + " is a MongoDB replica set instance (" + nodes + " nodes).", null);
                    return AlibabaAccessTester.Item(name, CheckResult.Failed,
                        id + " is a standalone MongoDB instance (DBInstanceType " + (type ?? "not reported") + ", ReplicationFactor " + (nodes ?? "not reported") + "): cross-account two-way synchronization supports MongoDB replica set or sharded cluster instances only.",
                        "Use a replica set or sharded cluster instance on both sides, or sync one way (drop -TwoWay).");
                }
                return AlibabaAccessTester.Item(name, CheckResult.Failed, side.Engine.SeedName + " cannot take part in cross-account two-way synchronization.", "Drop -TwoWay.");
            }
            catch (CloudApiException e)
            {
                return AlibabaAccessTester.Item(name, CheckResult.Failed,
                    "Reading " + id + " in account " + side.AccountId + " to tell its edition / architecture failed: " + Said(e),
                    side.CrossAccount ? "Attach " + AlibabaTrustPolicy.RolePolicyName + " to role " + side.RoleName + " of account " + side.AccountId + "." : "The credentials need read access to the instance in account " + side.AccountId + ".");
            }
        }

        /// <summary>
        /// Seed, Limitations: "For a cross-account two-way synchronization task, both the source and destination database
        /// accounts must complete RAM authorization separately." Each side in another account serves both directions
        /// through its own role; a side in the task account needs none.
        /// </summary>
        private static CheckItem TwoWayItem(AlibabaSyncSpec t, List<CheckItem> checks)
        {
            var sides = new[] { t.Source, t.Destination };
            var failed = sides.Where(s => s.CrossAccount && checks.Any(c => c.Name == s.Prefix + "AssumeRole" && c.Result == CheckResult.Failed)).ToList();
            var notChecked = sides.Where(s => s.CrossAccount && checks.Any(c => c.Name == s.Prefix + "AssumeRole" && c.Result == CheckResult.Skipped)).ToList();
            var what = AlibabaReverseDirection.DescribeAuthorization(t) + ".";
            if (failed.Count > 0)
                return AlibabaAccessTester.Item("TwoWayAuthorization", CheckResult.Failed,
                    "Both database accounts of a cross-account two-way task must complete RAM authorization separately; not authorized: "
                    + string.Join(", ", failed.Select(s => "account " + s.AccountId + " (" + s.Label + ")")) + ". The directions: " + what,
                    string.Join(" ", failed.Select(s => "With the root account of " + s.AccountId + ": " + AlibabaMessages.NewRoleCommand(s.AccountId, s.RoleName, t.TaskAccountId) + ".")));
            return AlibabaAccessTester.Item("TwoWayAuthorization", notChecked.Count > 0 ? CheckResult.Skipped : CheckResult.Passed,
                (notChecked.Count > 0 ? "Roles not checked before buying (root credentials), the DTS precheck of each direction checks them: " : "Both directions are authorized: ") + what, null);
        }

        /// <summary>The cloud's code and message as one sentence.</summary>
        private static string Said(CloudApiException e) => e.Code + " " + e.ApiClause + ".";

        private static CheckItem AssumeRoleFailed(AlibabaSyncSpec t, AlibabaSyncSpec.Side side, CloudApiException e)
        {
            var owner = side.AccountId;
            var task = t.TaskAccountId;
            var what = e.Code == "EntityNotExist.Role"
                ? "role '" + side.RoleName + "' does not exist in account " + owner
                : "the caller may not assume role '" + side.RoleName + "' of account " + owner + " (" + e.Code + ")";
            return AlibabaAccessTester.Item(side.Prefix + "AssumeRole", CheckResult.Failed,
                "The " + side.Label + " side (account " + owner + ") is not authorized for task account " + task + ": " + what + ".",
                "With the root account of " + owner + ": " + AlibabaMessages.NewRoleCommand(owner, side.RoleName, task) + " (or "
                + AlibabaMessages.SetTrustCommand(owner, side.RoleName, task) + " if the role exists); then allow the RAM user with "
                + AlibabaMessages.GrantCommand(owner, side.RoleName, AlibabaAccessTester.UserNameOf(t.Request.Caller)) + ".");
        }

        /// <summary>ApsaraDB RDS instances (MySQL, SQL Server, PostgreSQL, MariaDB) are listed with RDS DescribeDBInstances; other products are left to the DTS precheck.</summary>
        private CheckItem InstanceItem(AlibabaSyncSpec t, AlibabaSyncSpec.Side side, CloudCredential credential)
        {
            var id = side.WireInstanceId;
            var name = side.Prefix + "Instance";
            string owner = side.CrossAccount ? "account " + side.AccountId + " (listed through role '" + side.RoleName + "')" : "the task account " + side.AccountId;
            if (credential == null)
                return AlibabaAccessTester.Item(name, CheckResult.Skipped, "Instance " + id + " of account " + side.AccountId + " is listed through the role, which was not assumed.", null);
            if (side.Connection != AlibabaConnectionType.AlibabaCloudInstance || side.Engine.CloudInstanceType != "RDS")
                return AlibabaAccessTester.Item(name, CheckResult.Skipped,
                    "Only ApsaraDB RDS instances are listed before buying; " + side.Engine.SeedName + " (" + AlibabaSupportMatrix.Describe(side.Connection) + ") " + id + " is checked by the DTS precheck.", null);
            try
            {
                var body = _provider.Client(credential).Call("rds", AlibabaAccessTester.RdsVersion, "DescribeDBInstances",
                    new Dictionary<string, string> { ["RegionId"] = side.Region, ["DBInstanceId"] = id, ["PageSize"] = "30" }, side.Region);
                var found = (body.GetObject("Items")?.GetObjects("DBInstance") ?? Enumerable.Empty<Json.JsonObject>())
                    .FirstOrDefault(i => string.Equals(i.GetString("DBInstanceId"), id, StringComparison.Ordinal));
                if (found == null)
                    return AlibabaAccessTester.Item(name, CheckResult.Failed,
                        "No ApsaraDB RDS instance " + id + " in " + owner + ", region " + side.Region + ".",
                        "Check -" + side.Prefix + "InstanceId, -" + side.Prefix + "Region" + (side.CrossAccount ? " and -" + side.Prefix + "AccountId" : "")
                        + " against the instance list in the console of account " + side.AccountId + ".");
                var engine = found.GetString("Engine");
                if (!string.Equals(engine, side.Engine.Key, StringComparison.OrdinalIgnoreCase))
                    return AlibabaAccessTester.Item(name, CheckResult.Failed,
                        "Instance " + id + " in " + owner + ", region " + side.Region + ", is an RDS " + engine + " instance, not " + side.Engine.SeedName + ".",
                        "Pass -" + side.Prefix + "Engine " + engine + ".");
                return AlibabaAccessTester.Item(name, CheckResult.Passed, "RDS " + engine + " instance " + id + " exists in " + owner + ", region " + side.Region + ".", null);
            }
            catch (CloudApiException e)
            {
                return AlibabaAccessTester.Item(name, CheckResult.Failed,
                    "Listing the RDS instances of " + owner + " in " + side.Region + " failed: " + Said(e),
                    side.CrossAccount
                        ? "Attach " + AlibabaTrustPolicy.RolePolicyName + " to the role: " + AlibabaMessages.NewRoleCommand(side.AccountId, side.RoleName, t.TaskAccountId)
                        : "The credentials need RDS read access (AliyunRDSReadOnlyAccess) in account " + side.AccountId + ".");
            }
        }
    }
}
