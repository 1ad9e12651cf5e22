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
        "Get-DtsSyncTask", "Grant-DtsSubAccountAssumeRole", "New-DtsCrossAccountRole", "New-DtsSyncTask", "Remove-DtsCrossAccountRole",
        "Remove-DtsSyncTask", "Revoke-DtsSubAccountAssumeRole", "Set-DtsTrustPolicy", "Stop-DtsSyncTask", "Test-DtsCrossAccountAccess",
    };

    [Fact]
    public void Import_from_the_repository_root_exports_exactly_the_module_cmdlets()
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
    public void Manifest_passes_Test_ModuleManifest_and_names_the_project_the_license_file_and_real_release_notes()
    {
        var r = _s.Run("$m = Test-ModuleManifest -Path $args[0]; $m.ProjectUri.AbsoluteUri; $m.LicenseUri.AbsoluteUri; $m.ReleaseNotes", RepoPaths.Manifest);
        Assert.Empty(r.Errors);
        Assert.Null(r.Terminating);
        var values = r.Output.Select(o => o.ToString()).ToList();
        Assert.Equal(3, values.Count);
        string project = values[0].TrimEnd('/'), license = values[1], notes = values[2];
        Assert.StartsWith("https://", project);
        // The license link is the repository's LICENSE file: one project address for both.
        Assert.Equal(project + "/blob/main/LICENSE", license);
        string licenseFile = Path.Combine(RepoPaths.Root, "LICENSE");
        Assert.True(File.Exists(licenseFile));
        Assert.StartsWith("MIT License", File.ReadAllText(licenseFile));
        Assert.Contains("DtsCrossAccount contributors", File.ReadAllText(licenseFile));
        Assert.Contains("0.1.0", notes);
        Assert.All(Cmdlets, c => Assert.Contains(c, notes));
    }

    [Fact]
    public void Every_cmdlet_has_a_HelpUri_to_its_page_under_docs_on_the_project_site_and_the_page_exists()
    {
        var project = _s.Run("(Test-ModuleManifest -Path $args[0]).ProjectUri.AbsoluteUri", RepoPaths.Manifest).Output.Single().ToString().TrimEnd('/');
        var r = _s.Run("Get-Command -Module DtsCrossAccount | ForEach-Object { $_.Name + '|' + $_.HelpUri }");
        var rows = r.Output.Select(o => o.ToString().Split('|')).ToList();
        Assert.Equal(Cmdlets.Length, rows.Count);
        Assert.All(rows, row =>
        {
            Assert.Equal(project + "/blob/main/docs/" + row[0] + ".md", row[1]);
            Assert.True(File.Exists(Path.Combine(RepoPaths.Root, "docs", row[0] + ".md")), row[0]);
        });
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
