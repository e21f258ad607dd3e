using System.Reflection;

namespace Dislocate.Core.Runtime;

/// <summary>An assembly's own version, as its project declared it (for a plugin: "version" in its plugin.json).</summary>
public static class AssemblyVersion
{
    /// <summary>
    /// The informational version of <paramref name="assembly"/> without the source-control suffix
    /// (<c>0.1.0+3197b63…</c> → <c>0.1.0</c>), so that generated files stay byte-identical across commits.
    /// </summary>
    public static string Of(Assembly assembly)
    {
        var version = Informational(assembly);
        var plus = version.IndexOf('+', StringComparison.Ordinal);
        return plus >= 0 ? version[..plus] : version;
    }

    /// <summary>The informational version of <paramref name="assembly"/> as built, e.g. <c>0.1.0+3197b63c0ddf…</c> (the commit after the +).</summary>
    public static string Informational(Assembly assembly)
    {
        ArgumentNullException.ThrowIfNull(assembly);
        return assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion
            ?? assembly.GetName().Version?.ToString(3)
            ?? throw new InvalidOperationException($"{assembly.GetName().Name} declares no version");
    }
}
