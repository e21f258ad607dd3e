namespace Dislocate.Segment.Model;

/// <summary>The lower-case names of <see cref="EncoderKind"/> used in model files and on the command line (smp's encoder names).</summary>
public static class EncoderNames
{
    /// <summary>Every accepted name, in <see cref="EncoderKind"/> order.</summary>
    public static IReadOnlyList<string> All { get; } = ["resnet18", "resnet34", "resnet50"];

    /// <summary>The name of <paramref name="kind"/>, e.g. <c>resnet50</c>.</summary>
    public static string Name(EncoderKind kind) => kind switch
    {
        EncoderKind.ResNet18 => "resnet18",
        EncoderKind.ResNet34 => "resnet34",
        EncoderKind.ResNet50 => "resnet50",
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, "unknown encoder"),
    };

    /// <summary>Parses a name from <see cref="All"/> (case-insensitive); false for anything else.</summary>
    public static bool TryParse(string? name, out EncoderKind kind)
    {
        for (var i = 0; i < All.Count; i++)
        {
            if (string.Equals(All[i], name, StringComparison.OrdinalIgnoreCase))
            {
                kind = (EncoderKind)i;
                return true;
            }
        }

        kind = default;
        return false;
    }
}
