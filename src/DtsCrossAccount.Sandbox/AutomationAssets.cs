using System.Management.Automation;
using System.Management.Automation.Runspaces;
using System.Net;

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
        foreach (var key in SandboxProfiles.SeededKeys(seedJson)) assets[key.Profile] = Credential(key.Id, key.Secret);
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
