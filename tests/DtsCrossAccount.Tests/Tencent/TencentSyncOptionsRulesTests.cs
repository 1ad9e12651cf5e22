#nullable enable
using System.Management.Automation;
using DtsCrossAccount.Core;
using DtsCrossAccount.Services;
using DtsCrossAccount.Tencent;

namespace DtsCrossAccount.Tests.Tencent;

/// <summary>
/// Step 5 of the Tencent guide ("Set sync options and objects") and the purchase, as New-DtsSyncTask's options become
/// ConfigureSyncJob Options and CreateSyncJob's PayMode: the values each option takes (the SDK model's), the refusals
/// before any call, the Options JSON sent and the texts a plan shows. Pure: no emulator, no engine.
/// </summary>
public sealed class TencentSyncOptionsRulesTests
{
    private static SyncTaskOptions Given(params string[] names)
    {
        var o = new SyncTaskOptions();
        foreach (var n in names) o.Given.Add(n);
        return o;
    }

    private static DtsCrossAccountException Refused(SyncTaskOptions given, string id)
    {
        var e = Assert.Throws<DtsCrossAccountException>(() => TencentSyncOptions.Resolve(given));
        Assert.Equal((id, ErrorCategory.InvalidArgument), (e.ErrorId, e.Category));
        return e;
    }

    [Fact]
    public void Without_options_the_task_reports_conflicts_refuses_same_named_tables_syncs_all_dml_and_ddl_and_is_pay_as_you_go()
    {
        var o = TencentSyncOptions.Resolve(null!);

        Assert.Equal(
            "{\"InitType\":\"Full\",\"DealOfExistSameTable\":\"ReportErrorAfterCheck\",\"ConflictHandleType\":\"ReportError\",\"OpTypes\":[\"Insert\",\"Update\",\"Delete\",\"DDL\"]}",
            o.ToJson("Full").ToString());
        Assert.Equal(("PostPay", 0, false, false), (o.PayMode, o.TimeSpan, o.AutoRenew, o.IsSubscription));
        Assert.Equal(("Insert Update Delete DDL", "ReportError", "pay-as-you-go"), (o.DescribeOperations(), o.DescribeConflict(), o.DescribePurchase()));
        // Options given empty are the same defaults.
        Assert.Equal(o.ToJson("Data").ToString(), TencentSyncOptions.Resolve(new SyncTaskOptions()).ToJson("Data").ToString());
    }

    [Theory]
    [InlineData("reporterror", "ReportError")]
    [InlineData("IGNORE", "Ignore")]
    [InlineData("cover", "Cover")]
    public void A_conflict_handling_is_sent_as_the_model_spells_it(string given, string sent)
    {
        var o = TencentSyncOptions.Resolve(new SyncTaskOptions { ConflictHandling = given });
        Assert.Equal(sent, o.ToJson("Full").GetString("ConflictHandleType"));
        Assert.Null(o.ToJson("Full").GetObject("ConflictHandleOption"));
        Assert.Equal(sent, o.DescribeConflict());
    }

    [Theory]
    [InlineData("reportErrorAfterCheck", "ReportErrorAfterCheck")]
    [InlineData("executeafterignore", "ExecuteAfterIgnore")]
    public void A_same_named_table_handling_is_sent_as_the_model_spells_it(string given, string sent) =>
        Assert.Equal(sent, TencentSyncOptions.Resolve(new SyncTaskOptions { ExistingTableHandling = given }).ToJson("Full").GetString("DealOfExistSameTable"));

    [Theory]
    [InlineData("ConflictHandling", "Overwrite", "-ConflictHandling 'Overwrite' is not one of ReportError, Ignore, Cover, ConditionCover.")]
    [InlineData("ExistingTableHandling", "Drop", "-ExistingTableHandling 'Drop' is not one of ReportErrorAfterCheck, ExecuteAfterIgnore.")]
    [InlineData("SyncOperation", "Upsert", "-SyncOperation 'Upsert' is not one of Insert, Update, Delete, DDL.")]
    [InlineData("SyncDdl", "Table.Drop2", "-SyncDdl 'Table.Drop2' is not one of Database.Create, Database.Drop, Database.Alter, Table.Create, Table.Drop, Table.Alter, Table.Truncate, Table.Rename, View.Create, View.Drop, Index.Create, Index.Drop.")]
    [InlineData("ConflictConditionOrder", ">=", "-ConflictConditionOrder '>=' is not one of >, <, =.")]
    public void A_value_outside_the_model_is_refused_with_every_allowed_value(string parameter, string value, string message)
    {
        var given = parameter switch
        {
            "ConflictHandling" => new SyncTaskOptions { ConflictHandling = value },
            "ExistingTableHandling" => new SyncTaskOptions { ExistingTableHandling = value },
            "SyncOperation" => new SyncTaskOptions { Operations = new[] { "Insert", value } },
            "SyncDdl" => new SyncTaskOptions { Ddl = new[] { value } },
            _ => new SyncTaskOptions { ConflictHandling = "ConditionCover", ConflictConditionColumn = "updated_at", ConflictConditionOrder = value },
        };
        var e = Refused(given, "InvalidTencentSyncOption");
        Assert.Equal(message, e.Message);
        Assert.Equal(value, e.Target);
    }

    [Theory]
    [InlineData(">")]
    [InlineData("<")]
    [InlineData("=")]
    public void Condition_cover_sends_the_column_the_only_operator_and_the_order_given(string order)
    {
        var o = TencentSyncOptions.Resolve(new SyncTaskOptions { ConflictHandling = "conditioncover", ConflictConditionColumn = "updated_at", ConflictConditionOrder = order });

        var json = o.ToJson("Full");
        Assert.Equal("ConditionCover", json.GetString("ConflictHandleType"));
        // ConditionOperator: the model's only value today; the order given goes to ConditionOrderInSrcAndDst.
        Assert.Equal("{\"ConditionColumn\":\"updated_at\",\"ConditionOperator\":\">\",\"ConditionOrderInSrcAndDst\":\"" + order + "\"}",
            json.GetObject("ConflictHandleOption")!.ToString());
        Assert.Equal("ConditionCover (updated_at " + order + ")", o.DescribeConflict());
        Assert.Equal(o.DescribeConflict(), TencentSyncOptions.DescribeConflict(json));
    }

    [Theory]
    [InlineData(null, ">")]
    [InlineData("updated_at", null)]
    [InlineData("", "<")]
    public void Condition_cover_without_its_column_or_order_says_what_both_mean(string? column, string? order)
    {
        var e = Refused(new SyncTaskOptions { ConflictHandling = "ConditionCover", ConflictConditionColumn = column!, ConflictConditionOrder = order! }, "ConflictConditionMissing");
        Assert.Contains("give -ConflictConditionColumn (the column, for example updated_at) and -ConflictConditionOrder ('>' = the source value is greater, '<' smaller, '=' equal)", e.Message);
    }

    [Theory]
    [InlineData("up`dated")]
    [InlineData("updated\nat")]
    public void A_condition_column_that_is_no_column_name_is_refused_and_shown_safely(string column)
    {
        var e = Refused(new SyncTaskOptions { ConflictHandling = "ConditionCover", ConflictConditionColumn = column, ConflictConditionOrder = ">" }, "InvalidConflictConditionColumn");
        Assert.StartsWith("-ConflictConditionColumn '", e.Message);
        Assert.Contains("' is not a column name: 1 to 64 characters on one line, no backtick.", e.Message);
        Assert.DoesNotContain("\n", e.Message);
        Assert.Equal(column, e.Target);
    }

    [Fact]
    public void A_condition_column_of_64_characters_is_a_column_and_65_is_not()
    {
        var ok = TencentSyncOptions.Resolve(new SyncTaskOptions { ConflictHandling = "ConditionCover", ConflictConditionColumn = new string('c', 64), ConflictConditionOrder = "=" });
        Assert.Equal(new string('c', 64), ok.ConditionColumn);
        Refused(new SyncTaskOptions { ConflictHandling = "ConditionCover", ConflictConditionColumn = new string('c', 65), ConflictConditionOrder = "=" }, "InvalidConflictConditionColumn");
    }

    [Theory]
    [InlineData("ConflictConditionColumn")]
    [InlineData("ConflictConditionOrder")]
    public void A_condition_without_condition_cover_is_refused_rather_than_dropped(string parameter)
    {
        var given = Given(parameter);
        given.ConflictHandling = "Cover";
        var e = Refused(given, "ConflictConditionWithoutConditionCover");
        Assert.Equal("-ConflictConditionColumn and -ConflictConditionOrder belong to -ConflictHandling ConditionCover; add it, or leave them out.", e.Message);
        // Not given: nothing to refuse, whatever the defaults hold.
        Assert.Equal("Cover", TencentSyncOptions.Resolve(new SyncTaskOptions { ConflictHandling = "Cover" }).ConflictHandleType);
    }

    [Fact]
    public void Operations_are_sent_once_each_in_the_models_order_whatever_order_and_case_they_were_given_in()
    {
        var o = TencentSyncOptions.Resolve(new SyncTaskOptions { Operations = new[] { "delete", "DDL", "Insert", "insert" } });
        Assert.Equal(new[] { "Insert", "Delete", "DDL" }, o.OpTypes);
        Assert.Equal("Insert Delete DDL", o.DescribeOperations());
    }

    [Theory]
    [InlineData("DDL")]
    [InlineData("ddl", "DDL")]
    public void Operations_without_any_dml_are_refused_as_configure_sync_job_would(params string[] ops)
    {
        var e = Refused(new SyncTaskOptions { Operations = ops }, "SyncOperationNeedsDml");
        Assert.Equal("-SyncOperation must include at least one of Insert, Update, Delete: ConfigureSyncJob requires a DML operation in Options.OpTypes.", e.Message);
    }

    public static TheoryData<string, string, string> EveryDdlChoice()
    {
        // The SDK model's DdlOption: DdlObject Database, Table, View, Index and the DdlValue each takes.
        var data = new TheoryData<string, string, string>();
        foreach (var (obj, values) in new[]
                 {
                     ("Database", new[] { "Create", "Drop", "Alter" }),
                     ("Table", new[] { "Create", "Drop", "Alter", "Truncate", "Rename" }),
                     ("View", new[] { "Create", "Drop" }),
                     ("Index", new[] { "Create", "Drop" }),
                 })
            foreach (var v in values) data.Add((obj + "." + v).ToLowerInvariant(), obj, v);
        return data;
    }

    [Theory]
    [MemberData(nameof(EveryDdlChoice))]
    public void Each_ddl_choice_of_the_model_is_sent_as_partial_ddl_of_its_object(string given, string ddlObject, string ddlValue)
    {
        var o = TencentSyncOptions.Resolve(new SyncTaskOptions { Ddl = new[] { given } });
        var json = o.ToJson("Full");
        Assert.Equal("[\"Insert\",\"Update\",\"Delete\",\"PartialDDL\"]", Json.Json.Serialize(json.GetArray("OpTypes")));
        Assert.Equal("[{\"DdlObject\":\"" + ddlObject + "\",\"DdlValue\":[\"" + ddlValue + "\"]}]", Json.Json.Serialize(json.GetArray("DdlOptions")));
        Assert.Equal("Insert Update Delete PartialDDL (" + ddlObject + ": " + ddlValue + ")", o.DescribeOperations());
    }

    [Fact]
    public void Ddl_choices_are_grouped_by_object_once_each_in_the_models_order()
    {
        var o = TencentSyncOptions.Resolve(new SyncTaskOptions
        {
            Operations = new[] { "Insert", "ddl" },
            Ddl = new[] { "Table.Rename", "table.create", "Table.Create", "Database.Drop", "Table.Alter" },
        });

        Assert.Equal(new[] { "Insert", "PartialDDL" }, o.OpTypes);
        Assert.Equal("[{\"DdlObject\":\"Database\",\"DdlValue\":[\"Drop\"]},{\"DdlObject\":\"Table\",\"DdlValue\":[\"Create\",\"Alter\",\"Rename\"]}]",
            Json.Json.Serialize(o.ToJson("Full").GetArray("DdlOptions")));
        Assert.Equal("Insert PartialDDL (Database: Drop; Table: Create Alter Rename)", o.DescribeOperations());
    }

    [Fact]
    public void Chosen_ddl_with_operations_that_leave_ddl_out_is_refused()
    {
        var e = Refused(new SyncTaskOptions { Operations = new[] { "Insert", "Update" }, Ddl = new[] { "Table.Create" } }, "SyncDdlWithoutDdl");
        Assert.Equal("-SyncDdl picks which DDL to sync, but -SyncOperation leaves DDL out. Add DDL to -SyncOperation, or leave -SyncDdl out.", e.Message);
        // An empty -SyncDdl chooses nothing: all DDL stays as the operations say.
        Assert.Equal(new[] { "Insert", "Update" }, TencentSyncOptions.Resolve(new SyncTaskOptions { Operations = new[] { "Insert", "Update" }, Ddl = Array.Empty<string>() }).OpTypes);
    }

    [Theory]
    [InlineData(false, 0, 1)]     // CreateSyncJob's default length: one month
    [InlineData(true, 1, 1)]
    [InlineData(true, 100, 100)]
    [InlineData(true, 12, 12)]
    public void A_subscription_is_bought_prepaid_for_the_months_given_or_one(bool periodGiven, int months, int timeSpan)
    {
        var given = periodGiven ? Given("Period") : Given();
        given.Subscription = true;
        given.PeriodMonths = months;
        var o = TencentSyncOptions.Resolve(given);
        Assert.Equal(("PrePay", timeSpan, true, false), (o.PayMode, o.TimeSpan, o.IsSubscription, o.AutoRenew));
        Assert.Equal("prepaid " + timeSpan + "-month (not auto-renewed)", o.DescribePurchase());
    }

    [Fact]
    public void An_auto_renewed_subscription_says_so()
    {
        var given = Given("Period", "AutoRenew");
        (given.Subscription, given.PeriodMonths, given.AutoRenew) = (true, 6, true);
        var o = TencentSyncOptions.Resolve(given);
        Assert.True(o.AutoRenew);
        Assert.Equal("prepaid 6-month (auto-renewed)", o.DescribePurchase());
    }

    [Theory]
    [InlineData(0)]
    [InlineData(101)]
    [InlineData(-1)]
    public void A_subscription_length_outside_1_to_100_months_is_refused(int months)
    {
        var given = Given("Period");
        (given.Subscription, given.PeriodMonths) = (true, months);
        var e = Refused(given, "InvalidSubscriptionPeriod");
        Assert.Equal("-Period " + months + " is not a Tencent DTS subscription length: CreateSyncJob takes 1 to 100 months (TimeSpan).", e.Message);
        Assert.Equal(months, e.Target);
    }

    [Theory]
    [InlineData("Period")]
    [InlineData("AutoRenew")]
    public void Subscription_parameters_without_a_subscription_are_refused(string parameter)
    {
        var e = Refused(Given(parameter), "SubscriptionParameterWithoutSubscription");
        Assert.Equal("-Period and -AutoRenew belong to a subscription: add -PayMode Subscription (pay-as-you-go, the default, has neither).", e.Message);
    }

    [Fact]
    public void A_read_jobs_operations_are_described_dml_first_then_partial_ddl_with_its_objects_in_order()
    {
        var ddl = new[]
        {
            new Json.JsonObject().Set("DdlObject", "Table").Set("DdlValue", new List<object> { "Create", "Drop" }),
            new Json.JsonObject().Set("DdlObject", "Database"),
        };
        Assert.Equal("Insert Delete PartialDDL (Database: ; Table: Create Drop)", TencentSyncOptions.DescribeOperations(new[] { "PartialDDL", "Delete", "Insert" }, ddl));
        Assert.Equal("Update DDL", TencentSyncOptions.DescribeOperations(new[] { "DDL", "Update" }, null!));
        Assert.Equal("", TencentSyncOptions.DescribeOperations(null!, null!));
    }

    [Fact]
    public void A_read_jobs_conflict_handling_is_described_with_its_condition_only_for_condition_cover()
    {
        Assert.Null(TencentSyncOptions.DescribeConflict(null!));
        Assert.Equal("ConditionCover", TencentSyncOptions.DescribeConflict(new Json.JsonObject().Set("ConflictHandleType", "ConditionCover")));
        var cover = new Json.JsonObject().Set("ConflictHandleType", "Cover")
            .Set("ConflictHandleOption", new Json.JsonObject().Set("ConditionColumn", "c").Set("ConditionOrderInSrcAndDst", ">"));
        Assert.Equal("Cover", TencentSyncOptions.DescribeConflict(cover));
    }
}
