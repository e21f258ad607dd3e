namespace Dislocate.Hosting.Plugins;

/// <summary>A plugin could not be loaded; the message names the plugin folder or file and the reason.</summary>
public sealed class PluginLoadException : Exception
{
    /// <summary>Creates the exception for <paramref name="source"/> (a folder or file).</summary>
    public PluginLoadException(string source, string problem, Exception? inner = null)
        : base($"{source}: {problem}", inner)
    {
        this.Location = source;
    }

    /// <summary>The plugin folder or file at fault.</summary>
    public string Location { get; }
}
