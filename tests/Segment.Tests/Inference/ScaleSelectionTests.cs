using Dislocate.Segment.Inference;

namespace Dislocate.Segment.Tests.Inference;

/// <summary>
/// The auto-scale rule on candidates measured with model 1.7.0 on the real development video's centre regions
/// (confidence, centre-line pixels in input pixels; for 1.41 and 2 also factor 1's on the centre they scored), resampled
/// as robustness.sh resamples it.
/// </summary>
public sealed class ScaleSelectionTests
{
    private static ScaleCandidate C(double factor, double confidence, double pixels, double? referenceConfidence = null, double? referencePixels = null) =>
        new(factor, confidence, pixels, referenceConfidence, referencePixels);

    [Fact]
    public void AFrameAtTwiceTheMagnification_IsShrunk_WhenEachStepIsClearer()
    {
        Assert.Equal(0.5, ScaleSelection.Pick([C(1, 0.708, 585), C(0.71, 0.872, 7743), C(0.5, 0.909, 9710), C(1.41, 0.662, 265, 0.769, 2617), C(2, 0.617, 45, 0.801, 3087)]));
    }

    [Fact]
    public void GeneratedFramesEnlarged_AreShrunk_ThoughFactorOneFindsMostOfTheirLine()
    {
        // Model 1.9.0 on 30 M2 frames enlarged 2×: 1.20 and 1.19 times the line at 0.71 and 0.5 (F1 0.83 at 0.5, 0.73 at 1).
        Assert.Equal(0.5, ScaleSelection.Pick([C(1, 0.838, 2497), C(0.71, 0.901, 2996), C(0.5, 0.914, 2966), C(1.41, 0.781, 451, 0.85, 900), C(2, 0.708, 44, 0.85, 400)]));

        // Model 1.12.0 (int8) on 12 M2 frames enlarged 2× finds nearly as much line at 1, less surely (F1 0.720 at 1,
        // 0.859 at 0.5), and on them enlarged 1.41× (F1 0.847 at 1, 0.865 at 0.71; scale-check.sh).
        Assert.Equal(0.5, ScaleSelection.Pick([C(1, 0.858, 5076), C(0.71, 0.895, 4924), C(0.5, 0.931, 4482), C(1.41, 0.809, 1677, 0.880, 3013), C(2, 0.696, 230, 0.879, 1727)]));
        Assert.Equal(0.71, ScaleSelection.Pick([C(1, 0.896, 6454), C(0.71, 0.931, 6397), C(0.5, 0.927, 6076), C(1.41, 0.856, 3469, 0.899, 3579), C(2, 0.802, 1005, 0.910, 1972)]));

        // Model 1.13.0 on the 2× frames: 0.5 keeps 0.81 times factor 1's line but 0.86 times 0.71's, the step before it
        // (F1 0.857 at 0.5, 0.834 at 0.71, 0.728 at 1).
        Assert.Equal(0.5, ScaleSelection.Pick([C(1, 0.858, 5632), C(0.71, 0.897, 5280), C(0.5, 0.928, 4562), C(1.41, 0.803, 2109, 0.869, 3353), C(2, 0.732, 282, 0.878, 1774)]));

        // Model 1.14.0 (float) on the two generated frames of ShippedModelTests enlarged 2× (its log line, rounded):
        // 0.71 keeps 0.84 times factor 1's line, 0.06 more confident; 0.5 is no more confident than 0.71.
        Assert.Equal(0.71, ScaleSelection.Pick([C(1, 0.85, 2643), C(0.71, 0.91, 2214), C(0.5, 0.91, 2218), C(1.41, 0.75, 551, 0.84, 1318), C(2, 0.67, 32, 0.87, 576)]));

        // As confident, but with much less line than factor 1 (under MinShrinkLineGain of it): kept at 1.
        Assert.Equal(1, ScaleSelection.Pick([C(1, 0.838, 2497), C(0.71, 0.901, 1900), C(0.5, 0.914, 1800)]));
    }

    [Fact]
    public void RealFramesAtOtherMagnifications_AreResampledTowardsTheTrainingOne()
    {
        // Model 1.12.0 (int8) on the 49 labelled development frames resampled 1.41× (F1 0.950 at 0.71, 0.807 at 1) and
        // 0.71× (0.900 at 1.41, 0.823 at 1; scale-check.sh).
        Assert.Equal(0.71, ScaleSelection.Pick([C(1, 0.900, 5169), C(0.71, 0.920, 6614), C(0.5, 0.860, 4740), C(1.41, 0.854, 3399, 0.907, 5263), C(2, 0.835, 2538, 0.924, 4942)]));
        Assert.Equal(1.41, ScaleSelection.Pick([C(1, 0.871, 2495), C(0.71, 0.801, 720), C(0.5, 0.828, 1192), C(1.41, 0.923, 3265, 0.871, 2495), C(2, 0.876, 2410, 0.869, 2498)]));
    }

    [Fact]
    public void AnEnlargingFactorChosen_RulesOutShrinking()
    {
        // Model 1.12.0 (int8) on the real frames at 0.5×: both shrinking steps gain too (F1 0.704 at 2; robustness.sh).
        Assert.Equal(2, ScaleSelection.Pick([C(1, 0.803, 370), C(0.71, 0.839, 861), C(0.5, 0.853, 1054), C(1.41, 0.842, 1309, 0.803, 370), C(2, 0.911, 2310, 0.803, 370)]));

        // Even where a shrinking factor is the more confident.
        Assert.Equal(2, ScaleSelection.Pick([C(1, 0.803, 370), C(0.71, 0.839, 861), C(0.5, 0.953, 1054), C(2, 0.911, 2310, 0.803, 370)]));

        // An enlarging factor clearer than factor 1 only on a centre with next to no line, and less confident than
        // factor 1 on the whole regions, is not chosen and rules nothing out (model 1.12.0 on a synthetic sequence).
        Assert.Equal(1, ScaleSelection.Pick([C(1, 0.917, 1391), C(0.71, 0.921, 803), C(0.5, 0.854, 464), C(1.41, 0.814, 364, 0.884, 309), C(2, 0.705, 210, 0.668, 6)]));
        Assert.Equal(0.71, ScaleSelection.Pick([C(1, 0.700, 1391), C(0.71, 0.760, 1300), C(0.5, 0.654, 464), C(2, 0.690, 210, 0.668, 6)]));
    }

    [Fact]
    public void AGainAtHalfAlone_WithSeventyOneNoClearer_IsNoReasonToShrink()
    {
        // Real frames at 0.5×: 0.5 was 0.05 more confident with 1.37 times the line (F1 0.06), 0.71 no clearer.
        Assert.Equal(1, ScaleSelection.Pick([C(1, 0.770, 631), C(0.71, 0.735, 628), C(0.5, 0.821, 866)]));
    }

    [Fact]
    public void AFrameAtHalfTheMagnification_IsEnlarged()
    {
        // Real frames at 0.5×: F1 0.64 at 2 against 0.31 at 1.
        Assert.Equal(2, ScaleSelection.Pick([C(1, 0.770, 631), C(0.71, 0.735, 628), C(0.5, 0.821, 866), C(1.41, 0.803, 1326, 0.770, 631), C(2, 0.876, 2047, 0.770, 631)]));

        // Model 1.9.0 on the same frames: 1.41 hardly clearer, 2 clearly (F1 0.28 at 1). Enlarging needs no clearer step.
        Assert.Equal(2, ScaleSelection.Pick([C(1, 0.815, 511), C(0.71, 0.778, 667), C(0.5, 0.868, 856), C(1.41, 0.821, 1316, 0.815, 511), C(2, 0.886, 2167, 0.815, 511)]));

        // Shrinking does: with 0.71 no clearer, a clearer 0.5 is not taken.
        Assert.Equal(1, ScaleSelection.Pick([C(1, 0.770, 631), C(0.71, 0.780, 1326), C(0.5, 0.876, 2047)]));
    }

    [Fact]
    public void AtTheTrainingMagnification_FactorOneStays()
    {
        Assert.Equal(1, ScaleSelection.Pick([C(1, 0.902, 4789), C(0.71, 0.840, 3557), C(0.5, 0.765, 1174), C(1.41, 0.850, 3972, 0.907, 4827), C(2, 0.708, 130, 0.909, 4919)]));
        Assert.Equal(1, ScaleSelection.Pick([C(1, 0.879, 4160), C(0.71, 0.801, 2469), C(0.5, 0.760, 898), C(1.41, 0.757, 2797, 0.889, 4201), C(2, 0.658, 208, 0.889, 4858)])); // blurred
    }

    [Fact]
    public void TooLittleLine_KeepsFactorOne()
    {
        // Model 1.9.0 on a generated 2048² frame at the training magnification whose centre holds little line: 2 was
        // clearer than factor 1 on its centre (F1 0.70 at 2, 0.89 at 1).
        Assert.Equal(1, ScaleSelection.Pick([C(1, 0.65, 8), C(0.71, 0.61, 8), C(0.5, 0.76, 378), C(1.41, 0.61, 14, 0.71, 46), C(2, 0.75, 119, 0.69, 4)]));

        // A generated 4096² frame: 0.71 clearer on 48 px.
        Assert.Equal(1, ScaleSelection.Pick([C(1, 0.70, 30), C(0.71, 0.80, 48), C(0.5, 0.74, 152), C(1.41, 0.79, 6, 0.85, 13), C(2, 0.75, 49, 0.79, 20)]));

        // The same gains on enough line are taken.
        Assert.Equal(0.71, ScaleSelection.Pick([C(1, 0.70, 300), C(0.71, 0.80, 480), C(0.5, 0.74, 1520)]));
    }

    [Fact]
    public void AnEnlargingFactor_IsComparedWithFactorOneOnTheCentreItScored()
    {
        // The main job's sequence: on the centres they scored, 1.41 and 2 are less sure than factor 1 there, though 1.41
        // is as sure as factor 1 on the whole regions.
        Assert.Equal(1, ScaleSelection.Pick([C(1, 0.899, 2488), C(0.71, 0.886, 2310), C(0.5, 0.820, 1260), C(1.41, 0.897, 2109, 0.905, 2131), C(2, 0.861, 1560, 0.905, 2138)]));

        // The same gain measured against the whole regions' factor 1 would pass: the reference on its centre decides.
        Assert.Equal(1.41, ScaleSelection.Pick([C(1, 0.850, 1000), C(1.41, 0.880, 2109)]));
        Assert.Equal(1, ScaleSelection.Pick([C(1, 0.850, 1000), C(1.41, 0.880, 2109, 0.870, 2000)]));
    }
}
