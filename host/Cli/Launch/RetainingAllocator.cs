using System.Runtime.InteropServices;
using System.Text;

namespace Dislocate.Cli.Launch;

/// <summary>
/// Restarts the process once, before anything runs, with jemalloc preloaded and told to keep freed memory mapped: the
/// allocator decides libtorch's training and inference speed on this project's machines.
/// </summary>
/// <remarks>
/// libtorch's large activations go through glibc's mmap path and are unmapped when freed, so every training step and
/// every inference tile faults its working set in again; page faults are slow on the reference VM. Measured there
/// (shared/notes/dependencies.md): a 2-step training run 31.6 s → 14.5 s wall, a 36-frame <c>segment run</c> 70.3 s →
/// 24.5 s, with <c>MALLOC_CONF=retain:true,dirty_decay_ms:-1,muzzy_decay_ms:-1</c>; jemalloc with its default decay was
/// slower, and glibc tunables cannot keep large blocks mapped. An allocator must be chosen before the process starts,
/// so the launcher re-executes itself (execv: same process id, arguments, standard streams and signals) with
/// <c>LD_PRELOAD</c> set. Memory freed inside the process is reused by it rather than returned to the system: the
/// resident size stays at its peak. It does nothing when <c>DISLOCATE_ALLOCATOR=system</c>, when jemalloc is already
/// preloaded, when the library is not installed (Debian: libjemalloc2), or off Linux; a failed execv leaves the process
/// running as it was.
/// </remarks>
internal static partial class RetainingAllocator
{
    /// <summary>Set to <c>system</c> to keep the C library's allocator.</summary>
    public const string ChoiceVariable = "DISLOCATE_ALLOCATOR";

    /// <summary>jemalloc's settings: keep freed memory mapped (retain) and never decay it back to the system.</summary>
    public const string RetainingSettings = "retain:true,dirty_decay_ms:-1,muzzy_decay_ms:-1";

    private const string GuardVariable = "DISLOCATE_ALLOCATOR_LAUNCHED";

    private static readonly string[] Candidates =
    [
        "/usr/lib/x86_64-linux-gnu/libjemalloc.so.2",
        "/usr/lib/aarch64-linux-gnu/libjemalloc.so.2",
        "/usr/lib64/libjemalloc.so.2",
        "/usr/lib/libjemalloc.so.2",
        "/usr/local/lib/libjemalloc.so.2",
    ];

    /// <summary>Re-executes the process with jemalloc when it should (see the remarks); returns only when it does not.</summary>
    public static void RelaunchIfUseful()
    {
        if (!OperatingSystem.IsLinux()
            || Environment.GetEnvironmentVariable(ChoiceVariable) is "system"
            || Environment.GetEnvironmentVariable(GuardVariable) is not null
            || (Environment.GetEnvironmentVariable("LD_PRELOAD") ?? string.Empty).Contains("jemalloc", StringComparison.Ordinal)
            || Find() is not { } library
            || Environment.ProcessPath is not { } executable
            || ReadCommandLine() is not { Length: > 0 } argv)
        {
            return;
        }

        var preload = Environment.GetEnvironmentVariable("LD_PRELOAD");
        _ = NativeMethods.setenv("LD_PRELOAD", string.IsNullOrEmpty(preload) ? library : $"{library}:{preload}", 1);
        _ = NativeMethods.setenv("MALLOC_CONF", RetainingSettings, 0);
        _ = NativeMethods.setenv(GuardVariable, "1", 1);
        _ = NativeMethods.execv(executable, [.. argv, null]);

        // execv returned, so it failed: carry on with the system allocator, and keep the child processes' view the same.
        _ = NativeMethods.setenv("LD_PRELOAD", preload ?? string.Empty, 1);
    }

    private static string? Find() => Candidates.FirstOrDefault(File.Exists);

    // The exact argument vector the process started with (argv[0] included), so `dotnet dislocate.dll …` restarts as that.
    private static string[]? ReadCommandLine()
    {
        try
        {
            var bytes = File.ReadAllBytes("/proc/self/cmdline");
            var text = Encoding.UTF8.GetString(bytes).TrimEnd('\0');
            return text.Length == 0 ? null : text.Split('\0');
        }
        catch (IOException)
        {
            return null;
        }
        catch (UnauthorizedAccessException)
        {
            return null;
        }
    }

    private static partial class NativeMethods
    {
        [LibraryImport("libc", StringMarshalling = StringMarshalling.Utf8)]
        internal static partial int setenv(string name, string value, int overwrite);

        [LibraryImport("libc", StringMarshalling = StringMarshalling.Utf8, SetLastError = true)]
        internal static partial int execv(string path, string?[] argv);
    }
}
