using System.Text.Json.Nodes;

namespace DtsCrossAccount.Emulator.Core;

/// <summary>A request that passed authentication, handed to an action handler.</summary>
public sealed class ApiRequest
{
    public required EmulatorState State { get; init; }
    public required Principal Caller { get; init; }
    /// <summary>The access key that signed the request (temporary keys carry the assumed role).</summary>
    public required AccessKey Key { get; init; }
    public required string Cloud { get; init; }
    /// <summary>Tencent: cam, sts, dts (from the credential scope). Alibaba: ram, sts, dts (from Version).</summary>
    public required string Service { get; init; }
    public required string Action { get; init; }
    public required string Version { get; init; }
    /// <summary>Tencent X-TC-Region; Alibaba RegionId parameter when given.</summary>
    public string? Region { get; init; }
    public required string RequestId { get; init; }
    /// <summary>Tencent: the JSON body. Null for Alibaba.</summary>
    public JsonObject? Body { get; init; }
    /// <summary>Alibaba: query and form parameters merged (common parameters removed). Null for Tencent.</summary>
    public IReadOnlyDictionary<string, string>? Parameters { get; init; }

    public string? Param(string name) => Parameters != null && Parameters.TryGetValue(name, out var v) ? v : null;

    public string RequiredParam(string name) =>
        string.IsNullOrEmpty(Param(name)) ? throw new ApiError("MissingParameter", $"The input parameter \"{name}\" that is mandatory for processing this request is not supplied.") : Param(name)!;
}

/// <summary>Handlers return the response members (the frontend adds RequestId and the envelope) or throw ApiError.</summary>
public delegate JsonObject ApiHandler(ApiRequest request);

public sealed record ApiOperation(string Cloud, string Service, string Version, string Action, bool IsWrite, ApiHandler Handler);

public sealed class ApiRegistry
{
    private readonly Dictionary<(string Cloud, string Service, string Action), ApiOperation> _ops = new();

    public void Add(string cloud, string service, string version, string action, bool isWrite, ApiHandler handler) =>
        _ops[(cloud, service, action)] = new ApiOperation(cloud, service, version, action, isWrite, handler);

    public ApiOperation? Find(string cloud, string service, string action) =>
        _ops.TryGetValue((cloud, service, action), out var op) ? op : null;

    public bool HasService(string cloud, string service) => _ops.Keys.Any(k => k.Cloud == cloud && k.Service == service);

    /// <summary>The API version a service answers to (one per service in this emulator).</summary>
    public string? VersionOf(string cloud, string service) =>
        _ops.Values.FirstOrDefault(o => o.Cloud == cloud && o.Service == service)?.Version;

    /// <summary>Alibaba tells services apart by the Version parameter.</summary>
    public string? ServiceOfVersion(string cloud, string version) =>
        _ops.Values.FirstOrDefault(o => o.Cloud == cloud && o.Version == version)?.Service;
}
