using System;
using System.Globalization;
using System.Management.Automation;
using System.Text;
using System.Text.RegularExpressions;

namespace DtsCrossAccount.Core
{
    /// <summary>
    /// Strict checks for text given on the command line, before any call. Every pattern is anchored with \A … \z:
    /// .NET's '$' also matches before a final '\n', which let "DTS-role\n" through. Character classes are spelled out
    /// in ASCII ([0-9], [A-Za-z]) because \d and \w match Unicode digits and letters (lookalikes such as Cyrillic 'а').
    /// </summary>
    internal static class InputText
    {
        /// <summary>A pattern matching the whole string and nothing else; <paramref name="body"/> is anchored here.</summary>
        public static Regex Whole(string body) => new Regex(@"\A(?:" + body + @")\z", RegexOptions.CultureInvariant);

        /// <summary>The STS external-ID character set of both clouds, spelled in ASCII: letters, digits and + = , . @ : / - _.</summary>
        public const string ExternalIdCharacters = @"[A-Za-z0-9+=,.@:/_-]";

        /// <summary>True when the text holds a control character (newline, tab, NUL …) or an invisible format character (zero-width space, BOM, direction marks).</summary>
        public static bool HasInvisible(string value)
        {
            if (HasLoneSurrogate(value)) return true;
            foreach (char c in value)
            {
                if (char.IsControl(c)) return true;
                var category = CharUnicodeInfo.GetUnicodeCategory(c);
                if (category == UnicodeCategory.Format || category == UnicodeCategory.LineSeparator || category == UnicodeCategory.ParagraphSeparator) return true;
            }
            return false;
        }

        private static bool HasLoneSurrogate(string value)
        {
            for (int i = 0; i < value.Length; i++)
            {
                if (char.IsHighSurrogate(value[i]))
                {
                    if (i + 1 >= value.Length || !char.IsLowSurrogate(value[i + 1])) return true;
                    i++;
                }
                else if (char.IsLowSurrogate(value[i])) return true;
            }
            return false;
        }

        /// <summary>True when every character is printable ASCII (space to '~').</summary>
        public static bool IsPrintableAscii(string value)
        {
            foreach (char c in value)
                if (c < 0x20 || c > 0x7E) return false;
            return true;
        }

        /// <summary>
        /// The value as it can be shown in a message: control and non-ASCII characters escaped (so a trailing newline or a
        /// lookalike letter is visible), long values cut to their start and their length.
        /// </summary>
        public static string Show(string value)
        {
            if (value == null) return "";
            var sb = new StringBuilder();
            int shown = 0;
            foreach (char c in value)
            {
                if (shown++ >= 60) { sb.Append("…"); break; }
                if (c == '\n') sb.Append("\\n");
                else if (c == '\r') sb.Append("\\r");
                else if (c == '\t') sb.Append("\\t");
                else if (c < 0x20 || c > 0x7E) sb.Append("\\u").Append(((int)c).ToString("x4", CultureInfo.InvariantCulture));
                else sb.Append(c);
            }
            if (value.Length > 60) sb.Append(" (").Append(value.Length.ToString(CultureInfo.InvariantCulture)).Append(" characters)");
            return sb.ToString();
        }

        /// <summary>What is wrong with a value that failed an ASCII pattern, in words (empty when nothing specific stands out).</summary>
        public static string WhatIsWrong(string value, int maxLength)
        {
            if (value == null) return "";
            if (HasInvisible(value)) return " It contains a line break, tab or other invisible character.";
            if (!IsPrintableAscii(value)) return " It contains a non-ASCII character (a lookalike letter or digit, for example).";
            if (value.Length > maxLength) return " It is " + value.Length.ToString(CultureInfo.InvariantCulture) + " characters long.";
            return "";
        }

        /// <summary>
        /// Free text (descriptions, task names): any letters including non-Latin ones, but no control or invisible
        /// characters, no leading or trailing spaces, and at most <paramref name="maxLength"/> characters.
        /// </summary>
        public static void RequireFreeText(string value, string parameterName, int maxLength, string errorId, string limitSource, int maxUtf8Bytes = int.MaxValue)
        {
            if (value == null) return;
            string problem = null;
            int bytes = Encoding.UTF8.GetByteCount(value);
            if (HasInvisible(value)) problem = "contains a line break, tab or other invisible character";
            else if (value.Length > maxLength) problem = "is " + value.Length.ToString(CultureInfo.InvariantCulture) + " characters long";
            else if (bytes > maxUtf8Bytes) problem = "is " + bytes.ToString(CultureInfo.InvariantCulture) + " bytes long in UTF-8 (at most " + maxUtf8Bytes.ToString(CultureInfo.InvariantCulture) + ")";
            else if (value.Length > 0 && (char.IsWhiteSpace(value[0]) || char.IsWhiteSpace(value[value.Length - 1]))) problem = "starts or ends with a space";
            if (problem == null) return;
            throw new DtsCrossAccountException(errorId, ErrorCategory.InvalidArgument,
                string.Format(CultureInfo.InvariantCulture, "{0} '{1}' {2}. Use at most {3} characters of text on one line, with no invisible characters ({4}).",
                    Dash(parameterName), Show(value), problem, maxLength, limitSource), value);
        }

        /// <summary>Identifiers the module only passes on (profile names, instance IDs, engines): printable ASCII, no spaces at the ends.</summary>
        public static void RequireAsciiToken(string value, string parameterName, int maxLength, string errorId, string example)
        {
            if (value == null) return;
            if (value.Length > 0 && value.Length <= maxLength && IsPrintableAscii(value) && value.Trim() == value) return;
            throw new DtsCrossAccountException(errorId, ErrorCategory.InvalidArgument,
                string.Format(CultureInfo.InvariantCulture, "{0} '{1}' is not valid: use 1 to {2} ASCII characters with no line break or spaces at the ends, for example {3}.{4}",
                    Dash(parameterName), Show(value), maxLength, example, WhatIsWrong(value, maxLength)), value);
        }

        public static string Dash(string parameterName) =>
            string.IsNullOrEmpty(parameterName) ? parameterName : "-" + parameterName.TrimStart('-');
    }
}
