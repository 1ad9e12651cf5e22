using System;
using System.Linq;
using System.Reflection;
using System.Runtime.CompilerServices;
using System.Text.RegularExpressions;

namespace DtsCrossAccount.Core
{
    /// <summary>
    /// Builds the module's regular expressions ahead of use by running the class constructors that hold them (the input
    /// checks' patterns of the services and both providers). The first pattern a process builds starts .NET's regex
    /// parser, optimizer and interpreter: the Tencent provider's three patterns took 7.4 ms cold in a fresh
    /// release-package pwsh (median of 11), and a first command paid that on its pipeline thread (README "Load and call
    /// cost"). Building them on the warm-up's thread moves that off the command; a class constructor runs once per
    /// process whoever triggers it, so a command that gets there first only builds its own patterns, as it would have
    /// anyway.
    /// </summary>
    internal static class PatternInitializer
    {
        private const BindingFlags StaticFields = BindingFlags.DeclaredOnly | BindingFlags.Static | BindingFlags.Public | BindingFlags.NonPublic;

        /// <summary>Runs the class constructor of every type of <paramref name="assembly"/> that holds a static pattern.</summary>
        /// <returns>How many types' patterns were built.</returns>
        public static int BuildAll(Assembly assembly)
        {
            int built = 0;
            foreach (var type in assembly.GetTypes())
            {
                if (!HoldsPatterns(type)) continue;
                RuntimeHelpers.RunClassConstructor(type.TypeHandle);
                built++;
            }
            return built;
        }

        /// <summary>True for a non-generic type with a static <see cref="Regex"/> field.</summary>
        internal static bool HoldsPatterns(Type type) =>
            !type.ContainsGenericParameters && type.GetFields(StaticFields).Any(f => f.FieldType == typeof(Regex));
    }
}
