using System.CommandLine;
using Dislocate.Hosting;
using Dislocate.ImageJ.Worker;

namespace Dislocate.Cli.Commands;

/// <summary><c>dislocate serve</c>: the worker the ImageJ/Fiji drop-in jar starts; it speaks the bridge protocol on standard input and output.</summary>
internal static class ServeCommand
{
    public static Command Create(CommandRegistry registry)
    {
        var command = new Command("serve", "Worker for the ImageJ/Fiji drop-in (started by Dislocate_.jar): reads requests on standard input, replies on standard output, until 'quit' or the end of input.");
        command.SetAction(_ => ImageJWorker.Serve(registry, Environment.CurrentDirectory));
        return command;
    }
}
