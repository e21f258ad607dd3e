namespace Dislocate.Contracts;

/// <summary>Everything the host needs to expose a command: names, help and typed parameters.</summary>
/// <param name="Id">Identifier within the plugin, used on the command line (<c>dislocate synthetic generate</c>).</param>
/// <param name="Label">Menu label and ImageJ command name (<c>run("Label", "…")</c>); part of the macro API, never rename.</param>
/// <param name="MenuPath">Submenu under <c>Plugins › Dislocations</c>, e.g. <c>Synthetic</c>.</param>
/// <param name="Help">One line describing what the command does.</param>
/// <param name="Parameters">Typed parameters in dialog order.</param>
public sealed record CommandDescriptor(
    string Id,
    string Label,
    string MenuPath,
    string Help,
    IReadOnlyList<ParameterSpec> Parameters)
{
    /// <summary>Finds a parameter by key (case-insensitive), or null.</summary>
    public ParameterSpec? Find(string key) =>
        this.Parameters.FirstOrDefault(p => string.Equals(p.Key, key, StringComparison.OrdinalIgnoreCase));
}
