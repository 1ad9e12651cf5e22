using DtsCrossAccount.Tests.Infrastructure;

namespace DtsCrossAccount.Tests.Module;

/// <summary>
/// Import-Module of the repository-root manifest runs the very assembly the test project references (the engine finds
/// it already loaded). Mutation testing depends on it: Stryker swaps that assembly for its mutated build, and the
/// tests that go through the PowerShell engine must run the mutants too, not a clean copy from out/bin.
/// </summary>
public sealed class ModuleAssemblyTests
{
    [Fact]
    public async Task The_engine_runs_the_assembly_the_tests_reference()
    {
        await using var s = await ModuleSession.StartAsync();
        var r = s.Run("(Get-Module DtsCrossAccount).ImplementingAssembly.Location");
        Assert.Empty(r.Errors);
        Assert.Equal(typeof(CrossAccountRole).Assembly.Location, Assert.Single(r.Output).ToString());
    }
}
