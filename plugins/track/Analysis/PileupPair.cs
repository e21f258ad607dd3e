namespace Dislocate.Track.Analysis;

/// <summary>The distances between two neighbouring dislocations of a pileup over the frames (one curve of Fig. 15).</summary>
/// <param name="PileupId">The pileup's id.</param>
/// <param name="Rank">1 for the leading and second dislocation, 2 for the second and third, and so on.</param>
/// <param name="Distances">The per-frame distances; its first track is the one nearer the leading dislocation.</param>
public sealed record PileupPair(int PileupId, int Rank, PairDistanceSeries Distances);
