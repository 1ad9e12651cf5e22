using System;
using System.Linq.Expressions;
using System.Reflection;

namespace DtsCrossAccount.Cmdlets
{
    /// <summary>
    /// Starts the compiler PowerShell builds its parameter setters with. PowerShell 7 sets each bound cmdlet parameter
    /// through a delegate it compiles from a LINQ expression, once per parameter and process; the first such compile in a
    /// process also loads and JIT-compiles System.Linq.Expressions' compiler and the dynamic-method path, on the pipeline
    /// thread of the first command (1.6 ms of that first call's JIT, 2 ms of its time, in the release-package pwsh).
    /// Compiling two setters of the same shape here, one for a reference-type parameter and one for a value-type
    /// parameter (unboxed), does that part on the warm-up's thread. PowerShell still compiles its own setters; nothing
    /// of PowerShell's is touched.
    /// </summary>
    internal static class ParameterSetterWarmUp
    {
        /// <summary>Compiles and runs the two setters on a fresh cmdlet object, which it returns (for the tests).</summary>
        public static NewDtsCrossAccountRoleCommand Run()
        {
            var command = new NewDtsCrossAccountRoleCommand();
            Compile(nameof(NewDtsCrossAccountRoleCommand.RoleName))(command, "warm-up");
            Compile(nameof(DtsCmdletBase.Cloud))(command, CloudKind.Alibaba);
            return command;
        }

        /// <summary>(target, value) => ((NewDtsCrossAccountRoleCommand)target).Property = (PropertyType)value, compiled.</summary>
        private static Action<object, object> Compile(string property)
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
