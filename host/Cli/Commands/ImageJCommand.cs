using System.CommandLine;
using Dislocate.Hosting;
using Dislocate.ImageJ;

namespace Dislocate.Cli.Commands;

/// <summary><c>dislocate imagej</c>: starts ImageJ's window with a Plugins › Dislocations menu of every plugin command.</summary>
internal static class ImageJCommand
{
    /// <summary>Whether ImageJ's windows can open here: Java's AWT needs an X display (XWayland's too), named by DISPLAY.</summary>
    public static bool HasDisplay => !string.IsNullOrEmpty(Environment.GetEnvironmentVariable("DISPLAY"));

    public static Command Create(CommandRegistry registry, TextWriter error)
    {
        var macro = new Option<string>("--macro") { Description = "A macro file to run once ImageJ is up; the process then exits with 0, or 1 and the macro's error (errors never open a dialog)." };
        var command = new Command("imagej", "Start ImageJ (or --fiji Fiji.app) with the Dislocate commands under Plugins › Dislocations.") { macro };
        ImageJOptionsCli.AddTo(command);
        command.SetAction(parse =>
        {
            if (!HasDisplay)
            {
                error.WriteLine("error: no display (DISPLAY is not set). Run under a desktop or xvfb-run, or use 'dislocate macro' for headless work.");
                return ExitCodes.Unavailable;
            }

            try
            {
                var session = ImageJSession.Start(ImageJOptionsCli.Read(parse, headless: false), registry, Environment.CurrentDirectory);
                if (parse.GetValue(macro) is { } file)
                {
                    session.RunMacroFileInGui(Path.GetFullPath(file));
                }

                // ImageJ's Quit ends the process itself (System.exit); closing the window without quitting lands here.
                while (session.IsGuiRunning())
                {
                    Thread.Sleep(500);
                }

                return ExitCodes.Success;
            }
            catch (Exception e) when (e is InvalidOperationException or DllNotFoundException or EntryPointNotFoundException)
            {
                error.WriteLine($"error: cannot start ImageJ: {e.Message}");
                return ExitCodes.Unavailable;
            }
        });
        return command;
    }
}
