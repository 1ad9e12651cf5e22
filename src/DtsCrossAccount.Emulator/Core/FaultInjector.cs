using System.Globalization;
using System.Text.Json.Nodes;

namespace DtsCrossAccount.Emulator.Core;

/// <summary>What a fault does to a call (docs/emulator-wire-protocol.md, "Fault plans").</summary>
public enum FaultKind
{
    /// <summary>An answer with a given code and HTTP status, before state is touched.</summary>
    Error,
    /// <summary>The cloud's own throttling answer (Tencent RequestLimitExceeded with HTTP 200, Alibaba Throttling.User 400).</summary>
    Throttle,
    /// <summary>An HTTP 5xx server error before state is touched (default 500 InternalError).</summary>
    ServerError,
    /// <summary>The connection is reset after the request arrived and before it is applied.</summary>
    Reset,
    /// <summary>The request is applied, then the connection is reset instead of answering: the answer is lost.</summary>
    LostAnswer,
    /// <summary>The answer is held back for LatencyMs milliseconds.</summary>
    Latency,
}

/// <summary>One rule of a fault plan: which calls (cloud, action; "*" = any), how often (Next N or a probability), what.</summary>
public sealed class Fault
{
    public Fault(string cloud, string action, string code, int httpStatus, string? message)
    {
        Cloud = cloud;
        Action = action;
        Code = code;
        HttpStatus = httpStatus;
        Message = message;
    }

    public string Cloud { get; init; }
    public string Action { get; init; }
    public FaultKind Kind { get; init; } = FaultKind.Error;
    public string? Code { get; init; }
    public int HttpStatus { get; init; }
    public string? Message { get; init; }
    /// <summary>Calls left for a "next N" rule; null for a probability rule.</summary>
    public int? Remaining { get; set; }
    /// <summary>Chance per matching call (0..1) for a probability rule.</summary>
    public double? Probability { get; init; }
    public int LatencyMs { get; init; }
    /// <summary>For kind 5xx: apply the request first, then answer the error (the server did the work and failed afterwards).</summary>
    public bool AfterApply { get; init; }

    public bool Matches(string cloud, string action) =>
        (Cloud == "*" || string.Equals(Cloud, cloud, StringComparison.OrdinalIgnoreCase)) && (Action == "*" || Action == action);
}

/// <summary>The faults that apply to one call: a delay (sum of firing latency rules) and at most one failing fault.</summary>
public sealed record FaultDecision(TimeSpan Delay, Fault? Fault);

/// <summary>
/// A fault plan: rules tried in order for every authenticated call. Latency rules add up; the first other rule that fires
/// decides the call. Probabilities draw from one seeded generator, so a plan with a seed gives the same faults for the same
/// sequence of calls. Set from the test process (Add/Load), the command line (--faults FILE) or HTTP (POST /_emulator/faults).
/// </summary>
public sealed class FaultInjector
{
    private readonly List<Fault> _faults = new();
    private readonly object _sync = new();
    private Random _random = new(0);

    /// <summary>Makes the next <paramref name="times"/> matching calls answer <paramref name="code"/> (the in-process shorthand).</summary>
    /// <param name="cloud">"Tencent", "Alibaba" or "*".</param>
    /// <param name="action">API action, or "*" for any.</param>
    /// <param name="httpStatus">HTTP status (Tencent answers API errors with 200; 5xx simulates a server fault).</param>
    public void Add(string cloud, string action, string code, int times = 1, int httpStatus = 0, string? message = null)
    {
        lock (_sync) _faults.Add(new Fault(cloud, action, code, httpStatus, message ?? "Injected fault.") { Remaining = times });
    }

    public void Add(Fault fault)
    {
        lock (_sync) _faults.Add(fault);
    }

    public void Clear()
    {
        lock (_sync) _faults.Clear();
    }

    /// <summary>Replaces the plan with one parsed from JSON (format in docs/emulator-wire-protocol.md).</summary>
    public void Load(string json)
    {
        var (seed, faults) = Parse(json);
        lock (_sync)
        {
            _faults.Clear();
            _faults.AddRange(faults);
            _random = new Random(seed);
        }
    }

    /// <summary>The rules still active, for GET /_emulator/faults.</summary>
    public JsonArray Describe()
    {
        lock (_sync)
            return new JsonArray(_faults.Select(f => (JsonNode)new JsonObject
            {
                ["cloud"] = f.Cloud, ["action"] = f.Action, ["kind"] = KindName(f.Kind), ["code"] = string.IsNullOrEmpty(f.Code) ? null : f.Code,
                ["status"] = f.HttpStatus == 0 ? null : f.HttpStatus, ["next"] = f.Remaining, ["probability"] = f.Probability,
                ["latencyMs"] = f.Kind == FaultKind.Latency ? f.LatencyMs : null,
                ["afterApply"] = f.AfterApply ? true : null,
            }).ToArray());
    }

    public FaultDecision Decide(string cloud, string action)
    {
        lock (_sync)
        {
            var delay = TimeSpan.Zero;
            foreach (var f in _faults)
            {
                if (!f.Matches(cloud, action) || !Fires(f)) continue;
                if (f.Kind == FaultKind.Latency)
                {
                    delay += TimeSpan.FromMilliseconds(f.LatencyMs);
                    continue;
                }
                return new FaultDecision(delay, f);
            }
            return new FaultDecision(delay, null);
        }
    }

    /// <summary>Compatibility with callers that only want the failing fault.</summary>
    public Fault? TryTake(string cloud, string action) => Decide(cloud, action).Fault;

    private bool Fires(Fault f)
    {
        if (f.Remaining is { } left)
        {
            if (left <= 0) return false;
            f.Remaining = left - 1;
            return true;
        }
        return f.Probability is { } p && _random.NextDouble() < p;
    }

    private static readonly Dictionary<string, FaultKind> Kinds = new(StringComparer.OrdinalIgnoreCase)
    {
        ["error"] = FaultKind.Error,
        ["throttle"] = FaultKind.Throttle,
        ["throttling"] = FaultKind.Throttle,
        ["5xx"] = FaultKind.ServerError,
        ["serverError"] = FaultKind.ServerError,
        ["reset"] = FaultKind.Reset,
        ["lostAnswer"] = FaultKind.LostAnswer,
        ["applyThenReset"] = FaultKind.LostAnswer,
        ["latency"] = FaultKind.Latency,
    };

    private static string KindName(FaultKind kind) => kind switch
    {
        FaultKind.ServerError => "5xx",
        FaultKind.LostAnswer => "lostAnswer",
        _ => kind.ToString().ToLowerInvariant(),
    };

    /// <summary>Parses {"seed":N,"faults":[{cloud,action,kind,next|probability,code,status,message,latencyMs}]}; throws FormatException.</summary>
    public static (int Seed, List<Fault> Faults) Parse(string json)
    {
        JsonObject root;
        try
        {
            root = JsonNode.Parse(json) as JsonObject ?? throw new FormatException("A fault plan is a JSON object with a \"faults\" array.");
        }
        catch (System.Text.Json.JsonException e)
        {
            throw new FormatException("The fault plan is not valid JSON: " + e.Message);
        }
        var seed = root["seed"] is JsonValue sv && sv.TryGetValue<int>(out var s) ? s : 0;
        var list = new List<Fault>();
        var items = root["faults"] as JsonArray ?? throw new FormatException("A fault plan needs a \"faults\" array.");
        int index = 0;
        foreach (var node in items)
        {
            var o = node as JsonObject ?? throw new FormatException($"faults[{index}] is not an object.");
            string Where(string field) => $"faults[{index}].{field}";
            var kindText = (string?)o["kind"] ?? throw new FormatException(Where("kind") + " is missing (" + string.Join(", ", Kinds.Keys) + ").");
            if (!Kinds.TryGetValue(kindText, out var kind)) throw new FormatException(Where("kind") + $" '{kindText}' is not one of " + string.Join(", ", Kinds.Keys) + ".");
            int? next = o["next"] is JsonNode n ? n.GetValue<int>() : null;
            double? probability = o["probability"] is JsonNode p ? p.GetValue<double>() : null;
            if ((next == null) == (probability == null)) throw new FormatException($"faults[{index}] needs exactly one of \"next\" (a count of calls) or \"probability\" (0 to 1).");
            if (probability is < 0 or > 1) throw new FormatException(Where("probability") + " must be between 0 and 1.");
            if (next is < 0) throw new FormatException(Where("next") + " must not be negative.");
            var status = o["status"] is JsonNode st ? st.GetValue<int>() : 0;
            var latency = o["latencyMs"] is JsonNode l ? l.GetValue<int>() : 0;
            if (kind == FaultKind.Latency && latency <= 0) throw new FormatException(Where("latencyMs") + " must be a positive number of milliseconds for kind latency.");
            if (kind == FaultKind.Error && string.IsNullOrEmpty((string?)o["code"])) throw new FormatException(Where("code") + " is required for kind error.");
            if (kind == FaultKind.ServerError && status != 0 && status < 500) throw new FormatException(Where("status") + " must be 500 or above for kind 5xx.");
            list.Add(new Fault((string?)o["cloud"] ?? "*", (string?)o["action"] ?? "*", (string?)o["code"] ?? "", status, (string?)o["message"])
            {
                Kind = kind, Remaining = next, Probability = probability, LatencyMs = latency,
                AfterApply = o["afterApply"] is JsonNode aa && aa.GetValue<bool>(),
            });
            index++;
        }
        return (seed, list);
    }
}
