using Dislocate.Core.Geometry;

namespace Dislocate.Track.Analysis;

/// <summary>A group of near-parallel neighbouring tracks, ordered from the leading dislocation.</summary>
/// <param name="Id">1-based id; pileups are numbered in increasing order of their leading track's id.</param>
/// <param name="TrackIds">Member track ids, the leading one first, then in stacking order.</param>
/// <param name="StackingDirection">Unit principal axis of the member centroids (image coordinates), pointing toward the leading end.</param>
/// <param name="LineDirectionDegrees">Mean undirected line direction of the members, screen counter-clockwise from +x, in [0, 180).</param>
/// <param name="MeanDrift">Mean of the members' fitted drifts (least-squares slope of centroid against frame), px/frame.</param>
/// <param name="Spacings">Gaps between consecutive members' mean-centroid projections on the stacking direction, px, from the leading pair on.</param>
/// <param name="LeadingRule">Which rule chose the leading end.</param>
public sealed record Pileup(
    int Id,
    IReadOnlyList<int> TrackIds,
    PointD StackingDirection,
    double LineDirectionDegrees,
    PointD MeanDrift,
    IReadOnlyList<double> Spacings,
    PileupLeadingRule LeadingRule)
{
    /// <summary>Each member track's pileup id and its 1-based rank from the leading dislocation; tracks in no pileup are absent.</summary>
    public static IReadOnlyDictionary<int, (int Pileup, int Rank)> Membership(IReadOnlyList<Pileup> pileups)
    {
        ArgumentNullException.ThrowIfNull(pileups);
        var membership = new Dictionary<int, (int Pileup, int Rank)>();
        foreach (var p in pileups)
        {
            for (var r = 0; r < p.TrackIds.Count; r++)
            {
                membership[p.TrackIds[r]] = (p.Id, r + 1);
            }
        }

        return membership;
    }
}
