using System.CommandLine;
using Dislocate.Cli.Execution;
using Dislocate.Hosting;
using Dislocate.Hosting.Parameters;

namespace Dislocate.Cli.Commands;

/// <summary><c>dislocate run "Label" "key=value …"</c>: runs a command with an ImageJ macro option string, exactly as a recorded macro would.</summary>
internal static class RunCommand
{
    public static Command Create(CommandRegistry registry, Func<CommandRunner> runnerFactory, TextWriter error)
    {
        var name = new Argument<string>("command") { Description = "ImageJ label (\"Generate Synthetic Dataset\") or plugin and command id (\"synthetic generate\")." };
        var options = new Argument<string>("options") { Description = "ImageJ option string: key=value key=[value with spaces] flag", Arity = ArgumentArity.ZeroOrOne };
        var command = new Command("run", "Run a command with an ImageJ-style option string, as recorded by ImageJ's macro recorder.") { name, options };
        command.SetAction(async (parse, cancellation) =>
        {
            var label = parse.GetValue(name)!;
            var found = registry.Find(label);
            if (found is null)
            {
                await error.WriteLineAsync($"error: no command '{label}'; see 'dislocate list'").ConfigureAwait(false);
                return ExitCodes.Unavailable;
            }

            var text = parse.GetValue(options) ?? string.Empty;
            return await runnerFactory().RunAsync(found, descriptor => ParameterBinder.BindImageJ(descriptor, text, Environment.CurrentDirectory), cancellation).ConfigureAwait(false);
        });
        return command;
    }
}
