namespace Dislocate.Contracts;

/// <summary>A parameter value is missing, malformed, out of range or contradicts another; the message names the key.</summary>
public sealed class ParameterException : Exception
{
    /// <summary>Creates the exception for parameter <paramref name="key"/>.</summary>
    public ParameterException(string key, string problem)
        : base($"{key}: {problem}")
    {
        this.Key = key;
    }

    /// <summary>The parameter at fault.</summary>
    public string Key { get; }
}
