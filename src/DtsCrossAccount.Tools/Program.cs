using DtsCrossAccount.Tools;

// dotnet run --project src/DtsCrossAccount.Tools -- package [--repo DIR] [--output DIR]
// dotnet run --project src/DtsCrossAccount.Tools -- sandbox-profiles <dir> <baseUrl> [--real-home DIR]
// Prints results as NAME=VALUE lines that build.ps1 reads.
try
{
    string command = args.Length > 0 ? args[0] : "--help";
    string? Option(string name)
    {
        int i = Array.IndexOf(args, name);
        return i >= 0 && i + 1 < args.Length ? args[i + 1] : null;
    }
    switch (command)
    {
        case "package":
        {
            string repo = Path.GetFullPath(Option("--repo") ?? FindRepositoryRoot());
            var result = ModulePackager.Package(repo, Option("--output") is { } o ? Path.GetFullPath(o) : null);
            Console.WriteLine("MODULE_FOLDER=" + result.ModuleFolder);
            Console.WriteLine("ZIP=" + result.ZipPath);
            Console.WriteLine("VERSION=" + result.Version);
            return 0;
        }
        case "sandbox-profiles" when args.Length >= 3:
        {
            string dir = Path.GetFullPath(args[1]);
            var values = ProfileWriter.Write(dir, new Uri(args[2]));
            foreach (var (k, v) in values) Console.WriteLine(k + "=" + v);
            if (Option("--real-home") is { } home)
            {
                var added = ProfileWriter.MergeIntoRealFiles(dir, home);
                Console.WriteLine("ADDED_TO_REAL_FILES=" + string.Join(",", added));
            }
            return 0;
        }
        default:
            Console.WriteLine("Usage: DtsCrossAccount.Tools package [--repo DIR] [--output DIR]");
            Console.WriteLine("       DtsCrossAccount.Tools sandbox-profiles <dir> <baseUrl> [--real-home DIR]");
            return command is "--help" or "-h" ? 0 : 2;
    }
}
catch (Exception e) when (e is IOException or InvalidOperationException or UnauthorizedAccessException or UriFormatException)
{
    Console.Error.WriteLine("error: " + e.Message);
    return 1;
}

static string FindRepositoryRoot()
{
    var dir = new DirectoryInfo(Directory.GetCurrentDirectory());
    while (dir != null && !File.Exists(Path.Combine(dir.FullName, "DtsCrossAccount.sln"))) dir = dir.Parent;
    return dir?.FullName ?? throw new InvalidOperationException("Run from inside the repository (DtsCrossAccount.sln not found), or pass --repo.");
}
