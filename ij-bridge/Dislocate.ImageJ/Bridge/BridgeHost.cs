using System.Globalization;
using Dislocate.Contracts;
using Dislocate.Hosting;
using Dislocate.Hosting.Parameters;
using Dislocate.ImageJ.Jni;

namespace Dislocate.ImageJ.Bridge;

/// <summary>
/// The .NET side of every ImageJ command: binds the macro option string (and the current image) to the command's
/// parameters, runs it while relaying progress to ImageJ's progress bar and Esc to cancellation, and turns the
/// outcome into protocol text. Runs on the Java thread that called the native method; all JNI calls stay on it.
/// </summary>
internal static class BridgeHost
{
    private static readonly TimeSpan PollInterval = TimeSpan.FromMilliseconds(100);
    private static CommandRegistry? registry;
    private static string workingDirectory = Environment.CurrentDirectory;

    public static CommandRegistry Registry => registry ?? throw new InvalidOperationException("The ImageJ bridge has no command registry yet.");

    public static void Configure(CommandRegistry commands, string folder)
    {
        registry = commands;
        workingDirectory = folder;
    }

    /// <summary>
    /// Where headless sessions (<c>dislocate macro</c>) print progress lines, at most one every
    /// <see cref="ProgressLineInterval"/> per command, as ImageJ has no progress bar there; null: none.
    /// </summary>
    public static TextWriter? ProgressLog { get; set; }

    /// <summary>Least time between two progress lines of one command.</summary>
    public static readonly TimeSpan ProgressLineInterval = TimeSpan.FromSeconds(2);

    /// <summary><paramref name="image"/> with ImageJ's frame interval in seconds; 0, negative or not finite means unknown (0).</summary>
    public static ImageData WithFrameInterval(ImageData image, double seconds) =>
        image with { FrameInterval = double.IsFinite(seconds) && seconds > 0 ? seconds : 0 };

    public static string Describe() => ProtocolText.Describe(Registry.Commands);

    /// <summary>Runs a command for ImageJ through JNI: progress goes to <c>NativeBridge.progress</c> on this (the Java) thread.</summary>
    public static BridgeResult Run(JniEnv env, string key, string options, ImageData? image)
    {
        var java = env.FindClass("dislocate/bridge/NativeBridge");
        try
        {
            var report = env.GetStaticMethodId(java, "progress", "(DLjava/lang/String;)Z");
            var log = ProgressLog;
            var lastLine = System.Diagnostics.Stopwatch.StartNew();
            return Run(key, options, image, (fraction, text) =>
            {
                if (log is not null && text is not null && lastLine.Elapsed >= ProgressLineInterval && double.IsFinite(fraction))
                {
                    log.WriteLine(string.Create(CultureInfo.InvariantCulture, $"progress {fraction * 100:0}% {text}"));
                    log.Flush();
                    lastLine.Restart();
                }

                var message = text is null ? 0 : env.NewString(text);
                try
                {
                    return env.CallStaticBoolean(java, report, JValue.Double(fraction), JValue.Object(message));
                }
                finally
                {
                    if (message != 0)
                    {
                        env.DeleteLocalRef(message);
                    }
                }
            });
        }
        finally
        {
            env.DeleteLocalRef(java);
        }
    }

    /// <summary>
    /// Runs a command for ImageJ, or the bridge's own <see cref="MicroscopeFileOpener.Key"/> request, and returns the
    /// result (never throws: failures become an error result).
    /// <paramref name="report"/> is called on this thread every 100 ms with the progress fraction and message (and once
    /// with 1 and null at the end); it returns true when the user asked to cancel.
    /// </summary>
    public static BridgeResult Run(string key, string options, ImageData? image, Func<double, string?, bool> report)
    {
        ArgumentNullException.ThrowIfNull(report);
        try
        {
            var outcome = key == MicroscopeFileOpener.Key
                ? MicroscopeFileOpener.Open(options, workingDirectory)
                : RunCommand(key, options, image, report);
            var stacks = outcome.Outputs.OfType<ImageStackOutput>().ToList();
            return new BridgeResult(ProtocolText.Result(outcome, stacks), stacks);
        }
        catch (Exception e)
        {
            return new BridgeResult(ProtocolText.Error(Message(e)), []);
        }
    }

    /// <summary>Binds the option string (and the current image) to a plugin command's parameters and runs it.</summary>
    private static CommandResult RunCommand(string key, string options, ImageData? image, Func<double, string?, bool> report)
    {
        var command = Registry.Find(key) ?? throw new CommandException($"No Dislocate command '{key}' is loaded.");
        var imageParam = command.Command.Descriptor.Parameters.FirstOrDefault(p => p.Kind == ParameterKind.Image);
        Dictionary<string, ImageData>? images = null;
        if (imageParam is not null)
        {
            images = new() { [imageParam.Key] = image ?? throw new CommandException($"'{command.Command.Descriptor.Label}' needs an open image.") };
        }

        var values = ParameterBinder.BindImageJ(command.Command.Descriptor, options, workingDirectory, images);
        return Execute(command, values, report);
    }

    /// <summary>The user-facing text of a failure: the message for expected failures, type and message otherwise.</summary>
    public static string Message(Exception e) => FailureText.Unwrap(e) switch
    {
        ParameterException or CommandException or InputFileException or FormatException => FailureText.Unwrap(e).Message,
        OperationCanceledException => "Cancelled.",
        var other => FailureText.Of(other),
    };

    private static CommandResult Execute(RegisteredCommand command, ParameterValues values, Func<double, string?, bool> report)
    {
        using var cancellation = new CancellationTokenSource();
        var progress = new LatestProgress();
        var context = new CommandContext(progress, NullCommandLog.Instance, workingDirectory, cancellation.Token) { Services = Registry.Services };
        var task = Task.Run(() => command.Command.ExecuteAsync(values, context), cancellation.Token);
        while (!task.Wait(PollInterval))
        {
            var p = progress.Latest;
            if (report(p.Fraction, p.Message ?? string.Create(CultureInfo.InvariantCulture, $"{command.Command.Descriptor.Label}: {p.Done}/{p.Total}")))
            {
                cancellation.Cancel();
            }
        }

        report(1.0, null);
        return task.GetAwaiter().GetResult();
    }

    /// <summary>Keeps only the newest update; the Java thread polls it.</summary>
    private sealed class LatestProgress : IProgress<ProgressUpdate>
    {
        private readonly Lock gate = new();
        private ProgressUpdate latest;

        public ProgressUpdate Latest
        {
            get
            {
                lock (this.gate)
                {
                    return this.latest;
                }
            }
        }

        public void Report(ProgressUpdate value)
        {
            lock (this.gate)
            {
                this.latest = value;
            }
        }
    }
}
