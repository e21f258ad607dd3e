using Dislocate.Cli.Launch;

namespace Dislocate.Cli;

/// <summary>The <c>dislocate</c> executable.</summary>
public static class Program
{
    /// <summary>Entry point; returns an <see cref="ExitCodes"/> value.</summary>
    public static Task<int> Main(string[] args)
    {
        RetainingAllocator.RelaunchIfUseful(); // before anything allocates through libtorch (see its remarks)
        return CliApplication.RunAsync(args, Console.Out, Console.Error);
    }
}
