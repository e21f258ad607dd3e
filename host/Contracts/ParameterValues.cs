namespace Dislocate.Contracts;

/// <summary>Validated, typed parameter values for one command run; missing optional values fall back to the defaults.</summary>
public sealed class ParameterValues
{
    // Reads by string key still work for plugins compiled against host API 1.3 and older (the minor version only adds),
    // but new code reading one fails the build (warnings are errors): a renamed key must be a compile error.
    private const string ByKey = "Read through the parameter's declaration: values.Get(MyParameters.Key) with a ParameterSpec<T>.";

    private readonly Dictionary<string, object> values;
    private readonly HashSet<string> explicitKeys;

    /// <summary>Creates the set; <paramref name="values"/> must already be parsed and validated.</summary>
    public ParameterValues(CommandDescriptor descriptor, IReadOnlyDictionary<string, object> values, IEnumerable<string> explicitKeys)
    {
        ArgumentNullException.ThrowIfNull(descriptor);
        ArgumentNullException.ThrowIfNull(values);
        this.Descriptor = descriptor;
        this.values = new Dictionary<string, object>(values, StringComparer.OrdinalIgnoreCase);
        this.explicitKeys = new HashSet<string>(explicitKeys, StringComparer.OrdinalIgnoreCase);
    }

    /// <summary>The command these values belong to.</summary>
    public CommandDescriptor Descriptor { get; }

    /// <summary>All keys that have a value (given or default).</summary>
    public IEnumerable<string> Keys => this.values.Keys;

    /// <summary>True when the caller gave <paramref name="key"/> explicitly rather than taking the default.</summary>
    public bool IsExplicit(string key) => this.explicitKeys.Contains(key);

    /// <summary>True when the caller gave <paramref name="parameter"/> explicitly rather than taking the default.</summary>
    public bool IsExplicit(ParameterSpec parameter) => this.IsExplicit(Key(parameter));

    /// <summary>True when <paramref name="key"/> has a value.</summary>
    public bool Has(string key) => this.values.ContainsKey(key);

    /// <summary>True when <paramref name="parameter"/> has a value (given, or its default; a command may not declare it).</summary>
    public bool Has(ParameterSpec parameter) => this.Has(Key(parameter));

    /// <summary>The raw typed value of <paramref name="key"/>, or null; for code that handles every parameter alike.</summary>
    public object? Get(string key) => this.values.GetValueOrDefault(key);

    /// <summary>The value of <paramref name="parameter"/>; throws <see cref="ParameterException"/> when it has none.</summary>
    public T Get<T>(ParameterSpec<T> parameter) => this.Require<T>(Key(parameter));

    /// <summary>The value of <paramref name="parameter"/>, or <paramref name="fallback"/> when it has none (the command does not declare it).</summary>
    public T GetOr<T>(ParameterSpec<T> parameter, T fallback) => this.values.TryGetValue(Key(parameter), out var v) && v is T t ? t : fallback;

    /// <summary>The value of <paramref name="parameter"/>, or null when it has none.</summary>
    public string? GetOptional(ParameterSpec<string> parameter) => this.values.GetValueOrDefault(Key(parameter)) as string;

    /// <summary>A whole-number value that must fit an <see cref="int"/>.</summary>
    public int GetInt32(ParameterSpec<long> parameter) => checked((int)this.Get(parameter));

    /// <summary>A whole-number value (by key; kept for plugins built against host API 1.3 and older).</summary>
    [Obsolete(ByKey)]
    public long GetInteger(string key) => this.Require<long>(key);

    /// <summary>A whole-number value that must fit an <see cref="int"/> (by key; kept for older plugins).</summary>
    [Obsolete(ByKey)]
    public int GetInt32(string key) => checked((int)this.Require<long>(key));

    /// <summary>A real value (by key; kept for older plugins).</summary>
    [Obsolete(ByKey)]
    public double GetReal(string key) => this.Require<double>(key);

    /// <summary>A boolean value (by key; kept for older plugins).</summary>
    [Obsolete(ByKey)]
    public bool GetBoolean(string key) => this.Require<bool>(key);

    /// <summary>A range value (by key; kept for older plugins).</summary>
    [Obsolete(ByKey)]
    public ValueRange GetRange(string key) => this.Require<ValueRange>(key);

    /// <summary>An input image (by key; kept for older plugins).</summary>
    [Obsolete(ByKey)]
    public ImageData GetImage(string key) => this.Require<ImageData>(key);

    /// <summary>A text, choice or path value (by key; kept for older plugins).</summary>
    [Obsolete(ByKey)]
    public string GetString(string key) => this.Require<string>(key);

    /// <summary>A text, choice or path value, or null when absent (by key; kept for older plugins).</summary>
    [Obsolete(ByKey)]
    public string? GetOptionalString(string key) => this.values.GetValueOrDefault(key) as string;

    private T Require<T>(string key)
    {
        if (!this.values.TryGetValue(key, out var v))
        {
            throw new ParameterException(key, "is required");
        }

        return v is T t ? t : throw new InvalidOperationException($"Parameter '{key}' holds {v.GetType().Name}, not {typeof(T).Name}.");
    }

    private static string Key(ParameterSpec parameter) => (parameter ?? throw new ArgumentNullException(nameof(parameter))).Key;
}
