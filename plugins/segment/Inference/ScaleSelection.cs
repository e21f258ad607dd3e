using System.Globalization;
using Dislocate.Contracts;
using Dislocate.Core.Imaging;
using Dislocate.Segment.Evaluation;
using Dislocate.Segment.Model;
using Dislocate.Segment.PostProcessing;

namespace Dislocate.Segment.Inference;

/// <summary>One candidate factor tried by <see cref="ScaleSelection"/> and the model's confidence at it.</summary>
/// <param name="Factor">Resampling factor.</param>
/// <param name="Confidence">Mean line probability on the centre lines found at that factor (0 when none).</param>
/// <param name="LinePixels">Centre-line pixels found at that factor, counted in the input's pixels (found ÷ factor).</param>
/// <param name="ReferenceConfidence">An enlarging factor scores only a centre of each region: factor 1's confidence on that same centre, which it is compared with; null for the others (compared with factor 1 on the whole regions).</param>
/// <param name="ReferenceLinePixels">Factor 1's centre-line pixels on that same centre; null for the others.</param>
internal sealed record ScaleCandidate(double Factor, double Confidence, double LinePixels = 0, double? ReferenceConfidence = null, double? ReferenceLinePixels = null);

/// <summary>The factor chosen for an input and every candidate's confidence.</summary>
/// <param name="Factor">The chosen factor.</param>
/// <param name="Candidates">Every factor tried, in the order tried.</param>
internal sealed record ScaleSelectionResult(double Factor, IReadOnlyList<ScaleCandidate> Candidates)
{
    /// <summary>One line for the log, e.g. <c>scale 0.71 chosen (line confidence 0.86; at 1: 0.62)</c>.</summary>
    public string Describe()
    {
        var c = CultureInfo.InvariantCulture;
        var chosen = this.Candidates.First(x => x.Factor == this.Factor);
        var others = string.Join(", ", this.Candidates.Where(x => x.Factor != this.Factor).Select(x => string.Create(c, $"{x.Factor:0.##}: {x.Confidence:0.00} over {x.LinePixels:0} px")
            + (x.ReferenceConfidence is null ? string.Empty : string.Create(c, $" (1 on its centre: {x.ReferenceConfidence:0.00} over {x.ReferenceLinePixels:0} px)"))));
        return string.Create(c, $"scale {this.Factor:0.##} chosen (line confidence {chosen.Confidence:0.00} over {chosen.LinePixels:0} px of centre line; {others})");
    }
}

/// <summary>
/// Chooses, for a line-map model, the factor by which an input is resampled so that its dislocations look like those
/// the model was trained on: a video taken at a higher magnification shows them wider and farther apart, one at a lower
/// magnification thinner and closer.
/// </summary>
/// <remarks>
/// <para>For each candidate factor the centre of each selection frame (at most <see cref="RegionSize"/>² input pixels,
/// so a 4096² frame costs what a 512² one does) is resampled, predicted, reduced to crests as post-processing does,
/// thinned, and scored by the mean probability on those centre lines, pooled over the frames. At the magnification it
/// was trained at, the model draws thin saturated crests; at a wrong one, faint broken ones (or none). Another factor
/// than 1 is chosen only by the rule of <see cref="Pick"/>; otherwise 1.</para>
/// <para>Choices, from measurements on the real development video resampled to 0.5×, 0.75×, 1× and 2× (shipped model
/// 1.1.0, all 49 labelled frames, centre-line F1 at 3 px scaled with the frame), run through <c>segment run --scale</c>:
/// <list type="bullet">
/// <item>Shrinking and enlarging, each only by steps that are each clearer than factor 1 (<see cref="Pick"/>). With
/// model 1.1.0 enlarging looked useless: at 0.75× and 1× the model was as confident on the blurred, enlarged lines while
/// finding fewer of them (pooled confidence alone chose 1.41 at 0.75×, F1 0.76 against 0.80 at 1). With model 1.7.0 on
/// the frames at 0.5×, enlarging 2× found 3.2 times the line at +0.11 confidence (F1 0.64 against 0.31 at 1, and 1.6.0
/// 0.64 against 0.42), while at 1×, blurred, noisy, gamma 1.6 or with a gradient, 1.41 was 0.04 to 0.13 less
/// confident (whole regions; 0.06 to 0.13 against factor 1 on its centre), and on M2 0.03 less.</item>
/// <item>Another factor must make the model both more confident and find more line: a confidence gain of at least
/// 0.02 over factor 1 and enough of factor 1's centre-line length (counted in the input's pixels; first 1.1 times, now
/// <see cref="MinShrinkLineGain"/> and <see cref="MinLineGain"/>). On a frame
/// at a higher magnification than the training images the model at factor 1 misses many of the broad lines, and
/// shrinking finds them again; on a frame at a lower one shrinking loses lines, though the model can be as sure of
/// the few left. Confidence alone needed a margin that no longer separated the cases with model 1.5.0: on the real
/// frames at 0.5×, factor 0.5 was 0.04 more confident than 1 (F1 0.06 against 0.45) with 0.97 of its line, while on M2
/// images enlarged 2× factors 0.71 and 0.5 were only 0.03 more confident but found 1.45 and 1.31 times the line. Earlier
/// measurements (model 1.1.0): at 0.5×, factor 0.71 had confidence 0.774 against 0.753 at 1 (F1 0.07 against 0.45); on
/// M2 images factor 0.5 had 0.758 against 0.726 (F1 0.48 against 0.56); at 2×, factor 0.5 had 0.856 against 0.763 (F1
/// 0.82 against 0.49). Models 1.4.0 and 1.5.0 on the real frames at 2×: +0.11 and +0.16 with 3.9 and 7.0 times the
/// line; at 1×, on M2 and on the main job's sequence no smaller factor was more confident.</item>
/// <item>Three frames spread over the input, pooled: the first frame of the development video shows no dislocation,
/// and on it alone the choice was wrong at 0.5× and 1×. A video keeps its magnification, so one choice per input;
/// per frame would cost 4.5 frames' inference per frame (the candidates' pixels: 1 + 0.5 + 0.25, 1 each for 1.41 and 2,
/// which score only the centre that fits <see cref="RegionSize"/> once enlarged, and 0.5 + 0.25 for factor 1 on those
/// centres).</item>
/// </list>
/// With these choices (model 1.1.0, shrinking only): F1 0.45 / 0.80 / 0.85 / 0.82 at 0.5× / 0.75× / 1× / 2×, against
/// 0.45 / 0.80 / 0.85 / 0.49 without resampling; model 1.7.0 with enlarging: 0.64 / – / 0.92 / 0.88. Instance-mask
/// models are not scored this way (their channels are not line maps); for them <c>auto</c> means 1.</para>
/// </remarks>
internal static class ScaleSelection
{
    /// <summary>Input pixels per side of the centre region that is scored.</summary>
    public const int RegionSize = 512;

    /// <summary>The factors tried, √2 apart: 1 first, then shrinking, then enlarging.</summary>
    public static IReadOnlyList<double> Candidates { get; } = [1, 0.71, 0.5, 1.41, 2];

    /// <summary>How much more confident than at factor 1 the model must be at another factor for it to be chosen.</summary>
    public const double MinGain = 0.02;

    /// <summary>How many times factor 1's centre-line length (in input pixels, on its centre) an enlarging factor must find to be chosen.</summary>
    /// <remarks>
    /// 1.25 until model 1.9.0, which finds more of an enlarged frame's broad lines at factor 1: on 30 M2 frames
    /// enlarged 2×, 0.71 and 0.5 were 0.06 and 0.08 more confident with 1.20 and 1.19 times the line, and 0.5 scores F1
    /// 0.83 against 0.73 at 1 (tolerance 6 px). Shrinking a frame at or below the training magnification found 0.97
    /// times the line at most (models 1.4.0 to 1.9.0), so 1.1 still separates the two. 1.05 since model 1.10.0, which
    /// finds more again: on two generated 512² frames enlarged 2×, 0.71 was 0.04 more confident with 1.09 times the line.
    /// </remarks>
    public const double MinLineGain = 1.05;

    /// <summary>How many times factor 1's centre-line length (in input pixels) a shrinking factor must find to be chosen.</summary>
    /// <remarks>
    /// 0.85 since model 1.12.0, which finds nearly all of a generated frame's line at factor 1 when the frame is
    /// enlarged, only less surely: 12 M2 images enlarged 2× gave 0.71 and 0.5 +0.037 and +0.073 confidence with 0.97
    /// and 0.88 times the line (F1 0.720 at 1, 0.859 at 0.5), enlarged 1.41× 0.71 +0.035 with 0.99 times (F1 0.847 at
    /// 1, 0.865 at 0.71), where <see cref="MinLineGain"/> (1.05) kept 1. A shrinking step that merely kept the model's
    /// few surest lines of a frame at a lower magnification lost more (the real frames at 0.5× with model 1.5.0: 0.97
    /// times the line, F1 0.06 against 0.45), and such a frame is now recognised by enlarging (<see cref="Pick"/>). The
    /// factor 0.71 steps that gained confidence on the synthetic tracking sequences at the training magnification
    /// (+0.003 to +0.018) kept 0.53 to 0.81 times the line. 0.80 since model 1.14.0, which on the two generated frames
    /// of ShippedModelTests enlarged 2× kept 0.84 times the line at 0.71, +0.06 more confident; on every set measured
    /// with it (the real frames clean, degraded, at 0.5×, 0.71×, 1.41× and 2×, M2 at 1×, 1.41× and 2×, the five
    /// tracking sequences) no shrinking step that gained 0.02 kept between 0.80 and 0.85 of the line, so no other
    /// choice changed.
    /// </remarks>
    public const double MinShrinkLineGain = 0.80;

    /// <summary>
    /// Fewest centre-line pixels (input pixels, pooled over the selection frames) another factor must find to be
    /// chosen: less is too little line to judge a magnification by.
    /// </summary>
    /// <remarks>
    /// Generated frames of 2048² and 4096² at the training magnification, whose 512² centres hold little line, drew
    /// factor 2 (119 px against factor 1's 4 on its centre; F1 0.70 against 0.89 at 1, and 4 times the work) and 0.71
    /// (48 px against 30; F1 0.66 against 0.83 at 1). Every choice measured on the development video and on M2 rested
    /// on 2,000 px or more.
    /// </remarks>
    public const double MinLinePixels = 200;

    /// <summary>Frames of an input on which the factor is chosen (spread over it: the first may show nothing).</summary>
    public const int SelectionFrames = 3;

    /// <summary>
    /// The factor for an input of <paramref name="frameCount"/> frames: the fixed one, or for <c>auto</c> the one
    /// <see cref="Choose"/> finds on <see cref="SelectionFrames"/> frames spread over the whole input (read through
    /// <paramref name="frameAt"/>; the same frames whatever a job array's shard), logged with every candidate's confidence.
    /// The selection is null for a fixed factor.
    /// </summary>
    public static (double Factor, ScaleSelectionResult? Selection) Resolve(InputScale scale, Segmenter segmenter, int frameCount, Func<int, GrayImage> frameAt, InferencePhases? phases, ICommandLog log, CancellationToken cancellation)
    {
        ArgumentNullException.ThrowIfNull(scale);
        ArgumentNullException.ThrowIfNull(frameAt);
        ArgumentNullException.ThrowIfNull(log);
        if (scale.Factor is { } fixedFactor)
        {
            return (fixedFactor, null);
        }

        var selection = Choose(segmenter, FrameSource.SpreadIndices(frameCount, SelectionFrames).Select(frameAt).ToArray(), phases, cancellation);
        log.Info(selection.Describe());
        return (selection.Factor, selection);
    }

    /// <summary>The factor for an input, chosen on <paramref name="frames"/> (a few of its frames, pooled).</summary>
    public static ScaleSelectionResult Choose(Segmenter segmenter, IReadOnlyList<GrayImage> frames, InferencePhases? phases, CancellationToken cancellation)
    {
        ArgumentNullException.ThrowIfNull(segmenter);
        ArgumentNullException.ThrowIfNull(frames);
        if (segmenter.Metadata.Spec.Output != OutputKind.LineMap || frames.Count == 0)
        {
            return new ScaleSelectionResult(1, [new ScaleCandidate(1, 0)]);
        }

        var regions = frames.Select(f => CentreRegion(f, RegionSize)).ToArray();
        LineEvidence Score(IEnumerable<GrayImage> areas, double factor)
        {
            var evidence = default(LineEvidence);
            foreach (var area in areas)
            {
                cancellation.ThrowIfCancellationRequested();
                var scaled = ImageResampling.Scale(area, factor);
                // One view, as the rule's margins were measured: averaged views raise factor 1's confidence more than
                // an enlarged frame's (model 1.8.0 on the real frames at 0.5×, 2 views: 1.41 gained 0.019 instead of
                // 0.028, so 2 was never reached; F1 0.35 instead of 0.67). The chosen factor then runs with every view.
                var maps = segmenter.PredictOneView(scaled, phases, cancellation);
                evidence += Evidence(maps[0], scaled.Width, scaled.Height, segmenter.PostProcessing);
            }

            return evidence;
        }

        var tried = new List<ScaleCandidate>();
        foreach (var factor in Candidates)
        {
            if (factor <= 1)
            {
                var evidence = Score(regions, factor);
                tried.Add(new ScaleCandidate(factor, evidence.Confidence, evidence.Count / factor));
                continue;
            }

            // Enlarged, only the centre that fits RegionSize once scaled is scored, so no candidate costs more than
            // factor 1 (whole regions at 1.41 and 2 made the choice 4 times dearer: 12.7 s on this CPU), and it is
            // compared with factor 1 on that same centre: a centre is often denser in lines than its region.
            var centres = regions.Select(r => CentreRegion(r, (int)(RegionSize / factor))).ToArray();
            var enlarged = Score(centres, factor);
            var reference = Score(centres, 1);
            tried.Add(new ScaleCandidate(factor, enlarged.Confidence, enlarged.Count / factor, reference.Confidence, reference.Count));
        }

        return new ScaleSelectionResult(Pick(tried), tried);
    }

    /// <summary>
    /// The factor chosen from the candidates tried (factor 1 first): the most confident of the factors clearer than
    /// factor 1 — at least <see cref="MinGain"/> more confident and <see cref="MinShrinkLineGain"/> (shrinking) or
    /// <see cref="MinLineGain"/> (enlarging) times its line, on the same area (an enlarging factor against its own
    /// reference on its centre, and more confident than factor 1 on the whole regions as well), and at least
    /// <see cref="MinLinePixels"/> of line; a second shrinking step (0.5) need only be more confident than the first and
    /// keep <see cref="MinShrinkLineGain"/> of the first's line (model 1.13.0 on M2 frames enlarged 2×: 0.5 was 0.031
    /// more confident than 0.71 with 0.86 times its line but only 0.81 times factor 1's; F1 0.857 at 0.5, 0.834 at 0.71,
    /// 0.728 at 1; on them enlarged 1.41× 0.5 was less confident than 0.71, F1 0.864 at 0.71). An enlarging factor so
    /// chosen rules shrinking out: a frame it makes clearer is
    /// at a lower magnification than the training images, where shrinking can still raise the confidence on the few
    /// lines left (model 1.12.0 on the real frames at 0.5×: 0.71 and 0.5 +0.036 and +0.050 with 2.3 and 2.8 times factor
    /// 1's line, 2 +0.108; until then the most confident factor won). Shrinking, only factors reached by
    /// steps each clearer (0.71, then 0.5, stopping at the first that is not): a frame at a higher magnification than the
    /// training images grows clearer step by step as it is shrunk towards it, while a gain at 0.5 alone, with 0.71 no
    /// clearer than 1, was the model finding lines in a frame shrunk below its magnification (model 1.7.0 on the real
    /// frames at 0.5×: 0.5 was 0.05 more confident with 1.37 times the line, 0.71 less confident with as much line; F1
    /// 0.06 at 0.5, 0.31 at 1, 0.64 at 2). At 2× both shrinking steps gain (0.71: +0.16 and 13 times the line, 0.5:
    /// +0.20 and 17 times), and on M2 images enlarged 2× both did too. Enlarging, 2 needs no clearer 1.41 on the way:
    /// model 1.9.0 on the real frames at 0.5× gained only 0.006 at 1.41 but 0.071 with 4.2 times the line at 2 (F1 0.28
    /// at 1), while on every frame set at or above the training magnification (clean, noisy, blurred, gamma, gradient,
    /// 2×; models 1.8.0 and 1.9.0) both enlarging factors were 0.06 to 0.21 less confident than factor 1 on their centre.
    /// </summary>
    public static double Pick(IReadOnlyList<ScaleCandidate> tried)
    {
        ArgumentNullException.ThrowIfNull(tried);
        var reference = tried[0];
        ScaleCandidate? shrink = null;
        foreach (var candidate in tried.Skip(1).Where(c => c.Factor < 1))
        {
            // Shrinking stops at the first step that is not clearer: the first than factor 1, each further one than
            // the step before it (more confident, and keeping MinShrinkLineGain of its line).
            var clearer = shrink is null
                ? IsClearer(candidate, reference)
                : candidate.Confidence > shrink.Confidence && candidate.LinePixels >= shrink.LinePixels * MinShrinkLineGain && candidate.LinePixels >= MinLinePixels;
            if (!clearer)
            {
                break;
            }

            shrink = candidate;
        }

        ScaleCandidate? enlarge = null;
        foreach (var candidate in tried.Skip(1).Where(c => c.Factor > 1))
        {
            // Clearer than factor 1 on its centre, and more confident than factor 1 on the whole regions too.
            if (IsClearer(candidate, reference) && candidate.Confidence > reference.Confidence && (enlarge is null || candidate.Confidence > enlarge.Confidence))
            {
                enlarge = candidate;
            }
        }

        // A frame that enlarging makes clearer is at a lower magnification than the training images, so shrinking it
        // is wrong however sure the model is of the few lines left.
        return (enlarge ?? shrink ?? reference).Factor;
    }

    /// <summary>Whether <paramref name="candidate"/> is clearer than factor 1 (<paramref name="reference"/>, or the reference on its centre).</summary>
    private static bool IsClearer(ScaleCandidate candidate, ScaleCandidate reference)
    {
        var confidence = candidate.ReferenceConfidence ?? reference.Confidence;
        var line = candidate.ReferenceLinePixels ?? reference.LinePixels;
        var lineGain = candidate.Factor < 1 ? MinShrinkLineGain : MinLineGain;
        return candidate.Confidence >= confidence + MinGain && candidate.LinePixels >= line * lineGain && candidate.LinePixels >= MinLinePixels;
    }

    /// <summary>Probability summed over the thinned crests (or thresholded pixels, σ 0) of a line map, and their count.</summary>
    private static LineEvidence Evidence(float[] map, int width, int height, PostProcessingOptions options)
    {
        ArgumentNullException.ThrowIfNull(map);
        ArgumentNullException.ThrowIfNull(options);
        var kept = map;
        if (options.CrestSigma > 0)
        {
            kept = new float[map.Length];
            LineCrests.Extract(map, width, height, options.CrestSigma, options.Threshold, kept);
        }

        var mask = new byte[map.Length];
        for (var i = 0; i < mask.Length; i++)
        {
            mask[i] = kept[i] >= options.Threshold ? (byte)1 : (byte)0;
        }

        var centre = CentreLines.Thin(mask, width, height);
        double sum = 0;
        var count = 0;
        for (var i = 0; i < centre.Length; i++)
        {
            if (centre[i] != 0)
            {
                sum += map[i];
                count++;
            }
        }

        return new LineEvidence(sum, count);
    }

    /// <summary>Probability summed over centre-line pixels, and their count; adds up over frames.</summary>
    private readonly record struct LineEvidence(double Sum, long Count)
    {
        public double Confidence => this.Count == 0 ? 0 : this.Sum / this.Count;

        public static LineEvidence operator +(LineEvidence a, LineEvidence b) => new(a.Sum + b.Sum, a.Count + b.Count);
    }

    /// <summary>The centre <paramref name="size"/>² of <paramref name="frame"/> (all of it when smaller).</summary>
    public static GrayImage CentreRegion(GrayImage frame, int size)
    {
        ArgumentNullException.ThrowIfNull(frame);
        if (frame.Width <= size && frame.Height <= size)
        {
            return frame;
        }

        var w = Math.Min(size, frame.Width);
        var h = Math.Min(size, frame.Height);
        var x0 = (frame.Width - w) / 2;
        var y0 = (frame.Height - h) / 2;
        var region = new GrayImage(w, h);
        for (var y = 0; y < h; y++)
        {
            frame.Pixels.AsSpan(((y0 + y) * frame.Width) + x0, w).CopyTo(region.Row(y));
        }

        return region;
    }
}
