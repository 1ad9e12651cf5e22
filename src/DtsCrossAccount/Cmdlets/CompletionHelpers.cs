using System;
using System.Collections;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;

namespace DtsCrossAccount.Cmdlets
{
    internal static class CompletionHelpers
    {
        /// <summary>The cloud already typed on the command line, or both when none is.</summary>
        public static IEnumerable<CloudKind> CloudsOf(IDictionary fakeBoundParameters)
        {
            if (fakeBoundParameters != null && fakeBoundParameters.Contains("Cloud")
                && Enum.TryParse(Convert.ToString(fakeBoundParameters["Cloud"]), true, out CloudKind cloud))
                return new[] { cloud };
            return new[] { CloudKind.Tencent, CloudKind.Alibaba };
        }

        /// <summary>Case-insensitive prefix match (wildcards allowed), quoting values that need it.</summary>
        public static IEnumerable<CompletionResult> Complete(IEnumerable<string> values, string wordToComplete)
        {
            string word = (wordToComplete ?? "").Trim('\'', '"');
            var pattern = new WildcardPattern(word + "*", WildcardOptions.IgnoreCase);
            foreach (var value in values.Where(v => !string.IsNullOrEmpty(v)).Distinct(StringComparer.OrdinalIgnoreCase).OrderBy(v => v, StringComparer.OrdinalIgnoreCase))
            {
                if (!pattern.IsMatch(value)) continue;
                string text = value.IndexOfAny(new[] { ' ', '\'', '(', ')', ',', ';', '{', '}' }) >= 0 ? "'" + value.Replace("'", "''") + "'" : value;
                yield return new CompletionResult(text, value, CompletionResultType.ParameterValue, value);
            }
        }
    }
}
