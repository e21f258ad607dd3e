using System.Runtime.InteropServices;

namespace Dislocate.ImageJ.Jni;

/// <summary>
/// The JNI function table of one thread (<c>JNIEnv*</c>), called through function pointers at the indices of jni.h.
/// Strings cross as UTF-16 (NewString/GetStringRegion: the modified-UTF-8 functions mangle NUL and non-BMP characters).
/// </summary>
/// <remarks>A JNIEnv belongs to the thread it was obtained on; local references made here must be deleted in loops.</remarks>
internal readonly unsafe struct JniEnv
{
    // Indices into JNINativeInterface_ (jni.h).
    private const int FindClassIndex = 6;
    private const int ThrowNewIndex = 14;
    private const int ExceptionOccurredIndex = 15;
    private const int ExceptionClearIndex = 17;
    private const int PushLocalFrameIndex = 19;
    private const int PopLocalFrameIndex = 20;
    private const int NewGlobalRefIndex = 21;
    private const int DeleteLocalRefIndex = 23;
    private const int GetObjectClassIndex = 31;
    private const int GetMethodIdIndex = 33;
    private const int CallObjectMethodAIndex = 36;
    private const int GetStaticMethodIdIndex = 113;
    private const int CallStaticObjectMethodAIndex = 116;
    private const int CallStaticBooleanMethodAIndex = 119;
    private const int CallStaticIntMethodAIndex = 131;
    private const int CallStaticVoidMethodAIndex = 143;
    private const int NewStringIndex = 163;
    private const int GetStringLengthIndex = 164;
    private const int GetArrayLengthIndex = 171;
    private const int GetObjectArrayElementIndex = 173;
    private const int GetFloatArrayRegionIndex = 205;
    private const int SetFloatArrayRegionIndex = 213;
    private const int RegisterNativesIndex = 215;
    private const int GetStringRegionIndex = 220;
    private const int ExceptionCheckIndex = 228;

    private readonly nint env;

    public JniEnv(nint env)
    {
        if (env == 0)
        {
            throw new JniException("No JNIEnv for this thread.");
        }

        this.env = env;
    }

    public nint Handle => this.env;

    private nint* Table => *(nint**)this.env;

    public nint FindClass(string name)
    {
        var utf8 = Marshal.StringToCoTaskMemUTF8(name);
        try
        {
            var cls = ((delegate* unmanaged<nint, nint, nint>)this.Table[FindClassIndex])(this.env, utf8);
            this.ThrowIfException($"FindClass({name})");
            return cls != 0 ? cls : throw new JniException($"Java class {name} not found on the class path.");
        }
        finally
        {
            Marshal.FreeCoTaskMem(utf8);
        }
    }

    public nint GetStaticMethodId(nint cls, string name, string signature) => this.MethodId(GetStaticMethodIdIndex, cls, name, signature);

    public nint GetMethodId(nint cls, string name, string signature) => this.MethodId(GetMethodIdIndex, cls, name, signature);

    public nint GetObjectClass(nint obj) => ((delegate* unmanaged<nint, nint, nint>)this.Table[GetObjectClassIndex])(this.env, obj);

    public nint CallStaticObject(nint cls, nint method, params ReadOnlySpan<JValue> args)
    {
        fixed (JValue* a = args)
        {
            var r = ((delegate* unmanaged<nint, nint, nint, JValue*, nint>)this.Table[CallStaticObjectMethodAIndex])(this.env, cls, method, a);
            this.ThrowIfException("a static Java method");
            return r;
        }
    }

    public nint CallObject(nint obj, nint method, params ReadOnlySpan<JValue> args)
    {
        fixed (JValue* a = args)
        {
            var r = ((delegate* unmanaged<nint, nint, nint, JValue*, nint>)this.Table[CallObjectMethodAIndex])(this.env, obj, method, a);
            this.ThrowIfException("a Java method");
            return r;
        }
    }

    public bool CallStaticBoolean(nint cls, nint method, params ReadOnlySpan<JValue> args)
    {
        fixed (JValue* a = args)
        {
            var r = ((delegate* unmanaged<nint, nint, nint, JValue*, byte>)this.Table[CallStaticBooleanMethodAIndex])(this.env, cls, method, a);
            this.ThrowIfException("a static Java method");
            return r != 0;
        }
    }

    public int CallStaticInt(nint cls, nint method, params ReadOnlySpan<JValue> args)
    {
        fixed (JValue* a = args)
        {
            var r = ((delegate* unmanaged<nint, nint, nint, JValue*, int>)this.Table[CallStaticIntMethodAIndex])(this.env, cls, method, a);
            this.ThrowIfException("a static Java method");
            return r;
        }
    }

    public void CallStaticVoid(nint cls, nint method, params ReadOnlySpan<JValue> args)
    {
        fixed (JValue* a = args)
        {
            ((delegate* unmanaged<nint, nint, nint, JValue*, void>)this.Table[CallStaticVoidMethodAIndex])(this.env, cls, method, a);
            this.ThrowIfException("a static Java method");
        }
    }

    public nint NewString(string text)
    {
        fixed (char* p = text)
        {
            var s = ((delegate* unmanaged<nint, char*, int, nint>)this.Table[NewStringIndex])(this.env, p, text.Length);
            this.ThrowIfException("NewString");
            return s;
        }
    }

    /// <summary>Reads a java.lang.String (null reference → null).</summary>
    public string? GetString(nint jstring)
    {
        if (jstring == 0)
        {
            return null;
        }

        var length = ((delegate* unmanaged<nint, nint, int>)this.Table[GetStringLengthIndex])(this.env, jstring);
        if (length == 0)
        {
            return string.Empty;
        }

        return string.Create(length, (this.env, jstring, (nint)this.Table[GetStringRegionIndex]), static (span, state) =>
        {
            fixed (char* p = span)
            {
                ((delegate* unmanaged<nint, nint, int, int, char*, void>)state.Item3)(state.env, state.jstring, 0, span.Length, p);
            }
        });
    }

    public int GetArrayLength(nint array) => ((delegate* unmanaged<nint, nint, int>)this.Table[GetArrayLengthIndex])(this.env, array);

    public nint GetObjectArrayElement(nint array, int index)
    {
        var r = ((delegate* unmanaged<nint, nint, int, nint>)this.Table[GetObjectArrayElementIndex])(this.env, array, index);
        this.ThrowIfException("GetObjectArrayElement");
        return r;
    }

    public void GetFloatArrayRegion(nint array, Span<float> destination)
    {
        fixed (float* p = destination)
        {
            ((delegate* unmanaged<nint, nint, int, int, float*, void>)this.Table[GetFloatArrayRegionIndex])(this.env, array, 0, destination.Length, p);
        }

        this.ThrowIfException("GetFloatArrayRegion");
    }

    public void SetFloatArrayRegion(nint array, ReadOnlySpan<float> source)
    {
        fixed (float* p = source)
        {
            ((delegate* unmanaged<nint, nint, int, int, float*, void>)this.Table[SetFloatArrayRegionIndex])(this.env, array, 0, source.Length, p);
        }

        this.ThrowIfException("SetFloatArrayRegion");
    }

    public void DeleteLocalRef(nint obj)
    {
        if (obj != 0)
        {
            ((delegate* unmanaged<nint, nint, void>)this.Table[DeleteLocalRefIndex])(this.env, obj);
        }
    }

    public nint NewGlobalRef(nint obj) => ((delegate* unmanaged<nint, nint, nint>)this.Table[NewGlobalRefIndex])(this.env, obj);

    /// <summary>Opens a local-reference frame; every local reference made until <see cref="PopLocalFrame"/> is freed there.</summary>
    public void PushLocalFrame(int capacity)
    {
        if (((delegate* unmanaged<nint, int, int>)this.Table[PushLocalFrameIndex])(this.env, capacity) != 0)
        {
            this.ThrowIfException("PushLocalFrame");
            throw new JniException("PushLocalFrame failed (out of memory).");
        }
    }

    public nint PopLocalFrame(nint result = 0) => ((delegate* unmanaged<nint, nint, nint>)this.Table[PopLocalFrameIndex])(this.env, result);

    public void RegisterNatives(nint cls, ReadOnlySpan<JniNativeMethod> methods)
    {
        fixed (JniNativeMethod* m = methods)
        {
            var rc = ((delegate* unmanaged<nint, nint, JniNativeMethod*, int, int>)this.Table[RegisterNativesIndex])(this.env, cls, m, methods.Length);
            this.ThrowIfException("RegisterNatives");
            if (rc != 0)
            {
                throw new JniException($"RegisterNatives failed ({rc}).");
            }
        }
    }

    /// <summary>Throws a new Java exception of class <paramref name="className"/> in the calling Java frame.</summary>
    public void ThrowNew(string className, string message)
    {
        var name = Marshal.StringToCoTaskMemUTF8(className);
        var cls = ((delegate* unmanaged<nint, nint, nint>)this.Table[FindClassIndex])(this.env, name);
        Marshal.FreeCoTaskMem(name);
        var utf8 = Marshal.StringToCoTaskMemUTF8(message);
        try
        {
            if (cls != 0)
            {
                ((delegate* unmanaged<nint, nint, nint, int>)this.Table[ThrowNewIndex])(this.env, cls, utf8);
            }
        }
        finally
        {
            Marshal.FreeCoTaskMem(utf8);
        }
    }

    public bool ExceptionCheck() => ((delegate* unmanaged<nint, byte>)this.Table[ExceptionCheckIndex])(this.env) != 0;

    /// <summary>If a Java exception is pending: clears it and throws a <see cref="JniException"/> with its text.</summary>
    public void ThrowIfException(string during)
    {
        if (!this.ExceptionCheck())
        {
            return;
        }

        var throwable = ((delegate* unmanaged<nint, nint>)this.Table[ExceptionOccurredIndex])(this.env);
        ((delegate* unmanaged<nint, void>)this.Table[ExceptionClearIndex])(this.env);
        var text = "a Java exception";
        if (throwable != 0)
        {
            // Throwable.toString() gives "class: message"; any failure here must not hide the original problem.
            var cls = this.GetObjectClass(throwable);
            var toString = this.MethodIdOrZero(GetMethodIdIndex, cls, "toString", "()Ljava/lang/String;");
            if (toString != 0)
            {
                var s = ((delegate* unmanaged<nint, nint, nint, JValue*, nint>)this.Table[CallObjectMethodAIndex])(this.env, throwable, toString, null);
                if (this.ExceptionCheck())
                {
                    ((delegate* unmanaged<nint, void>)this.Table[ExceptionClearIndex])(this.env);
                }
                else
                {
                    text = this.GetString(s) ?? text;
                    this.DeleteLocalRef(s);
                }
            }

            this.DeleteLocalRef(cls);
            this.DeleteLocalRef(throwable);
        }

        throw new JniException($"{text} (in {during})");
    }

    private nint MethodId(int index, nint cls, string name, string signature)
    {
        var id = this.MethodIdOrZero(index, cls, name, signature);
        this.ThrowIfException($"looking up {name}{signature}");
        return id != 0 ? id : throw new JniException($"Java method {name}{signature} not found.");
    }

    private nint MethodIdOrZero(int index, nint cls, string name, string signature)
    {
        var n = Marshal.StringToCoTaskMemUTF8(name);
        var s = Marshal.StringToCoTaskMemUTF8(signature);
        try
        {
            return ((delegate* unmanaged<nint, nint, nint, nint, nint>)this.Table[index])(this.env, cls, n, s);
        }
        finally
        {
            Marshal.FreeCoTaskMem(n);
            Marshal.FreeCoTaskMem(s);
        }
    }
}
