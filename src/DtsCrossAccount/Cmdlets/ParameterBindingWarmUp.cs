using System;
using System.Collections.Generic;
using System.Linq.Expressions;
using System.Management.Automation;
using System.Reflection;

namespace DtsCrossAccount.Cmdlets
{
    /// <summary>
    /// Does ahead, through public API only, the one-time work PowerShell does the first time it binds a cmdlet's
    /// parameters in a process. Sampled in a first call (README "Load and call cost"), that work is two parts:
    /// <list type="bullet">
    /// <item>the parameter metadata of the cmdlet's type: its properties and their attributes, read by reflection.
    /// Building a <see cref="CommandMetadata"/> of each cmdlet here runs that same reflection once: the parameter
    /// attributes are instantiated, .NET emits its reflection stubs for their properties, PowerShell's metadata code
    /// runs for the first time. PowerShell does not keep what the public constructor builds (it caches a type's
    /// metadata only when built for a session), so the first command still builds its own, without those first-time
    /// costs;</item>
    /// <item>the setters: PowerShell sets each bound parameter through a delegate it compiles from a LINQ expression, once
    /// per parameter and process, and the first such compile also loads and JIT-compiles System.Linq.Expressions'
    /// compiler. Two setters of the same shape compiled here (a reference-type and an unboxed value-type parameter) do
    /// that part; PowerShell still compiles its own.</item>
    /// </list>
    /// Done cold in a fresh release-package pwsh, New-DtsCrossAccountRole's metadata took 6.2 ms and the two setters
    /// 6.0 ms (medians of 11, README "Load and call cost").
    /// </summary>
    internal static class ParameterBindingWarmUp
    {
        /// <summary>Builds the command metadata of every cmdlet of <paramref name="assembly"/>, and returns them.</summary>
        public static IReadOnlyList<CommandMetadata> CommandMetadataOfEveryCmdlet(Assembly assembly)
        {
            var built = new List<CommandMetadata>();
            foreach (var type in assembly.GetTypes())
                if (IsCmdlet(type)) built.Add(new CommandMetadata(type));
            return built;
        }

        /// <summary>True for a type PowerShell exports as a cmdlet: public, concrete, a Cmdlet with [Cmdlet].</summary>
        internal static bool IsCmdlet(Type type) =>
            type.IsPublic && !type.IsAbstract && typeof(Cmdlet).IsAssignableFrom(type) && type.IsDefined(typeof(CmdletAttribute), false);

        /// <summary>Compiles and runs the two setters on a fresh cmdlet object, which it returns (for the tests).</summary>
        public static NewDtsCrossAccountRoleCommand CompileSetters()
        {
            var command = new NewDtsCrossAccountRoleCommand();
            Setter(nameof(NewDtsCrossAccountRoleCommand.RoleName))(command, "warm-up");
            Setter(nameof(DtsCmdletBase.Cloud))(command, CloudKind.Alibaba);
            return command;
        }

        /// <summary>(target, value) => ((NewDtsCrossAccountRoleCommand)target).Property = (PropertyType)value, compiled.</summary>
        private static Action<object, object> Setter(string property)
        {
            var member = typeof(NewDtsCrossAccountRoleCommand).GetProperty(property, BindingFlags.Public | BindingFlags.Instance);
            var target = Expression.Parameter(typeof(object), "target");
            var value = Expression.Parameter(typeof(object), "value");
            var assign = Expression.Assign(
                Expression.Property(Expression.Convert(target, typeof(NewDtsCrossAccountRoleCommand)), member),
                Expression.Convert(value, member.PropertyType));
            return Expression.Lambda<Action<object, object>>(assign, target, value).Compile();
        }
    }
}
