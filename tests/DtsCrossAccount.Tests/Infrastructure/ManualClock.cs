using DtsCrossAccount.Emulator.Core;
using DtsCrossAccount.Transport;

namespace DtsCrossAccount.Tests.Infrastructure;

/// <summary>
/// The module's clock in tests that need exact instants: unlike <see cref="VirtualClock"/> (the emulator's clock, which
/// is real time plus an offset), time here moves only when the module sleeps or the test advances it (an answer that
/// takes long), so "a poll at exactly the deadline" can be made. The emulator's clock is moved by the same amounts.
/// </summary>
internal sealed class ManualClock : IClock
{
    private readonly EmulatorClock _emulator;
    private readonly DateTimeOffset _start;
    private long _ticks;

    public ManualClock(EmulatorClock emulator)
    {
        _emulator = emulator;
        _start = emulator.UtcNow;
    }

    public DateTimeOffset UtcNow => _start + TimeSpan.FromTicks(Interlocked.Read(ref _ticks));

    public void Sleep(TimeSpan delay, CancellationToken cancel)
    {
        cancel.ThrowIfCancellationRequested();
        if (delay > TimeSpan.Zero) Advance(delay);
    }

    /// <summary>Time that passes without the module sleeping (a slow answer).</summary>
    public void Advance(TimeSpan by)
    {
        Interlocked.Add(ref _ticks, by.Ticks);
        _emulator.Advance(by);
    }
}
