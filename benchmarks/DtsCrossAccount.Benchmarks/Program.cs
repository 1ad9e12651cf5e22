using System.Diagnostics;
using BenchmarkDotNet.Running;
using DtsCrossAccount.Benchmarks;

// dotnet run -c Release --project benchmarks/DtsCrossAccount.Benchmarks -- --filter '*'
// dotnet run -c Release --project benchmarks/DtsCrossAccount.Benchmarks -- --interleaved 2000
//   alternates one replayed request and one module call, N times each, and prints the medians and their ratio: on a
//   machine whose load changes from second to second both sides see the same load, which BenchmarkDotNet's one-after-
//   the-other runs do not give.
if (args.Length == 2 && args[0] == "--interleaved" && int.TryParse(args[1], out var n))
{
    var bench = new ClientCallBenchmarks();
    bench.Setup();
    try
    {
        for (int i = 0; i < 200; i++) { bench.Replayed_signed_request(); bench.Module_client_call(); }
        var replayed = new double[n];
        var module = new double[n];
        var watch = new Stopwatch();
        for (int i = 0; i < n; i++)
        {
            watch.Restart(); bench.Replayed_signed_request(); replayed[i] = watch.Elapsed.TotalMicroseconds;
            watch.Restart(); bench.Module_client_call(); module[i] = watch.Elapsed.TotalMicroseconds;
        }
        static double Median(double[] xs) { var s = xs.OrderBy(x => x).ToArray(); return s.Length % 2 == 1 ? s[s.Length / 2] : (s[s.Length / 2 - 1] + s[s.Length / 2]) / 2; }
        Console.WriteLine($"Replayed signed request: median {Median(replayed):0} us");
        Console.WriteLine($"Module client call:      median {Median(module):0} us");
        Console.WriteLine($"Ratio of medians:        {Median(module) / Median(replayed):0.00}x ({n} interleaved pairs)");
    }
    finally { bench.Cleanup(); }
    return;
}
BenchmarkSwitcher.FromAssembly(typeof(SigningBenchmarks).Assembly).Run(args);
