namespace DtsCrossAccount.Core
{
    /// <summary>Parameter names in messages: callers pass them with or without the dash; the user sees exactly one.</summary>
    internal static class ParameterText
    {
        public static string Dash(string parameterName) =>
            string.IsNullOrEmpty(parameterName) ? parameterName : "-" + parameterName.TrimStart('-');
    }
}
