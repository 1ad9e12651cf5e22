#nullable enable
using System.Management.Automation;
using DtsCrossAccount.Core;
using DtsCrossAccount.Services;
using DtsCrossAccount.Tencent;

namespace DtsCrossAccount.Tests.Tencent;

/// <summary>
/// A Tencent New-DtsSyncTask request checked and resolved before any call: what is refused (error ID, the parameter
/// named, what to do) and what the later steps are given (engines, regions, accounts, roles, initialization, class,
/// objects, TDSQL connection). The resolver makes no call, so these run without an emulator or engine.
/// </summary>
public sealed class TencentSyncSpecRulesTests
{
    private const string A = "100000000001", B = "100000000002", Region = "ap-guangzhou";

    private static TencentSyncSpecResolver Resolver(string? contextRegion = Region) =>
        new(new TencentProvider(new ProviderContext { Region = contextRegion!, Reporter = NullReporter.Instance }));

    /// <summary>B's task from A's cdb-src00001 into B's cdb-dst00001, as the guide's example; B is the caller.</summary>
    private static SyncTaskRequest Request() => new()
    {
        Caller = new CallerIdentity { Cloud = CloudKind.Tencent, AccountId = B, UserId = B, Type = "Root" },
        Name = "orders",
        Source = new DatabaseEndpointSpec { AccountId = A, InstanceId = "cdb-src00001", Region = Region, Engine = "MySQL", RoleName = "DTS-role", UserName = "r", Password = "Src-Pass1" },
        Destination = new DatabaseEndpointSpec { InstanceId = "cdb-dst00001", Engine = "TDSQL-C", UserName = "w", Password = "Dst-Pass1" },
        Databases = new[] { "shop" },
    };

    private static DtsCrossAccountException Refused(SyncTaskRequest request, string id, string? contextRegion = Region)
    {
        var e = Assert.Throws<DtsCrossAccountException>(() => Resolver(contextRegion).Resolve(request));
        Assert.Equal(id, e.ErrorId);
        Assert.Equal(ErrorCategory.InvalidArgument, e.Category);
        return e;
    }

    [Fact]
    public void The_guides_task_resolves_to_a_cross_account_source_and_a_destination_in_the_task_account()
    {
        var spec = Resolver().Resolve(Request());

        Assert.Equal(("orders", B, "Full", "micro", 1800, false, false), (spec.Name, spec.TaskAccount, spec.InitType, spec.InstanceClass, spec.TimeoutSeconds, spec.NoStart, spec.Wait));
        Assert.Equal((A, "DTS-role", true, "mysql", Region, false), (spec.Source.AccountId, spec.Source.RoleName, spec.Source.CrossAccount, spec.Source.Engine, spec.Source.Region, spec.Source.Cluster));
        // The destination takes the task account, no role, and the context's region; "TDSQL-C" is sent as its API value.
        Assert.Equal((B, (string?)null, false, "cynosdbmysql", Region), (spec.Destination.AccountId, spec.Destination.RoleName, spec.Destination.CrossAccount, spec.Destination.Engine, spec.Destination.Region));
        Assert.Equal("{\"Mode\":\"Partial\",\"Databases\":[{\"DbName\":\"shop\",\"DbMode\":\"All\",\"TableMode\":\"All\",\"ViewMode\":\"All\"}]}", spec.Objects.ToString());
        Assert.Equal("ReportError", spec.Options.ConflictHandleType);
        Assert.Null(spec.Source.TdsqlConnection);
    }

    [Fact]
    public void A_source_in_another_account_without_a_role_name_assumes_the_guides_DTS_role_and_an_engine_left_out_is_mysql()
    {
        var request = Request();
        (request.Source.RoleName, request.Source.Engine, request.Destination.Engine) = (null!, null!, null!);
        var spec = Resolver().Resolve(request);
        Assert.Equal(("DTS-role", "mysql", "mysql"), (spec.Source.RoleName, spec.Source.Engine, spec.Destination.Engine));
    }

    [Fact]
    public void A_source_marked_cross_account_is_one_even_before_the_caller_is_known()
    {
        var request = Request();
        request.Caller = null!;
        request.Source.IsCrossAccount = true;
        var spec = Resolver().Resolve(request);
        Assert.True(spec.Source.CrossAccount);
        Assert.Equal("DTS-role", spec.Source.RoleName);
        // Before "who am I" a side without an explicit account has none, and is not taken for another account.
        Assert.Equal(((string?)null, false, (string?)null), (spec.Destination.AccountId, spec.Destination.CrossAccount, spec.TaskAccount));
    }

    [Theory]
    [InlineData(true, true, "Full")]
    [InlineData(true, false, "Structure")]
    [InlineData(false, true, "Data")]
    [InlineData(false, false, "None")]
    public void The_initialization_chosen_is_sent_as_ConfigureSyncJobs_InitType(bool structure, bool fullData, string initType)
    {
        var request = Request();
        (request.StructureInitialization, request.FullDataInitialization) = (structure, fullData);
        Assert.Equal(initType, Resolver().Resolve(request).InitType);
    }

    [Fact]
    public void Without_incremental_sync_the_task_is_refused_because_tencent_sync_always_replicates_changes()
    {
        var request = Request();
        request.IncrementalSync = false;
        var e = Refused(request, "TencentSyncNeedsIncremental");
        Assert.Contains("include Incremental in -Initialization (for example -Initialization Structure,FullData,Incremental, or just Incremental to skip the initial load)", e.Message);
        Assert.Equal("orders", e.Target);
    }

    [Theory]
    [InlineData(null)]
    [InlineData(" ")]
    public void A_task_without_a_name_is_refused_because_a_re_run_finds_it_by_name(string? name)
    {
        var request = Request();
        request.Name = name!;
        Assert.Equal("-Name is required for Tencent: it is the DTS job name by which a re-run finds and resumes the task.", Refused(request, "SyncTaskNameMissing").Message);
    }

    [Theory]
    [InlineData("Source")]
    [InlineData("Destination")]
    public void A_task_without_either_endpoint_is_refused(string missing)
    {
        var request = Request();
        if (missing == "Source") request.Source = null!; else request.Destination = null!;
        Assert.Equal("Both the source and the destination database must be given.", Refused(request, "SyncTaskEndpointMissing").Message);
    }

    [Fact]
    public void Timeout_of_zero_means_the_default_half_hour_and_any_other_is_kept()
    {
        var request = Request();
        request.TimeoutSeconds = 0;
        Assert.Equal(1800, Resolver().Resolve(request).TimeoutSeconds);
        request.TimeoutSeconds = 60;
        (request.NoStart, request.Wait) = (true, true);
        var spec = Resolver().Resolve(request);
        Assert.Equal((60, true, true), (spec.TimeoutSeconds, spec.NoStart, spec.Wait));
    }

    [Fact]
    public void A_destination_in_another_account_is_refused_with_whose_credentials_to_use()
    {
        var request = Request();
        request.Destination.AccountId = A;
        var e = Refused(request, "TencentTargetMustBeTaskAccount");
        Assert.Equal("Tencent cross-account sync copies from another account's source into an instance of the account that creates the task, " +
                     "but target cdb-dst00001 belongs to account " + A + " and the credentials to account " + B + ". Run New-DtsSyncTask with credentials of account " + A +
                     " (its root or a sub-account), with the role in the source account trusting root account " + A + ".", e.Message);
        Assert.Equal("cdb-dst00001", e.Target);
    }

    [Theory]
    [InlineData("Source", "PostgreSQL")]
    [InlineData("Destination", "redis")]
    public void An_engine_outside_the_cross_account_scope_is_refused_in_a_cross_account_task(string side, string engine)
    {
        var request = Request();
        (side == "Source" ? request.Source : request.Destination).Engine = engine;
        var e = Refused(request, "UnsupportedTencentEngine");
        Assert.StartsWith("-" + side + "Engine '" + engine + "' is not supported for Tencent cross-account data sync. The guide's Supported Scope is: " +
                          "\"Cross-account data sync is supported between TencentDB for MySQL, TDSQL for MySQL, TDSQL-C, and TencentDB for MariaDB instances", e.Message);
        Assert.EndsWith("Use one of: " + TencentSupportedScope.Describe() + ".", e.Message);
        Assert.Equal(engine, e.Target);
    }

    [Fact]
    public void An_engine_outside_the_scope_is_taken_when_both_endpoints_are_in_the_task_account()
    {
        var request = Request();
        (request.Source.AccountId, request.Source.RoleName, request.Source.Engine, request.Destination.Engine) = (B, null!, "PostgreSQL", "postgresql");
        var spec = Resolver().Resolve(request);
        Assert.Equal(("postgresql", false, (string?)null), (spec.Source.Engine, spec.Source.CrossAccount, spec.Source.RoleName));
    }

    [Fact]
    public void An_engine_the_module_does_not_know_is_refused_with_the_scope_and_the_same_account_engines()
    {
        var request = Request();
        request.Destination.Engine = "Oracle";
        var e = Refused(request, "UnsupportedTencentEngine");
        Assert.StartsWith("-DestinationEngine 'Oracle' is not a Tencent DTS database type the module knows. The guide's Supported Scope is: " +
                          "\"Cross-account data sync is supported between TencentDB for MySQL, TDSQL for MySQL, TDSQL-C, and TencentDB for MariaDB " +
                          "instances, but not between MySQL and CDWPG instances.\" ", e.Message);
        Assert.EndsWith("Use one of: " + TencentSupportedScope.Describe() + " (within one account also: percona, postgresql, tdpg, tdstore, mongodb, redis, kafka).", e.Message);
        Assert.Equal("Oracle", e.Target);
    }

    [Theory]
    [InlineData(null, "micro")]
    [InlineData("", "micro")]
    [InlineData("SMALL", "small")]
    [InlineData("medium", "medium")]
    [InlineData("Large", "large")]
    public void The_instance_class_is_sent_in_lower_case_and_defaults_to_micro(string? given, string sent)
    {
        var request = Request();
        request.InstanceClass = given!;
        Assert.Equal(sent, Resolver().Resolve(request).InstanceClass);
    }

    [Fact]
    public void An_instance_class_dts_does_not_sell_is_refused_with_the_ones_it_does()
    {
        var request = Request();
        request.InstanceClass = "xlarge";
        var e = Refused(request, "InvalidTencentInstanceClass");
        Assert.Equal("-InstanceClass 'xlarge' is not a Tencent DTS sync job class; use one of micro, small, medium, large.", e.Message);
        Assert.Equal("xlarge", e.Target);
    }

    [Fact]
    public void Without_a_region_on_the_side_or_the_command_the_side_asks_for_one()
    {
        var request = Request();
        request.Source.Region = null!;
        Assert.Equal("Give -SourceRegion or -Region (for example ap-guangzhou).", Refused(request, "TencentRegionMissing", contextRegion: null).Message);
        // The side's own region is enough.
        request.Source.Region = "ap-shanghai";
        request.Destination.Region = "ap-beijing";
        var spec = Resolver(contextRegion: null).Resolve(request);
        Assert.Equal(("ap-shanghai", "ap-beijing"), (spec.Source.Region, spec.Destination.Region));
    }

    [Fact]
    public void A_region_tencent_does_not_have_is_refused_naming_the_sides_parameter()
    {
        var request = Request();
        request.Destination.Region = "eu-nowhere-9";
        Assert.StartsWith("-DestinationRegion 'eu-nowhere-9'", Refused(request, "InvalidTencentRegion").Message);
    }

    [Fact]
    public void A_side_without_an_instance_is_refused_with_an_example_ID()
    {
        var request = Request();
        request.Destination.InstanceId = "";
        Assert.Equal("Give -DestinationInstanceId (for example cdb-abcd1234).", Refused(request, "InstanceIdMissing").Message);
    }

    [Theory]
    [InlineData(null, "Src-Pass1")]
    [InlineData("r", null)]
    [InlineData("", "")]
    public void A_side_without_a_database_account_is_refused_and_says_why_dts_needs_one(string? user, string? password)
    {
        var request = Request();
        (request.Source.UserName, request.Source.Password) = (user!, password!);
        var e = Refused(request, "DatabaseCredentialMissing");
        Assert.Equal("Give -SourceDatabaseCredential: DTS signs in to cdb-src00001 with a database account to copy the data.", e.Message);
        Assert.Equal("cdb-src00001", e.Target);
    }

    [Fact]
    public void An_account_id_or_role_name_that_cannot_be_one_is_refused_naming_the_sides_parameter()
    {
        var request = Request();
        request.Source.AccountId = "acct-a";
        Assert.StartsWith("-SourceAccountId 'acct-a' is not a Tencent Cloud account ID.", Assert.Throws<DtsCrossAccountException>(() => Resolver().Resolve(request)).Message);

        request = Request();
        request.Source.RoleName = "dts_role";
        var e = Assert.Throws<DtsCrossAccountException>(() => Resolver().Resolve(request));
        Assert.Equal("InvalidTencentRoleName", e.ErrorId);
        Assert.StartsWith("-SourceRoleName 'dts_role' cannot be used", e.Message);
        // A role name on a side in the task account is not used, so not checked either.
        request = Request();
        request.Destination.RoleName = "dts_role";
        Assert.False(Resolver().Resolve(request).Destination.CrossAccount);
    }

    [Fact]
    public void A_tdsql_source_connects_through_its_proxy_unless_told_otherwise()
    {
        var request = Request();
        request.Source.Engine = "TDSQL";
        var spec = Resolver().Resolve(request);
        Assert.Equal(("tdsqlmysql", "proxy", true), (spec.Source.Engine, spec.Source.TdsqlConnection, spec.Source.Cluster));
        Assert.Empty(spec.Source.TdsqlSets);

        request.Source.TdsqlConnection = "PROXY";
        Assert.Equal("proxy", Resolver().Resolve(request).Source.TdsqlConnection);
    }

    [Fact]
    public void A_tdsql_set_connection_keeps_each_shard_in_the_order_given()
    {
        var request = Request();
        (request.Source.Engine, request.Source.TdsqlConnection) = ("tdsqlmysql", "Set");
        request.Source.TdsqlSets = new[] { "set_1700000000_1=10.0.0.12:3306", "set-2=255.255.255.255:65535", "s3=0.0.0.0:1" };

        var spec = Resolver().Resolve(request);

        Assert.Equal("set", spec.Source.TdsqlConnection);
        Assert.Equal(new[] { "set_1700000000_1 10.0.0.12 3306", "set-2 255.255.255.255 65535", "s3 0.0.0.0 1" },
            spec.Source.TdsqlSets.Select(s => s.SetId + " " + s.Ip + " " + s.Port));
    }

    [Theory]
    [InlineData("set_1=10.0.0.256:3306")]
    [InlineData("set_1=10.0.0.1:0")]
    [InlineData("set_1=10.0.0.1:65536")]
    [InlineData("set_1=10.0.0.1")]
    [InlineData("10.0.0.1:3306")]
    [InlineData("set 1=10.0.0.1:3306")]
    [InlineData(null)]
    public void A_shard_that_is_not_setId_ip_port_is_refused_with_an_example(string? set)
    {
        var request = Request();
        (request.Source.Engine, request.Source.TdsqlConnection) = ("tdsqlmysql", "set");
        request.Source.TdsqlSets = new[] { "set_0=10.0.0.11:3306", set! };
        var e = Refused(request, "InvalidTdsqlSet");
        Assert.StartsWith("-SourceTdsqlSet '", e.Message);
        Assert.Contains("' is not 'setId=ip:port' (for example set_1700000000_1=10.0.0.12:3306).", e.Message);
        Assert.Equal(set, e.Target);
    }

    [Fact]
    public void A_shard_named_twice_is_refused()
    {
        var request = Request();
        (request.Source.Engine, request.Source.TdsqlConnection) = ("tdsqlmysql", "set");
        request.Source.TdsqlSets = new[] { "set_1=10.0.0.11:3306", "set_1=10.0.0.12:3306" };
        var e = Refused(request, "DuplicateTdsqlSet");
        Assert.Equal(("-SourceTdsqlSet names set set_1 twice.", "set_1=10.0.0.12:3306"), (e.Message, e.Target));
    }

    [Fact]
    public void The_set_connection_without_shards_says_how_to_list_them()
    {
        var request = Request();
        (request.Source.Engine, request.Source.TdsqlConnection) = ("tdsqlmysql", "set");
        Assert.Equal("-SourceTdsqlConnection Set connects to each shard: list them with -SourceTdsqlSet 'setId=ip:port', first the shard whose shard-key range starts at 0 " +
                     "(IDs and addresses from the TDSQL console's shard list).", Refused(request, "TdsqlSetsMissing").Message);
    }

    [Fact]
    public void Shards_with_the_proxy_connection_are_refused_rather_than_ignored()
    {
        var request = Request();
        request.Source.Engine = "tdsqlmysql";
        request.Source.TdsqlSets = new[] { "set_1=10.0.0.11:3306" };
        Assert.Equal("-SourceTdsqlSet lists shards for the set connection; with the proxy connection DTS reaches them through the proxy. Add -SourceTdsqlConnection Set, or leave the sets out.",
            Refused(request, "TdsqlSetsWithProxy").Message);
    }

    [Fact]
    public void A_tdsql_connection_that_is_neither_proxy_nor_set_is_refused()
    {
        var request = Request();
        (request.Source.Engine, request.Source.TdsqlConnection) = ("tdsqlmysql", "direct");
        var e = Refused(request, "InvalidTdsqlConnection");
        Assert.Equal(("-SourceTdsqlConnection 'direct' is not proxy or set.", "direct"), (e.Message, e.Target));
    }

    [Theory]
    [InlineData("set", null)]
    [InlineData(null, "set_1=10.0.0.11:3306")]
    public void A_tdsql_connection_for_another_engines_source_is_refused_naming_that_product(string? connection, string? set)
    {
        var request = Request();
        request.Source.TdsqlConnection = connection!;
        request.Source.TdsqlSets = set == null ? null! : new[] { set };
        Assert.Equal("-SourceTdsqlConnection and -SourceTdsqlSet are for a TDSQL for MySQL source (-SourceEngine TDSQL); the source here is TencentDB for MySQL.",
            Refused(request, "TdsqlConnectionForOtherEngine").Message);
    }

    [Theory]
    [InlineData("proxy", null)]
    [InlineData(null, "set_1=10.0.0.11:3306")]
    public void A_tdsql_connection_for_the_destination_is_refused_because_a_target_is_reached_through_its_proxy(string? connection, string? set)
    {
        var request = Request();
        request.Destination.Engine = "TDSQL";
        request.Destination.TdsqlConnection = connection!;
        request.Destination.TdsqlSets = set == null ? null! : new[] { set };
        Assert.Equal("The TDSQL connection (proxy or set) is chosen for the source only (ConfigureSyncJob SrcConnectType); a TDSQL for MySQL target is reached through its proxy.",
            Refused(request, "TdsqlConnectionIsForTheSource").Message);
    }
}
