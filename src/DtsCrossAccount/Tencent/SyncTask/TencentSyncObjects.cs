using System;
using System.Collections.Generic;
using System.Linq;
using DtsCrossAccount.Json;

namespace DtsCrossAccount.Tencent
{
    /// <summary>ConfigureSyncJob Objects: Mode Partial (the only mode for sync, V1.4) with whole databases and selected tables.</summary>
    internal static class TencentSyncObjects
    {
        public static JsonObject Build(string[] databases, string[] tables)
        {
            var whole = (databases ?? Array.Empty<string>()).Where(d => !string.IsNullOrWhiteSpace(d)).Distinct(StringComparer.Ordinal).ToList();
            var byDb = new Dictionary<string, List<string>>(StringComparer.Ordinal);
            var order = new List<string>();
            foreach (var t in tables ?? Array.Empty<string>())
            {
                int dot = t?.IndexOf('.') ?? -1;
                if (dot <= 0 || dot == t.Length - 1)
                    throw TencentSyncSpecResolver.Invalid("InvalidTableName", string.Format("-Table '{0}' must be written as database.table (for example shop.orders).", t), t);
                string db = t.Substring(0, dot), table = t.Substring(dot + 1);
                if (whole.Contains(db)) continue; // the whole database is synced already
                if (!byDb.TryGetValue(db, out var list)) { byDb[db] = list = new List<string>(); order.Add(db); }
                if (!list.Contains(table)) list.Add(table);
            }
            if (whole.Count == 0 && order.Count == 0)
                throw TencentSyncSpecResolver.Invalid("SyncObjectsMissing", "Give -Database and/or -Table: Tencent DTS syncs the databases or tables you select.", null);

            var items = new List<object>();
            foreach (var db in whole)
                items.Add(new JsonObject().Set("DbName", db).Set("DbMode", "All").Set("TableMode", "All").Set("ViewMode", "All"));
            foreach (var db in order)
                items.Add(new JsonObject().Set("DbName", db).Set("DbMode", "Partial").Set("TableMode", "Partial")
                    .Set("Tables", byDb[db].Select(t => (object)new JsonObject().Set("TableName", t)).ToList()));
            return new JsonObject().Set("Mode", "Partial").Set("Databases", items);
        }
    }
}
