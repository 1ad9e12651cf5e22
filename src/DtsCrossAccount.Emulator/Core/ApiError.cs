namespace DtsCrossAccount.Emulator.Core;

/// <summary>An error a handler answers with: the cloud's code and message (and, for Alibaba, the HTTP status).</summary>
public sealed class ApiError : Exception
{
    public ApiError(string code, string message, int httpStatus = 400) : base(message)
    {
        Code = code;
        HttpStatus = httpStatus;
    }

    public string Code { get; }
    public int HttpStatus { get; }
}
