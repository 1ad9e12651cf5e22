using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using DtsCrossAccount.Sandbox;

namespace DtsCrossAccount.Tools;

/// <summary>
/// The emulator's seeded accounts as named profiles for build.ps1 -Task Emulator. By default they go into a folder of
/// their own (the module is pointed at them with TENCENTCLOUD_CREDENTIALS_FILE and ALIBABA_CLOUD_CONFIG_FILE). Only with
/// -UseRealProfileFiles are they added to ~/.tencentcloud/credentials and ~/.aliyun/config.json, and then only profiles
/// whose names are not taken, after a one-time backup: a user's own profile is never overwritten.
/// </summary>
public static class ProfileWriter
{
    public static IReadOnlyDictionary<string, string> Write(string directory, Uri baseUrl, string? seedJson = null)
    {
        var files = SandboxProfiles.Write(seedJson ?? DtsCrossAccount.Emulator.Core.Seed.DefaultSeedJson(), directory);
        return new Dictionary<string, string>
        {
            ["DTSCROSSACCOUNT_ENDPOINT_URL"] = baseUrl.ToString().TrimEnd('/'),
            ["TENCENTCLOUD_CREDENTIALS_FILE"] = files.TencentCredentialsFile,
            ["ALIBABA_CLOUD_CONFIG_FILE"] = files.AlibabaConfigFile,
            ["PROFILES"] = string.Join(",", files.ProfileNames),
        };
    }

    /// <summary>Adds the sandbox profiles to the real files; returns the names added. Existing names are left alone.</summary>
    public static IReadOnlyList<string> MergeIntoRealFiles(string sandboxDirectory, string homeDirectory)
    {
        var added = new List<string>();
        string tencentTarget = Path.Combine(homeDirectory, ".tencentcloud", "credentials");
        string tencentSource = Path.Combine(sandboxDirectory, "tencentcloud-credentials");
        var existingSections = File.Exists(tencentTarget)
            ? File.ReadAllLines(tencentTarget).Select(l => l.Trim()).Where(l => l.StartsWith('[') && l.EndsWith(']')).Select(l => l[1..^1].Trim()).ToHashSet()
            : new HashSet<string>();
        var toAppend = new StringBuilder();
        string? current = null;
        foreach (var line in File.ReadAllLines(tencentSource))
        {
            var t = line.Trim();
            if (t.StartsWith('[') && t.EndsWith(']')) current = t[1..^1];
            if (current != null && !existingSections.Contains(current))
            {
                toAppend.Append(line).Append('\n');
                if (t.StartsWith('[')) added.Add(current);
            }
        }
        if (toAppend.Length > 0)
        {
            Directory.CreateDirectory(Path.GetDirectoryName(tencentTarget)!);
            Backup(tencentTarget);
            File.AppendAllText(tencentTarget, "\n" + toAppend);
        }

        string aliyunTarget = Path.Combine(homeDirectory, ".aliyun", "config.json");
        var source = JsonNode.Parse(File.ReadAllText(Path.Combine(sandboxDirectory, "aliyun-config.json")))!.AsObject();
        var target = File.Exists(aliyunTarget) ? JsonNode.Parse(File.ReadAllText(aliyunTarget))!.AsObject()
            : new JsonObject { ["current"] = (string?)source["current"], ["profiles"] = new JsonArray() };
        var profiles = target["profiles"] as JsonArray ?? new JsonArray();
        target["profiles"] = profiles;
        var names = profiles.Select(p => (string?)p?["name"]).ToHashSet();
        bool changed = false;
        foreach (var p in source["profiles"]!.AsArray())
        {
            string? name = (string?)p?["name"];
            if (name == null || names.Contains(name)) continue;
            profiles.Add(p!.DeepClone());
            added.Add(name);
            changed = true;
        }
        if (changed)
        {
            Directory.CreateDirectory(Path.GetDirectoryName(aliyunTarget)!);
            Backup(aliyunTarget);
            File.WriteAllText(aliyunTarget, target.ToJsonString(new JsonSerializerOptions { WriteIndented = true }));
        }
        return added;
    }

    private static void Backup(string path)
    {
        string backup = path + ".dtscrossaccount.bak";
        if (File.Exists(path) && !File.Exists(backup)) File.Copy(path, backup);
    }
}
