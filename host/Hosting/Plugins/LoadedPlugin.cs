using Dislocate.Contracts;

namespace Dislocate.Hosting.Plugins;

/// <summary>A plugin that loaded: its manifest, folder and entry point.</summary>
public sealed record LoadedPlugin(PluginManifest Manifest, string Folder, IPlugin Plugin);

/// <summary>A plugin folder that was refused, with the reason shown to the user.</summary>
public sealed record PluginFailure(string Folder, string Reason);
