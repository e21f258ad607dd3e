namespace Dislocate.Contracts;

/// <summary>A command failed for a reason the user can act on; hosts show the message as is (CLI exit code 1, ImageJ error dialog).</summary>
public sealed class CommandException : Exception
{
    /// <summary>Creates the exception with a user-facing message.</summary>
    public CommandException(string message, Exception? inner = null)
        : base(message, inner)
    {
    }
}
