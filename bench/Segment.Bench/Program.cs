// Benchmarks of the segment plugin: `dotnet run -c Release --project bench/Segment.Bench -- <which> [args]`.
// Each benchmark lives in its own file; this only dispatches.
var which = args.Length > 0 ? args[0] : "";
var rest = args.Skip(1).ToArray();
switch (which)
{
    case "metric":
        return Dislocate.Segment.Bench.MetricBench.Run(rest);
    case "model":
        return Dislocate.Segment.Bench.ModelBench.Run(rest);
    case "engines":
        return Dislocate.Segment.Bench.EngineBench.Run(rest);
    case "probmap":
        return Dislocate.Segment.Bench.ProbMapDump.Run(rest);
    case "postsweep":
        return Dislocate.Segment.Bench.PostProcessingSweep.Run(rest);
    case "int8":
        return Dislocate.Segment.Bench.Int8Bench.Run(rest);
    case "trainstep":
        return Dislocate.Segment.Bench.TrainStepBench.Run(rest);
    default:
        Console.Error.WriteLine("usage: Segment.Bench <benchmark> [args]; benchmarks: metric, model, engines, probmap, postsweep, int8, trainstep");
        return 2;
}
