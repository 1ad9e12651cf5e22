namespace DtsCrossAccount.Emulator.Core;

/// <summary>The emulator's notion of now; tests may move it forward to expire temporary keys or advance DTS jobs.</summary>
public sealed class EmulatorClock
{
    private TimeSpan _offset = TimeSpan.Zero;

    public DateTimeOffset UtcNow => DateTimeOffset.UtcNow + _offset;

    public void Advance(TimeSpan by) => _offset += by;
}
