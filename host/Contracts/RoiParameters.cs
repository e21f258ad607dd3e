namespace Dislocate.Contracts;

/// <summary>
/// Where a command's line ROIs go, declared once for every command that returns them (since host API 1.4). The keys
/// are negative on purpose: an ImageJ macro leaves an unchecked box out, so a macro written before these existed, or
/// without them, keeps the default (ROI Manager, earlier Dislocate ROIs replaced).
/// </summary>
public static class RoiParameters
{
    /// <summary>A RoiSet.zip to write, for headless macros where no ROI Manager exists.</summary>
    public static ParameterSpec<string> RoiSet { get; } = Parameter.Path("roiset", "Also write RoiSet.zip", ParameterKind.OutputFile, "Also write the lines as an ImageJ RoiSet.zip (ROI Manager › More › Open), e.g. from a headless macro, where no ROI Manager exists; empty = none.");

    /// <summary>ImageJ with windows: draw the ROIs as an overlay on the new image instead of adding them to the ROI Manager.</summary>
    public static ParameterSpec<bool> Overlays { get; } = Parameter.Flag("overlays", "Overlay instead of ROI Manager", false, "ImageJ with windows: draw the lines as an overlay on the new image instead of adding them to the ROI Manager (headless and batch-mode macros always use overlays). The input stack gets them as an overlay either way.");

    /// <summary>ImageJ: keep the ROIs earlier Dislocate commands left in the ROI Manager and on the input's overlay.</summary>
    public static ParameterSpec<bool> Keep { get; } = Parameter.Flag("keep", "Keep earlier Dislocate ROIs", false, "ImageJ: keep the lines earlier Dislocate commands put in the ROI Manager and on the input's overlay; unchecked, they are replaced (the user's own ROIs always stay).");

    /// <summary>The two ImageJ display choices, in dialog order.</summary>
    public static IEnumerable<ParameterSpec> Display => [Overlays, Keep];
}
