using System.Runtime.InteropServices;
using TorchSharp;

namespace Dislocate.Segment.Torch;

/// <summary>Process-wide libtorch settings every Torch entry point of this plugin applies first (once per process).</summary>
/// <remarks>
/// libtorch 2.10's oneDNN (mkldnn) convolution backward is wrong on this project's reference machine (AMD EPYC VM):
/// with AVX-512 it returns NaN input gradients for every pixel of a conv + batch-norm block; capped to AVX2 it returns
/// different gradients and still NaN after a few training steps. ATen's own convolution kernels are correct, so
/// oneDNN is switched off (<c>at::globalContext().setUserEnabledMkldnn(false)</c>, which TorchSharp does not expose,
/// called through its exported symbol). Set <c>DISLOCATE_MKLDNN=1</c> to keep oneDNN on a machine where it works.
/// oneDNN's forward pass is right (it agrees with ATen's to 1e-6) and 3–4× faster, so inference turns it back on
/// inside an <see cref="InferenceKernels"/> scope while no training runs in the process.
/// NNPACK, the next convolution backend libtorch tries, is switched off too: it refuses this CPU ("Unsupported
/// hardware") and prints a warning for every convolution.
/// <para>Reproducibility: libtorch's matrix products go to the MKL it links statically, whose results may depend on
/// the alignment of the buffers, which changes from process to process: two identical one-thread training runs gave
/// different test losses after one epoch (≈1e-7) and different weights after two. Conditional Numerical
/// Reproducibility in strict mode (<c>MKL_CBWR=AUTO,STRICT</c>: the fastest code path of this CPU, independent of
/// alignment) made them byte-identical. It is set before libtorch loads, through libc's <c>setenv</c> (.NET's
/// Environment.SetEnvironmentVariable does not reach native code on Linux), unless the user set MKL_CBWR.</para>
/// </remarks>
internal static partial class TorchRuntime
{
    /// <summary>The environment variable that keeps oneDNN switched on when set to 1.</summary>
    public const string MkldnnVariable = "DISLOCATE_MKLDNN";

    private static readonly Lock Gate = new();
    private static bool applied;
    private static int trainings;
    private static int inferences;

    /// <summary>True when oneDNN was switched off in this process.</summary>
    public static bool MkldnnDisabled { get; private set; }

    /// <summary>Loads libtorch (if not yet loaded) and applies the settings; cheap after the first call.</summary>
    public static void EnsureInitialized()
    {
        lock (Gate)
        {
            if (applied)
            {
                return;
            }

            applied = true;
            RequestReproducibleMkl();
            _ = torch.get_num_threads(); // makes TorchSharp load libtorch, so its symbols can be found
            if (Environment.GetEnvironmentVariable(MkldnnVariable) != "1")
            {
                MkldnnDisabled = SetMkldnn(false);
            }
        }
    }

    /// <summary>Marks a training run: oneDNN stays off (its backward is wrong) until the scope is disposed.</summary>
    public static IDisposable TrainingKernels()
    {
        EnsureInitialized();
        lock (Gate)
        {
            trainings++;
            if (MkldnnDisabled && inferences > 0)
            {
                SetMkldnn(false);
            }
        }

        return new Scope(() =>
        {
            lock (Gate)
            {
                trainings--;
            }
        });
    }

    /// <summary>
    /// Forward-only work (no gradients): oneDNN is switched on for speed when it was switched off at start-up and no
    /// training runs in the process; the previous state returns when the last such scope ends.
    /// </summary>
    public static IDisposable InferenceKernels()
    {
        EnsureInitialized();
        lock (Gate)
        {
            if (++inferences == 1 && MkldnnDisabled && trainings == 0)
            {
                SetMkldnn(true);
            }
        }

        return new Scope(() =>
        {
            lock (Gate)
            {
                if (--inferences == 0 && MkldnnDisabled)
                {
                    SetMkldnn(false);
                }
            }
        });
    }

    /// <summary>Switches oneDNN (and NNPACK) on or off for the whole process; false when libtorch does not export the switch.</summary>
    internal static bool SetMkldnn(bool enabled)
    {
        if (!NativeLibrary.TryLoad("libtorch_cpu.so", typeof(torch).Assembly, DllImportSearchPath.AssemblyDirectory, out var library)
            || !NativeLibrary.TryGetExport(library, "_ZN2at13globalContextEv", out var context)
            || !NativeLibrary.TryGetExport(library, "_ZN2at7Context20setUserEnabledMkldnnEb", out var mkldnn))
        {
            return false;
        }

        unsafe
        {
            // at::Context& at::globalContext(); void at::Context::setUserEnabledMkldnn(bool) — `this` is the first argument.
            var global = ((delegate* unmanaged<IntPtr>)context)();
            ((delegate* unmanaged<IntPtr, byte, void>)mkldnn)(global, enabled ? (byte)1 : (byte)0);
            if (NativeLibrary.TryGetExport(library, "_ZN2at7Context20setUserEnabledNNPACKEb", out var nnpack))
            {
                ((delegate* unmanaged<IntPtr, byte, void>)nnpack)(global, enabled ? (byte)1 : (byte)0);
            }
        }

        return true;
    }

    /// <summary>The MKL_CBWR value set for reproducible matrix products (see the remarks), when the user set none.</summary>
    internal const string ReproducibleMkl = "AUTO,STRICT";

    // MKL reads MKL_CBWR once, when it initialises inside libtorch; setenv with overwrite 0 keeps a user's own choice.
    private static void RequestReproducibleMkl()
    {
        if (Environment.GetEnvironmentVariable("MKL_CBWR") is null)
        {
            _ = NativeMethods.setenv("MKL_CBWR", ReproducibleMkl, 0);
        }
    }

    private static partial class NativeMethods
    {
        [LibraryImport("libc", StringMarshalling = StringMarshalling.Utf8)]
        internal static partial int setenv(string name, string value, int overwrite);
    }

    private sealed class Scope(Action end) : IDisposable
    {
        private Action? end = end;

        public void Dispose() => Interlocked.Exchange(ref this.end, null)?.Invoke();
    }
}
