using System.Runtime.InteropServices;

namespace Dislocate.ImageJ.Jni;

/// <summary>
/// The process's one JVM, created in-process through the JNI invocation API (<c>JNI_CreateJavaVM</c> from
/// libjvm.so). A process can create a JVM only once; <see cref="Create"/> fails on a second call.
/// </summary>
/// <remarks>
/// <c>-Xrs</c> is always passed: without it the JVM takes SIGINT/SIGTERM and .NET's Ctrl-C handling never runs.
/// The VM is never destroyed (DestroyJavaVM waits for AWT threads in GUI mode); it ends with the process.
/// </remarks>
public sealed unsafe class JavaVm
{
    private const int JniVersion18 = 0x00010008;
    private const int AttachCurrentThreadAsDaemonIndex = 7;
    private const int GetEnvIndex = 6;
    private static readonly Lock Gate = new();
    private static JavaVm? current;
    private readonly nint vm;

    private JavaVm(nint vm, string libJvm)
    {
        this.vm = vm;
        this.LibJvm = libJvm;
    }

    /// <summary>The JVM of this process, or null before <see cref="Create"/>.</summary>
    public static JavaVm? Current => current;

    /// <summary>The libjvm.so that was loaded.</summary>
    public string LibJvm { get; }

    /// <summary>Creates the JVM with the given class path and options (e.g. <c>-Djava.awt.headless=true</c>).</summary>
    public static JavaVm Create(string libJvm, IEnumerable<string> classPath, IEnumerable<string> options)
    {
        ArgumentNullException.ThrowIfNull(classPath);
        ArgumentNullException.ThrowIfNull(options);
        lock (Gate)
        {
            if (current is not null)
            {
                throw new InvalidOperationException("A JVM already runs in this process; a process can host only one.");
            }

            var library = NativeLibrary.Load(libJvm);
            var create = (delegate* unmanaged<nint*, nint*, JavaVmInitArgs*, int>)NativeLibrary.GetExport(library, "JNI_CreateJavaVM");
            var all = new List<string> { "-Djava.class.path=" + string.Join(':', classPath), "-Xrs" };
            all.AddRange(options);
            var strings = all.Select(Marshal.StringToCoTaskMemUTF8).ToArray();
            var opts = new JavaVmOption[strings.Length];
            for (var i = 0; i < strings.Length; i++)
            {
                opts[i].OptionString = strings[i];
            }

            try
            {
                fixed (JavaVmOption* o = opts)
                {
                    var args = new JavaVmInitArgs { Version = JniVersion18, NOptions = opts.Length, Options = (nint)o, IgnoreUnrecognized = 0 };
                    nint vm;
                    nint env;
                    var rc = create(&vm, &env, &args);
                    if (rc != 0)
                    {
                        throw new JniException($"JNI_CreateJavaVM failed with code {rc} (options: {string.Join(' ', all)}).");
                    }

                    current = new JavaVm(vm, libJvm);
                    return current;
                }
            }
            finally
            {
                foreach (var s in strings)
                {
                    Marshal.FreeCoTaskMem(s);
                }
            }
        }
    }

    /// <summary>The JNIEnv of the calling thread, attaching it as a daemon thread when it is not attached yet.</summary>
    internal JniEnv Env()
    {
        var table = *(nint**)this.vm;
        nint env;
        var rc = ((delegate* unmanaged<nint, nint*, int, int>)table[GetEnvIndex])(this.vm, &env, JniVersion18);
        if (rc == 0)
        {
            return new JniEnv(env);
        }

        rc = ((delegate* unmanaged<nint, nint*, nint, int>)table[AttachCurrentThreadAsDaemonIndex])(this.vm, &env, 0);
        return rc == 0 ? new JniEnv(env) : throw new JniException($"AttachCurrentThreadAsDaemon failed ({rc}).");
    }
}
