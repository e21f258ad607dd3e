namespace Dislocate.Track.Linking;

/// <summary>One observation to score: the track id a tracker gave it and the ground-truth id of the same object.</summary>
/// <param name="Frame">Frame index.</param>
/// <param name="PredictedId">Track id assigned by the tracker.</param>
/// <param name="TrueId">Ground-truth identity (e.g. the generator's instance id).</param>
public readonly record struct ScoredObservation(int Frame, int PredictedId, int TrueId);
