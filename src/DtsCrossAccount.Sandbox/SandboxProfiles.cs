using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace DtsCrossAccount.Sandbox;

/// <summary>
/// Writes the seeded accounts' keys as named profiles in the official file formats (Tencent INI credentials file,
/// Alibaba CLI config.json) into a folder of its own, and points the module at them with the official override
/// variables (TENCENTCLOUD_CREDENTIALS_FILE, ALIBABA_CLOUD_CONFIG_FILE). The user's real profile files are never touched.
/// </summary>
public static class SandboxProfiles
{
    public sealed record Files(string Directory, string TencentCredentialsFile, string AlibabaConfigFile, IReadOnlyList<string> ProfileNames);

    public static Files Write(string seedJson, string directory)
    {
        System.IO.Directory.CreateDirectory(directory);
        var seed = JsonNode.Parse(seedJson)!.AsObject();
        var tencent = new StringBuilder();
        var names = new List<string>();
        foreach (var (profile, node) in Entries(seed["tencent"]?["accounts"], "subAccounts"))
        {
            tencent.Append('[').Append(profile).Append("]\n")
                .Append("secret_id = ").Append((string?)node["secretId"]).Append('\n')
                .Append("secret_key = ").Append((string?)node["secretKey"]).Append("\n\n");
            names.Add(profile);
        }
        var profiles = new JsonArray();
        foreach (var (profile, node) in Entries(seed["alibaba"]?["accounts"], "ramUsers"))
        {
            profiles.Add(new JsonObject
            {
                ["name"] = profile,
                ["mode"] = "AK",
                ["access_key_id"] = (string?)node["accessKeyId"],
                ["access_key_secret"] = (string?)node["accessKeySecret"],
                ["region_id"] = "cn-hangzhou",
            });
            names.Add(profile);
        }
        var config = new JsonObject { ["current"] = profiles.Count > 0 ? (string?)profiles[0]!["name"] : "default", ["profiles"] = profiles };

        string tencentFile = Path.Combine(directory, "tencentcloud-credentials");
        string alibabaFile = Path.Combine(directory, "aliyun-config.json");
        File.WriteAllText(tencentFile, tencent.ToString());
        File.WriteAllText(alibabaFile, config.ToJsonString(new JsonSerializerOptions { WriteIndented = true }));
        return new Files(directory, tencentFile, alibabaFile, names);
    }

    /// <summary>Sets the variables the module reads: the endpoint override and the two profile files.</summary>
    public static void Apply(Files files, Uri endpoint)
    {
        Environment.SetEnvironmentVariable("DTSCROSSACCOUNT_ENDPOINT_URL", endpoint.ToString());
        Environment.SetEnvironmentVariable("TENCENTCLOUD_CREDENTIALS_FILE", files.TencentCredentialsFile);
        Environment.SetEnvironmentVariable("ALIBABA_CLOUD_CONFIG_FILE", files.AlibabaConfigFile);
        // Keys in the environment would silently win over nothing but -Credential; the examples name profiles instead.
        foreach (var name in new[] { "TENCENTCLOUD_SECRET_ID", "TENCENTCLOUD_SECRET_KEY", "TENCENTCLOUD_SECURITY_TOKEN",
                     "ALIBABA_CLOUD_ACCESS_KEY_ID", "ALIBABA_CLOUD_ACCESS_KEY_SECRET", "ALIBABA_CLOUD_SECURITY_TOKEN", "ALIBABA_CLOUD_PROFILE" })
            Environment.SetEnvironmentVariable(name, null);
    }

    private static IEnumerable<(string Profile, JsonNode Node)> Entries(JsonNode? accounts, string childrenName)
    {
        foreach (var account in accounts?.AsArray() ?? new JsonArray())
        {
            if (account?["profile"] is JsonValue p) yield return ((string)p!, account);
            foreach (var child in account?[childrenName]?.AsArray() ?? new JsonArray())
                if (child?["profile"] is JsonValue cp) yield return ((string)cp!, child);
        }
    }
}
