using System.Runtime.InteropServices;
using TorchSharp;

namespace Dislocate.Segment.Torch;

/// <summary>
/// libtorch's autocast (automatic mixed precision) switched on for one device type on the calling thread, as PyTorch's
/// <c>with torch.autocast(device_type, dtype)</c>: inside the scope, eligible operations (convolutions, matrix products)
/// run in the reduced type on float32 inputs; the previous state returns on <see cref="Dispose"/>.
/// </summary>
/// <remarks>
/// TorchSharp 0.107 has no autocast API, but libtorch keeps autocast as thread-local C++ state behind exported
/// functions (<c>at::autocast::set_autocast_enabled</c> and its siblings in libtorch_cpu); they are called through
/// their Itanium-mangled symbols, as <see cref="TorchRuntime"/> does for oneDNN. Where they are missing (another C++
/// ABI, such as MSVC's), <see cref="IsAvailable"/> is false and <see cref="Enter(DeviceType)"/> throws.
/// The state is per thread: dispose the scope on the thread that entered it, and nest scopes last-in first-out.
/// Entering and leaving follow <c>torch.autocast.__enter__/__exit__</c>: the outermost exit clears the cache of
/// reduced-precision weight copies, which would otherwise go stale once an optimiser step changes the weights.
/// </remarks>
internal sealed class AutocastScope : IDisposable
{
    private static readonly Lazy<Exports?> Native = new(LoadExports);

    private readonly DeviceType device;
    private readonly bool previousEnabled;
    private readonly torch.ScalarType previousType;
    private readonly bool previousCacheEnabled;
    private bool disposed;

    private AutocastScope(DeviceType device, torch.ScalarType type, bool enabled)
    {
        var native = Require();
        this.device = device;
        this.previousEnabled = IsEnabled(device);
        this.previousType = ReducedType(device);
        this.previousCacheEnabled = native.IsCacheEnabled();
        native.SetEnabled(device, enabled);
        native.SetReducedType(device, type);
        native.IncrementNesting();
        native.SetCacheEnabled(true);
    }

    /// <summary>True when this libtorch exports the autocast functions the scope calls.</summary>
    public static bool IsAvailable => Native.Value is not null;

    /// <summary>Autocast's reduced type for a device: float16 on CUDA (as PyTorch), bfloat16 on the CPU (float16 has no fast CPU kernels).</summary>
    public static torch.ScalarType DefaultType(DeviceType device) => CheckDevice(device) == DeviceType.CUDA ? torch.ScalarType.Float16 : torch.ScalarType.BFloat16;

    /// <summary>Switches autocast on for <paramref name="device"/> (CPU or CUDA) with its <see cref="DefaultType"/>.</summary>
    public static AutocastScope Enter(DeviceType device) => Enter(device, DefaultType(device));

    /// <summary>Switches autocast on (or, with <paramref name="enabled"/> false, off) for <paramref name="device"/> with reduced type <paramref name="type"/> (Float16 or BFloat16).</summary>
    public static AutocastScope Enter(DeviceType device, torch.ScalarType type, bool enabled = true)
    {
        CheckDevice(device);
        if (type is not (torch.ScalarType.Float16 or torch.ScalarType.BFloat16))
        {
            throw new ArgumentOutOfRangeException(nameof(type), type, "autocast reduces to Float16 or BFloat16");
        }

        return new AutocastScope(device, type, enabled);
    }

    /// <summary>True when autocast is on for <paramref name="device"/> on the calling thread.</summary>
    public static bool IsEnabled(DeviceType device) => Require().IsEnabled(CheckDevice(device));

    /// <summary>The reduced type autocast uses for <paramref name="device"/> on the calling thread.</summary>
    public static torch.ScalarType ReducedType(DeviceType device) => Require().GetReducedType(CheckDevice(device));

    /// <summary>Restores the state found on entry; the outermost scope also clears autocast's cast cache.</summary>
    public void Dispose()
    {
        if (this.disposed)
        {
            return;
        }

        this.disposed = true;
        var native = Require();
        if (native.DecrementNesting() == 0)
        {
            native.ClearCache();
        }

        native.SetEnabled(this.device, this.previousEnabled);
        native.SetReducedType(this.device, this.previousType);
        native.SetCacheEnabled(this.previousCacheEnabled);
    }

    // libtorch throws a C++ exception for a device type without autocast, which would tear the process down when it
    // crosses the function pointer; only the two this plugin runs on pass.
    private static DeviceType CheckDevice(DeviceType device) => device is DeviceType.CPU or DeviceType.CUDA
        ? device
        : throw new ArgumentOutOfRangeException(nameof(device), device, "autocast is used on CPU and CUDA only");

    private static Exports Require() => Native.Value
        ?? throw new NotSupportedException("this libtorch does not export the autocast functions (at::autocast::*) that mixed precision needs");

    private static Exports? LoadExports()
    {
        TorchRuntime.EnsureInitialized(); // loads libtorch
        if (!NativeLibrary.TryLoad("libtorch_cpu.so", typeof(torch).Assembly, DllImportSearchPath.AssemblyDirectory, out var library))
        {
            return null;
        }

        IntPtr Find(string symbol) => NativeLibrary.TryGetExport(library, symbol, out var address) ? address : IntPtr.Zero;
        var exports = new Exports(
            Find("_ZN2at8autocast20set_autocast_enabledEN3c1010DeviceTypeEb"),
            Find("_ZN2at8autocast19is_autocast_enabledEN3c1010DeviceTypeE"),
            Find("_ZN2at8autocast18set_autocast_dtypeEN3c1010DeviceTypeENS1_10ScalarTypeE"),
            Find("_ZN2at8autocast18get_autocast_dtypeEN3c1010DeviceTypeE"),
            Find("_ZN2at8autocast17increment_nestingEv"),
            Find("_ZN2at8autocast17decrement_nestingEv"),
            Find("_ZN2at8autocast11clear_cacheEv"),
            Find("_ZN2at8autocast25is_autocast_cache_enabledEv"),
            Find("_ZN2at8autocast26set_autocast_cache_enabledEb"));
        return exports.Complete ? exports : null;
    }

    /// <summary>
    /// The exported functions. c10::DeviceType and c10::ScalarType are int8_t enums (TorchSharp's enums have the same
    /// values), bool is one byte; nesting counts are int.
    /// </summary>
    private sealed unsafe class Exports(IntPtr setEnabled, IntPtr isEnabled, IntPtr setType, IntPtr getType, IntPtr increment, IntPtr decrement, IntPtr clearCache, IntPtr isCacheEnabled, IntPtr setCacheEnabled)
    {
        public bool Complete => new[] { setEnabled, isEnabled, setType, getType, increment, decrement, clearCache, isCacheEnabled, setCacheEnabled }.All(p => p != IntPtr.Zero);

        public void SetEnabled(DeviceType device, bool enabled) => ((delegate* unmanaged<sbyte, byte, void>)setEnabled)((sbyte)device, enabled ? (byte)1 : (byte)0);

        public bool IsEnabled(DeviceType device) => ((delegate* unmanaged<sbyte, byte>)isEnabled)((sbyte)device) != 0;

        public void SetReducedType(DeviceType device, torch.ScalarType type) => ((delegate* unmanaged<sbyte, sbyte, void>)setType)((sbyte)device, (sbyte)type);

        public torch.ScalarType GetReducedType(DeviceType device) => (torch.ScalarType)((delegate* unmanaged<sbyte, sbyte>)getType)((sbyte)device);

        public int IncrementNesting() => ((delegate* unmanaged<int>)increment)();

        public int DecrementNesting() => ((delegate* unmanaged<int>)decrement)();

        public void ClearCache() => ((delegate* unmanaged<void>)clearCache)();

        public bool IsCacheEnabled() => ((delegate* unmanaged<byte>)isCacheEnabled)() != 0;

        public void SetCacheEnabled(bool enabled) => ((delegate* unmanaged<byte, void>)setCacheEnabled)(enabled ? (byte)1 : (byte)0);
    }
}
