using System.Text;
using System.Text.Json;
using DtsCrossAccount.Emulator.Core;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace DtsCrossAccount.Emulator;

/// <summary>The emulator as a real HTTP server on loopback (Kestrel). Usable in-process (tests, Sandbox) and from Program.</summary>
public sealed class EmulatorServer : IAsyncDisposable
{
    private readonly WebApplication _app;

    private EmulatorServer(WebApplication app, EmulatorCore core, Uri baseUrl)
    {
        _app = app;
        Core = core;
        BaseUrl = baseUrl;
    }

    public EmulatorCore Core { get; }
    /// <summary>http://127.0.0.1:port/ — point DTSCROSSACCOUNT_ENDPOINT_URL here.</summary>
    public Uri BaseUrl { get; }
    public CallLog Calls => Core.Calls;
    public EmulatorState State => Core.State;
    public FaultInjector Faults => Core.Faults;

    /// <param name="faultPlanJson">A fault plan (docs/emulator-wire-protocol.md, "Fault plans"), or null for none.</param>
    /// <param name="limitsJson">Rate-limit settings (same document, "Rate limits"), or null for the documented limits.</param>
    public static async Task<EmulatorServer> StartAsync(int port = 0, string? seedJson = null, string? faultPlanJson = null, string? limitsJson = null)
    {
        var core = new EmulatorCore(seedJson);
        if (faultPlanJson != null) core.Faults.Load(faultPlanJson);
        if (limitsJson != null) core.Limits.Configure(limitsJson);
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        // The process that hosts the emulator owns its signals: the default console lifetime would swallow SIGTERM
        // and SIGINT (cancelling the runtime's exit) to stop only this server, leaving a test host or the Sandbox
        // running, and the emulator's own Program waiting for an exit that never comes.
        builder.Services.AddSingleton<IHostLifetime, ProcessOwnedLifetime>();
        // Open keep-alive connections must not hold a stopping emulator for the default 30 s.
        builder.Services.Configure<HostOptions>(o => o.ShutdownTimeout = TimeSpan.FromSeconds(2));
        builder.WebHost.ConfigureKestrel(k => k.Listen(System.Net.IPAddress.Loopback, port));
        var app = builder.Build();

        app.Run(async ctx =>
        {
            // The emulator's own endpoints (never signed, loopback only); everything else is a cloud API request.
            if (ctx.Request.Path.StartsWithSegments("/_emulator"))
            {
                await ControlAsync(ctx, core);
                return;
            }
            var raw = await ReadAsync(ctx.Request);
            var response = core.Handle(raw);
            if (response.Delay > TimeSpan.Zero) await Task.Delay(response.Delay, ctx.RequestAborted);
            if (response.Abort)
            {
                // Reset the connection without a status line: to the client the request may or may not have run.
                ctx.Abort();
                return;
            }
            ctx.Response.StatusCode = response.Status;
            ctx.Response.ContentType = response.ContentType;
            await ctx.Response.WriteAsync(response.Body, Encoding.UTF8);
        });

        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        var uri = new Uri(address.Replace("[::]", "127.0.0.1").TrimEnd('/') + "/");
        return new EmulatorServer(app, core, uri);
    }

    /// <summary>GET calls/health/faults/limits; POST faults (a plan) and limits; DELETE faults (clear) and calls (clear the log).</summary>
    private static async Task ControlAsync(HttpContext ctx, EmulatorCore core)
    {
        ctx.Response.ContentType = "application/json";
        var method = ctx.Request.Method;
        var path = ctx.Request.Path.Value;
        try
        {
            switch (method, path)
            {
                case ("GET", "/_emulator/calls"): await ctx.Response.WriteAsync(JsonSerializer.Serialize(core.Calls.Snapshot())); return;
                case ("DELETE", "/_emulator/calls"): core.Calls.Clear(); ctx.Response.StatusCode = 204; return;
                case ("GET", "/_emulator/health"): await ctx.Response.WriteAsync("{\"status\":\"ok\"}"); return;
                case ("GET", "/_emulator/faults"): await ctx.Response.WriteAsync(new System.Text.Json.Nodes.JsonObject { ["faults"] = core.Faults.Describe() }.ToJsonString()); return;
                case ("POST", "/_emulator/faults"):
                    core.Faults.Load(await ReadTextAsync(ctx.Request));
                    await ctx.Response.WriteAsync(new System.Text.Json.Nodes.JsonObject { ["faults"] = core.Faults.Describe() }.ToJsonString());
                    return;
                case ("DELETE", "/_emulator/faults"): core.Faults.Clear(); ctx.Response.StatusCode = 204; return;
                case ("GET", "/_emulator/limits"): await ctx.Response.WriteAsync(core.Limits.Describe().ToJsonString()); return;
                case ("POST", "/_emulator/limits"):
                    core.Limits.Configure(await ReadTextAsync(ctx.Request));
                    await ctx.Response.WriteAsync(core.Limits.Describe().ToJsonString());
                    return;
                default:
                    ctx.Response.StatusCode = 404;
                    await ctx.Response.WriteAsync("{\"Code\":\"NotFound\",\"Message\":\"No such emulator endpoint: " + method + " " + path + "\"}");
                    return;
            }
        }
        catch (Exception e) when (e is FormatException or InvalidOperationException or System.Text.Json.JsonException)
        {
            ctx.Response.StatusCode = 400;
            await ctx.Response.WriteAsync(new System.Text.Json.Nodes.JsonObject { ["Code"] = "InvalidPlan", ["Message"] = e.Message }.ToJsonString());
        }
    }

    private static async Task<string> ReadTextAsync(HttpRequest request)
    {
        using var reader = new StreamReader(request.Body, Encoding.UTF8);
        return await reader.ReadToEndAsync();
    }

    private static async Task<RawRequest> ReadAsync(HttpRequest request)
    {
        using var ms = new MemoryStream();
        await request.Body.CopyToAsync(ms);
        var headers = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (var h in request.Headers) headers[h.Key] = h.Value.ToString();
        return new RawRequest
        {
            Method = request.Method,
            Path = request.Path.HasValue ? request.Path.Value! : "/",
            QueryString = request.QueryString.HasValue ? request.QueryString.Value!.TrimStart('?') : "",
            Headers = headers,
            Body = ms.ToArray(),
        };
    }

    private sealed class ProcessOwnedLifetime : IHostLifetime
    {
        public Task WaitForStartAsync(CancellationToken cancellationToken) => Task.CompletedTask;
        public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
