using System.Globalization;
using System.Management.Automation;
using System.Management.Automation.Host;
using System.Security;

namespace DtsCrossAccount.Sandbox;

/// <summary>
/// A minimal non-interactive host: Out-Default formats objects through it exactly as a console would, and
/// warnings, verbose lines and progress are printed. Anything that would prompt fails (runbooks must not prompt either).
/// </summary>
public sealed class SandboxHost : PSHost
{
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
    private readonly Dictionary<long, string> _lastProgress = new();

    public SandboxHostUI(TextWriter output, bool plainText) { _out = output; _plainText = plainText; }

    private string Clean(string value) => _plainText && value != null ? Ansi.Replace(value, "") : value!;

    public override PSHostRawUserInterface RawUI => _raw;
    public override void Write(string value) => _out.Write(Clean(value));
    public override void Write(ConsoleColor foregroundColor, ConsoleColor backgroundColor, string value) => _out.Write(Clean(value));
    public override void WriteLine(string value) => _out.WriteLine(Clean(value));
    public override void WriteErrorLine(string value) => _out.WriteLine(Clean(value));
    public override void WriteDebugLine(string message) => _out.WriteLine("DEBUG: " + message);
    public override void WriteVerboseLine(string message) => _out.WriteLine("VERBOSE: " + message);
    public override void WriteWarningLine(string message) => _out.WriteLine("WARNING: " + message);
    public override void WriteInformation(InformationRecord record) => _out.WriteLine(record.MessageData?.ToString());

    /// <summary>Progress as plain lines, one per change of status, so logs stay readable.</summary>
    public override void WriteProgress(long sourceId, ProgressRecord record)
    {
        string line = record.RecordType == ProgressRecordType.Completed
            ? $"[{record.Activity}] done"
            : $"[{record.Activity}] {record.StatusDescription}" + (record.PercentComplete >= 0 ? $" ({record.PercentComplete}%)" : "");
        if (_lastProgress.TryGetValue(record.ActivityId, out var last) && last == line) return;
        _lastProgress[record.ActivityId] = line;
        _out.WriteLine(line);
    }

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

internal sealed class SandboxRawUI : PSHostRawUserInterface
{
    public override ConsoleColor BackgroundColor { get; set; } = ConsoleColor.Black;
    public override ConsoleColor ForegroundColor { get; set; } = ConsoleColor.Gray;
    public override Size BufferSize { get; set; } = new(160, 9999);
    public override Coordinates CursorPosition { get; set; }
    public override int CursorSize { get; set; } = 1;
    public override bool KeyAvailable => false;
    public override Size MaxPhysicalWindowSize => new(160, 50);
    public override Size MaxWindowSize => new(160, 50);
    public override Coordinates WindowPosition { get; set; }
    public override Size WindowSize { get; set; } = new(160, 50);
    public override string WindowTitle { get; set; } = "DtsCrossAccount sandbox";
    public override void FlushInputBuffer() { }
    public override BufferCell[,] GetBufferContents(Rectangle rectangle) => throw new NotSupportedException();
    public override KeyInfo ReadKey(ReadKeyOptions options) => throw new NotSupportedException();
    public override void ScrollBufferContents(Rectangle source, Coordinates destination, Rectangle clip, BufferCell fill) { }
    public override void SetBufferContents(Coordinates origin, BufferCell[,] contents) { }
    public override void SetBufferContents(Rectangle rectangle, BufferCell fill) { }
}
