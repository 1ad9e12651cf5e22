using System.Diagnostics;
using System.Text.Json.Nodes;

namespace DtsCrossAccount.Emulator.Core;

/// <summary>
/// The clouds' documented per-action request limits (cloud-apis.md 8, "Rate limits and throttling answers"; sources per row in
/// docs/emulator-wire-protocol.md). Counted in a sliding one-second window of real time (not the emulator clock, which tests
/// move) per cloud + account scope + region + action: Tencent per API + region + (sub-)account, Alibaba per region + API +
/// main account. Tests tighten them with a scale or per-action overrides (--limits FILE, POST /_emulator/limits).
/// </summary>
public sealed class RateLimits
{
    private static readonly Dictionary<string, int> Documented = new(StringComparer.Ordinal)
    {
        ["Tencent/cam/CreateRole"] = 2, ["Tencent/cam/GetRole"] = 20, ["Tencent/cam/UpdateAssumeRolePolicy"] = 3,
        ["Tencent/cam/AttachRolePolicy"] = 3, ["Tencent/cam/ListAttachedRolePolicies"] = 10, ["Tencent/cam/DescribeRoleList"] = 10,
        ["Tencent/cam/CreatePolicy"] = 10, ["Tencent/cam/GetPolicy"] = 20, ["Tencent/cam/ListPolicies"] = 20,
        ["Tencent/cam/AttachUserPolicy"] = 10, ["Tencent/cam/ListAttachedUserPolicies"] = 20, ["Tencent/cam/DescribeSubAccounts"] = 20,
        ["Tencent/cam/GetUser"] = 20, ["Tencent/cam/DeleteRole"] = 3, ["Tencent/cam/DetachRolePolicy"] = 3,
        ["Tencent/cam/DeletePolicy"] = 10, ["Tencent/cam/DetachUserPolicy"] = 10, ["Tencent/cam/ListEntitiesForPolicy"] = 20,
        ["Tencent/sts/AssumeRole"] = 600, ["Tencent/sts/GetCallerIdentity"] = 20,
        ["Tencent/dts/CreateSyncJob"] = 20, ["Tencent/dts/ConfigureSyncJob"] = 20, ["Tencent/dts/CreateCheckSyncJob"] = 20,
        ["Tencent/dts/DescribeCheckSyncJobResult"] = 20, ["Tencent/dts/StartSyncJob"] = 20, ["Tencent/dts/DescribeSyncJobs"] = 100,
        ["Tencent/dts/StopSyncJob"] = 20, ["Tencent/dts/IsolateSyncJob"] = 20, ["Tencent/dts/DestroySyncJob"] = 20,
        ["Alibaba/ram/CreateRole"] = 20, ["Alibaba/ram/GetRole"] = 100, ["Alibaba/ram/AttachPolicyToRole"] = 10,
        ["Alibaba/ram/ListPoliciesForRole"] = 100, ["Alibaba/ram/ListPoliciesForUser"] = 100, ["Alibaba/ram/GetUser"] = 100,
        ["Alibaba/ram/DeleteRole"] = 20, ["Alibaba/ram/DetachPolicyFromRole"] = 10,
        ["Alibaba/sts/AssumeRole"] = 100, ["Alibaba/sts/GetCallerIdentity"] = 100,
        ["Alibaba/dts/DescribeDtsJobs"] = 20, ["Alibaba/dts/DescribeDtsJobDetail"] = 40,
    };

    private readonly object _sync = new();
    private readonly Dictionary<string, Queue<long>> _windows = new(StringComparer.Ordinal);
    private Dictionary<string, int> _overrides = new(StringComparer.Ordinal);
    private double _scale = 1;
    private bool _enabled = true;

    /// <summary>The limit in force for cloud/service/action (0 = none).</summary>
    public int LimitOf(string cloud, string service, string action)
    {
        var key = cloud + "/" + service + "/" + action;
        lock (_sync)
        {
            if (!_enabled) return 0;
            if (_overrides.TryGetValue(key, out var o)) return o;
            return Documented.TryGetValue(key, out var n) ? Math.Max(1, (int)Math.Floor(n * _scale)) : 0;
        }
    }

    /// <summary>Counts the call; false when it is over the limit (the caller answers the cloud's throttling error).</summary>
    public bool TryPass(string cloud, string service, string action, string accountScope, string? region)
    {
        var limit = LimitOf(cloud, service, action);
        if (limit <= 0) return true;
        var key = string.Join("|", cloud, accountScope, region ?? "", service, action);
        lock (_sync)
        {
            if (!_windows.TryGetValue(key, out var window)) _windows[key] = window = new Queue<long>();
            var now = Stopwatch.GetTimestamp();
            while (window.Count > 0 && now - window.Peek() >= Stopwatch.Frequency) window.Dequeue();
            if (window.Count >= limit) return false;
            window.Enqueue(now);
            return true;
        }
    }

    /// <summary>Applies {"enabled":bool,"scale":number,"overrides":{"Tencent/cam/CreateRole":1,…}}; absent fields keep their value.</summary>
    public void Configure(string json)
    {
        JsonObject root;
        try
        {
            root = JsonNode.Parse(json) as JsonObject ?? throw new FormatException("Limits are a JSON object.");
        }
        catch (System.Text.Json.JsonException e)
        {
            throw new FormatException("The limits are not valid JSON: " + e.Message);
        }
        lock (_sync)
        {
            if (root["enabled"] is JsonNode e) _enabled = e.GetValue<bool>();
            if (root["scale"] is JsonNode s)
            {
                var scale = s.GetValue<double>();
                if (scale <= 0) throw new FormatException("scale must be above 0 (1 = the documented limits).");
                _scale = scale;
            }
            if (root["overrides"] is JsonObject o)
            {
                var next = new Dictionary<string, int>(StringComparer.Ordinal);
                foreach (var kv in o)
                {
                    if (kv.Key.Split('/').Length != 3) throw new FormatException($"overrides key '{kv.Key}' must be Cloud/service/Action, e.g. Tencent/cam/CreateRole.");
                    next[kv.Key] = kv.Value!.GetValue<int>();
                }
                _overrides = next;
            }
            _windows.Clear();
        }
    }

    /// <summary>The documented limits and what is in force, for GET /_emulator/limits.</summary>
    public JsonObject Describe()
    {
        lock (_sync)
        {
            var limits = new JsonObject();
            foreach (var key in Documented.Keys.Concat(_overrides.Keys).Distinct().OrderBy(k => k, StringComparer.Ordinal))
            {
                limits[key] = _enabled ? (_overrides.TryGetValue(key, out var o) ? o : Math.Max(1, (int)Math.Floor(Documented[key] * _scale))) : 0;
            }
            return new JsonObject
            {
                ["enabled"] = _enabled, ["scale"] = _scale,
                ["overrides"] = new JsonObject(_overrides.Select(kv => KeyValuePair.Create(kv.Key, (JsonNode?)kv.Value))),
                ["perSecond"] = limits,
            };
        }
    }
}
