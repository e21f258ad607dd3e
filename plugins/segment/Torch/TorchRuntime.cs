using System.Globalization;
using System.Runtime.InteropServices;
using Dislocate.Contracts;
using TorchSharp;

namespace Dislocate.Segment.Torch;

/// <summary>Process-wide libtorch settings every Torch entry point of this plugin applies first (once per process).</summary>
/// <remarks>
/// <para>Kernels: libtorch 2.10's oneDNN (mkldnn) convolution computes wrong weight gradients on this project's
/// reference machine (AMD EPYC VM, AVX-512; also capped to AVX2) when tensors are in the default NCHW layout and one
/// convolution's output gradient comes from another's backward: relative errors near 1, or NaN a step later. In the
/// channels-last layout the same kernels are right (1e-6 against float64) and fast, so training lays the network and its
/// inputs out channels-last (<see cref="ChannelsLast"/>) and, before the first training step of a process, runs
/// <see cref="KernelProbe"/> (≈0.3 s) with oneDNN on: if the probe passes, training keeps oneDNN; if not, oneDNN is
/// switched off while training runs and ATen's own convolutions (3–4× slower, always right) compute it. The choice is
/// reported by <c>segment info</c> and written into the training record. <c>DISLOCATE_MKLDNN=0</c> forces oneDNN off
/// everywhere, <c>DISLOCATE_MKLDNN=1</c> keeps it on without the probe. oneDNN's forward pass is right in either
/// layout, so inference always uses it (unless forced off). No ISA cap is needed in the channels-last layout (AVX2,
/// AVX512_CORE and the default all pass); a user's <c>ONEDNN_MAX_CPU_ISA</c> is left as it is and probed like any other
/// setting. NNPACK, which libtorch tries next, refuses this CPU ("Unsupported hardware") and warns for every
/// convolution, so it stays off.</para>
/// <para>Reproducibility: libtorch's matrix products go to the MKL it links statically, whose results may depend on
/// the alignment of the buffers, which changes from process to process: two identical one-thread training runs gave
/// different test losses after one epoch (≈1e-7) and different weights after two. Conditional Numerical
/// Reproducibility in strict mode (<c>MKL_CBWR=AUTO,STRICT</c>: the fastest code path of this CPU, independent of
/// alignment) made them byte-identical. It is set before libtorch loads, through libc's <c>setenv</c> (.NET's
/// Environment.SetEnvironmentVariable does not reach native code on Linux), unless the user set MKL_CBWR.</para>
/// </remarks>
internal static partial class TorchRuntime
{
    /// <summary>The environment variable that forces oneDNN on (1, no probe) or off (0).</summary>
    public const string MkldnnVariable = "DISLOCATE_MKLDNN";

    private static readonly Lock Gate = new();
    private static bool applied;
    private static int trainingsWithoutMkldnn;
    private static KernelProbeResult? probe;

    /// <summary>True when oneDNN is forced off in this process (<c>DISLOCATE_MKLDNN=0</c>, or libtorch lacks the switch).</summary>
    public static bool MkldnnDisabled { get; private set; }

    /// <summary>True when training uses oneDNN's kernels (decided by the probe on the first training run of the process).</summary>
    private static bool TrainingUsesMkldnn { get; set; }

    /// <summary>One line on the kernels training and inference use in this process, for logs, <c>segment info</c> and model records.</summary>
    public static string KernelDescription
    {
        get
        {
            lock (Gate)
            {
                var isa = Environment.GetEnvironmentVariable("ONEDNN_MAX_CPU_ISA") ?? Environment.GetEnvironmentVariable("DNNL_MAX_CPU_ISA");
                var cap = isa is null ? string.Empty : $", ISA cap {isa}";
                if (MkldnnDisabled)
                {
                    return $"ATen convolutions (oneDNN off by {MkldnnVariable}=0)";
                }

                return probe switch
                {
                    null when Environment.GetEnvironmentVariable(MkldnnVariable) == "1" => $"oneDNN, channels-last (unprobed, {MkldnnVariable}=1{cap})",
                    null => $"oneDNN for inference{cap}; training kernels are probed on the first training run",
                    { Passed: true } p => string.Create(CultureInfo.InvariantCulture, $"oneDNN, channels-last (probe passed, gradient error {p.RelativeError:E1}{cap})"),
                    var p => string.Create(CultureInfo.InvariantCulture, $"ATen convolutions for training (oneDNN probe failed: {(p.AllFinite ? $"gradient error {p.RelativeError:E1}" : "non-finite gradients")}{cap}); oneDNN for inference"),
                };
            }
        }
    }

    /// <summary>
    /// Whether libtorch's native library is installed beside this plugin (its <c>runtimes/</c> folder or the plugin
    /// folder itself), or this is not a runnable layout (a development build resolves it from the package cache).
    /// An inference-only release leaves it out.
    /// </summary>
    public static bool LibtorchInstalled
    {
        get
        {
            var folder = Path.GetDirectoryName(typeof(TorchRuntime).Assembly.Location);
            if (string.IsNullOrEmpty(folder) || !File.Exists(Path.Combine(folder, "plugin.json")))
            {
                return true;
            }

            var file = OperatingSystem.IsWindows() ? "torch_cpu.dll" : "libtorch_cpu.so";
            return File.Exists(Path.Combine(folder, file)) || (Directory.Exists(Path.Combine(folder, "runtimes")) && Directory.EnumerateFiles(Path.Combine(folder, "runtimes"), file, SearchOption.AllDirectories).Any());
        }
    }

    /// <summary>What an inference-only installation says when libtorch is asked for.</summary>
    public const string NotInstalledMessage = "libtorch is not installed (this is the inference-only release): training, fine-tuning, --engine torch and CUDA inference need the full release; segment run and Segment Dislocations work on ONNX Runtime";

    /// <summary>Loads libtorch (if not yet loaded) and applies the settings; cheap after the first call.</summary>
    public static void EnsureInitialized()
    {
        lock (Gate)
        {
            if (applied)
            {
                return;
            }

            if (!LibtorchInstalled)
            {
                throw new CommandException(NotInstalledMessage + ".");
            }

            applied = true;
            RequestReproducibleMkl();
            _ = torch.get_num_threads(); // makes TorchSharp load libtorch, so its symbols can be found
            var forced = Environment.GetEnvironmentVariable(MkldnnVariable);
            MkldnnDisabled = forced == "0" || !SetMkldnn(forced != "0");
            TrainingUsesMkldnn = !MkldnnDisabled;
        }
    }

    /// <summary>
    /// Marks a training run: the first one in a process probes oneDNN's gradients (see the remarks); oneDNN stays off
    /// while any training runs that cannot use it: when the probe failed, or for bfloat16 autocast on the CPU
    /// (<paramref name="cpuBfloat16"/>), whose oneDNN convolution was off by 100 % on the reference machine while ATen's
    /// is right (AutocastScopeTests).
    /// </summary>
    public static IDisposable TrainingKernels(bool cpuBfloat16 = false)
    {
        EnsureInitialized();
        bool withoutMkldnn;
        lock (Gate)
        {
            if (!MkldnnDisabled && probe is null && Environment.GetEnvironmentVariable(MkldnnVariable) != "1")
            {
                SetMkldnn(true);
                probe = KernelProbe.Run();
                TrainingUsesMkldnn = probe.Passed;
            }

            withoutMkldnn = !MkldnnDisabled && (!TrainingUsesMkldnn || cpuBfloat16);
            if (withoutMkldnn && ++trainingsWithoutMkldnn == 1)
            {
                SetMkldnn(false);
            }
        }

        return new Scope(() =>
        {
            lock (Gate)
            {
                if (withoutMkldnn && --trainingsWithoutMkldnn == 0)
                {
                    SetMkldnn(true);
                }
            }
        });
    }

    /// <summary>Switches oneDNN on or off (and NNPACK off) for the whole process; false when libtorch does not export the switch.</summary>
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
                ((delegate* unmanaged<IntPtr, byte, void>)nnpack)(global, 0);
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
