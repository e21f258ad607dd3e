namespace Dislocate.Contracts;

/// <summary>The services the loaded plugins offer one another through the host (see <see cref="IPlugin.Services"/>).</summary>
public sealed class HostServices
{
    private readonly object[] services;

    /// <summary>Collects <paramref name="services"/>; when several implement one interface, the first wins.</summary>
    public HostServices(IEnumerable<object> services)
    {
        ArgumentNullException.ThrowIfNull(services);
        this.services = [.. services];
    }

    /// <summary>No services: what commands see when run outside a host (tests, benches).</summary>
    public static HostServices Empty { get; } = new([]);

    /// <summary>The first service implementing <typeparamref name="T"/>, or null when no plugin offers one.</summary>
    public T? Find<T>()
        where T : class => this.services.OfType<T>().FirstOrDefault();

    /// <summary>
    /// The first service implementing <typeparamref name="T"/>; when none is installed, a <see cref="CommandException"/>
    /// that says which plugin offers <paramref name="what"/>.
    /// </summary>
    public T Require<T>(string what, string pluginId)
        where T : class =>
        this.Find<T>() ?? throw new CommandException($"this needs {what}, which the '{pluginId}' plugin provides, and no installed plugin offers it; install '{pluginId}' beside this plugin (see 'dislocate list').");
}
