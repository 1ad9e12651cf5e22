using BenchmarkDotNet.Running;

// dotnet run -c Release --project benchmarks/DtsCrossAccount.Benchmarks -- --filter '*'
BenchmarkSwitcher.FromAssembly(typeof(DtsCrossAccount.Benchmarks.SigningBenchmarks).Assembly).Run(args);
