namespace DtsCrossAccount.Emulator.Core;

/// <summary>
/// Makes the next N matching calls fail with a given code, before they touch state (as a throttled or failed
/// request does in the cloud). Tests use it for retry and resume scenarios.
/// </summary>
public sealed class FaultInjector
{
    private readonly List<Fault> _faults = new();
    private readonly object _sync = new();

    /// <param name="cloud">"Tencent" or "Alibaba".</param>
    /// <param name="action">API action, or "*" for any.</param>
    /// <param name="code">Error code to answer, e.g. RequestLimitExceeded, Throttling.User, InternalError.</param>
    /// <param name="times">How many calls fail.</param>
    /// <param name="httpStatus">HTTP status (Tencent answers API errors with 200; 5xx simulates a server fault).</param>
    public void Add(string cloud, string action, string code, int times = 1, int httpStatus = 0, string? message = null)
    {
        lock (_sync) _faults.Add(new Fault(cloud, action, code, httpStatus, message ?? "Injected fault.") { Remaining = times });
    }

    public void Clear()
    {
        lock (_sync) _faults.Clear();
    }

    public Fault? TryTake(string cloud, string action)
    {
        lock (_sync)
        {
            var f = _faults.FirstOrDefault(x => x.Remaining > 0 && x.Cloud == cloud && (x.Action == "*" || x.Action == action));
            if (f == null) return null;
            f.Remaining--;
            return f;
        }
    }
}

public sealed record Fault(string Cloud, string Action, string Code, int HttpStatus, string Message)
{
    public int Remaining { get; set; }
}
