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
