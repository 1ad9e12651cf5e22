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
        var tencent = new StringBuilder();
        var names = new List<string>();
        foreach (var key in SeededKeys(seedJson).Where(k => k.Cloud == "tencent"))
        {
            tencent.Append('[').Append(key.Profile).Append("]\n")
                .Append("secret_id = ").Append(key.Id).Append('\n')
                .Append("secret_key = ").Append(key.Secret).Append("\n\n");
            names.Add(key.Profile);
        }
        var profiles = new JsonArray();
        foreach (var key in SeededKeys(seedJson).Where(k => k.Cloud == "alibaba"))
        {
            profiles.Add(new JsonObject
            {
                ["name"] = key.Profile,
                ["mode"] = "AK",
                ["access_key_id"] = key.Id,
                ["access_key_secret"] = key.Secret,
                ["region_id"] = "cn-hangzhou",
            });
            names.Add(key.Profile);
        }
        var config = new JsonObject { ["current"] = profiles.Count > 0 ? (string?)profiles[0]!["name"] : "default", ["profiles"] = profiles };

        string tencentFile = Path.Combine(directory, "tencentcloud-credentials");
        string alibabaFile = Path.Combine(directory, "aliyun-config.json");
        File.WriteAllText(tencentFile, tencent.ToString());
        File.WriteAllText(alibabaFile, config.ToJsonString(new JsonSerializerOptions { WriteIndented = true }));
        return new Files(directory, tencentFile, alibabaFile, names);
    }

    /// <summary>The variables the module reads that the sandbox sets, or clears so keys of a real account cannot win.</summary>
    public static readonly IReadOnlyList<string> Variables = new[]
    {
        "DTSCROSSACCOUNT_ENDPOINT_URL", "TENCENTCLOUD_CREDENTIALS_FILE", "ALIBABA_CLOUD_CONFIG_FILE",
        "TENCENTCLOUD_SECRET_ID", "TENCENTCLOUD_SECRET_KEY", "TENCENTCLOUD_SECURITY_TOKEN",
        "ALIBABA_CLOUD_ACCESS_KEY_ID", "ALIBABA_CLOUD_ACCESS_KEY_SECRET", "ALIBABA_CLOUD_SECURITY_TOKEN", "ALIBABA_CLOUD_PROFILE",
    };

    /// <summary>The values the module must see: the endpoint override and the two profile files; no keys.</summary>
    public static IReadOnlyDictionary<string, string?> Settings(Files files, Uri endpoint)
    {
        var settings = Variables.ToDictionary(v => v, _ => (string?)null);
        settings["DTSCROSSACCOUNT_ENDPOINT_URL"] = endpoint.ToString();
        settings["TENCENTCLOUD_CREDENTIALS_FILE"] = files.TencentCredentialsFile;
        settings["ALIBABA_CLOUD_CONFIG_FILE"] = files.AlibabaConfigFile;
        return settings;
    }

    /// <summary>
    /// Sets the variables the module reads for as long as the returned scope lives, then puts back what was there.
    /// The module reads the process environment, and an in-process runspace shares it: the scope keeps the change to
    /// the run (a child process gets <see cref="Settings"/> in its own environment instead).
    /// </summary>
    public static IDisposable Apply(Files files, Uri endpoint) => new EnvironmentScope(Settings(files, endpoint));

    private sealed class EnvironmentScope : IDisposable
    {
        private readonly Dictionary<string, string?> _saved = new();

        public EnvironmentScope(IReadOnlyDictionary<string, string?> settings)
        {
            foreach (var (name, value) in settings)
            {
                _saved[name] = Environment.GetEnvironmentVariable(name);
                Environment.SetEnvironmentVariable(name, value);
            }
        }

        public void Dispose()
        {
            foreach (var (name, value) in _saved) Environment.SetEnvironmentVariable(name, value);
            _saved.Clear();
        }
    }

    /// <summary>A seeded key that names a profile: cloud ("tencent" or "alibaba"), profile name, key ID and secret.</summary>
    public sealed record SeededKey(string Cloud, string Profile, string Id, string Secret);

    /// <summary>Every key of the seed that carries a "profile" name: accounts' root keys, sub-accounts and RAM users.</summary>
    public static IEnumerable<SeededKey> SeededKeys(string seedJson)
    {
        var seed = JsonNode.Parse(seedJson)!;
        foreach (var (cloud, children, idName, secretName) in new[] { ("tencent", "subAccounts", "secretId", "secretKey"), ("alibaba", "ramUsers", "accessKeyId", "accessKeySecret") })
        {
            foreach (var account in seed[cloud]?["accounts"]?.AsArray() ?? new JsonArray())
            {
                foreach (var node in new[] { account }.Concat(account?[children]?.AsArray() ?? new JsonArray()))
                {
                    if ((string?)node?["profile"] is string profile && (string?)node[idName] is string id && (string?)node[secretName] is string secret)
                        yield return new SeededKey(cloud, profile, id, secret);
                }
            }
        }
    }
}
