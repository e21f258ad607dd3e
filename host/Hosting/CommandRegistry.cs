using Dislocate.Contracts;
using Dislocate.Hosting.Plugins;

namespace Dislocate.Hosting;

/// <summary>All commands of the loaded plugins, found by <c>plugin command</c> id or by menu label.</summary>
public sealed class CommandRegistry
{
    private readonly List<RegisteredCommand> commands = [];

    /// <summary>Registers every command of every loaded plugin.</summary>
    public CommandRegistry(IEnumerable<LoadedPlugin> plugins)
    {
        ArgumentNullException.ThrowIfNull(plugins);
        var services = new List<object>();
        foreach (var p in plugins)
        {
            services.AddRange(p.Plugin.Services);
            foreach (var c in p.Plugin.Commands)
            {
                this.commands.Add(new RegisteredCommand(p, c));
            }
        }

        this.Services = new HostServices(services);
    }

    /// <summary>The services the loaded plugins offer one another, in plugin load order.</summary>
    public HostServices Services { get; }

    /// <summary>Every registered command.</summary>
    public IReadOnlyList<RegisteredCommand> Commands => this.commands;

    /// <summary>
    /// Finds a command by <c>plugin/command</c>, <c>plugin command</c>, or its ImageJ label; null when nothing matches.
    /// </summary>
    public RegisteredCommand? Find(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        var n = name.Trim();
        var parts = n.Split([' ', '/', ':'], 2, StringSplitOptions.RemoveEmptyEntries);
        if (parts.Length == 2)
        {
            var byId = this.commands.FirstOrDefault(c =>
                string.Equals(c.Plugin.Manifest.Id, parts[0], StringComparison.OrdinalIgnoreCase)
                && string.Equals(c.Command.Descriptor.Id, parts[1], StringComparison.OrdinalIgnoreCase));
            if (byId is not null)
            {
                return byId;
            }
        }

        return this.commands.FirstOrDefault(c => string.Equals(c.Command.Descriptor.Label, n, StringComparison.OrdinalIgnoreCase));
    }
}

/// <summary>A command together with the plugin that provides it.</summary>
public sealed record RegisteredCommand(LoadedPlugin Plugin, IPluginCommand Command)
{
    /// <summary>The command's qualified id, e.g. <c>synthetic generate</c>.</summary>
    public string QualifiedId => $"{this.Plugin.Manifest.Id} {this.Command.Descriptor.Id}";
}
