using Dislocate.Hosting;
using Dislocate.ImageJ.Bridge;
using Dislocate.ImageJ.Jni;

namespace Dislocate.ImageJ;

/// <summary>The outcome of a headless macro: success and its return value, or the macro's error message.</summary>
public sealed record MacroOutcome(bool Succeeded, string Text);

/// <summary>
/// ImageJ 1.x running on a real JVM inside this process, with every plugin command installed as an ImageJ command.
/// One per process (a process can create only one JVM).
/// </summary>
public sealed class ImageJSession
{
    private static ImageJSession? current;
    private readonly JavaVm vm;

    private ImageJSession(JavaVm vm, ImageJSettings settings)
    {
        this.vm = vm;
        this.Settings = settings;
    }

    /// <summary>How this session was started.</summary>
    public ImageJSettings Settings { get; }

    /// <summary>Starts the JVM and ImageJ (headless: command table only; GUI: the ImageJ window) with the given commands.</summary>
    public static ImageJSession Start(ImageJSettings settings, CommandRegistry commands, string workingDirectory)
    {
        ArgumentNullException.ThrowIfNull(settings);
        ArgumentNullException.ThrowIfNull(commands);
        if (current is not null)
        {
            throw new InvalidOperationException("ImageJ already runs in this process.");
        }

        if (!File.Exists(settings.BridgeJar))
        {
            throw new InvalidOperationException($"The ImageJ bridge jar is missing: {settings.BridgeJar} (build host/Cli to make it).");
        }

        var classPath = new List<string>();
        var options = new List<string>();
        if (settings.FijiApp is { } fiji)
        {
            var jars = Path.Combine(fiji, "jars");
            if (!Directory.Exists(jars))
            {
                throw new InvalidOperationException($"{fiji} is not a Fiji.app folder (no jars/ inside).");
            }

            classPath.AddRange(Directory.GetFiles(jars, "*.jar", SearchOption.AllDirectories).Order(StringComparer.Ordinal));
            options.Add("-Dplugins.dir=" + fiji);
            options.Add("-Dij.dir=" + fiji);
        }
        else
        {
            if (!File.Exists(settings.IjJar))
            {
                throw new InvalidOperationException($"ImageJ not found at {settings.IjJar}: install Debian's libij-java (scripts/setup.sh) or use --fiji <Fiji.app>.");
            }

            classPath.Add(settings.IjJar);
        }

        // The bridge jar goes on the class path itself: natives are bound to one class object, which ImageJ's
        // plugin class loader must find there too.
        classPath.Add(settings.BridgeJar);
        if (settings.FijiApp is null && settings.TemOpenerJar is { } opener && File.Exists(opener))
        {
            // Plain ImageJ has no HandleExtraFileTypes: ours opens .dm3/.dm4/.ser on File › Open and open(path).
            // Fiji has its own (one class of that name may exist), so there File › Import › TEM File does it.
            classPath.Add(opener);
        }

        classPath.AddRange(settings.ExtraClassPath ?? []);
        if (settings.Headless)
        {
            options.Add("-Djava.awt.headless=true");
        }

        if (settings.MaxHeapMb > 0)
        {
            options.Add($"-Xmx{settings.MaxHeapMb}m");
        }

        BridgeHost.Configure(commands, workingDirectory);
        BridgeHost.ProgressLog = settings.Headless ? Console.Error : null;
        var vm = JavaVm.Create(JavaLocator.FindLibJvm(settings.JavaHome, settings.FijiApp), classPath, options);
        var env = vm.Env();
        BridgeNatives.Register(env);
        var session = new ImageJSession(vm, settings);
        if (settings.Headless)
        {
            session.CallStaticVoid("dislocate/bridge/Registry", "installHeadless");
        }
        else
        {
            session.CallStaticVoid("dislocate/bridge/Gui", "start");
        }

        current = session;
        return session;
    }

    /// <summary>ImageJ's version string (e.g. 1.53t).</summary>
    public string Version => this.CallStaticString("dislocate/bridge/NativeBridge", "version", "()Ljava/lang/String;");

    /// <summary>Runs macro text headless; its errors come back as text, never as a dialog.</summary>
    public MacroOutcome RunMacro(string macro, string argument = "")
    {
        var env = this.vm.Env();
        env.PushLocalFrame(16);
        try
        {
            var cls = env.FindClass("dislocate/bridge/MacroRunner");
            var method = env.GetStaticMethodId(cls, "runMacro", "(Ljava/lang/String;Ljava/lang/String;)Ljava/lang/String;");
            var text = env.GetString(env.CallStaticObject(cls, method, JValue.Object(env.NewString(macro)), JValue.Object(env.NewString(argument)))) ?? "ERROR\nno answer";
            var newline = text.IndexOf('\n', StringComparison.Ordinal);
            var status = newline < 0 ? text : text[..newline];
            var rest = newline < 0 ? string.Empty : text[(newline + 1)..];
            return new MacroOutcome(status == "OK", rest);
        }
        finally
        {
            env.PopLocalFrame();
        }
    }

    /// <summary>
    /// Stops the macro <see cref="RunMacro"/> is running and the command in it, from any thread (a signal handler's):
    /// <see cref="RunMacro"/> then returns soon after.
    /// </summary>
    public void StopMacro() => this.CallStaticVoid("dislocate/bridge/MacroRunner", "stop");

    /// <summary>True while the ImageJ window is open (GUI sessions).</summary>
    public bool IsGuiRunning() => this.CallStaticInt("dislocate/bridge/Gui", "isRunning", "()Z", boolean: true) != 0;

    /// <summary>Runs a macro file in ImageJ's GUI, on a Java thread of its own.</summary>
    public void RunMacroFileInGui(string path)
    {
        var env = this.vm.Env();
        env.PushLocalFrame(8);
        try
        {
            var cls = env.FindClass("dislocate/bridge/Gui");
            var method = env.GetStaticMethodId(cls, "runMacroFile", "(Ljava/lang/String;)V");
            env.CallStaticVoid(cls, method, JValue.Object(env.NewString(path)));
        }
        finally
        {
            env.PopLocalFrame();
        }
    }

    /// <summary>
    /// Calls a static Java method taking and returning ints, e.g. <c>("dislocate/bridge/BridgeProbe", "echo", "(I)I", 1)</c>:
    /// for tests and helpers whose classes are on the class path (<see cref="ImageJSettings.ExtraClassPath"/>).
    /// </summary>
    public int CallStaticInt(string className, string method, string signature, params int[] args) =>
        this.CallStaticInt(className, method, signature, false, args);

    /// <summary>Asks the JVM to collect garbage (System.gc()).</summary>
    public void CollectJavaGarbage() => this.CallStaticVoid("java/lang/System", "gc");

    /// <summary>Results held for the Java side and not yet released (should be 0 between commands).</summary>
    public static int LiveResults => BridgeResult.LiveCount;

    private void CallStaticVoid(string className, string method)
    {
        var env = this.vm.Env();
        env.PushLocalFrame(8);
        try
        {
            var cls = env.FindClass(className);
            env.CallStaticVoid(cls, env.GetStaticMethodId(cls, method, "()V"));
        }
        finally
        {
            env.PopLocalFrame();
        }
    }

    private string CallStaticString(string className, string method, string signature)
    {
        var env = this.vm.Env();
        env.PushLocalFrame(8);
        try
        {
            var cls = env.FindClass(className);
            return env.GetString(env.CallStaticObject(cls, env.GetStaticMethodId(cls, method, signature))) ?? string.Empty;
        }
        finally
        {
            env.PopLocalFrame();
        }
    }

    private int CallStaticInt(string className, string method, string signature, bool boolean, params int[] args)
    {
        var env = this.vm.Env();
        env.PushLocalFrame(8);
        try
        {
            var cls = env.FindClass(className);
            var id = env.GetStaticMethodId(cls, method, signature);
            var values = args.Select(JValue.Int).ToArray();
            return boolean ? (env.CallStaticBoolean(cls, id, values) ? 1 : 0) : env.CallStaticInt(cls, id, values);
        }
        finally
        {
            env.PopLocalFrame();
        }
    }
}
