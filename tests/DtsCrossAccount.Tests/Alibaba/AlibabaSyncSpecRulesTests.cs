#nullable enable
using DtsCrossAccount.Alibaba;
using DtsCrossAccount.Services;
using static DtsCrossAccount.Tests.Alibaba.AlibabaSpecs;

namespace DtsCrossAccount.Tests.Alibaba;

/// <summary>
/// What New-DtsSyncTask for Alibaba refuses before any call, and what it makes of an accepted request: names, endpoints,
/// regions and accounts; the guide's support tables applied to the side in another account only; its two-way and cloud
/// type limits; initialization, instance class and the one database PostgreSQL, PolarDB-O and MongoDB are configured
/// with. Each refusal names its error ID, the parameter at fault and what to do. Below the engine, with no call
/// (<see cref="AlibabaSpecs"/>).
/// </summary>
public sealed class AlibabaSyncSpecRulesTests
{
    private static DatabaseEndpointSpec Side(SyncTaskRequest r, string side) => side == "Source" ? r.Source : r.Destination;

    // ------------------------------------------------------------------ name, endpoints, engine, region, account, credential

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("   ")]
    public void A_task_without_a_name_is_refused_because_the_name_is_how_a_rerun_finds_it(string? name)
    {
        var e = Refused(Request(r => r.Name = name!));

        Assert.Equal(("SyncTaskNameRequired", "Name"), (e.ErrorId, e.Target));
        Assert.Contains("-Name", e.Message);
    }

    [Theory]
    [InlineData("Source")]
    [InlineData("Destination")]
    public void A_task_missing_either_database_is_refused_naming_both_instance_parameters(string missing)
    {
        var e = Refused(Request(r => { if (missing == "Source") r.Source = null!; else r.Destination = null!; }));

        Assert.Equal(("SyncEndpointRequired", "SourceInstanceId"), (e.ErrorId, e.Target));
        Assert.Contains("(-SourceInstanceId, -DestinationInstanceId)", e.Message);
    }

    [Theory]
    [InlineData("Source")]
    [InlineData("Destination")]
    public void An_engine_the_module_does_not_know_is_refused_with_the_ones_it_knows(string side)
    {
        var e = Refused(Request(r => Side(r, side).Engine = "Sybase"));

        Assert.Equal(("UnknownEngine", side + "Engine"), (e.ErrorId, e.Target));
        Assert.Equal("'Sybase' is not a database type the module knows. Use one of: " + string.Join(", ", AlibabaSupportMatrix.EngineNames) + ".", e.Message);
    }

    [Theory]
    [InlineData("Source")]
    [InlineData("Destination")]
    public void A_connection_type_the_module_does_not_know_is_refused_with_the_five_it_knows(string side)
    {
        var e = Refused(Request(r => Side(r, side).ConnectionType = "Satellite"));

        Assert.Equal(("UnknownConnectionType", side + "ConnectionType"), (e.ErrorId, e.Target));
        // The five connection types of the guide's support table.
        Assert.Equal("'Satellite' is not a connection type. Use one of: AlibabaCloudInstance, ExpressConnect, SelfManagedOnEcs, Cen, DatabaseGateway.", e.Message);
    }

    [Theory]
    [InlineData("Source")]
    [InlineData("Destination")]
    public void A_side_without_its_own_region_takes_the_default_region_and_is_refused_when_there_is_none(string side)
    {
        var withDefault = Resolve(Request(r => Side(r, side).Region = null), defaultRegion: "cn-shanghai");
        Assert.Equal("cn-shanghai", side == "Source" ? withDefault.Source.Region : withDefault.Destination.Region);

        var e = Refused(Request(r => Side(r, side).Region = null), defaultRegion: null);
        Assert.Equal(("RegionRequired", side + "Region"), (e.ErrorId, e.Target));
        Assert.Equal("The " + side.ToLowerInvariant() + " region is required: pass -" + side + "Region or -Region, for example cn-hangzhou.", e.Message);
    }

    [Theory]
    [InlineData("Source")]
    [InlineData("Destination")]
    public void A_region_Alibaba_Cloud_does_not_have_is_refused_by_parameter(string side)
    {
        var e = Refused(Request(r => Side(r, side).Region = "cn-atlantis"));

        Assert.Equal(("InvalidRegion", side + "Region"), (e.ErrorId, e.Target));
        Assert.Contains("'cn-atlantis'", e.Message);
    }

    [Theory]
    [InlineData("Source")]
    [InlineData("Destination")]
    public void An_account_ID_that_is_not_16_digits_is_refused_by_parameter(string side)
    {
        var e = Refused(Request(r => Side(r, side).AccountId = "100000000000001"));

        Assert.Equal(("InvalidAccountId", side + "AccountId"), (e.ErrorId, e.Target));
    }

    [Fact]
    public void A_role_name_RAM_does_not_accept_is_refused_for_a_side_in_another_account()
    {
        var e = Refused(Request(r => r.Source.RoleName = "ram_for_dts"));

        Assert.Equal(("InvalidRoleName", "SourceRoleName"), (e.ErrorId, e.Target));
    }

    [Theory]
    [InlineData("Source", "user")]
    [InlineData("Source", "password")]
    [InlineData("Destination", "user")]
    [InlineData("Destination", "password")]
    public void Each_database_needs_both_a_user_name_and_a_password(string side, string missing)
    {
        var e = Refused(Request(r => { if (missing == "user") Side(r, side).UserName = ""; else Side(r, side).Password = null!; }));

        Assert.Equal(("DatabaseCredentialRequired", side + "DatabaseCredential"), (e.ErrorId, e.Target));
        Assert.Contains("of the " + side.ToLowerInvariant() + " instance: pass -" + side + "DatabaseCredential", e.Message);
    }

    // ------------------------------------------------------------------ accounts: who is in another account

    [Fact]
    public void A_side_with_another_accounts_ID_is_cross_account_through_the_default_role_and_a_side_without_one_is_the_callers()
    {
        var t = Resolve(Request(r => r.Source.Region = "cn-shanghai"));

        Assert.Equal((A, true, "ram-for-dts", "cn-shanghai"), (t.Source.AccountId, t.Source.CrossAccount, t.Source.RoleName, t.Source.Region));
        Assert.Equal((B, false, (string?)null, "cn-hangzhou"), (t.Destination.AccountId, t.Destination.CrossAccount, t.Destination.RoleName, t.Destination.Region));
        Assert.Equal(B, t.TaskAccountId);
        Assert.Equal("MySQL", t.Source.Engine.Key);   // no -SourceEngine: MySQL
        // DTS region = the destination's (alibaba-provider.md).
        Assert.Equal("cn-hangzhou", t.DtsRegion);
        Assert.Equal(AlibabaScenario.CrossAccountSource, t.Scenario);
    }

    [Fact]
    public void A_side_naming_the_callers_own_account_is_not_cross_account()
    {
        var t = Resolve(Request(r => r.Destination.AccountId = B));

        Assert.False(t.Destination.CrossAccount);
        Assert.Null(t.Destination.RoleName);
    }

    [Fact]
    public void Before_the_caller_is_known_neither_the_guides_tables_nor_the_reach_parameters_are_applied_and_once_known_the_table_comes_first()
    {
        // PolarDB for MySQL in account A on ECS, without its port: a cross-account PolarDB for MySQL source is only an
        // Alibaba Cloud instance (guide's source table), but account A may turn out to be the caller's own.
        void OnEcs(SyncTaskRequest r)
        {
            r.Source.Engine = "PolarDBMySQL";
            Reach(r.Source, "SelfManagedOnEcs", ecs: "i-a0000001");
        }

        var early = Resolve(Request(OnEcs, caller: null));
        Assert.Equal((A, false), (early.Source.AccountId, early.Source.CrossAccount));
        Assert.Null(early.Destination.AccountId);

        var e = Refused(Request(OnEcs));
        Assert.Equal(("UnsupportedSourceConnectionType", "SourceConnectionType"), (e.ErrorId, e.Target));
    }

    // ------------------------------------------------------------------ the guide's support tables

    [Theory]
    [InlineData("ClickHouse")]
    [InlineData("SelectDB")]
    public void A_source_in_another_account_of_a_type_the_guide_lists_only_as_a_destination_is_refused(string engine)
    {
        var e = Refused(Request(r => r.Source.Engine = engine));

        Assert.Equal(("UnsupportedSourceDatabase", "SourceEngine"), (e.ErrorId, e.Target));
        Assert.StartsWith("Cross-account DTS does not support " + engine + " as a source database in another account (" + A + ").", e.Message);
        // The guide's source row of MySQL: Alibaba Cloud instance, Express Connect, self-managed on ECS.
        Assert.Contains("MySQL (AlibabaCloudInstance, ExpressConnect, SelfManagedOnEcs)", e.Message);
        Assert.EndsWith("A source in the task account itself is not limited by this table.", e.Message);
    }

    [Theory]
    [InlineData("PolarDBMySQL", "SelfManagedOnEcs", "Self-managed Database on ECS", "AlibabaCloudInstance")]
    [InlineData("MySQL", "Cen", "Cloud Enterprise Network (CEN)", "AlibabaCloudInstance | ExpressConnect | SelfManagedOnEcs")]
    [InlineData("SQLServer", "DatabaseGateway", "Database Gateway", "AlibabaCloudInstance | ExpressConnect")]
    public void A_source_in_another_account_reached_in_a_way_its_row_does_not_list_is_refused_with_the_ways_it_does(string engine, string connection, string described, string allowed)
    {
        // The table is applied before the parameters each connection type needs, so none are given here.
        var e = Refused(Request(r => { r.Source.Engine = engine; Reach(r.Source, connection); }));

        Assert.Equal(("UnsupportedSourceConnectionType", "SourceConnectionType"), (e.ErrorId, e.Target));
        Assert.Matches("^A .+ source in another account cannot be reached as '" + System.Text.RegularExpressions.Regex.Escape(described) + "'", e.Message);
        Assert.EndsWith("Use -SourceConnectionType " + allowed + ".", e.Message);
    }

    [Fact]
    public void The_source_table_does_not_limit_a_source_of_the_task_account()
    {
        var t = Resolve(Request(r =>
        {
            r.Source.AccountId = null;
            r.Source.Engine = "PolarDBMySQL";
            Reach(r.Source, "SelfManagedOnEcs", ecs: "i-b0000001", port: 3306);
        }));

        Assert.False(t.Source.CrossAccount);
        Assert.Equal(AlibabaConnectionType.SelfManagedOnEcs, t.Source.Connection);
    }

    [Fact]
    public void A_source_of_the_task_account_of_a_destination_only_type_is_allowed()
    {
        var t = Resolve(Request(r => { r.Source.AccountId = null; r.Source.Engine = "ClickHouse"; }));

        Assert.Equal("ClickHouse", t.Source.Engine.Key);
        Assert.Null(t.Scenario);
    }

    [Fact]
    public void A_destination_in_another_account_of_a_type_the_guide_does_not_list_as_a_destination_is_refused()
    {
        var e = Refused(Request(r => { r.Source.AccountId = null; r.Destination.AccountId = A; r.Destination.Engine = "PostgreSQL"; }));

        Assert.Equal(("UnsupportedDestinationDatabase", "DestinationEngine"), (e.ErrorId, e.Target));
        Assert.StartsWith("Cross-account DTS does not support PostgreSQL as a destination database in another account (" + A + ").", e.Message);
        // The guide's destination table names RDS MySQL and Tair/Redis, among others, each as an Alibaba Cloud instance.
        Assert.Contains("Supported cross-account destinations: MySQL, PolarDBMySQL, Redis, Tair, MongoDB", e.Message);
        Assert.EndsWith("A destination in the task account itself is not limited by this table.", e.Message);
    }

    [Fact]
    public void The_destination_table_does_not_limit_a_destination_of_the_task_account()
    {
        var t = Resolve(Request(r => r.Destination.Engine = "PostgreSQL"));

        Assert.Equal("PostgreSQL", t.Destination.Engine.Key);
    }

    [Fact]
    public void A_destination_in_another_account_reached_other_than_as_an_Alibaba_Cloud_instance_is_refused_at_its_connection_type()
    {
        var e = Refused(Request(r =>
        {
            r.Source.AccountId = null;
            r.Destination.AccountId = A;
            Reach(r.Destination, "SelfManagedOnEcs", ecs: "i-a0000001", port: 3306);
        }));

        Assert.Equal(("UnsupportedDestinationConnectionType", "DestinationConnectionType"), (e.ErrorId, e.Target));
        Assert.Contains("must be an Alibaba Cloud instance (connection type AlibabaCloudInstance)", e.Message);
    }

    [Fact]
    public void An_RDS_MySQL_destination_in_another_account_is_the_guides_cross_account_destination()
    {
        var t = Resolve(Request(r => { r.Source.AccountId = null; r.Destination.AccountId = A; }));

        Assert.Equal((true, "ram-for-dts"), (t.Destination.CrossAccount, t.Destination.RoleName));
        Assert.Equal(AlibabaScenario.CrossAccountDestination, t.Scenario);
    }

    [Theory]
    // Task account B, its own source, a Redis destination in A: the source owner is the task account.
    [InlineData(B, null, A, B)]
    // Third account C, source in A, Redis destination in B: the source owner is A.
    [InlineData(C, A, B, A)]
    public void A_destination_in_another_account_that_is_not_RDS_MySQL_is_refused_with_the_guides_other_way_round(string caller, string? sourceAccount, string destinationAccount, string sourceOwner)
    {
        var e = Refused(Request(r =>
        {
            r.Source.AccountId = sourceAccount;
            r.Destination.AccountId = destinationAccount;
            r.Destination.Engine = "Redis";
        }, caller));

        // ConfigureDtsJob takes DestinationEndpointOwnerID only for an RDS MySQL destination (doc 208399).
        Assert.Equal(("DestinationOwnerNotSupported", "DestinationAccountId"), (e.ErrorId, e.Target));
        Assert.StartsWith("DTS takes a destination in another account (DestinationEndpointOwnerID) only for an ApsaraDB RDS for MySQL destination; the destination here is Tair/Redis in account "
            + destinationAccount + ".", e.Message);
        Assert.Contains("(scenario 1, cross-account source database): account " + destinationAccount + " creates the task", e.Message);
        Assert.Contains("The source owner (" + sourceOwner + ") creates the role trusting it: New-DtsCrossAccountRole -Cloud Alibaba -AccountId " + sourceOwner
            + " -TrustedAccountId " + destinationAccount + " -ProfileName <profile of account " + sourceOwner + ">;", e.Message);
        Assert.EndsWith("then, with account " + destinationAccount + "'s credentials: New-DtsSyncTask -Cloud Alibaba -SourceAccountId " + sourceOwner
            + " -DestinationEngine Redis ... -ProfileName <profile of account " + destinationAccount + ">.", e.Message);
    }

    // ------------------------------------------------------------------ two-way

    public static TheoryData<string, string, string, string, string> TwoWayOutsideTheList => new()
    {
        // source engine, source connection, destination engine, parameter at fault, "the <side> is ..."
        { "PostgreSQL", "AlibabaCloudInstance", "MySQL", "SourceEngine", "the source is PostgreSQL (Alibaba Cloud Instance)" },
        { "MySQL", "ExpressConnect", "MySQL", "SourceEngine", "the source is MySQL (Express Connect, VPN Gateway, or Smart Access Gateway)" },
        { "MySQL", "AlibabaCloudInstance", "PostgreSQL", "DestinationEngine", "the destination is PostgreSQL (Alibaba Cloud Instance)" },
    };

    [Theory]
    [MemberData(nameof(TwoWayOutsideTheList))]
    public void Cross_account_two_way_is_refused_unless_both_sides_are_listed_types_reached_as_Alibaba_Cloud_instances(
        string sourceEngine, string sourceConnection, string destinationEngine, string parameter, string which)
    {
        var e = Refused(Request(r =>
        {
            r.TwoWay = true;
            r.Source.Engine = sourceEngine;
            r.Destination.Engine = destinationEngine;
            if (sourceConnection == "ExpressConnect") Reach(r.Source, sourceConnection, vpc: "vpc-a0000001", ip: "10.0.0.1", port: 3306);
        }));

        Assert.Equal(("UnsupportedTwoWayDatabase", parameter), (e.ErrorId, e.Target));
        // The guide's Limitations list, then the side at fault and the way out.
        Assert.StartsWith("Cross-account two-way synchronization is only supported between ApsaraDB RDS for MySQL instances or clusters, Tair (Enterprise Edition) instances, "
            + "and ApsaraDB for MongoDB replica set or sharded cluster instances; " + which + ".", e.Message);
        Assert.EndsWith("Use -SourceEngine/-DestinationEngine MySQL, Tair or MongoDB with Alibaba Cloud instances, or drop -TwoWay.", e.Message);
    }

    [Fact]
    public void Cross_account_two_way_needs_the_same_type_on_both_sides()
    {
        var e = Refused(Request(r => { r.TwoWay = true; r.Source.Engine = "Tair"; r.Destination.Engine = "MongoDB"; }));

        Assert.Equal(("UnsupportedTwoWayDatabase", "DestinationEngine"), (e.ErrorId, e.Target));
        Assert.Contains("needs the same database type on both sides; the source is Tair (Enterprise Edition) and the destination MongoDB.", e.Message);
    }

    [Fact]
    public void Cross_account_two_way_between_RDS_MySQL_instances_is_resolved_and_waits_for_the_forward_job()
    {
        var t = Resolve(Request(r => r.TwoWay = true));

        Assert.True(t.Request.TwoWay);
        Assert.True(t.WaitUntilRunning);   // the reverse is configured once the forward job runs
    }

    [Fact]
    public void Two_way_within_the_task_account_is_not_limited_by_the_guides_list()
    {
        var t = Resolve(Request(r =>
        {
            r.TwoWay = true;
            r.Source.AccountId = null;
            r.Source.Engine = "PostgreSQL";
            r.Destination.Engine = "MongoDB";
        }));

        Assert.False(t.Source.CrossAccount || t.Destination.CrossAccount);
    }

    // ------------------------------------------------------------------ cloud types

    [Theory]
    [InlineData("cn-hangzhou-finance", "cn-hangzhou", "Finance Cloud", "public cloud")]
    [InlineData("cn-hangzhou", "cn-north-2-gov-1", "public cloud", "government cloud")]
    [InlineData("cn-north-2-gov-1", "cn-shanghai-finance-1", "government cloud", "Finance Cloud")]
    public void Databases_in_regions_of_different_cloud_types_are_refused(string sourceRegion, string destinationRegion, string sourceType, string destinationType)
    {
        var e = Refused(Request(r => { r.Source.Region = sourceRegion; r.Destination.Region = destinationRegion; }));

        Assert.Equal(("CrossCloudTypeSync", "DestinationRegion"), (e.ErrorId, e.Target));
        Assert.Equal("Synchronization between accounts of different cloud types is not supported: the source region " + sourceRegion + " is " + sourceType
            + " and the destination region " + destinationRegion + " is " + destinationType
            + ". Both databases must be in the same kind of cloud (public, Finance Cloud or government cloud), and so must the accounts.", e.Message);
    }

    [Fact]
    public void Two_Finance_Cloud_regions_are_one_cloud_type_and_DTS_runs_in_the_destinations()
    {
        var t = Resolve(Request(r => { r.Source.Region = "cn-hangzhou-finance"; r.Destination.Region = "cn-shanghai-finance-1"; }));

        Assert.Equal("cn-shanghai-finance-1", t.DtsRegion);
    }

    // ------------------------------------------------------------------ initialization and instance class

    [Fact]
    public void A_task_that_would_do_nothing_is_refused()
    {
        var e = Refused(Request(r => { r.StructureInitialization = false; r.FullDataInitialization = false; r.IncrementalSync = false; }));

        Assert.Equal(("InitializationRequired", "Initialization"), (e.ErrorId, e.Target));
        Assert.Equal("Choose at least one of -Initialization Structure, FullData, Incremental.", e.Message);
    }

    [Theory]
    [InlineData(true, false, false, "Finished")]
    [InlineData(false, true, false, "Finished")]
    [InlineData(false, false, true, "Synchronizing")]
    public void Any_one_initialization_step_alone_is_a_task_and_only_incremental_sync_ends_synchronizing(bool structure, bool fullData, bool incremental, string running)
    {
        var t = Resolve(Request(r => { r.StructureInitialization = structure; r.FullDataInitialization = fullData; r.IncrementalSync = incremental; }));

        Assert.Equal(running, t.RunningStatus);
    }

    [Fact]
    public void Two_way_without_incremental_sync_is_refused_and_told_to_add_it()
    {
        var e = Refused(Request(r => { r.TwoWay = true; r.IncrementalSync = false; }));

        Assert.Equal(("TwoWayNeedsIncremental", "Initialization"), (e.ErrorId, e.Target));
        Assert.Contains("include Incremental in -Initialization (for example -Initialization Structure,FullData,Incremental)", e.Message);
    }

    [Theory]
    // CreateDtsInstance InstanceClass for a sync instance: micro, small, medium, large (cloud-apis.md); the module's default is small.
    [InlineData(null, "small")]
    [InlineData("", "small")]
    [InlineData("micro", "micro")]
    [InlineData("small", "small")]
    [InlineData("Medium", "medium")]
    [InlineData("LARGE", "large")]
    public void The_instance_class_is_one_of_the_sync_classes_in_lower_case_and_small_by_default(string? given, string sent)
    {
        Assert.Equal(sent, Resolve(Request(r => r.InstanceClass = given)).InstanceClass);
    }

    [Theory]
    [InlineData("xlarge")]   // a migration class, not a sync class
    [InlineData("tiny")]
    public void An_instance_class_DTS_does_not_sell_for_sync_is_refused_with_the_ones_it_does(string given)
    {
        var e = Refused(Request(r => r.InstanceClass = given));

        Assert.Equal(("InvalidInstanceClass", "InstanceClass"), (e.ErrorId, e.Target));
        Assert.Equal("'" + given + "' is not a DTS sync instance class. Use one of: micro, small, medium, large.", e.Message);
    }

    // ------------------------------------------------------------------ the one database of PostgreSQL, PolarDB-O, MongoDB

    public static TheoryData<string, string, string[], string[], string?> DatabaseNames => new()
    {
        // side, engine, -Database, -Table, *EndpointDatabaseName sent
        { "Source", "PostgreSQL", new[] { "shop" }, Array.Empty<string>(), "shop" },
        { "Source", "PolarDBOracle", Array.Empty<string>(), new[] { "shop.orders", "shop.items" }, "shop" },
        { "Source", "MongoDB", new[] { "shop" }, new[] { "shop.orders" }, "shop" },
        { "Destination", "PostgreSQL", new[] { "shop" }, Array.Empty<string>(), "shop" },
        { "Destination", "MongoDB", Array.Empty<string>(), new[] { "shop.orders", "  " }, "shop" },   // a blank entry names nothing
        { "Source", "MySQL", new[] { "shop", "crm" }, Array.Empty<string>(), null },                  // MySQL has no such field
        { "Destination", "Redis", new[] { "shop", "crm" }, Array.Empty<string>(), null },
    };

    [Theory]
    [MemberData(nameof(DatabaseNames))]
    public void PostgreSQL_PolarDB_O_and_MongoDB_are_configured_with_the_one_database_their_objects_belong_to(string side, string engine, string[] databases, string[] tables, string? sent)
    {
        var t = Resolve(Request(r => { Side(r, side).Engine = engine; r.Databases = databases; r.Tables = tables; }));

        Assert.Equal(sent, side == "Source" ? t.Source.DatabaseName : t.Destination.DatabaseName);
    }

    [Fact]
    public void Without_a_database_list_the_one_database_comes_from_the_tables()
    {
        var t = Resolve(Request(r => { r.Source.Engine = "PostgreSQL"; r.Databases = null!; r.Tables = new[] { "shop.orders" }; }));

        Assert.Equal("shop", t.Source.DatabaseName);
    }

    [Theory]
    [InlineData("Source", "PostgreSQL", "shop,crm", "", "shop, crm")]
    [InlineData("Destination", "MongoDB", "shop", "crm.users", "shop, crm")]
    public void PostgreSQL_PolarDB_O_or_MongoDB_with_objects_of_several_databases_is_refused_with_one_task_per_database(string side, string engine, string databases, string tables, string named)
    {
        var e = Refused(Request(r =>
        {
            Side(r, side).Engine = engine;
            r.Databases = databases.Split(',', StringSplitOptions.RemoveEmptyEntries);
            r.Tables = tables.Split(',', StringSplitOptions.RemoveEmptyEntries);
        }));

        Assert.Equal(("SingleDatabaseRequired", "Database"), (e.ErrorId, e.Target));
        Assert.Equal("A " + engine + " " + side.ToLowerInvariant() + " is configured with the one database its objects belong to (DTS " + side + "EndpointDatabaseName); "
            + "-Database and -Table name " + named + ". Sync one database per task: create one task per database.", e.Message);
    }
}
