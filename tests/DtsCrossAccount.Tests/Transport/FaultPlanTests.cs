#nullable enable
using System.Diagnostics;
using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using DtsCrossAccount.Core;
using DtsCrossAccount.Json;
using DtsCrossAccount.Transport;
using DtsCrossAccount.Tests.Infrastructure;
using Xunit;
using JsonObject = DtsCrossAccount.Json.JsonObject;

namespace DtsCrossAccount.Tests.Transport;

/// <summary>
/// Fault plans set from outside the process, the way a user or a script would: POST/DELETE /_emulator/faults and the
/// emulator's --faults option. Each kind is observed on the wire with a client that does not retry.
/// </summary>
public class FaultPlanTests : IAsyncLifetime
{
    private static readonly HttpClient Http = new();
    private WireEmulator _emu = null!;

    public async Task InitializeAsync() => _emu = await WireEmulator.StartAsync();
    public async Task DisposeAsync() => await _emu.DisposeAsync();

    private async Task<HttpResponseMessage> PostPlan(string json) =>
        await Http.PostAsync(new Uri(_emu.Server.BaseUrl, "_emulator/faults"), new StringContent(json, Encoding.UTF8, "application/json"));

    private static TransportSettings NoRetry() => new() { Retry = new RetryPolicy { MaxAttempts = 1, Timeout = TimeSpan.FromSeconds(10) } };

    private CloudApiException TencentWriteFails() => Assert.Throws<CloudApiException>(() =>
        _emu.Tencent(WireEmulator.Credential(_emu.TencentRootKey), settings: NoRetry()).Call("cam", "2019-01-16", WireEmulator.TencentWrite, new JsonObject(), idempotent: false));

    private CloudApiException AlibabaWriteFails() => Assert.Throws<CloudApiException>(() =>
        _emu.Alibaba(WireEmulator.Credential(_emu.AlibabaRootKey), settings: NoRetry()).Call("ram", "2015-05-01", WireEmulator.AlibabaWrite, new Dictionary<string, string>(), idempotent: false));

    [Fact]
    public async Task Throttle_answers_each_clouds_real_throttling_code_and_status()
    {
        var posted = await PostPlan("""{"faults":[{"cloud":"*","action":"*","kind":"throttle","next":2}]}""");
        Assert.Equal(HttpStatusCode.OK, posted.StatusCode);

        var tencent = TencentWriteFails();
        var alibaba = AlibabaWriteFails();
        Assert.Equal(("RequestLimitExceeded", 200), (tencent.Code, tencent.HttpStatus));
        Assert.Equal(("Throttling.User", 400), (alibaba.Code, alibaba.HttpStatus));
        Assert.Equal("Request was denied due to user flow control.", alibaba.ApiMessage);
        Assert.Equal((0, 0), (_emu.TencentWrites, _emu.AlibabaWrites));
    }

    [Fact]
    public async Task A_5xx_answers_a_server_error_without_changing_state_unless_told_to_apply_first()
    {
        await PostPlan("""{"faults":[{"cloud":"Tencent","action":"WireTestWrite","kind":"5xx","status":503,"next":1},{"cloud":"Tencent","action":"WireTestWrite","kind":"5xx","afterApply":true,"next":1}]}""");
        var before = TencentWriteFails();
        Assert.Equal((503, "InternalError"), (before.HttpStatus, before.Code));
        Assert.Equal(0, _emu.TencentWrites);
        var after = TencentWriteFails();
        Assert.Equal(500, after.HttpStatus);
        Assert.Equal(1, _emu.TencentWrites);
    }

    [Fact]
    public async Task Reset_drops_the_connection_before_the_request_runs()
    {
        await PostPlan("""{"faults":[{"cloud":"Alibaba","action":"WireTestWrite","kind":"reset","next":1}]}""");
        var ex = AlibabaWriteFails();
        Assert.StartsWith("Network.", ex.Code);
        Assert.Equal(0, _emu.AlibabaWrites);
        Assert.Equal("Reset", Assert.Single(_emu.CallsOf("Alibaba", WireEmulator.AlibabaWrite)).Result);
    }

    [Fact]
    public async Task LostAnswer_applies_the_request_then_drops_the_connection()
    {
        await PostPlan("""{"faults":[{"cloud":"Tencent","action":"WireTestWrite","kind":"lostAnswer","next":1}]}""");
        var ex = TencentWriteFails();
        Assert.StartsWith("Network.", ex.Code);
        Assert.True(ex.OutcomeUnknown);
        Assert.Equal(1, _emu.TencentWrites);
        var logged = Assert.Single(_emu.CallsOf("Tencent", WireEmulator.TencentWrite));
        Assert.Equal(("OK", "lostAnswer"), (logged.Result, logged.Fault));
    }

    [Fact]
    public async Task Latency_holds_the_answer_back()
    {
        // A delay far above what a loopback call takes even on a loaded machine (up to ~1 s seen), so the second call's
        // time tells "no delay applied" apart from "slow machine".
        await PostPlan("""{"faults":[{"cloud":"Tencent","action":"*","kind":"latency","latencyMs":1500,"next":1}]}""");
        var client = _emu.Tencent(WireEmulator.Credential(_emu.TencentRootKey), settings: NoRetry());
        var watch = Stopwatch.StartNew();
        client.Call("sts", "2018-08-13", WireEmulator.TencentRead, new JsonObject());
        Assert.True(watch.ElapsedMilliseconds >= 1450, "answered after " + watch.ElapsedMilliseconds + " ms");
        watch.Restart();
        client.Call("sts", "2018-08-13", WireEmulator.TencentRead, new JsonObject());
        Assert.True(watch.ElapsedMilliseconds < 1450, "the plan said the next call only; the second took " + watch.ElapsedMilliseconds + " ms");
    }

    [Fact]
    public async Task A_seeded_probability_gives_the_same_faults_for_the_same_calls_and_DELETE_clears_the_plan()
    {
        const string plan = """{"seed":7,"faults":[{"cloud":"Tencent","action":"WireTestWhoAmI","kind":"throttle","probability":0.3}]}""";
        var client = _emu.Tencent(WireEmulator.Credential(_emu.TencentRootKey), settings: new TransportSettings { Retry = new RetryPolicy { MaxAttempts = 1 }, Limiter = RateLimiter.Unlimited });
        bool[] Run()
        {
            var outcome = new bool[40];
            for (int i = 0; i < outcome.Length; i++)
            {
                try { client.Call("sts", "2018-08-13", WireEmulator.TencentRead, new JsonObject()); }
                catch (CloudApiException e) when (e.Code == "RequestLimitExceeded") { outcome[i] = true; }
            }
            return outcome;
        }

        await Http.PostAsync(new Uri(_emu.Server.BaseUrl, "_emulator/limits"), new StringContent("""{"enabled":false}"""));
        await PostPlan(plan);
        var first = Run();
        await PostPlan(plan);
        var second = Run();
        Assert.Equal(first, second);
        Assert.InRange(first.Count(f => f), 4, 20);

        Assert.Equal(HttpStatusCode.NoContent, (await Http.DeleteAsync(new Uri(_emu.Server.BaseUrl, "_emulator/faults"))).StatusCode);
        Assert.DoesNotContain(true, Run());
        var listed = JsonNode.Parse(await Http.GetStringAsync(new Uri(_emu.Server.BaseUrl, "_emulator/faults")))!;
        Assert.Empty(listed["faults"]!.AsArray());
    }

    [Theory]
    [InlineData("""{"faults":[{"kind":"explode","next":1}]}""", "kind")]
    [InlineData("""{"faults":[{"kind":"throttle"}]}""", "next")]
    [InlineData("""{"faults":[{"kind":"latency","next":1}]}""", "latencyMs")]
    [InlineData("not json", "JSON")]
    public async Task A_wrong_plan_is_refused_with_the_reason(string plan, string named)
    {
        var r = await PostPlan(plan);
        Assert.Equal(HttpStatusCode.BadRequest, r.StatusCode);
        Assert.Contains(named, JsonNode.Parse(await r.Content.ReadAsStringAsync())!["Message"]!.GetValue<string>());
    }

    [Fact]
    public async Task The_emulator_process_takes_a_fault_plan_on_its_command_line()
    {
        string planFile = Path.Combine(Path.GetTempPath(), "faults-" + Guid.NewGuid().ToString("N") + ".json");
        File.WriteAllText(planFile, """{"faults":[{"cloud":"Tencent","action":"GetCallerIdentity","kind":"5xx","status":502,"next":1}]}""");
        string dll = typeof(DtsCrossAccount.Emulator.EmulatorServer).Assembly.Location;
        var psi = new ProcessStartInfo("dotnet", $"\"{dll}\" --port 0 --faults \"{planFile}\"") { RedirectStandardOutput = true, UseShellExecute = false };
        using var p = Process.Start(psi)!;
        try
        {
            var url = await p.StandardOutput.ReadLineAsync().WaitAsync(TimeSpan.FromSeconds(60));
            var listed = JsonNode.Parse(await Http.GetStringAsync(new Uri(new Uri(url!.TrimEnd('/') + "/"), "_emulator/faults")))!;
            Assert.Equal("5xx", Assert.Single(listed["faults"]!.AsArray())!["kind"]!.GetValue<string>());
            var key = new CloudCredential("AKIDEMUTENCENTROOTA00000000000000001", "emuTencentSecretKeyRootA000000001", null, "test");
            var client = new TencentApiClient(key, new EndpointResolver(new Uri(url)), null, NoRetry());
            var ex = Assert.Throws<CloudApiException>(() => client.Call("sts", "2018-08-13", "GetCallerIdentity", new JsonObject(), "ap-guangzhou"));
            Assert.Equal(502, ex.HttpStatus);
            Assert.Equal("100000000001", client.Call("sts", "2018-08-13", "GetCallerIdentity", new JsonObject(), "ap-guangzhou").GetString("AccountId"));
        }
        finally
        {
            p.Kill(entireProcessTree: true);
            File.Delete(planFile);
        }
    }

    [Fact]
    public async Task A_bad_plan_file_stops_the_emulator_with_the_reason()
    {
        string planFile = Path.Combine(Path.GetTempPath(), "faults-" + Guid.NewGuid().ToString("N") + ".json");
        File.WriteAllText(planFile, """{"faults":[{"kind":"throttle","probability":2}]}""");
        string dll = typeof(DtsCrossAccount.Emulator.EmulatorServer).Assembly.Location;
        var psi = new ProcessStartInfo("dotnet", $"\"{dll}\" --faults \"{planFile}\"") { RedirectStandardError = true, RedirectStandardOutput = true, UseShellExecute = false };
        using var p = Process.Start(psi)!;
        try
        {
            var err = await p.StandardError.ReadToEndAsync().WaitAsync(TimeSpan.FromSeconds(60));
            await p.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(30));
            Assert.Equal(2, p.ExitCode);
            Assert.Contains("--faults", err);
            Assert.Contains("probability", err);
        }
        finally
        {
            if (!p.HasExited) p.Kill(entireProcessTree: true);
            File.Delete(planFile);
        }
    }
}
