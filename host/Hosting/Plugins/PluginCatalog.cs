using System.Reflection;
using Dislocate.Contracts;
using McMaster.NETCore.Plugins;

namespace Dislocate.Hosting.Plugins;

/// <summary>
/// Discovers plugins in <c>&lt;root&gt;/&lt;id&gt;/plugin.json</c> folders and loads each in its own load context.
/// A broken or incompatible plugin is recorded in <see cref="Failures"/> and the others still load.
/// </summary>
public sealed class PluginCatalog
{
    private static readonly Type[] SharedTypes = [typeof(IPlugin), typeof(IPluginCommand), typeof(CommandDescriptor)];

    private PluginCatalog(IReadOnlyList<LoadedPlugin> plugins, IReadOnlyList<PluginFailure> failures)
    {
        this.Plugins = plugins;
        this.Failures = failures;
    }

    /// <summary>Plugins that loaded, ordered by id.</summary>
    public IReadOnlyList<LoadedPlugin> Plugins { get; }

    /// <summary>Plugin folders that were refused, with reasons.</summary>
    public IReadOnlyList<PluginFailure> Failures { get; }

    /// <summary>
    /// The default plugin folder: <c>DISLOCATE_PLUGINS</c> if set, else <c>plugins/</c> beside the host executable.
    /// </summary>
    public static string DefaultRoot() =>
        Environment.GetEnvironmentVariable("DISLOCATE_PLUGINS") is { Length: > 0 } env
            ? env
            : Path.Combine(AppContext.BaseDirectory, "plugins");

    /// <summary>Loads every plugin folder under <paramref name="root"/>; a missing root yields an empty catalog with one failure.</summary>
    public static PluginCatalog Load(string root)
    {
        var plugins = new List<LoadedPlugin>();
        var failures = new List<PluginFailure>();
        if (!Directory.Exists(root))
        {
            failures.Add(new PluginFailure(root, "plugin folder does not exist"));
            return new PluginCatalog(plugins, failures);
        }

        foreach (var folder in Directory.GetDirectories(root).Order(StringComparer.Ordinal))
        {
            try
            {
                var loaded = LoadOne(folder);
                if (plugins.Any(p => p.Manifest.Id == loaded.Manifest.Id))
                {
                    failures.Add(new PluginFailure(folder, $"a plugin with id '{loaded.Manifest.Id}' is already loaded"));
                    continue;
                }

                plugins.Add(loaded);
            }
            catch (PluginLoadException e)
            {
                failures.Add(new PluginFailure(folder, e.Message));
            }
        }

        plugins.Sort((a, b) => string.CompareOrdinal(a.Manifest.Id, b.Manifest.Id));
        return new PluginCatalog(plugins, failures);
    }

    /// <summary>Loads the plugin in one folder, or throws <see cref="PluginLoadException"/> with the reason.</summary>
    public static LoadedPlugin LoadOne(string folder)
    {
        var manifestPath = Path.Combine(folder, PluginManifest.FileName);
        if (!File.Exists(manifestPath))
        {
            throw new PluginLoadException(folder, $"no {PluginManifest.FileName}");
        }

        var manifest = PluginManifest.Read(manifestPath);
        if (!HostApi.Supports(manifest.MinHostApi))
        {
            throw new PluginLoadException(
                folder,
                $"plugin '{manifest.Id}' {manifest.Version} needs host API {manifest.MinHostApi}, this host has {HostApi.Current}");
        }

        var assemblyPath = Path.Combine(folder, manifest.Assembly);
        if (!File.Exists(assemblyPath))
        {
            throw new PluginLoadException(folder, $"assembly '{manifest.Assembly}' named in {PluginManifest.FileName} is missing");
        }

        IPlugin plugin;
        try
        {
            var loader = PluginLoader.CreateFromAssemblyFile(assemblyPath, SharedTypes, config => config.PreferSharedTypes = true);
            var assembly = loader.LoadDefaultAssembly();
            plugin = Instantiate(assembly, folder);
        }
        catch (PluginLoadException)
        {
            throw;
        }
        catch (Exception e) when (e is BadImageFormatException or FileLoadException or FileNotFoundException or ReflectionTypeLoadException or TargetInvocationException or TypeLoadException or MissingMethodException or InvalidOperationException)
        {
            var reason = e is TargetInvocationException { InnerException: { } inner } ? inner.Message : e.Message;
            throw new PluginLoadException(folder, $"assembly '{manifest.Assembly}' could not be loaded: {reason}", e);
        }

        if (!string.Equals(plugin.Id, manifest.Id, StringComparison.Ordinal))
        {
            throw new PluginLoadException(folder, $"manifest id '{manifest.Id}' differs from the plugin's id '{plugin.Id}'");
        }

        ValidateCommands(plugin, folder);
        return new LoadedPlugin(manifest, folder, plugin);
    }

    private static IPlugin Instantiate(Assembly assembly, string folder)
    {
        var types = assembly.GetExportedTypes()
            .Where(t => typeof(IPlugin).IsAssignableFrom(t) && t is { IsAbstract: false, IsInterface: false })
            .ToList();
        if (types.Count != 1)
        {
            throw new PluginLoadException(folder, $"expected exactly one public IPlugin implementation in {assembly.GetName().Name}, found {types.Count}");
        }

        return (IPlugin)(Activator.CreateInstance(types[0])
            ?? throw new PluginLoadException(folder, $"could not create {types[0].FullName}"));
    }

    private static void ValidateCommands(IPlugin plugin, string folder)
    {
        var seen = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        foreach (var command in plugin.Commands)
        {
            var d = command.Descriptor;
            if (!seen.Add(d.Id))
            {
                throw new PluginLoadException(folder, $"command id '{d.Id}' appears twice");
            }

            var keys = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
            foreach (var p in d.Parameters)
            {
                if (!keys.Add(p.Key))
                {
                    throw new PluginLoadException(folder, $"command '{d.Id}': parameter key '{p.Key}' appears twice");
                }

                // The bridge records each dialog field under its key (labels are free words), and ImageJ's recorder
                // trims a key to its first word, lower-cased: a key must survive that unchanged.
                if (!string.Equals(ImageJKey(p.Key), p.Key, StringComparison.Ordinal))
                {
                    throw new PluginLoadException(folder, $"command '{d.Id}': parameter key '{p.Key}' would record as '{ImageJKey(p.Key)}' (one lower-case word)");
                }
            }

            if (RecorderConflict(d.Parameters) is { } conflict)
            {
                throw new PluginLoadException(folder, $"command '{d.Id}': {conflict}");
            }
        }
    }

    /// <summary>
    /// Why ImageJ's recorder could not record these parameters in this order, or null: it refuses a key whose
    /// <c>key=</c> already occurs in the options recorded before it ("Duplicate keyword"), so <c>contrast</c> may not
    /// follow <c>trace_contrast</c>.
    /// </summary>
    public static string? RecorderConflict(IReadOnlyList<ParameterSpec> parameters)
    {
        ArgumentNullException.ThrowIfNull(parameters);
        for (var j = 0; j < parameters.Count; j++)
        {
            var key = parameters[j].Key + "=";
            for (var i = 0; i < j; i++)
            {
                if ((parameters[i].Key + "=").Contains(key, StringComparison.OrdinalIgnoreCase))
                {
                    return $"macro key '{parameters[j].Key}' follows '{parameters[i].Key}', in which ImageJ's recorder would find '{key}' already";
                }
            }
        }

        return null;
    }

    /// <summary>The macro key ImageJ's recorder makes of a key or label: its first word, lower-cased, without a trailing colon.</summary>
    public static string ImageJKey(string label)
    {
        ArgumentNullException.ThrowIfNull(label);
        var first = label.Trim().Split(' ', 2)[0].TrimEnd(':');
#pragma warning disable CA1308 // ImageJ lower-cases macro keys; upper-casing would change the macro API.
        return first.ToLowerInvariant();
#pragma warning restore CA1308
    }
}
