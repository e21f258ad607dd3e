namespace Dislocate.Segment.Evaluation;

/// <summary>How ground-truth masks are paired with predictions on a Dice-loss matrix.</summary>
public enum MatchingMode
{
    /// <summary>The paper's Algorithm 1: each truth in order takes the unused prediction with the smallest loss (ties to the lowest index).</summary>
    Greedy,

    /// <summary>The assignment with the smallest summed loss (Hungarian algorithm).</summary>
    Optimal,
}
