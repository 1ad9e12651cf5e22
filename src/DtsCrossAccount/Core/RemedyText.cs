using System;
using System.Collections.Generic;
using System.Linq;

namespace DtsCrossAccount.Core
{
    /// <summary>
    /// The remedy part of an error message. Messages are written "what is wrong. What to do." and the remedy starts at
    /// the first sentence or clause that begins with an instruction ("Use …", "Pass …", "Create it with: …", "run: …").
    /// </summary>
    internal static class RemedyText
    {
        // The words our messages start an instruction with (sentence or clause after '; ').
        private static readonly string[] Cues =
        {
            "Add ", "After fixing", "Ask ", "Attach ", "Both ", "Change ", "Check ", "Choose ", "Correct ", "Create ", "Either ", "Edit ", "Fix ", "Give ",
            "Grant ", "In account ", "Install ", "Let ", "Make ", "Name ", "Obtain ", "Pass ", "Pick ", "Put ", "Re-run", "Release ", "Remove ", "Rename ",
            "Run ", "Set ", "Sign in", "Start ", "To ", "Try ", "Use ", "Wait ", "Write ", "Drop ", "Give them", "Leave ", "Give the", "Fill ",
        };

        public static string Join(string message, string remedy)
        {
            if (string.IsNullOrEmpty(remedy)) return message;
            message = (message ?? "").TrimEnd();
            if (message.Length > 0 && !".:;!?".Contains(message[message.Length - 1])) message += ".";
            return message + " " + remedy.Trim();
        }

        /// <summary>The instruction part of a message; its last sentence when no sentence starts with an instruction.</summary>
        public static string Find(string message)
        {
            if (string.IsNullOrEmpty(message)) return message;
            var starts = ClauseStarts(message).ToList();
            foreach (int start in starts)
            {
                string rest = message.Substring(start);
                if (Cues.Any(c => rest.StartsWith(c, StringComparison.OrdinalIgnoreCase))) return Capitalize(rest.Trim());
            }
            return message.Substring(starts.Last()).Trim();
        }

        /// <summary>Where sentences (after ". ") and clauses (after "; ") begin; never inside a quoted command or a number.</summary>
        private static IEnumerable<int> ClauseStarts(string message)
        {
            yield return 0;
            for (int i = 1; i + 1 < message.Length; i++)
            {
                if ((message[i] == '.' || message[i] == ';' || message[i] == '?' || message[i] == '!') && message[i + 1] == ' ' && i + 2 < message.Length)
                {
                    // "e.g. x" and "i.e. x" do not end a sentence.
                    if (message[i] == '.' && i >= 3 && (message.Substring(i - 3, 4) == "e.g." || message.Substring(i - 3, 4) == "i.e.")) continue;
                    yield return i + 2;
                }
            }
        }

        private static string Capitalize(string s) => s.Length == 0 ? s : char.ToUpperInvariant(s[0]) + s.Substring(1);
    }
}
