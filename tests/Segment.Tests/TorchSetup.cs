using System.Runtime.CompilerServices;
using Dislocate.Segment.Torch;

namespace Dislocate.Segment.Tests;

/// <summary>Applies the plugin's libtorch process settings before any test touches Torch.</summary>
internal static class TorchSetup
{
    [ModuleInitializer]
    internal static void Initialize() => TorchRuntime.EnsureInitialized();
}
