using System.IO.Compression;
using System.Text.RegularExpressions;

namespace DtsCrossAccount.Tools;

/// <summary>What a package run wrote.</summary>
public sealed record PackageResult(string ModuleFolder, string ZipPath, string Version, IReadOnlyList<string> Files);

/// <summary>
/// Builds the shippable module from a built repository: out/DtsCrossAccount/&lt;version&gt;/ (manifest with RootModule
/// 'DtsCrossAccount.dll', the assembly, the format file, en-US help) and out/DtsCrossAccount.zip whose single root folder
/// DtsCrossAccount/ holds the same files, the layout Azure Automation imports (zip, folder and manifest share the module name).
/// </summary>
public static class ModulePackager
{
    public const string ModuleName = "DtsCrossAccount";

    /// <summary>Every file the package may hold, relative to the module folder. Anything else is a packaging bug.</summary>
    public static readonly IReadOnlyList<string> Allowlist = new[]
    {
        "DtsCrossAccount.psd1",
        "DtsCrossAccount.dll",
        "DtsCrossAccount.format.ps1xml",
        "en-US/DtsCrossAccount.dll-Help.xml",
        "en-US/about_DtsCrossAccount.help.txt",
    };

    public static PackageResult Package(string repoRoot, string? outputRoot = null)
    {
        outputRoot ??= Path.Combine(repoRoot, "out");
        string manifestPath = Path.Combine(repoRoot, ModuleName + ".psd1");
        string manifest = File.ReadAllText(manifestPath);
        string version = Regex.Match(manifest, @"ModuleVersion\s*=\s*'([^']+)'").Groups[1].Value;
        if (version.Length == 0) throw new InvalidOperationException("No ModuleVersion in " + manifestPath + ".");

        var sources = new Dictionary<string, string>
        {
            ["DtsCrossAccount.dll"] = Path.Combine(repoRoot, "out", "bin", "DtsCrossAccount.dll"),
            ["DtsCrossAccount.format.ps1xml"] = Path.Combine(repoRoot, "DtsCrossAccount.format.ps1xml"),
            ["en-US/DtsCrossAccount.dll-Help.xml"] = Path.Combine(repoRoot, "en-US", "DtsCrossAccount.dll-Help.xml"),
            ["en-US/about_DtsCrossAccount.help.txt"] = Path.Combine(repoRoot, "en-US", "about_DtsCrossAccount.help.txt"),
        };
        foreach (var (name, path) in sources)
            if (!File.Exists(path))
                throw new FileNotFoundException(name == "DtsCrossAccount.dll"
                    ? "The module is not built: " + path + " is missing. Run ./build.ps1 -Task Build (dotnet build DtsCrossAccount.sln -c Release) first."
                    : "A file the package needs is missing: " + path, path);

        string moduleFolder = Path.Combine(outputRoot, ModuleName, version);
        // A clean folder every time: a file left from an earlier layout must not ship.
        if (Directory.Exists(moduleFolder)) Directory.Delete(moduleFolder, recursive: true);
        Directory.CreateDirectory(Path.Combine(moduleFolder, "en-US"));
        foreach (var (name, path) in sources) File.Copy(path, Path.Combine(moduleFolder, name), overwrite: true);
        File.WriteAllText(Path.Combine(moduleFolder, ModuleName + ".psd1"), RewriteManifest(manifest));

        string zipPath = Path.Combine(outputRoot, ModuleName + ".zip");
        if (File.Exists(zipPath)) File.Delete(zipPath);
        using (var zip = ZipFile.Open(zipPath, ZipArchiveMode.Create))
        {
            foreach (var name in Allowlist)
                zip.CreateEntryFromFile(Path.Combine(moduleFolder, name), ModuleName + "/" + name, CompressionLevel.Optimal);
        }

        var files = Directory.GetFiles(moduleFolder, "*", SearchOption.AllDirectories)
            .Select(f => Path.GetRelativePath(moduleFolder, f).Replace('\\', '/')).OrderBy(f => f, StringComparer.Ordinal).ToList();
        var stray = files.Except(Allowlist).ToList();
        if (stray.Count > 0) throw new InvalidOperationException("Files outside the allowlist in " + moduleFolder + ": " + string.Join(", ", stray));
        return new PackageResult(moduleFolder, zipPath, version, files);
    }

    /// <summary>The repository manifest loads out/bin/DtsCrossAccount.dll; the shipped one loads the assembly beside it.</summary>
    public static string RewriteManifest(string manifest)
    {
        // Drop the comment that explains the repository-only path first: it also mentions RootModule, and it is wrong in the package.
        string text = Regex.Replace(manifest, @"^[ \t]*#.*out/bin.*\r?\n([ \t]*#.*\r?\n)*", "", RegexOptions.Multiline);
        var rootModule = new Regex(@"^([ \t]*)RootModule(\s*)=\s*'[^']*'", RegexOptions.Multiline);
        if (!rootModule.IsMatch(text)) throw new InvalidOperationException("The manifest has no RootModule line to rewrite.");
        return rootModule.Replace(text, "$1RootModule$2= 'DtsCrossAccount.dll'", 1);
    }
}
