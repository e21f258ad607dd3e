using System.Text;
using Dislocate.Hosting;
using Dislocate.ImageJ.Bridge;

namespace Dislocate.ImageJ.Worker;

/// <summary>Entry point of <c>dislocate serve</c>, the worker process the ImageJ/Fiji drop-in jar starts (see <see cref="WorkerServer"/>).</summary>
public static class ImageJWorker
{
    /// <summary>
    /// Serves the drop-in jar on this process's standard streams until it says <c>quit</c> or closes standard input.
    /// Standard output carries only replies: the console writer is pointed at standard error for the duration.
    /// </summary>
    public static int Serve(CommandRegistry commands, string workingDirectory)
    {
        ArgumentNullException.ThrowIfNull(commands);
        BridgeHost.Configure(commands, workingDirectory);
        var stdout = new StreamWriter(Console.OpenStandardOutput(), new UTF8Encoding(false)) { AutoFlush = false, NewLine = "\n" };
        var previous = Console.Out;
        Console.SetOut(Console.Error);
        try
        {
            using var stdin = new StreamReader(Console.OpenStandardInput(), new UTF8Encoding(false));
            return WorkerServer.Serve(stdin, stdout);
        }
        finally
        {
            Console.SetOut(previous);
            stdout.Dispose();
        }
    }

    /// <summary>As <see cref="Serve(CommandRegistry, string)"/> on the given streams (for tests).</summary>
    public static int Serve(CommandRegistry commands, string workingDirectory, TextReader input, TextWriter output)
    {
        ArgumentNullException.ThrowIfNull(commands);
        BridgeHost.Configure(commands, workingDirectory);
        return WorkerServer.Serve(input, output);
    }
}
