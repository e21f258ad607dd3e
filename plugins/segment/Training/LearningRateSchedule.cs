using Dislocate.Core.Numerics;
namespace Dislocate.Segment.Training;

/// <summary>How the learning rate changes over the optimiser steps.</summary>
internal enum LearningRateScheduleKind
{
    /// <summary>The base rate throughout (after warm-up).</summary>
    Constant,

    /// <summary>Cosine decay from the base rate to 1 % of it at the last step (after warm-up).</summary>
    Cosine,

    /// <summary>Multiplied by 0.1 at 60 % and again at 85 % of the steps.</summary>
    Step,
}

/// <summary>The learning rate as a pure function of the step, so a resumed run continues exactly where it stopped.</summary>
internal static class LearningRateSchedule
{
    /// <summary>The rate for optimiser step <paramref name="step"/> (0-based) of <paramref name="totalSteps"/>; linear warm-up first.</summary>
    public static double At(LearningRateScheduleKind kind, double baseRate, long step, long totalSteps, int warmupSteps)
    {
        if (step < warmupSteps)
        {
            return baseRate * (step + 1) / warmupSteps;
        }

        var span = Math.Max(1, totalSteps - warmupSteps);
        var t = Math.Clamp((double)(step - warmupSteps) / span, 0, 1);
        return kind switch
        {
            LearningRateScheduleKind.Constant => baseRate,
            LearningRateScheduleKind.Cosine => baseRate * (0.01 + (0.99 * 0.5 * (1 + DeterministicMath.Cos(Math.PI * t)))),
            LearningRateScheduleKind.Step => baseRate * (t < 0.6 ? 1 : t < 0.85 ? 0.1 : 0.01),
            _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, null),
        };
    }
}
