namespace DtsCrossAccount.Emulator.Core;

/// <summary>The part of a call's context that an injected fault changes; each cloud's frontend derives its own.</summary>
public abstract class FaultedCall
{
    /// <summary>Apply the call, then drop the connection instead of answering (the caller never learns the outcome).</summary>
    public bool LoseAnswer { get; set; }
    public TimeSpan Delay { get; set; }
    /// <summary>The fault named in the call log for a call that otherwise went through.</summary>
    public string? Fault { get; set; }
    /// <summary>Apply the call, then answer this error instead of the result.</summary>
    public (int Status, string Code, string Message)? FailAfterApply { get; set; }
}

/// <summary>
/// Plays one fault-plan decision the same way for both clouds; only the error a fault answers with (status, code,
/// message) is the cloud's own, given by <c>answer</c>.
/// </summary>
public static class FaultPlayback
{
    /// <summary>
    /// Returns the response to send now (a reset, or an error before anything is applied), or null to go on with the call,
    /// having marked a lost answer or an error-after-apply on <paramref name="call"/> for the frontend to honour.
    /// </summary>
    public static RawResponse? Play(FaultDecision decision, FaultedCall call,
        Func<Fault, (int Status, string Code, string Message)> answer,
        Action<string, string?> log, Func<int, string, string, RawResponse> error)
    {
        call.Delay = decision.Delay;
        if (decision.Fault is not { } fault) return null;
        switch (fault.Kind)
        {
            case FaultKind.Reset:
                log("Reset", "reset");
                return new RawResponse(0, "", "") { Abort = true };
            case FaultKind.LostAnswer:
                call.LoseAnswer = true;
                call.Fault = "lostAnswer";
                return null;
            default:
                var (status, code, message) = answer(fault);
                if (fault.AfterApply)
                {
                    call.FailAfterApply = (status, code, message);
                    return null;
                }
                log(code, fault.Kind == FaultKind.Error ? null : fault.Kind.ToString());
                return error(status, code, message);
        }
    }

    /// <summary>A plan's empty code means "the cloud's default code".</summary>
    public static string? NonEmpty(string? s) => string.IsNullOrEmpty(s) ? null : s;
}
