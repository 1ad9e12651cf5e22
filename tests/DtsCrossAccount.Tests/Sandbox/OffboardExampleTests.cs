using DtsCrossAccount.Tests.Infrastructure;

namespace DtsCrossAccount.Tests.Sandbox;

/// <summary>
/// docs/examples/offboard.ps1 against what docs/examples/quickstart.ps1 made: quickstart, offboard, quickstart again on
/// one emulator. Offboard leaves every account as the seed had it; the second quickstart builds the same state as the
/// first (generated IDs aside); a second offboard changes nothing.
/// </summary>
public sealed class OffboardExampleTests
{
    private static string Example(string name) => Path.Combine(RepoPaths.Examples, name);

    /// <summary>Everything quickstart touches, by name (IDs the clouds generate left out), in a stable order.</summary>
    private static string Snapshot(ModuleSession s)
    {
        var lines = new List<string>();
        var tencent = s.State.Tencent;
        string PolicyName(DtsCrossAccount.Emulator.Tencent.TencentAccount a, long id) =>
            tencent.PresetPolicies.FirstOrDefault(p => p.PolicyId == id)?.PolicyName ?? (a.CustomPolicies.TryGetValue(id, out var c) ? c.PolicyName : "?" + id);
        foreach (var a in tencent.Accounts.Values)
        {
            lines.AddRange(a.Roles.Values.Select(r => $"T {a.Uin} role {r.RoleName} trust={r.PolicyDocument} desc={r.Description} policies=[{string.Join(",", r.AttachedPolicyIds.Select(i => PolicyName(a, i)).OrderBy(n => n))}]"));
            lines.AddRange(a.CustomPolicies.Values.Select(p => $"T {a.Uin} policy {p.PolicyName} doc={p.PolicyDocument}"));
            lines.AddRange(a.SubAccounts.Values.Select(u => $"T {a.Uin} sub {u.Uin} policies=[{string.Join(",", u.AttachedPolicyIds.Select(i => PolicyName(a, i)).OrderBy(n => n))}]"));
            lines.AddRange(a.SyncJobs.Values.Select(j => $"T {a.Uin} job {j.JobName} {j.Status} {j.TradeStatus} {j.PayMode} {j.SrcDatabaseType}@{j.SrcRegion}->{j.DstDatabaseType}@{j.DstRegion}"));
        }
        foreach (var a in s.State.Alibaba.Accounts.Values)
        {
            lines.AddRange(a.Roles.Values.Select(r => $"A {a.Uid} role {r.RoleName} trust={r.AssumeRolePolicyDocument} desc={r.Description} policies=[{string.Join(",", r.Policies.Select(p => p.Type + ":" + p.Name).OrderBy(n => n))}]"));
            lines.AddRange(a.CustomPolicies.Values.Select(p => $"A {a.Uid} policy {p.PolicyName} doc={p.PolicyDocument}"));
            lines.AddRange(a.Users.Values.Select(u => $"A {a.Uid} user {u.UserName} policies=[{string.Join(",", u.Policies.Select(p => p.Type + ":" + p.Name).OrderBy(n => n))}]"));
            lines.AddRange(a.DtsInstances.Values.Select(i => $"A {a.Uid} dts {i.JobName} {i.Status} {i.Type} {i.PayType} purchased={i.Purchased} {i.SourceEngine}@{i.SourceRegion}->{i.DestinationEngine}@{i.DestinationRegion}"));
        }
        return string.Join("\n", lines.OrderBy(l => l, StringComparer.Ordinal));
    }

    private static void RunScript(ModuleSession s, string example)
    {
        var r = s.Run("& $args[0] | Out-Null", Example(example));
        Assert.True(r.Errors.Count == 0 && r.Terminating == null,
            example + ": " + string.Join("\n", r.Errors.Select(e => e.FullyQualifiedErrorId + ": " + e.Exception.Message)) + r.Terminating);
    }

    [Fact]
    public async Task Quickstart_offboard_quickstart_leaves_the_emulator_as_after_the_first_quickstart()
    {
        await using var s = await ModuleSession.StartAsync();
        var seed = Snapshot(s);

        RunScript(s, "quickstart.ps1");
        var first = Snapshot(s);
        Assert.NotEqual(seed, first);
        // What quickstart made, so the comparison below is about something: both roles, the grant, both tasks.
        Assert.Contains("T 100000000001 role DTS-role", first);
        Assert.Contains("T 100000000002 policy DTS-AssumeRole-100000000001-DTS-role", first);
        Assert.Contains("T 100000000002 job quickstart-orders Running", first);
        Assert.Contains("A 1000000000000001 role ram-for-dts", first);
        Assert.Contains("A 1000000000000002 dts quickstart-orders", first);

        int mark = s.CallCount;
        RunScript(s, "offboard.ps1");
        // Nothing of quickstart's remains: every account is as the seed had it.
        Assert.Equal(seed, Snapshot(s));
        var writes = s.WritesSince(mark).Select(c => c.Cloud + " " + c.Action).ToList();
        Assert.Contains("Tencent DestroySyncJob", writes);
        Assert.Contains("Alibaba DeleteDtsJob", writes);

        // A second offboard finds everything gone and writes nothing.
        mark = s.CallCount;
        RunScript(s, "offboard.ps1");
        Assert.Empty(s.WritesSince(mark));

        RunScript(s, "quickstart.ps1");
        Assert.Equal(first, Snapshot(s));
    }
}
