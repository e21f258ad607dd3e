using System.Runtime.InteropServices;

namespace Dislocate.ImageJ.Jni;

/// <summary>One JNI argument (<c>jvalue</c>): an 8-byte union of every primitive and object reference.</summary>
[StructLayout(LayoutKind.Explicit, Size = 8)]
internal struct JValue
{
    [FieldOffset(0)]
    public int I;

    [FieldOffset(0)]
    public long J;

    [FieldOffset(0)]
    public double D;

    [FieldOffset(0)]
    public nint L;

    public static JValue Int(int v) => new() { I = v };

    public static JValue Long(long v) => new() { J = v };

    public static JValue Double(double v) => new() { D = v };

    public static JValue Object(nint v) => new() { L = v };
}

/// <summary><c>JavaVMOption</c>.</summary>
[StructLayout(LayoutKind.Sequential)]
internal struct JavaVmOption
{
    public nint OptionString;
    public nint ExtraInfo;
}

/// <summary><c>JavaVMInitArgs</c>.</summary>
[StructLayout(LayoutKind.Sequential)]
internal struct JavaVmInitArgs
{
    public int Version;
    public int NOptions;
    public nint Options;
    public byte IgnoreUnrecognized;
}

/// <summary><c>JNINativeMethod</c>: a native method to bind with RegisterNatives.</summary>
[StructLayout(LayoutKind.Sequential)]
internal struct JniNativeMethod
{
    public nint Name;
    public nint Signature;
    public nint FnPtr;
}

/// <summary>A Java exception or JNI failure seen from .NET.</summary>
internal sealed class JniException(string message) : Exception(message);
