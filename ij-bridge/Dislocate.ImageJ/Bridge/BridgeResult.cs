using System.Collections.Concurrent;
using System.Threading;
using Dislocate.Contracts;

namespace Dislocate.ImageJ.Bridge;

/// <summary>A finished command's result held for the Java side: its protocol text and the image planes it fetches one by one.</summary>
internal sealed class BridgeResult(string text, IReadOnlyList<ImageStackOutput> images)
{
    private static readonly ConcurrentDictionary<long, BridgeResult> Live = new();
    private static long next;

    public string Text { get; } = text;

    public IReadOnlyList<ImageStackOutput> Images { get; } = images;

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

    public static void Release(long handle) => Live.TryRemove(handle, out _);
}
