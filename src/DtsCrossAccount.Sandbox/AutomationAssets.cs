using System.Management.Automation;
using System.Management.Automation.Runspaces;
using System.Net;
using System.Text.Json.Nodes;

namespace DtsCrossAccount.Sandbox;

/// <summary>
/// A stand-in for Azure Automation's credential assets, so runbooks run unchanged in the sandbox: when no
/// Get-AutomationPSCredential command exists, one is defined that returns the seeded accounts' keys by profile name
/// (user name = key ID, password = secret), plus 'dts-database' for the database account DTS uses.
/// </summary>
public static class AutomationAssets
{
    public const string DatabaseAsset = "dts-database";

    public static IReadOnlyDictionary<string, PSCredential> FromSeed(string seedJson)
    {
        var assets = new Dictionary<string, PSCredential>(StringComparer.OrdinalIgnoreCase)
        {
            [DatabaseAsset] = Credential("dts_sync", "Example-Passw0rd!"),
        };
        var seed = JsonNode.Parse(seedJson)!;
        foreach (var (cloud, children, id, secret) in new[] { ("tencent", "subAccounts", "secretId", "secretKey"), ("alibaba", "ramUsers", "accessKeyId", "accessKeySecret") })
        {
            foreach (var account in seed[cloud]?["accounts"]?.AsArray() ?? new JsonArray())
            {
                foreach (var node in new[] { account }.Concat(account?[children]?.AsArray() ?? new JsonArray()))
                {
                    if ((string?)node?["profile"] is string profile && (string?)node[id] is string keyId && (string?)node[secret] is string key)
                        assets[profile] = Credential(keyId, key);
                }
            }
        }
        return assets;
    }

    public static void Define(Runspace runspace, IReadOnlyDictionary<string, PSCredential> assets)
    {
        runspace.SessionStateProxy.SetVariable("__sandboxAutomationAssets", assets);
        using var ps = PowerShell.Create();
        ps.Runspace = runspace;
        ps.AddScript("""
            if (-not (Get-Command Get-AutomationPSCredential -ErrorAction SilentlyContinue)) {
                function global:Get-AutomationPSCredential {
                    param([Parameter(Mandatory)][string] $Name)
                    $credential = $null
                    if (-not $__sandboxAutomationAssets.TryGetValue($Name, [ref] $credential)) {
                        throw "Credential asset '$Name' not found. Sandbox assets: $($__sandboxAutomationAssets.Keys -join ', ')"
                    }
                    $credential
                }
            }
            """).Invoke();
    }

    private static PSCredential Credential(string user, string password) => new(user, new NetworkCredential("", password).SecurePassword);
}
