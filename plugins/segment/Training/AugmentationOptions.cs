using System.Text.Json.Serialization;

namespace Dislocate.Segment.Training;

/// <summary>
/// The image transformations of the paper's section 3 (Gaussian noise, brightness, contrast, histogram equalisation),
/// each applied with its own probability, plus the eight flips/rotations of the square (applied to masks too), which
/// the paper does not list but which cost nothing and match the random line directions of the generator.
/// </summary>
/// <param name="NoiseProbability">Chance of adding Gaussian noise.</param>
/// <param name="NoiseSigma">Noise standard deviation, drawn uniformly from [0, NoiseSigma] (gray values in [0, 1]).</param>
/// <param name="BrightnessProbability">Chance of a brightness shift.</param>
/// <param name="Brightness">Shift drawn uniformly from [−Brightness, +Brightness].</param>
/// <param name="ContrastProbability">Chance of a contrast change.</param>
/// <param name="Contrast">Factor about the image mean drawn uniformly from [1 − Contrast, 1 + Contrast].</param>
/// <param name="EqualizeProbability">Chance of histogram equalisation (256 bins).</param>
/// <param name="FlipRotate">Apply one of the 8 flips/rotations, uniformly.</param>
/// <param name="Zoom">
/// Rescale each crop by a factor drawn log-uniformly from [1/Zoom, Zoom] (<see cref="TrainingCrop.Cut"/>), so the model
/// sees lines at other magnifications; 0 (or 1) = none. Not in the paper: a model fine-tuned on one video's frames scored
/// F1 0.65 on that video but 0.43 on the same frames enlarged 2× and 0.02 at 3×, and a user's microscope magnification is
/// not the training video's. Left out of a checkpoint's fingerprint when 0, so runs started without it still resume.
/// </param>
/// <param name="Blur">
/// With probability ½, blur the crop (before the noise) with a Gaussian of σ drawn uniformly from [0, Blur] pixels;
/// 0 = none. Not in the paper: the shipped model's F1 on the development video fell from 0.85 to 0.63 when the frames
/// were blurred with σ 1 px (another microscope's focus or resolution). Its random numbers come from their own stream,
/// drawn only when Blur &gt; 0, and it is left out of the fingerprint when 0, so earlier runs are unchanged.
/// </param>
internal sealed record AugmentationOptions(
    double NoiseProbability = 0.5,
    double NoiseSigma = 0.05,
    double BrightnessProbability = 0.5,
    double Brightness = 0.15,
    double ContrastProbability = 0.5,
    double Contrast = 0.3,
    double EqualizeProbability = 0.2,
    bool FlipRotate = true,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingDefault)] double Zoom = 0,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingDefault)] double Blur = 0)
{
    /// <summary>No augmentation (evaluation).</summary>
    public static AugmentationOptions None { get; } = new(0, 0, 0, 0, 0, 0, 0, false);
}
