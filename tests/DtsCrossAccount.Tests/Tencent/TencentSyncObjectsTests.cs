#nullable enable
using DtsCrossAccount.Core;
using DtsCrossAccount.Tencent;

namespace DtsCrossAccount.Tests.Tencent;

/// <summary>
/// -Database and -Table as ConfigureSyncJob Objects (Mode Partial, the only mode for sync): whole databases with all
/// tables and views, then the databases synced table by table, each name once, in the order given. Pure.
/// </summary>
public sealed class TencentSyncObjectsTests
{
    [Fact]
    public void Whole_databases_come_first_then_each_other_database_with_its_tables_once_in_the_order_given()
    {
        var objects = TencentSyncObjects.Build(new[] { "shop", " ", "shop", "crm" }, new[] { "logs.b", "shop.orders", "logs.a", "audit.x", "logs.b" });

        Assert.Equal(
            "{\"Mode\":\"Partial\",\"Databases\":[" +
            "{\"DbName\":\"shop\",\"DbMode\":\"All\",\"TableMode\":\"All\",\"ViewMode\":\"All\"}," +
            "{\"DbName\":\"crm\",\"DbMode\":\"All\",\"TableMode\":\"All\",\"ViewMode\":\"All\"}," +
            "{\"DbName\":\"logs\",\"DbMode\":\"Partial\",\"TableMode\":\"Partial\",\"Tables\":[{\"TableName\":\"b\"},{\"TableName\":\"a\"}]}," +
            "{\"DbName\":\"audit\",\"DbMode\":\"Partial\",\"TableMode\":\"Partial\",\"Tables\":[{\"TableName\":\"x\"}]}]}",
            objects.ToString());
    }

    [Fact]
    public void Tables_alone_are_synced_table_by_table_and_a_dot_after_the_first_belongs_to_the_table_name()
    {
        var objects = TencentSyncObjects.Build(null!, new[] { "shop.orders.2026" });
        Assert.Equal("{\"Mode\":\"Partial\",\"Databases\":[{\"DbName\":\"shop\",\"DbMode\":\"Partial\",\"TableMode\":\"Partial\",\"Tables\":[{\"TableName\":\"orders.2026\"}]}]}",
            objects.ToString());
    }

    [Theory]
    [InlineData("orders")]
    [InlineData(".orders")]
    [InlineData("shop.")]
    [InlineData(null)]
    public void A_table_not_written_database_dot_table_is_refused_with_an_example(string? table)
    {
        var e = Assert.Throws<DtsCrossAccountException>(() => TencentSyncObjects.Build(new[] { "shop" }, new[] { table! }));
        Assert.Equal(("InvalidTableName", "-Table '" + table + "' must be written as database.table (for example shop.orders).", (object?)table), (e.ErrorId, e.Message, e.Target));
    }

    [Theory]
    [InlineData(null)]
    [InlineData(" ")]
    public void Nothing_to_sync_is_refused_before_any_call(string? database)
    {
        var e = Assert.Throws<DtsCrossAccountException>(() => TencentSyncObjects.Build(database == null ? null! : new[] { database }, null!));
        Assert.Equal(("SyncObjectsMissing", "Give -Database and/or -Table: Tencent DTS syncs the databases or tables you select."), (e.ErrorId, e.Message));
    }
}
