// Benchmarks of the segment plugin: `dotnet run -c Release --project bench/Segment.Bench -- <which> [args]`.
// Each benchmark lives in its own file; this only dispatches.
var which = args.Length > 0 ? args[0] : "";
var rest = args.Skip(1).ToArray();
switch (which)
{
    default:
        Console.Error.WriteLine("usage: Segment.Bench <benchmark> [args]; benchmarks: (none yet)");
        return 2;
}
