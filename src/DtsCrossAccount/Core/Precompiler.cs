using System;
using System.Reflection;
using System.Runtime.CompilerServices;

namespace DtsCrossAccount.Core
{
    /// <summary>
    /// JIT-compiles the module's shared code ahead of use. PowerShell 7 loads the module as IL, so a first command would
    /// otherwise compile a few hundred of the module's methods on the pipeline thread (about 50 ms, most of a first call's
    /// own cost); the import-time warm-up runs this on a background thread, once per process, for every runspace.
    /// Each cloud's provider code is left to compile at first use: a session seldom uses both clouds, and compiling what
    /// it never runs would only compete with the import for the CPU.
    /// </summary>
    internal static class Precompiler
    {
        /// <summary>Compiles every concrete method of the shared (not cloud-specific) non-generic types of <paramref name="assembly"/>.</summary>
        /// <returns>
        /// How many methods were handed to the runtime, and how many it refused (left to compile at first call). On .NET 10
        /// PrepareMethod also returns, without compiling, for interface implementations (virtual final methods: 44 of the
        /// shared ones); those count here and compile at their first call.
        /// </returns>
        public static (int Compiled, int Refused) SharedCode(Assembly assembly)
        {
            const BindingFlags declared = BindingFlags.DeclaredOnly | BindingFlags.Instance | BindingFlags.Static | BindingFlags.Public | BindingFlags.NonPublic;
            int compiled = 0, refused = 0;
            foreach (var type in assembly.GetTypes())
            {
                if (type.ContainsGenericParameters || IsCloudSpecific(type)) continue;
                foreach (var method in type.GetMethods(declared)) Count(Compile(method), ref compiled, ref refused);
                foreach (var constructor in type.GetConstructors(declared)) Count(Compile(constructor), ref compiled, ref refused);
            }
            return (compiled, refused);
        }

        /// <summary>The two providers' namespaces: everything else (cmdlets, services, transport, signing, JSON) every command runs.</summary>
        internal static bool IsCloudSpecific(Type type) =>
            type.Namespace == "DtsCrossAccount.Tencent" || type.Namespace == "DtsCrossAccount.Alibaba";

        private static bool? Compile(MethodBase method)
        {
            if (method.IsAbstract || method.ContainsGenericParameters || (method.Attributes & MethodAttributes.PinvokeImpl) != 0) return null;
            if ((method.MethodImplementationFlags & (MethodImplAttributes.InternalCall | MethodImplAttributes.Runtime)) != 0) return null;
            try
            {
                RuntimeHelpers.PrepareMethod(method.MethodHandle);
                return true;
            }
            catch (Exception)
            {
                // Compiled at its first call instead, as without the warm-up.
                return false;
            }
        }

        private static void Count(bool? outcome, ref int compiled, ref int refused)
        {
            if (outcome == true) compiled++;
            else if (outcome == false) refused++;
        }
    }
}
