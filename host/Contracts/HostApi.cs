namespace Dislocate.Contracts;

/// <summary>The version of the contract between the host and its plugins.</summary>
/// <remarks>
/// The major number changes when a plugin built against an older contract can no longer run;
/// the minor number grows when members are added. A plugin declares the lowest version it needs
/// in its manifest (<c>minHostApi</c>), and the host refuses it when the majors differ or the host is older.
/// </remarks>
public static class HostApi
{
    /// <summary>The contract version this host implements.</summary>
    public static Version Current { get; } = new(1, 5);

    /// <summary>True when a plugin that needs <paramref name="required"/> can run on this host.</summary>
    public static bool Supports(Version required)
    {
        ArgumentNullException.ThrowIfNull(required);
        return required.Major == Current.Major && required.Minor <= Current.Minor;
    }
}
