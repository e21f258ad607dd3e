namespace Dislocate.Segment.PostProcessing;

/// <summary>What post-processing made of one predicted mask.</summary>
/// <param name="Channel">The mask's index.</param>
/// <param name="Pixels">Pixels at or above the threshold.</param>
/// <param name="MeanProbability">Mean probability over those pixels (0 when there are none).</param>
/// <param name="Specks">Pieces dropped for having fewer than MinPixels pixels (the whole mask counts as one when it is too small), and lines dropped as short and faint.</param>
/// <param name="Duplicates">Pieces dropped as duplicates of a better instance from another mask.</param>
/// <param name="Instances">Pieces kept as instances.</param>
public sealed record ChannelSummary(int Channel, int Pixels, double MeanProbability, int Specks, int Duplicates, int Instances);
