namespace Dislocate.Segment.Training;

/// <summary>What a <see cref="GradScaler"/> carries from one step to the next, so a resumed run continues its loss scale.</summary>
/// <param name="Scale">The current loss scale.</param>
/// <param name="GoodSteps">Consecutive steps with finite gradients since the scale last changed.</param>
internal sealed record GradScalerState(double Scale, int GoodSteps);
