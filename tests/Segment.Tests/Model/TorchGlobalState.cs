namespace Dislocate.Segment.Tests.Model;

/// <summary>
/// Tests that depend on Torch's process-wide state (the global random generator behind <c>torch.manual_seed</c>) run
/// in this collection, alone, after the parallel tests, so no other test draws from the generator in between.
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class TorchGlobalState
{
    public const string Name = "Torch global state";
}
