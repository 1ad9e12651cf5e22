namespace DtsCrossAccount.Tests.Infrastructure;

/// <summary>Finds the repository root (the folder with DtsCrossAccount.sln) from the test binaries.</summary>
public static class RepoPaths
{
    public static string Root { get; } = Find();

    public static string Manifest => Path.Combine(Root, "DtsCrossAccount.psd1");

    public static string Examples => Path.Combine(Root, "docs", "examples");

    private static string Find()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir != null && !File.Exists(Path.Combine(dir.FullName, "DtsCrossAccount.sln"))) dir = dir.Parent;
        return dir?.FullName ?? throw new InvalidOperationException("DtsCrossAccount.sln not found above " + AppContext.BaseDirectory);
    }
}
