namespace Dislocate.Contracts;

/// <summary>The entry point of a plugin assembly: its identity and the commands it offers.</summary>
/// <remarks>The host instantiates the single public implementation through its parameterless constructor.</remarks>
public interface IPlugin
{
    /// <summary>Short identifier used on the command line (<c>dislocate &lt;id&gt; …</c>); must equal the manifest id.</summary>
    string Id { get; }

    /// <summary>Human-readable name shown in listings and menus.</summary>
    string DisplayName { get; }

    /// <summary>The commands this plugin offers, in menu order.</summary>
    IReadOnlyList<IPluginCommand> Commands { get; }

    /// <summary>
    /// Services this plugin offers the others through the host (e.g. an <see cref="ISampleSourceProvider"/>); none by
    /// default. Since host API 1.1.
    /// </summary>
    IReadOnlyList<object> Services => [];

    /// <summary>
    /// Checks that what this plugin needs at run time works here (native libraries, model files), for
    /// <c>dislocate doctor</c>; none by default. Since host API 1.3.
    /// </summary>
    IReadOnlyList<DiagnosticCheck> Diagnose() => [];
}
