#nullable enable
using DtsCrossAccount.Core;
using DtsCrossAccount.Emulator.Core;
using DtsCrossAccount.Emulator.Tencent;
using DtsCrossAccount.Services;

namespace DtsCrossAccount.Tests.Tencent;

/// <summary>
/// Two runs with the same name at the same time buy one job (TaskNameLock, held from the last look-up to the
/// purchase), runs of other tasks do not wait for each other, Ctrl+C ends a wait for the lock, and the stop and
/// release of a job wait for its state with progress and a clear timeout (TencentSyncJobWaiter). Below the engine
/// (TencentSyncHarness).
/// </summary>
public sealed class TencentSyncTaskPathLockTests
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(60);

    /// <summary>Another run holding a task name: a system mutex belongs to a thread, so it is taken and let go on one of its own.</summary>
    private sealed class OtherRun : IDisposable
    {
        private readonly ManualResetEventSlim _taken = new(), _release = new();
        private readonly Thread _thread;

        public OtherRun(string cloud, string account, string region, string name)
        {
            _thread = new Thread(() =>
            {
                using (TaskNameLock.Acquire(cloud, account, region, name, CancellationToken.None))
                {
                    _taken.Set();
                    _release.Wait();
                }
            }) { IsBackground = true };
            _thread.Start();
            Assert.True(_taken.Wait(Patience));
        }

        public void Dispose()
        {
            _release.Set();
            _thread.Join();
        }
    }

    private static OtherRun Hold(string cloud, string account, string region, string name) => new(cloud, account, region, name);

    private static string Unique() => "lock-" + Guid.NewGuid().ToString("N")[..12];

    [Fact]
    public async Task A_run_waits_while_another_holds_the_name_and_then_buys_nothing_when_that_run_bought_it()
    {
        await using var h = await TencentSyncHarness.StartAsync();
        string name = Unique();
        var plan = h.Plan(TencentSyncHarness.Request(name)); // both runs looked and found no job
        var other = Hold("Tencent", TencentSyncHarness.B, TencentSyncHarness.Region, name);

        var run = Task.Run(() => plan.Apply());
        await Task.Delay(1500);
        Assert.False(run.IsCompleted);
        Assert.DoesNotContain(h.Calls, c => c.Action == "CreateSyncJob");
        // The other run buys the job, then lets go of the name.
        h.Buyer.SyncJobs["sync-other001"] = new TencentSyncJob
        {
            JobId = "sync-other001", Seq = 50, JobName = name, PayMode = "PostPay", SrcDatabaseType = "mysql", SrcRegion = TencentSyncHarness.Region,
            DstDatabaseType = "mysql", DstRegion = TencentSyncHarness.Region, CreateTime = h.State.Clock.UtcNow,
        };
        other.Dispose();

        var e = await Assert.ThrowsAsync<DtsCrossAccountException>(() => run.WaitAsync(Patience));
        Assert.Contains("sync-other001", e.Message);
        Assert.DoesNotContain(h.Calls, c => c.Action == "CreateSyncJob");
        Assert.Single(h.Buyer.SyncJobs);
    }

    [Theory]
    [InlineData("name")]
    [InlineData("region")]
    [InlineData("account")]
    [InlineData("cloud")]
    [InlineData("region ending where the name starts")] // as ap-shanghai-fsi and ap-shanghai: "-fsi-orders" in one is not "-orders" in the other
    public async Task A_lock_on_another_task_does_not_hold_a_run_up(string differs)
    {
        await using var h = await TencentSyncHarness.StartAsync();
        string name = Unique();
        bool suffix = differs.StartsWith("region ending", StringComparison.Ordinal);
        using var other = Hold(differs == "cloud" ? "Alibaba" : "Tencent", differs == "account" ? TencentSyncHarness.A : TencentSyncHarness.B,
            differs == "region" ? "ap-shanghai" : suffix ? TencentSyncHarness.Region + "-fsi" : TencentSyncHarness.Region, differs == "name" ? name + "x" : name);
        if (suffix) name = "-fsi" + name;

        var task = await Task.Run(() => h.Run(TencentSyncHarness.Request(name))).WaitAsync(Patience);

        Assert.Equal("Running", task.Status);
    }

    [Fact]
    public async Task The_name_is_free_again_once_the_job_is_bought_while_the_run_goes_on()
    {
        await using var h = await TencentSyncHarness.StartAsync();
        string name = Unique();
        bool? freeWhileConfiguring = null;
        var configure = h.Server.Core.Registry.Find("Tencent", "dts", "ConfigureSyncJob")!;
        h.Server.Core.Registry.Add("Tencent", "dts", configure.Version, "ConfigureSyncJob", true, r =>
        {
            freeWhileConfiguring ??= Task.Run(() =>
            {
                using var cancel = new CancellationTokenSource(TimeSpan.FromSeconds(5));
                try
                {
                    using var mine = TaskNameLock.Acquire("Tencent", TencentSyncHarness.B, TencentSyncHarness.Region, name, cancel.Token);
                    return true;
                }
                catch (OperationCanceledException)
                {
                    return false;
                }
            }).Result;
            return configure.Handler(r);
        });

        var task = await Task.Run(() => h.Run(TencentSyncHarness.Request(name))).WaitAsync(Patience);

        Assert.Equal("Running", task.Status);
        Assert.True(freeWhileConfiguring);
    }

    [Fact]
    public async Task Ctrl_C_while_waiting_for_the_name_ends_the_run_without_buying()
    {
        await using var h = await TencentSyncHarness.StartAsync();
        string name = Unique();
        using var other = Hold("Tencent", TencentSyncHarness.B, TencentSyncHarness.Region, name);
        using var cancel = new CancellationTokenSource();
        var plan = h.Service(TencentSyncHarness.B, cancel.Token).PlanSyncTask(TencentSyncHarness.Request(name));

        var run = Task.Run(() => plan.Apply());
        await Task.Delay(800);
        Assert.False(run.IsCompleted);
        cancel.Cancel();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => run.WaitAsync(Patience));
        Assert.DoesNotContain(h.Calls, c => c.Action == "CreateSyncJob");
    }

    [Fact]
    public async Task A_run_that_died_holding_the_name_does_not_block_the_next_one()
    {
        await using var h = await TencentSyncHarness.StartAsync();
        string name = Unique();
        var died = new Thread(() => TaskNameLock.Acquire("Tencent", TencentSyncHarness.B, TencentSyncHarness.Region, name, CancellationToken.None)); // never released
        died.Start();
        died.Join();

        var task = await Task.Run(() => h.Run(TencentSyncHarness.Request(name))).WaitAsync(Patience);

        Assert.Equal("Running", task.Status);
        Assert.Equal(1, h.Applied("CreateSyncJob"));
    }

    /// <summary>
    /// A run in another PowerShell process (a second window) holding a task name: a real pwsh child that takes the
    /// module's own lock on the name, says so, and lets go when told (or is killed while holding it).
    /// </summary>
    private sealed class OtherProcess : IDisposable
    {
        private readonly System.Diagnostics.Process _process;

        public OtherProcess(string name)
        {
            string dll = typeof(TaskNameLock).Assembly.Location.Replace("'", "''");
            string script = string.Join("\n",
                "$type = [System.Reflection.Assembly]::LoadFrom('" + dll + "').GetType('DtsCrossAccount.Core.TaskNameLock', $true)",
                "$held = $type.GetMethod('Acquire').Invoke($null, [object[]]@('Tencent', '" + TencentSyncHarness.B + "', '" + TencentSyncHarness.Region + "', '" + name + "', [System.Threading.CancellationToken]::None))",
                "[Console]::Out.WriteLine('held'); [Console]::Out.Flush()",
                "$null = [Console]::In.ReadLine()",
                "$held.Dispose()");
            var psi = new System.Diagnostics.ProcessStartInfo("dotnet")
            {
                WorkingDirectory = Infrastructure.RepoPaths.Root, // where `dotnet pwsh` finds the tool manifest
                RedirectStandardInput = true,
                RedirectStandardOutput = true,
                RedirectStandardError = true,
                UseShellExecute = false,
            };
            foreach (var a in new[] { "pwsh", "-NoProfile", "-NonInteractive", "-OutputFormat", "Text", "-EncodedCommand",
                         Convert.ToBase64String(System.Text.Encoding.Unicode.GetBytes(script)) })
                psi.ArgumentList.Add(a);
            _process = System.Diagnostics.Process.Start(psi)!;
            var first = _process.StandardOutput.ReadLineAsync();
            Assert.True(first.Wait(TimeSpan.FromSeconds(120)), "the other process did not take the name");
            if (first.Result != "held")
                Assert.Fail("the other process said: " + first.Result + " " + _process.StandardError.ReadToEnd());
        }

        public void Release()
        {
            _process.StandardInput.WriteLine();
            _process.StandardInput.Flush();
            Assert.True(_process.WaitForExit(60_000));
            Assert.Equal(0, _process.ExitCode);
        }

        public void Kill()
        {
            _process.Kill(entireProcessTree: true);
            _process.WaitForExit();
        }

        public void Dispose()
        {
            if (!_process.HasExited) Kill();
            _process.Dispose();
        }
    }

    [Fact]
    public async Task A_run_in_another_process_holding_the_name_makes_this_one_wait_and_it_buys_one_job_once_let_go()
    {
        await using var h = await TencentSyncHarness.StartAsync();
        string name = Unique();
        var plan = h.Plan(TencentSyncHarness.Request(name));
        using var other = new OtherProcess(name);

        var run = Task.Run(() => plan.Apply());
        await Task.Delay(1500);
        Assert.False(run.IsCompleted);
        Assert.DoesNotContain(h.Calls, c => c.Action == "CreateSyncJob");
        other.Release();

        var task = await run.WaitAsync(Patience);
        Assert.Equal("Running", task.Status);
        Assert.Equal(1, h.Applied("CreateSyncJob"));

        // This run let go of the name too (its thread lives on, as a PowerShell window does): another process takes it at once.
        using var next = new OtherProcess(name);
        next.Release();
    }

    [Fact]
    public async Task A_process_killed_while_holding_the_name_does_not_block_the_next_run()
    {
        await using var h = await TencentSyncHarness.StartAsync();
        string name = Unique();
        using (var other = new OtherProcess(name)) other.Kill();

        var task = await Task.Run(() => h.Run(TencentSyncHarness.Request(name))).WaitAsync(Patience);

        Assert.Equal("Running", task.Status);
        Assert.Equal(1, h.Applied("CreateSyncJob"));
    }

    // ---- TencentSyncJobWaiter: Stop-DtsSyncTask and Remove-DtsSyncTask ----

    private static SyncTaskService Tasks(TencentSyncHarness h)
    {
        var ctx = h.Context(TencentSyncHarness.B);
        return new SyncTaskService(new CrossAccountService(CloudProviderFactory.Create(CloudKind.Tencent, ctx), ctx), ctx);
    }

    [Fact]
    public async Task Stopping_a_job_waits_with_progress_until_it_is_Stopped()
    {
        await using var h = await TencentSyncHarness.StartAsync();
        var running = h.Run(TencentSyncHarness.Request(Unique()));
        var service = Tasks(h);

        var stopped = service.PlanStop(new SyncTaskSelector { TaskId = running.TaskId, Region = TencentSyncHarness.Region, TimeoutSeconds = 600 }).Apply();

        Assert.Equal(("Stopped", true), (stopped.Status, stopped.Changed));
        Assert.Equal("Stopped", h.OnlyJob().Status);
        string activity = "DTS sync job " + running.TaskId;
        Assert.Contains(h.Reporter.ProgressRecords, p => p.Activity == activity && p.Status == "Waiting until job " + running.TaskId + " is Stopped: Stopping / Normal" && p.Percent == -1);
        // Only the last record ends the bar: one marked completed earlier would take it off the screen while the wait goes on.
        var waiting = h.Reporter.ProgressRecords.Where(p => p.Activity == activity && p.Status != "Done").ToList();
        Assert.NotEmpty(waiting);
        Assert.All(waiting, p => Assert.False(p.Completed));
        Assert.Equal((activity, "Done", 100, true), h.Reporter.ProgressRecords.Last());
    }

    [Fact]
    public async Task A_stop_that_takes_longer_than_the_timeout_says_how_far_it_got_and_how_to_keep_waiting()
    {
        await using var h = await TencentSyncHarness.StartAsync();
        var running = h.Run(TencentSyncHarness.Request(Unique()));
        h.State.DtsStepSeconds = 3600;
        var service = Tasks(h);

        var e = Assert.Throws<DtsCrossAccountException>(() =>
            service.PlanStop(new SyncTaskSelector { TaskId = running.TaskId, Region = TencentSyncHarness.Region, TimeoutSeconds = 30 }).Apply());

        Assert.Equal("SyncTaskWaitTimeout", e.ErrorId);
        Assert.Equal(System.Management.Automation.ErrorCategory.OperationTimeout, e.Category);
        Assert.Contains("Waited 30 s until job " + running.TaskId + " is Stopped; sync job " + running.TaskId + " is Stopping (billing Normal).", e.Message);
        Assert.Contains("Run Stop-DtsSyncTask", e.Remedy);
        Assert.Equal(running.TaskId, e.Target);
    }

    [Fact]
    public async Task Removing_a_job_waits_until_it_is_no_longer_listed()
    {
        await using var h = await TencentSyncHarness.StartAsync();
        var running = h.Run(TencentSyncHarness.Request(Unique()));
        var service = Tasks(h);

        var removed = service.PlanRemove(new SyncTaskSelector { TaskId = running.TaskId, Region = TencentSyncHarness.Region, TimeoutSeconds = 600 }).Apply();

        Assert.Equal("Released", removed.Status);
        Assert.DoesNotContain(h.Buyer.SyncJobs.Values, j => j.TradeStatus != "Offlined");
        Assert.Contains(h.Reporter.ProgressRecords, p => p.Status == "Waiting until job " + running.TaskId + " is no longer listed: no longer listed");
    }

    [Theory]
    [InlineData("StopSyncJob", 0)]
    [InlineData("IsolateSyncJob", 1)]
    [InlineData("DestroySyncJob", 2)]
    public async Task A_server_error_on_a_release_step_is_not_sent_again_the_release_stops_with_what_was_done_and_a_re_run_finishes_it(string action, int doneBefore)
    {
        await using var h = await TencentSyncHarness.StartAsync();
        var running = h.Run(TencentSyncHarness.Request(Unique()));
        var selector = new SyncTaskSelector { TaskId = running.TaskId, Region = TencentSyncHarness.Region, TimeoutSeconds = 600 };
        h.Fault(action, FaultKind.ServerError);

        var e = Assert.Throws<DtsCrossAccountException>(() => Tasks(h).PlanRemove(selector).Apply());

        // The write's outcome is unknown: it is not repeated blindly, and the user is told so and how to go on.
        Assert.Equal("SyncTaskReleaseInterrupted", e.ErrorId);
        Assert.Contains(action + " failed: [InternalError]", e.Message);
        Assert.Contains("The change may have been made before the answer was lost", e.Message);
        Assert.Equal(1, h.Calls.Count(c => c.Action == action));
        Assert.Contains("Remove-DtsSyncTask", e.Remedy);
        Assert.Equal(doneBefore, Assert.IsType<SyncTask>(e.Target).Changes.Length);

        var removed = Tasks(h).PlanRemove(selector).Apply();
        Assert.Equal("Released", removed.Status);
        Assert.False(h.Buyer.SyncJobs.ContainsKey(running.TaskId));
    }

    [Fact]
    public async Task A_stop_whose_answer_is_a_server_error_is_not_sent_again_and_says_how_to_go_on()
    {
        await using var h = await TencentSyncHarness.StartAsync();
        var running = h.Run(TencentSyncHarness.Request(Unique()));
        h.Fault("StopSyncJob", FaultKind.ServerError);

        var e = Assert.ThrowsAny<Exception>(() =>
            Tasks(h).PlanStop(new SyncTaskSelector { TaskId = running.TaskId, Region = TencentSyncHarness.Region, TimeoutSeconds = 600 }).Apply());

        Assert.Contains("StopSyncJob failed: [InternalError]", e.Message);
        Assert.Contains("The change may have been made before the answer was lost; run the command again", e.Message);
        Assert.Equal(1, h.Calls.Count(c => c.Action == "StopSyncJob"));
    }
}
