namespace DtsCrossAccount.Tests.Infrastructure;

/// <summary>Finds the repository root (the folder with DtsCrossAccount.sln) from the test binaries.</summary>
public static class RepoPaths
{
    public static string Root { get; } = Find();

    public static string Manifest => Path.Combine(Root, "DtsCrossAccount.psd1");

    public static string Examples => Path.Combine(Root, "docs", "examples");

    /// <summary>The cmdlet names the repository manifest exports (its CmdletsToExport list), sorted.</summary>
    public static IReadOnlyList<string> ExportedCmdlets()
    {
        var exported = System.Text.RegularExpressions.Regex.Match(File.ReadAllText(Manifest), @"CmdletsToExport\s*=\s*@\(([^)]*)\)").Groups[1].Value;
        return System.Text.RegularExpressions.Regex.Matches(exported, "'([A-Za-z]+-[A-Za-z]+)'").Select(m => m.Groups[1].Value).OrderBy(n => n, StringComparer.Ordinal).ToList();
    }

    private static string Find()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir != null && !File.Exists(Path.Combine(dir.FullName, "DtsCrossAccount.sln"))) dir = dir.Parent;
        return dir?.FullName ?? throw new InvalidOperationException("DtsCrossAccount.sln not found above " + AppContext.BaseDirectory);
    }
}
