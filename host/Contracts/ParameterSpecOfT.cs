namespace Dislocate.Contracts;

/// <summary>
/// A parameter whose parsed value has type <typeparamref name="T"/>: commands read it as
/// <c>values.Get(MyParameters.Gate)</c>, so a renamed or retyped parameter is a compile error, not a runtime one.
/// </summary>
/// <typeparam name="T">long, double, bool, string, <see cref="ValueRange"/> or <see cref="ImageData"/>, as the kind says.</typeparam>
public sealed record ParameterSpec<T> : ParameterSpec
{
    /// <summary>Types <paramref name="untyped"/>; throws when <typeparamref name="T"/> is not its kind's value type.</summary>
    public ParameterSpec(ParameterSpec untyped)
        : base(untyped ?? throw new ArgumentNullException(nameof(untyped)))
    {
        if (ValueType(untyped.Kind) != typeof(T))
        {
            throw new ArgumentException($"Parameter '{untyped.Key}' ({untyped.Kind}) holds {ValueType(untyped.Kind).Name}, not {typeof(T).Name}.", nameof(untyped));
        }
    }
}
