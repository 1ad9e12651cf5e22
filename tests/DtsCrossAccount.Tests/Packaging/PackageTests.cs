using System.IO.Compression;
using System.Management.Automation;
using System.Management.Automation.Runspaces;
using DtsCrossAccount.Emulator;
using DtsCrossAccount.Emulator.Core;
using DtsCrossAccount.Sandbox;
using DtsCrossAccount.Tests.Infrastructure;
using DtsCrossAccount.Tools;

namespace DtsCrossAccount.Tests.Packaging;

/// <summary>The package that build.ps1 -Task Package writes, built through the same code (DtsCrossAccount.Tools).</summary>
public sealed class PackageTests : IDisposable
{
    private readonly string _out = Path.Combine(Path.GetTempPath(), "dtsca-package-" + Guid.NewGuid().ToString("N"));
    private readonly PackageResult _package;

    public PackageTests() => _package = ModulePackager.Package(RepoPaths.Root, _out);

    public void Dispose()
    {
        try { Directory.Delete(_out, true); } catch (IOException) { } catch (UnauthorizedAccessException) { }
    }

    [Fact]
    public void Module_folder_is_versioned_and_holds_only_the_allowlisted_files()
    {
        Assert.Equal(Path.Combine(_out, "DtsCrossAccount", _package.Version), _package.ModuleFolder);
        var files = Directory.GetFiles(_package.ModuleFolder, "*", SearchOption.AllDirectories)
            .Select(f => Path.GetRelativePath(_package.ModuleFolder, f).Replace('\\', '/')).OrderBy(f => f, StringComparer.Ordinal);
        Assert.Equal(ModulePackager.Allowlist.OrderBy(f => f, StringComparer.Ordinal), files);
        Assert.Single(files, f => f.EndsWith(".dll", StringComparison.OrdinalIgnoreCase));
    }

    [Fact]
    public void A_stray_file_from_an_earlier_run_is_removed()
    {
        File.WriteAllText(Path.Combine(_package.ModuleFolder, "Newtonsoft.Json.dll"), "stray");
        var again = ModulePackager.Package(RepoPaths.Root, _out);
        Assert.DoesNotContain("Newtonsoft.Json.dll", again.Files);
    }

    [Fact]
    public void Zip_has_the_Azure_Automation_layout()
    {
        // Azure Automation: the zip, the folder inside it and the manifest share the module's name.
        Assert.Equal("DtsCrossAccount.zip", Path.GetFileName(_package.ZipPath));
        using var zip = ZipFile.OpenRead(_package.ZipPath);
        var entries = zip.Entries.Select(e => e.FullName).OrderBy(n => n, StringComparer.Ordinal).ToList();
        Assert.Equal(ModulePackager.Allowlist.Select(f => "DtsCrossAccount/" + f).OrderBy(n => n, StringComparer.Ordinal), entries);
        Assert.NotEmpty(entries);
        Assert.All(entries, e => Assert.True(e.Length < 140, "Azure Automation refuses paths over 140 characters: " + e));
    }

    [Fact]
    public void Packaged_manifest_loads_the_assembly_beside_it()
    {
        string manifest = File.ReadAllText(Path.Combine(_package.ModuleFolder, "DtsCrossAccount.psd1"));
        Assert.Contains("RootModule             = 'DtsCrossAccount.dll'", manifest);
        Assert.DoesNotContain("out/bin", manifest);
        Assert.Contains("FormatsToProcess", manifest);
    }

    [Fact]
    public async Task Packaged_module_imports_shows_its_help_and_runs_WhatIf_without_writing()
    {
        string seed = Seed.DefaultSeedJson();
        await using var emulator = await FreshEmulator.StartAsync(seed);
        _ = TestProcessEnvironment.DefaultProfiles; // -ProfileName tencent-a: the default seed's profiles, set once per test process
        using var runspace = RunspaceFactory.CreateRunspace(InitialSessionState.CreateDefault2());
        runspace.Open();
        using var ps = PowerShell.Create();
        ps.Runspace = runspace;
        ps.AddScript(
            "Import-Module -Name $args[0] -ErrorAction Stop; " +
            "(Get-Module DtsCrossAccount).ModuleBase; " +
            "(Get-Command -Module DtsCrossAccount).Count; " +
            "(Get-Help New-DtsCrossAccountRole).Synopsis; " +
            "New-DtsCrossAccountRole -Cloud Tencent -ProfileName tencent-a -AccountId 100000000001 -TrustedAccountId 100000000002 -RoleName PackagedWhatIf -EndpointUrl $args[1] -WhatIf")
            .AddArgument(Path.Combine(_package.ModuleFolder, "DtsCrossAccount.psd1")).AddArgument(emulator.BaseUrl);
        var output = ps.Invoke().Select(o => o?.ToString()).ToList();
        Assert.False(ps.HadErrors, string.Join("\n", ps.Streams.Error.Select(e => e.ToString())));
        Assert.Equal(Path.GetFullPath(_package.ModuleFolder).TrimEnd(Path.DirectorySeparatorChar), output[0]!.TrimEnd(Path.DirectorySeparatorChar));
        // As many cmdlets as the repository manifest exports (its CmdletsToExport list).
        Assert.Equal(RepoPaths.ExportedCmdlets().Count.ToString(System.Globalization.CultureInfo.InvariantCulture), output[1]);
        Assert.Equal("Creates the role in a database owner's account that the DTS task account may assume.", output[2]);
        Assert.Empty(emulator.Calls.SuccessfulWrites());
        Assert.NotEmpty(emulator.Calls.Snapshot());
    }

    [Fact]
    public void Package_without_a_build_fails_with_a_message_naming_the_build_task()
    {
        string fakeRepo = Path.Combine(_out, "fake-repo");
        Directory.CreateDirectory(fakeRepo);
        File.Copy(RepoPaths.Manifest, Path.Combine(fakeRepo, "DtsCrossAccount.psd1"));
        var e = Assert.Throws<FileNotFoundException>(() => ModulePackager.Package(fakeRepo, Path.Combine(_out, "fake-out")));
        Assert.Contains("build.ps1 -Task Build", e.Message);
    }
}
