using System.Collections.Concurrent;
using Dislocate.Contracts;

namespace Dislocate.ImageJ.Bridge;

/// <summary>A finished command's result held for the Java side: its protocol text and the image planes it fetches one by one.</summary>
internal sealed record BridgeResult(string Text, IReadOnlyList<ImageStackOutput> Images, ImageData? Input = null)
{
    private static readonly ConcurrentDictionary<long, BridgeResult> Live = new();
    private static long next;

    /// <summary>Number of results not yet released (for leak checks in tests).</summary>
    public static int LiveCount => Live.Count;

    public static long Store(BridgeResult result)
    {
        var handle = Interlocked.Increment(ref next);
        Live[handle] = result;
        return handle;
    }

    public static BridgeResult Get(long handle) =>
        Live.TryGetValue(handle, out var r) ? r : throw new InvalidOperationException($"No Dislocate result with handle {handle} (already released?).");

    /// <summary>Forgets a result; returns it (null when unknown) so its input planes can be reused.</summary>
    public static BridgeResult? Release(long handle) => Live.TryRemove(handle, out var r) ? r : null;
}
