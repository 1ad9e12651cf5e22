using DtsCrossAccount.Tests.Infrastructure;

namespace DtsCrossAccount.Tests.Sandbox;

/// <summary>docs/examples/onboard-many-accounts.ps1 as a user runs it: parallel runspaces, then sequential (a re-run).</summary>
[Collection(ProcessEnvironmentCollection.Name)] // the in-process Sandbox sets process-wide variables
public sealed class OnboardManyAccountsTests
{
    [Fact]
    public void Parallel_onboarding_creates_each_accounts_role_and_a_sequential_rerun_changes_nothing()
    {
        var script = Path.Combine(Path.GetTempPath(), "onboard-" + Guid.NewGuid().ToString("N") + ".ps1");
        var example = Path.Combine(RepoPaths.Examples, "onboard-many-accounts.ps1");
        // Both ways in one emulator: the parallel run creates, the sequential run (ThrottleLimit 1) finds everything done.
        File.WriteAllText(script, $"& '{example}' -ThrottleLimit 8\n& '{example}' -ThrottleLimit 1\n");
        try
        {
            var r = SandboxRunner.Run(script);
            Assert.True(r.ExitCode == 0, r.Transcript);
            var roles = r.Output.Select(o => o.BaseObject).OfType<CrossAccountRole>().ToList();
            Assert.Equal(4, roles.Count);
            var parallel = roles.Take(2).ToList();
            Assert.Equal(new[] { "100000000001", "100000000003" }, parallel.Select(x => x.AccountId).OrderBy(x => x));
            Assert.All(parallel, x => Assert.True(x.Changed));
            Assert.All(parallel, x => Assert.Equal("qcs::cam::uin/" + x.AccountId + ":roleName/dts-cross-account", x.Arn));
            Assert.All(roles.Skip(2), x => Assert.False(x.Changed));
        }
        finally
        {
            File.Delete(script);
        }
    }
}
