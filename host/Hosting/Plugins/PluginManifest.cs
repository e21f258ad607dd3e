using System.Text.Json;

namespace Dislocate.Hosting.Plugins;

/// <summary>The <c>plugin.json</c> beside a plugin assembly: identity, version and the host API it needs.</summary>
/// <param name="Id">Plugin id; must equal <see cref="Contracts.IPlugin.Id"/>.</param>
/// <param name="Name">Display name.</param>
/// <param name="Version">The plugin's own version (plugins are versioned independently).</param>
/// <param name="Assembly">File name of the plugin assembly in the same folder.</param>
/// <param name="MinHostApi">Lowest host API version the plugin needs.</param>
public sealed record PluginManifest(string Id, string Name, Version Version, string Assembly, Version MinHostApi)
{
    /// <summary>The manifest file name.</summary>
    public const string FileName = "plugin.json";

    /// <summary>Reads and validates a manifest; throws <see cref="PluginLoadException"/> naming the file and field.</summary>
    public static PluginManifest Read(string path)
    {
        JsonDocument doc;
        try
        {
            doc = JsonDocument.Parse(File.ReadAllText(path));
        }
        catch (JsonException e)
        {
            throw new PluginLoadException(path, $"not valid JSON ({e.Message})");
        }
        catch (IOException e)
        {
            throw new PluginLoadException(path, $"cannot be read ({e.Message})");
        }

        using (doc)
        {
            var root = doc.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
            {
                throw new PluginLoadException(path, "must be a JSON object");
            }

            string Text(string field)
            {
                if (!root.TryGetProperty(field, out var e) || e.ValueKind != JsonValueKind.String || string.IsNullOrWhiteSpace(e.GetString()))
                {
                    throw new PluginLoadException(path, $"field '{field}' is missing or not a non-empty string");
                }

                return e.GetString()!;
            }

            Version Ver(string field)
            {
                var text = Text(field);
                if (!System.Version.TryParse(text, out var v))
                {
                    throw new PluginLoadException(path, $"field '{field}': '{text}' is not a version like 1.2.0");
                }

                return v;
            }

            var id = Text("id");
            var name = root.TryGetProperty("name", out var n) && n.ValueKind == JsonValueKind.String ? n.GetString()! : id;
            var assembly = Text("assembly");
            if (assembly.Contains('/', StringComparison.Ordinal) || assembly.Contains('\\', StringComparison.Ordinal))
            {
                throw new PluginLoadException(path, $"field 'assembly': '{assembly}' must be a file name in the plugin folder");
            }

            return new PluginManifest(id, name, Ver("version"), assembly, Ver("minHostApi"));
        }
    }
}
