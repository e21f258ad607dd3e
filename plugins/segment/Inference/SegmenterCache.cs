using Dislocate.Segment.PostProcessing;

namespace Dislocate.Segment.Inference;

/// <summary>
/// Keeps the last segmenter of a session loaded, keyed by model path, modification time, size, engine and options, so
/// that commands repeated in one process (an ImageJ macro looping over files) pay no model reload.
/// </summary>
/// <remarks>
/// One segmenter is held at a time: choosing another model (or changing the file) frees the old one, and so does a
/// high memory load (the GC's own threshold) before and after every use. A segmenter is used by one command at a time;
/// a command that finds the held one busy opens its own, uncached.
/// </remarks>
internal static class SegmenterCache
{
    private static readonly Lock Gate = new();
    private static Entry? held;

    /// <summary>How many segmenters this process has opened through the cache (for tests and logs).</summary>
    public static int Opened { get; private set; }

    /// <summary>
    /// A segmenter for <paramref name="key"/>: the held one when the key matches and it is free, else a new one from
    /// <paramref name="open"/>. Dispose the lease when done; the segmenter stays loaded for the next command.
    /// </summary>
    public static Lease Acquire(SegmenterKey key, Func<Segmenter> open)
    {
        ArgumentNullException.ThrowIfNull(key);
        ArgumentNullException.ThrowIfNull(open);
        Segmenter? stale = null;
        lock (Gate)
        {
            if (held is { } h && !h.Busy && h.Key == key && !MemoryIsTight())
            {
                h.Busy = true;
                return new Lease(h.Segmenter, h);
            }

            if (held is { Busy: false } old)
            {
                stale = old.Segmenter;
                held = null;
            }
        }

        stale?.Dispose();
        var segmenter = open();
        lock (Gate)
        {
            Opened++;
            if (held is null)
            {
                held = new Entry(key, segmenter) { Busy = true };
                return new Lease(segmenter, held);
            }
        }

        return new Lease(segmenter, null);
    }

    /// <summary>Frees the held segmenter, if it is not in use.</summary>
    public static void Clear()
    {
        Segmenter? stale = null;
        lock (Gate)
        {
            if (held is { Busy: false } h)
            {
                stale = h.Segmenter;
                held = null;
            }
        }

        stale?.Dispose();
    }

    private static bool MemoryIsTight()
    {
        var info = GC.GetGCMemoryInfo();
        return info.HighMemoryLoadThresholdBytes > 0 && info.MemoryLoadBytes >= info.HighMemoryLoadThresholdBytes;
    }

    private static void Release(Entry? entry, Segmenter segmenter)
    {
        if (entry is null)
        {
            segmenter.Dispose();
            return;
        }

        var free = false;
        lock (Gate)
        {
            entry.Busy = false;
            if (MemoryIsTight() && held == entry)
            {
                held = null;
                free = true;
            }
        }

        if (free)
        {
            segmenter.Dispose();
        }
    }

    /// <summary>A segmenter in use by one command; disposing hands it back to the cache (or frees an uncached one).</summary>
    internal sealed class Lease(Segmenter segmenter, Entry? entry) : IDisposable
    {
        private bool released;

        /// <summary>The segmenter.</summary>
        public Segmenter Segmenter { get; } = segmenter;

        /// <summary>True when the segmenter came from, or went into, the cache.</summary>
        public bool Cached => entry is not null;

        /// <inheritdoc/>
        public void Dispose()
        {
            if (!this.released)
            {
                this.released = true;
                Release(entry, this.Segmenter);
            }
        }
    }

    /// <summary>The held segmenter and whether a command is using it.</summary>
    internal sealed class Entry(SegmenterKey key, Segmenter segmenter)
    {
        public SegmenterKey Key { get; } = key;

        public Segmenter Segmenter { get; } = segmenter;

        public bool Busy { get; set; }
    }
}

/// <summary>What makes two segmenters interchangeable: the model file as it is on disk, the engine and every option.</summary>
internal sealed record SegmenterKey(string ModelPath, DateTime Modified, long Length, InferenceEngine Engine, string Device, int Threads, TilingOptions Tiling, PostProcessingOptions PostProcessing)
{
    /// <summary>The key of <paramref name="modelPath"/> as it is now.</summary>
    public static SegmenterKey Of(string modelPath, InferenceEngine engine, string device, int threads, TilingOptions tiling, PostProcessingOptions postProcessing)
    {
        var info = new FileInfo(modelPath);
        return new SegmenterKey(info.FullName, info.Exists ? info.LastWriteTimeUtc : default, info.Exists ? info.Length : -1, engine, device, threads, tiling, postProcessing);
    }
}
