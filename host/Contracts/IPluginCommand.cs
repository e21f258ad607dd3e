namespace Dislocate.Contracts;

/// <summary>One runnable command: a description the host turns into CLI options and ImageJ dialogs, and the work itself.</summary>
public interface IPluginCommand
{
    /// <summary>The command's identity, help and typed parameters.</summary>
    CommandDescriptor Descriptor { get; }

    /// <summary>Runs the command with validated parameter values.</summary>
    /// <remarks>
    /// Throw <see cref="CommandException"/> for failures the user can fix (the message is shown as is);
    /// observe <see cref="CommandContext.Cancellation"/> in long loops and report through <see cref="CommandContext.Progress"/>.
    /// </remarks>
    Task<CommandResult> ExecuteAsync(ParameterValues parameters, CommandContext context);
}
