namespace Dislocate.Contracts;

/// <summary>Validated, typed parameter values for one command run; missing optional values fall back to the defaults.</summary>
public sealed class ParameterValues
{
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

    /// <summary>True when <paramref name="key"/> has a value.</summary>
    public bool Has(string key) => this.values.ContainsKey(key);

    /// <summary>The raw typed value, or null.</summary>
    public object? Get(string key) => this.values.GetValueOrDefault(key);

    /// <summary>A whole-number value.</summary>
    public long GetInteger(string key) => this.Require<long>(key);

    /// <summary>A whole-number value that must fit an <see cref="int"/>.</summary>
    public int GetInt32(string key) => checked((int)this.Require<long>(key));

    /// <summary>A real value.</summary>
    public double GetReal(string key) => this.Require<double>(key);

    /// <summary>A boolean value.</summary>
    public bool GetBoolean(string key) => this.Require<bool>(key);

    /// <summary>A range value.</summary>
    public ValueRange GetRange(string key) => this.Require<ValueRange>(key);

    /// <summary>An input image.</summary>
    public ImageData GetImage(string key) => this.Require<ImageData>(key);

    /// <summary>A text, choice or path value.</summary>
    public string GetString(string key) => this.Require<string>(key);

    /// <summary>A text, choice or path value, or null when absent.</summary>
    public string? GetOptionalString(string key) => this.values.GetValueOrDefault(key) as string;

    private T Require<T>(string key)
    {
        if (!this.values.TryGetValue(key, out var v))
        {
            throw new ParameterException(key, "is required");
        }

        return v is T t ? t : throw new InvalidOperationException($"Parameter '{key}' holds {v.GetType().Name}, not {typeof(T).Name}.");
    }
}
