using Dislocate.Contracts;

namespace Dislocate.Segment.Tests.Commands;

/// <summary>Parameter values for a command as the host would bind them: the given texts parsed, every other default filled in.</summary>
internal static class CommandValues
{
    /// <summary>The values of <paramref name="command"/> with <paramref name="given"/> (key, text) pairs set.</summary>
    public static ParameterValues Of(IPluginCommand command, params (string Key, string Text)[] given)
    {
        var d = command.Descriptor;
        var values = given.ToDictionary(g => g.Key, g => d.Find(g.Key)!.Parse(g.Text));
        foreach (var p in d.Parameters.Where(p => p.Default is not null && !values.ContainsKey(p.Key)))
        {
            values[p.Key] = p.Default!;
        }

        return new ParameterValues(d, values, given.Select(g => g.Key));
    }
}
