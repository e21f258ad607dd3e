namespace Dislocate.Core.Runtime;

/// <summary>Which memory allocator this process runs on, read from its mappings (the launcher preloads jemalloc where installed).</summary>
public static class ProcessAllocator
{
    /// <summary>True when jemalloc is mapped into this process.</summary>
    public static bool IsJemalloc()
    {
        try
        {
            return File.ReadAllText("/proc/self/maps").Contains("libjemalloc", StringComparison.Ordinal);
        }
        catch (IOException)
        {
            return false;
        }
        catch (UnauthorizedAccessException)
        {
            return false;
        }
    }

    /// <summary>"jemalloc (MALLOC_CONF …)" or "system malloc", for logs and records.</summary>
    public static string Describe() => IsJemalloc()
        ? $"jemalloc ({Environment.GetEnvironmentVariable("MALLOC_CONF") ?? "default settings"})"
        : "system malloc (install libjemalloc2 for faster training and inference)";
}
