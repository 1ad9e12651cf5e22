using System.Globalization;
using System.Management.Automation;
using System.Management.Automation.Host;
using System.Security;

namespace DtsCrossAccount.Sandbox;

/// <summary>
/// A non-interactive host shaped like pwsh's console host in a 120-column window: Out-Default formats objects through
/// it (tables, lists, errors in $ErrorView) exactly as pwsh would, and every line is written in the order it comes.
/// Colour (VT escapes) only when the output is a terminal; progress is drawn on one line that is cleared afterwards, as
/// pwsh does, and not at all into a file or a test's transcript. Anything that would prompt fails (runbooks must not prompt).
/// </summary>
public sealed class SandboxHost : PSHost
{
    /// <summary>The console width the sandbox formats for: a common terminal, and wide enough for every view.</summary>
    public const int Width = 120;

    private readonly SandboxHostUI _ui;

    public SandboxHost(TextWriter output, bool plainText = true) { _ui = new SandboxHostUI(output, plainText); }

    public override CultureInfo CurrentCulture => CultureInfo.InvariantCulture;
    public override CultureInfo CurrentUICulture => CultureInfo.GetCultureInfo("en-US");
    public override Guid InstanceId { get; } = Guid.NewGuid();
    public override string Name => "DtsCrossAccount.Sandbox";
    public override PSHostUserInterface UI => _ui;
    public override Version Version => new(1, 0);
    public override void EnterNestedPrompt() => throw new NotSupportedException();
    public override void ExitNestedPrompt() => throw new NotSupportedException();
    public override void NotifyBeginApplication() { }
    public override void NotifyEndApplication() { }
    public override void SetShouldExit(int exitCode) { }
}

internal sealed class SandboxHostUI : PSHostUserInterface
{
    private static readonly System.Text.RegularExpressions.Regex Ansi = new("\u001b\\[[0-9;?]*[A-Za-z]");
    private readonly TextWriter _out;
    private readonly bool _plainText;
    private readonly SandboxRawUI _raw = new();
    private bool _progressShown;

    public SandboxHostUI(TextWriter output, bool plainText) { _out = output; _plainText = plainText; }

    /// <summary>With VT support the engine renders $PSStyle (table headers, errors) in colour, as pwsh does in a terminal.</summary>
    public override bool SupportsVirtualTerminal => !_plainText;

    public override PSHostRawUserInterface RawUI => _raw;

    private void Emit(string? value, bool newLine, ConsoleColor? colour = null)
    {
        ClearProgress();
        value ??= "";
        if (_plainText) value = Ansi.Replace(value, "");
        else if (colour is ConsoleColor c) value = "\u001b[" + Sgr(c) + "m" + value + "\u001b[0m";
        if (newLine) _out.WriteLine(value); else _out.Write(value);
    }

    public override void Write(string value) => Emit(value, false);
    public override void Write(ConsoleColor foregroundColor, ConsoleColor backgroundColor, string value) =>
        Emit(value, false, foregroundColor == _raw.ForegroundColor ? null : foregroundColor);
    public override void WriteLine(string value) => Emit(value, true);
    public override void WriteLine(ConsoleColor foregroundColor, ConsoleColor backgroundColor, string value) =>
        Emit(value, true, foregroundColor == _raw.ForegroundColor ? null : foregroundColor);
    // pwsh's console host drops the empty line the error view ends with; so does the sandbox.
    public override void WriteErrorLine(string value) { if (!string.IsNullOrEmpty(value)) Emit(value, true, ConsoleColor.Red); }
    public override void WriteDebugLine(string message) => Emit("DEBUG: " + message, true, ConsoleColor.Yellow);
    public override void WriteVerboseLine(string message) => Emit("VERBOSE: " + message, true, ConsoleColor.Yellow);
    public override void WriteWarningLine(string message) => Emit("WARNING: " + message, true, ConsoleColor.Yellow);

    /// <summary>
    /// Progress as pwsh's minimal view: one line, redrawn in place and cleared when done. Only on a terminal: pwsh
    /// draws none into redirected output either, and a transcript should read like the screen after the run.
    /// </summary>
    public override void WriteProgress(long sourceId, ProgressRecord record)
    {
        if (_plainText) return;
        if (record.RecordType == ProgressRecordType.Completed) { ClearProgress(); return; }
        string line = record.Activity + ": " + record.StatusDescription + (record.PercentComplete >= 0 ? $" ({record.PercentComplete}%)" : "");
        if (line.Length > SandboxHost.Width - 1) line = line.Substring(0, SandboxHost.Width - 1);
        _out.Write("\r\u001b[7m" + line + "\u001b[0m\u001b[K");
        _out.Flush();
        _progressShown = true;
    }

    private void ClearProgress()
    {
        if (!_progressShown) return;
        _out.Write("\r\u001b[K");
        _progressShown = false;
    }

    private static int Sgr(ConsoleColor c) => c switch
    {
        ConsoleColor.Black => 30, ConsoleColor.DarkRed => 31, ConsoleColor.DarkGreen => 32, ConsoleColor.DarkYellow => 33,
        ConsoleColor.DarkBlue => 34, ConsoleColor.DarkMagenta => 35, ConsoleColor.DarkCyan => 36, ConsoleColor.Gray => 37,
        ConsoleColor.DarkGray => 90, ConsoleColor.Red => 91, ConsoleColor.Green => 92, ConsoleColor.Yellow => 93,
        ConsoleColor.Blue => 94, ConsoleColor.Magenta => 95, ConsoleColor.Cyan => 96, _ => 97,
    };

    public override string ReadLine() => throw new NotSupportedException("The sandbox does not read input; give every value as a parameter.");
    public override SecureString ReadLineAsSecureString() => throw new NotSupportedException("The sandbox does not read input.");
    public override Dictionary<string, PSObject> Prompt(string caption, string message, System.Collections.ObjectModel.Collection<FieldDescription> descriptions) =>
        throw new NotSupportedException("The sandbox cannot prompt: " + message);
    public override int PromptForChoice(string caption, string message, System.Collections.ObjectModel.Collection<ChoiceDescription> choices, int defaultChoice) =>
        throw new NotSupportedException("The sandbox cannot prompt (use -Confirm:$false): " + message);
    public override PSCredential PromptForCredential(string caption, string message, string userName, string targetName) =>
        throw new NotSupportedException("The sandbox cannot prompt for credentials; use -ProfileName or -Credential.");
    public override PSCredential PromptForCredential(string caption, string message, string userName, string targetName, PSCredentialTypes allowedCredentialTypes, PSCredentialUIOptions options) =>
        throw new NotSupportedException("The sandbox cannot prompt for credentials; use -ProfileName or -Credential.");
}

/// <summary>A 120-column window; Out-Default and Out-Host read the width from BufferSize.</summary>
internal sealed class SandboxRawUI : PSHostRawUserInterface
{
    public override ConsoleColor BackgroundColor { get; set; } = ConsoleColor.Black;
    public override ConsoleColor ForegroundColor { get; set; } = ConsoleColor.Gray;
    public override Size BufferSize { get; set; } = new(SandboxHost.Width, 9999);
    public override Coordinates CursorPosition { get; set; }
    public override int CursorSize { get; set; } = 1;
    public override bool KeyAvailable => false;
    public override Size MaxPhysicalWindowSize => new(SandboxHost.Width, 50);
    public override Size MaxWindowSize => new(SandboxHost.Width, 50);
    public override Coordinates WindowPosition { get; set; }
    public override Size WindowSize { get; set; } = new(SandboxHost.Width, 50);
    public override string WindowTitle { get; set; } = "DtsCrossAccount sandbox";
    public override void FlushInputBuffer() { }
    public override BufferCell[,] GetBufferContents(Rectangle rectangle) => throw new NotSupportedException();
    public override KeyInfo ReadKey(ReadKeyOptions options) => throw new NotSupportedException();
    public override void ScrollBufferContents(Rectangle source, Coordinates destination, Rectangle clip, BufferCell fill) { }
    public override void SetBufferContents(Coordinates origin, BufferCell[,] contents) { }
    public override void SetBufferContents(Rectangle rectangle, BufferCell fill) { }
}
