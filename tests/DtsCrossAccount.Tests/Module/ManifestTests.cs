using System.Text.RegularExpressions;
using DtsCrossAccount.Tests.Infrastructure;

namespace DtsCrossAccount.Tests.Module;

public sealed class ManifestTests : IAsyncLifetime
{
    private ModuleSession _s = null!;

    public async Task InitializeAsync() => _s = await ModuleSession.StartAsync();

    public async Task DisposeAsync() => await _s.DisposeAsync();

    private static readonly string[] Cmdlets =
    {
        "Grant-DtsSubAccountAssumeRole", "New-DtsCrossAccountRole", "New-DtsSyncTask", "Set-DtsTrustPolicy", "Test-DtsCrossAccountAccess",
    };

    [Fact]
    public void Import_from_the_repository_root_exports_exactly_the_five_cmdlets()
    {
        var r = _s.Run("(Get-Command -Module DtsCrossAccount).Name");
        Assert.Empty(r.Errors);
        Assert.Equal(Cmdlets, r.Output.Select(o => o.ToString()).OrderBy(n => n, StringComparer.Ordinal));
    }

    [Fact]
    public void Manifest_declares_both_editions_51_and_explicit_exports()
    {
        var text = File.ReadAllText(RepoPaths.Manifest);
        Assert.Matches(new Regex(@"CompatiblePSEditions\s*=\s*@\('Desktop', 'Core'\)"), text);
        Assert.Matches(new Regex(@"PowerShellVersion\s*=\s*'5\.1'"), text);
        Assert.DoesNotContain("'*'", text);
        var module = _s.Run("Get-Module DtsCrossAccount").Output.Single();
        Assert.Equal(new[] { "Core", "Desktop" }, ((IEnumerable<string>)module.Properties["CompatiblePSEditions"].Value).OrderBy(x => x));
    }

    [Fact]
    public void Manifest_version_matches_the_build_version()
    {
        var props = File.ReadAllText(Path.Combine(RepoPaths.Root, "Directory.Build.props"));
        var buildVersion = Regex.Match(props, "<ModuleVersion>([^<]+)</ModuleVersion>").Groups[1].Value;
        var manifestVersion = Regex.Match(File.ReadAllText(RepoPaths.Manifest), @"ModuleVersion\s*=\s*'([^']+)'").Groups[1].Value;
        Assert.Equal(buildVersion, manifestVersion);
        var loaded = _s.Run("(Get-Module DtsCrossAccount).Version.ToString()").Output.Single().ToString();
        Assert.Equal(buildVersion, loaded);
    }

    [Fact]
    public void Module_assembly_references_no_json_library_that_the_host_might_load()
    {
        var asm = typeof(DtsCrossAccount.CrossAccountRole).Assembly;
        var names = asm.GetReferencedAssemblies().Select(a => a.Name).ToList();
        Assert.DoesNotContain("Newtonsoft.Json", names);
        Assert.DoesNotContain("System.Text.Json", names);
        Assert.Contains("netstandard", names);
    }
}
