using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using Dislocate.Contracts;
using Dislocate.ImageJ.Jni;

namespace Dislocate.ImageJ.Bridge;

/// <summary>
/// The native methods of <c>dislocate.bridge.NativeBridge</c>, implemented in .NET and bound with RegisterNatives.
/// Every one catches everything: an exception escaping an <see cref="UnmanagedCallersOnlyAttribute"/> method would
/// kill the process, so failures become an error result or a Java RuntimeException.
/// </summary>
internal static unsafe class BridgeNatives
{
    public const string JavaClass = "dislocate/bridge/NativeBridge";

    /// <summary>DISLOCATE_BRIDGE_TIMING=1 prints where the time of each bridged command goes (for benchmarks).</summary>
    private static readonly bool Timing = Environment.GetEnvironmentVariable("DISLOCATE_BRIDGE_TIMING") == "1";

    /// <summary>Binds the natives to the NativeBridge class (which must be on the JVM class path, not only in a plugin jar).</summary>
    public static void Register(JniEnv env)
    {
        var cls = env.FindClass(JavaClass);
        var methods = new (string Name, string Signature, nint Fn)[]
        {
            ("describe", "()Ljava/lang/String;", (nint)(delegate* unmanaged<nint, nint, nint>)&Describe),
            ("run", "(Ljava/lang/String;Ljava/lang/String;Ljava/lang/String;IIIIIIDDDLjava/lang/String;[Ljava/lang/Object;)J", (nint)(delegate* unmanaged<nint, nint, nint, nint, nint, int, int, int, int, int, int, double, double, double, nint, nint, long>)&Run),
            ("result", "(J)Ljava/lang/String;", (nint)(delegate* unmanaged<nint, nint, long, nint>)&Result),
            ("plane", "(JII[F)V", (nint)(delegate* unmanaged<nint, nint, long, int, int, nint, void>)&Plane),
            ("release", "(J)V", (nint)(delegate* unmanaged<nint, nint, long, void>)&Release),
        };
        var native = new JniNativeMethod[methods.Length];
        var strings = new List<nint>();
        try
        {
            for (var i = 0; i < methods.Length; i++)
            {
                var name = Marshal.StringToCoTaskMemUTF8(methods[i].Name);
                var sig = Marshal.StringToCoTaskMemUTF8(methods[i].Signature);
                strings.Add(name);
                strings.Add(sig);
                native[i] = new JniNativeMethod { Name = name, Signature = sig, FnPtr = methods[i].Fn };
            }

            env.RegisterNatives(cls, native);
        }
        finally
        {
            strings.ForEach(Marshal.FreeCoTaskMem);
            env.DeleteLocalRef(cls);
        }
    }

    [UnmanagedCallersOnly]
    private static nint Describe(nint envPtr, nint cls)
    {
        var env = new JniEnv(envPtr);
        try
        {
            return env.NewString(BridgeHost.Describe());
        }
        catch (Exception e)
        {
            env.ThrowNew("java/lang/RuntimeException", "Dislocate: " + BridgeHost.Message(e));
            return 0;
        }
    }

    [UnmanagedCallersOnly]
    private static long Run(nint envPtr, nint cls, nint key, nint options, nint title, int width, int height, int channels, int slices, int frames, int bitDepth, double pixelWidth, double pixelHeight, double frameInterval, nint unit, nint planes)
    {
        var env = new JniEnv(envPtr);
        try
        {
            ImageData? image = null;
            var clock = System.Diagnostics.Stopwatch.StartNew();
            if (planes != 0)
            {
                image = BridgeHost.WithFrameInterval(ReadImage(env, planes, env.GetString(title) ?? "image", width, height, channels, slices, frames, bitDepth, pixelWidth, pixelHeight, env.GetString(unit) ?? "pixel"), frameInterval);
            }

            var read = clock.Elapsed.TotalMilliseconds;
            var result = BridgeHost.Run(env, env.GetString(key) ?? string.Empty, env.GetString(options) ?? string.Empty, image);
            var handle = BridgeResult.Store(result with { Input = image });
            if (Timing)
            {
                Console.Error.WriteLine($"bridge: read {read:0.0} ms, run {clock.Elapsed.TotalMilliseconds - read:0.0} ms");
            }

            return handle;
        }
        catch (Exception e)
        {
            return BridgeResult.Store(new BridgeResult(ProtocolText.Error(BridgeHost.Message(e)), []));
        }
    }

    [UnmanagedCallersOnly]
    private static nint Result(nint envPtr, nint cls, long handle)
    {
        var env = new JniEnv(envPtr);
        try
        {
            return env.NewString(BridgeResult.Get(handle).Text);
        }
        catch (Exception e)
        {
            env.ThrowNew("java/lang/RuntimeException", "Dislocate: " + BridgeHost.Message(e));
            return 0;
        }
    }

    [UnmanagedCallersOnly]
    private static void Plane(nint envPtr, nint cls, long handle, int output, int plane, nint destination)
    {
        var env = new JniEnv(envPtr);
        try
        {
            var image = BridgeResult.Get(handle).Images[output];
            var data = image.Planes[plane];
            if (env.GetArrayLength(destination) != data.Length)
            {
                throw new ArgumentException($"plane {plane} of output {output} has {data.Length} pixels, the Java array {env.GetArrayLength(destination)}");
            }

            env.SetFloatArrayRegion(destination, data);
        }
        catch (Exception e)
        {
            env.ThrowNew("java/lang/RuntimeException", "Dislocate: " + BridgeHost.Message(e));
        }
    }

    [UnmanagedCallersOnly]
    private static void Release(nint envPtr, nint cls, long handle)
    {
        try
        {
            if (BridgeResult.Release(handle) is { Input: { } input } released)
            {
                PlanePool.Return(input.Planes, released.Images.SelectMany(i => i.Planes));
            }
        }
        catch (Exception e)
        {
            new JniEnv(envPtr).ThrowNew("java/lang/RuntimeException", "Dislocate: " + BridgeHost.Message(e));
        }
    }

    private static ImageData ReadImage(JniEnv env, nint planes, string title, int width, int height, int channels, int slices, int frames, int bitDepth, double pixelWidth, double pixelHeight, string unit)
    {
        var count = env.GetArrayLength(planes);
        if (count != channels * slices * frames || width < 1 || height < 1)
        {
            throw new ArgumentException($"image '{title}': {count} planes for {channels}×{slices}×{frames}");
        }

        var result = new float[count][];
        for (var p = 0; p < count; p++)
        {
            var array = env.GetObjectArrayElement(planes, p);
            try
            {
                result[p] = PlanePool.Rent(width * height);
                env.GetFloatArrayRegion(array, result[p]);
            }
            finally
            {
                env.DeleteLocalRef(array);
            }
        }

        return new ImageData(title, width, height, channels, slices, frames, result, bitDepth, pixelWidth, pixelHeight, unit);
    }
}
