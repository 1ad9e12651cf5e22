namespace DtsCrossAccount.Emulator.Core;

/// <summary>One API call the emulator answered: tests assert counts and that re-runs make no write call.</summary>
public sealed record CallRecord(
    DateTimeOffset Time,
    string Cloud,
    string Service,
    string Action,
    string? CallerAccountId,
    string? Caller,
    bool IsWrite,
    string Result,
    string RequestId,
    string? Fault = null);

public sealed class CallLog
{
    private readonly List<CallRecord> _calls = new();
    private readonly object _sync = new();

    public void Add(CallRecord record)
    {
        lock (_sync) _calls.Add(record);
    }

    public IReadOnlyList<CallRecord> Snapshot()
    {
        lock (_sync) return _calls.ToArray();
    }

    public void Clear()
    {
        lock (_sync) _calls.Clear();
    }

    /// <summary>Write calls that succeeded (Result "OK").</summary>
    public IReadOnlyList<CallRecord> SuccessfulWrites() => Snapshot().Where(c => c.IsWrite && c.Result == "OK").ToArray();
}
