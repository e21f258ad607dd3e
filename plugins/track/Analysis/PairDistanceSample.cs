namespace Dislocate.Track.Analysis;

/// <summary>The distance between two tracked lines in one frame.</summary>
/// <param name="Frame">0-based frame index.</param>
/// <param name="Distance">Symmetric mean nearest distance between the two lines (<see cref="Lines.LineDistance.Symmetric"/>), px.</param>
public sealed record PairDistanceSample(int Frame, double Distance);
