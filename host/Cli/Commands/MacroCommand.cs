using System.CommandLine;
using Dislocate.Hosting;
using Dislocate.ImageJ;

namespace Dislocate.Cli.Commands;

/// <summary><c>dislocate macro file.ijm [argument]</c>: runs an ImageJ macro headless, with every Dislocate command available to it.</summary>
internal static class MacroCommand
{
    public static Command Create(CommandRegistry registry, TextWriter output, TextWriter error)
    {
        var file = new Argument<string>("file") { Description = "ImageJ macro (.ijm) to run." };
        var argument = new Argument<string>("argument") { Description = "Passed to the macro (getArgument()).", Arity = ArgumentArity.ZeroOrOne };
        var command = new Command("macro", "Run an ImageJ macro headless (no display needed); Dislocate commands are available as run(\"Label\", \"key=value …\").") { file, argument };
        ImageJOptionsCli.AddTo(command);
        command.SetAction((parse, cancellation) => Task.FromResult(Run(parse, cancellation)));
        return command;

        int Run(ParseResult parse, CancellationToken cancellation)
        {
            var path = Path.GetFullPath(parse.GetValue(file)!);
            if (!File.Exists(path))
            {
                error.WriteLine($"error: macro file '{path}' does not exist");
                return ExitCodes.Usage;
            }

            try
            {
                var session = ImageJSession.Start(ImageJOptionsCli.Read(parse, headless: true), registry, Environment.CurrentDirectory);
                MacroOutcome outcome;

                // SIGTERM or Ctrl-C: stop the command and the macro, then exit 130 (the CLI's cancelled code).
                using (cancellation.Register(session.StopMacro))
                {
                    outcome = session.RunMacro(File.ReadAllText(path), parse.GetValue(argument) ?? string.Empty);
                }

                if (cancellation.IsCancellationRequested)
                {
                    error.WriteLine($"cancelled: {Path.GetFileName(path)} stopped");
                    return ExitCodes.Cancelled;
                }

                if (!outcome.Succeeded)
                {
                    error.WriteLine($"error: {Path.GetFileName(path)}: {outcome.Text}");
                    return ExitCodes.Failure;
                }

                if (outcome.Text.Length > 0)
                {
                    output.WriteLine(outcome.Text);
                }

                return ExitCodes.Success;
            }
            catch (Exception e) when (e is InvalidOperationException or DllNotFoundException or EntryPointNotFoundException)
            {
                error.WriteLine($"error: cannot start ImageJ: {e.Message}");
                return ExitCodes.Unavailable;
            }
        }
    }
}
