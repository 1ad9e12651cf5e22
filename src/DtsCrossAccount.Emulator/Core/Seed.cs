using System.Reflection;
using System.Text.Json.Nodes;
using DtsCrossAccount.Emulator.Alibaba;
using DtsCrossAccount.Emulator.Tencent;

namespace DtsCrossAccount.Emulator.Core;

/// <summary>Loads accounts, keys, users and database instances from a seed document (format: README, "Emulator seed").</summary>
public static class Seed
{
    public static string DefaultSeedJson()
    {
        using var s = Assembly.GetExecutingAssembly().GetManifestResourceStream("DtsCrossAccount.Emulator.default-seed.json")
            ?? throw new InvalidOperationException("default seed missing from the emulator assembly");
        using var r = new StreamReader(s);
        return r.ReadToEnd();
    }

    public static void Load(EmulatorState state, string json)
    {
        var root = JsonNode.Parse(json)?.AsObject() ?? throw new InvalidDataException("seed: not a JSON object");
        var now = state.Clock.UtcNow;
        TencentPresets.Add(state.Tencent, now);
        AlibabaPresets.Add(state.Alibaba);

        foreach (var a in root["tencent"]?["accounts"]?.AsArray() ?? new JsonArray())
        {
            var account = new TencentAccount { Uin = Req(a, "uin"), Name = (string?)a!["name"] ?? "", AppId = (long?)a["appId"] ?? 0 };
            state.Tencent.Accounts[account.Uin] = account;
            var rootPrincipal = new Principal { Cloud = "Tencent", AccountId = account.Uin, Type = "Root", UserId = account.Uin, UserName = "root" };
            AddKey(state.Tencent.Keys, a, "secretId", "secretKey", rootPrincipal);
            foreach (var s in a["subAccounts"]?.AsArray() ?? new JsonArray())
            {
                var sub = new TencentSubAccount { Uin = Req(s, "uin"), Name = Req(s, "name") };
                account.SubAccounts[sub.Uin] = sub;
                AddKey(state.Tencent.Keys, s, "secretId", "secretKey",
                    new Principal { Cloud = "Tencent", AccountId = account.Uin, Type = "SubAccount", UserId = sub.Uin, UserName = sub.Name });
            }
            foreach (var i in a["instances"]?.AsArray() ?? new JsonArray())
            {
                var inst = new TencentDbInstance { InstanceId = Req(i, "instanceId"), Engine = Req(i, "engine"), Region = Req(i, "region"), Name = (string?)i!["name"] ?? "" };
                LoadDatabases(i, inst.Databases);
                account.Instances.Add(inst);
            }
        }

        foreach (var a in root["alibaba"]?["accounts"]?.AsArray() ?? new JsonArray())
        {
            var account = new AlibabaAccount
            {
                Uid = Req(a, "uid"),
                Name = (string?)a!["name"] ?? "",
                CloudType = (string?)a["cloudType"] ?? "public",
                DtsServiceRoleAuthorized = (bool?)a["dtsServiceRoleAuthorized"] ?? true,
            };
            state.Alibaba.Accounts[account.Uid] = account;
            AddKey(state.Alibaba.Keys, a, "accessKeyId", "accessKeySecret",
                new Principal { Cloud = "Alibaba", AccountId = account.Uid, Type = "Root", UserId = account.Uid, UserName = "root" });
            foreach (var u in a["ramUsers"]?.AsArray() ?? new JsonArray())
            {
                var user = new AlibabaRamUser { UserName = Req(u, "userName"), UserId = (string?)u!["userId"] ?? NewUserId(state.Alibaba) };
                foreach (var p in u["policies"]?.AsArray() ?? new JsonArray()) user.Policies.Add(("System", (string)p!));
                account.Users[user.UserName] = user;
                AddKey(state.Alibaba.Keys, u, "accessKeyId", "accessKeySecret",
                    new Principal { Cloud = "Alibaba", AccountId = account.Uid, Type = "RamUser", UserId = user.UserId, UserName = user.UserName });
            }
            foreach (var i in a["instances"]?.AsArray() ?? new JsonArray())
            {
                var inst = new AlibabaDbInstance
                {
                    InstanceId = Req(i, "instanceId"), Engine = Req(i, "engine"), Region = Req(i, "region"),
                    InstanceType = (string?)i!["instanceType"] ?? "RDS",
                };
                LoadDatabases(i, inst.Databases);
                account.Instances.Add(inst);
            }
        }
    }

    private static string NewUserId(AlibabaWorld w) => "2" + (w.NextSeq++).ToString("D15");

    private static void LoadDatabases(JsonNode? i, Dictionary<string, List<string>> into)
    {
        if (i?["databases"] is not JsonObject dbs) return;
        foreach (var kv in dbs)
            into[kv.Key] = kv.Value?.AsArray().Select(t => (string)t!).ToList() ?? new List<string>();
    }

    private static void AddKey(Dictionary<string, AccessKey> keys, JsonNode? node, string idName, string secretName, Principal owner)
    {
        var id = (string?)node?[idName];
        var secret = (string?)node?[secretName];
        if (string.IsNullOrEmpty(id) || string.IsNullOrEmpty(secret)) return;
        keys[id] = new AccessKey { Id = id, Secret = secret, Owner = owner };
    }

    private static string Req(JsonNode? node, string name) =>
        (string?)node?[name] ?? throw new InvalidDataException($"seed: '{name}' is required in {node?.ToJsonString()}");
}
