namespace Dislocate.Track.Analysis;

/// <summary>Stop-and-go statistics of one track.</summary>
/// <param name="TrackId">The track's id.</param>
/// <param name="Steps">One step per pair of consecutive observations, frames increasing.</param>
/// <param name="StopFraction">Fraction of steps that are stops; NaN without steps.</param>
/// <param name="GoFraction">Fraction of steps that are goes (1 − StopFraction); NaN without steps.</param>
/// <param name="Bursts">Number of stop→go transitions between consecutive steps (a track that starts moving counts none until it has stopped).</param>
/// <param name="Statistics">Distribution of the signed step sizes.</param>
public sealed record JerkyMotionResult(
    int TrackId,
    IReadOnlyList<TrackStep> Steps,
    double StopFraction,
    double GoFraction,
    int Bursts,
    StepStatistics Statistics);
