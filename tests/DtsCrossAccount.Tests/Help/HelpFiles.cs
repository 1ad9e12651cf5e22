using System.Management.Automation;
using System.Reflection;
using System.Xml.Linq;
using DtsCrossAccount.Tests.Infrastructure;

namespace DtsCrossAccount.Tests.Help;

/// <summary>The module's cmdlets as code declares them, and the two help sources as written.</summary>
internal static class HelpFiles
{
    public static readonly XNamespace Maml = "http://schemas.microsoft.com/maml/2004/10";
    public static readonly XNamespace Command = "http://schemas.microsoft.com/maml/dev/command/2004/10";
    public static readonly XNamespace Dev = "http://schemas.microsoft.com/maml/dev/2004/10";

    public static string MamlPath => Path.Combine(RepoPaths.Root, "en-US", "DtsCrossAccount.dll-Help.xml");
    public static string AboutPath => Path.Combine(RepoPaths.Root, "en-US", "about_DtsCrossAccount.help.txt");
    public static string MarkdownPath(string cmdlet) => Path.Combine(RepoPaths.Root, "docs", cmdlet + ".md");

    public static IEnumerable<Type> CmdletTypes() =>
        typeof(CrossAccountRole).Assembly.GetTypes().Where(t => t.IsPublic && !t.IsAbstract && t.GetCustomAttribute<CmdletAttribute>() != null);

    public static string CmdletName(Type t)
    {
        var a = t.GetCustomAttribute<CmdletAttribute>()!;
        return a.VerbName + "-" + a.NounName;
    }

    public static IEnumerable<object[]> CmdletNames() => CmdletTypes().Select(t => new object[] { CmdletName(t) });

    /// <summary>Every [Parameter] property, the base class's included: name, mandatory in every set, pipeline input as help writes it.</summary>
    public static IReadOnlyDictionary<string, (bool Required, string Pipeline)> CodeParameters(Type cmdlet)
    {
        var result = new Dictionary<string, (bool, string)>(StringComparer.Ordinal);
        foreach (var p in cmdlet.GetProperties(BindingFlags.Public | BindingFlags.Instance))
        {
            var attrs = p.GetCustomAttributes<ParameterAttribute>(inherit: true).ToList();
            if (attrs.Count == 0) continue;
            bool byValue = attrs.Any(a => a.ValueFromPipeline), byName = attrs.Any(a => a.ValueFromPipelineByPropertyName);
            string pipeline = byValue && byName ? "True (ByPropertyName, ByValue)" : byValue ? "True (ByValue)" : byName ? "True (ByPropertyName)" : "False";
            result[p.Name] = (attrs.All(a => a.Mandatory), pipeline);
        }
        return result;
    }

    public static bool SupportsShouldProcess(Type cmdlet) => cmdlet.GetCustomAttribute<CmdletAttribute>()!.SupportsShouldProcess;

    public static XElement MamlCommand(string cmdlet) =>
        XDocument.Load(MamlPath).Root!.Elements(Command + "command")
            .SingleOrDefault(c => (string?)c.Element(Command + "details")?.Element(Command + "name") == cmdlet)
        ?? throw new Xunit.Sdk.XunitException(cmdlet + " has no command entry in " + MamlPath);
}
