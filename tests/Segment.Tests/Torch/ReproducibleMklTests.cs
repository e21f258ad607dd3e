using System.Runtime.InteropServices;
using Dislocate.Segment.Torch;

namespace Dislocate.Segment.Tests.Torch;

public sealed partial class ReproducibleMklTests
{
    [Fact]
    public void Initialising_torch_asks_MKL_for_strict_reproducibility_in_the_native_environment()
    {
        var before = Environment.GetEnvironmentVariable("MKL_CBWR");

        TorchRuntime.EnsureInitialized();

        // What MKL itself reads: libc's environment, which Environment.SetEnvironmentVariable would not have reached.
        var native = Marshal.PtrToStringUTF8(getenv("MKL_CBWR"));
        Assert.Equal(before ?? TorchRuntime.ReproducibleMkl, native);
    }

    [LibraryImport("libc", StringMarshalling = StringMarshalling.Utf8)]
    private static partial IntPtr getenv(string name);
}
