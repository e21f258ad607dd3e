using Dislocate.Track.Analysis;
using Dislocate.Track.Inputs;
using Dislocate.Track.Lines;
using Dislocate.Track.Linking;

namespace Dislocate.Track.Pipeline;

/// <summary>
/// The one entry point of tracking: frames go in one at a time (extract lines → link into tracks → measure), and
/// <see cref="Complete"/> turns the tracks into kinematics, step statistics, pileups and pair distances.
/// </summary>
/// <remarks>
/// <para>Memory is bounded per frame (the frame's masks are dropped once its lines are out); what is kept over the run
/// is each track's K aligned points per observation (16·K bytes, 0.8 kB for K = 50: 16 MB for 1000 frames × 20 lines),
/// which the analysis needs to place leading points and measure pair distances after the motion direction is known.</para>
/// <para><see cref="ExtractLines"/> is pure and thread-safe given one <see cref="LineExtractor"/> per thread, so a caller
/// may extract frames in parallel and hand them to <see cref="Link"/> in frame order; the result is the same as
/// <see cref="Add"/> frame by frame.</para>
/// </remarks>
public sealed class TrackingPipeline
{
    private readonly LineExtractor extractor;
    private readonly TrackLinker? linker;
    private readonly SortedDictionary<int, List<TrackObservation>> observations = [];
    private int frames;
    private int lines;
    private int dropped;
    private int lastFrame = -1;

    /// <summary>Creates a pipeline; <paramref name="link"/> false only extracts and measures lines (track ids 0).</summary>
    public TrackingPipeline(TrackingSettings settings, bool link = true)
    {
        ArgumentNullException.ThrowIfNull(settings);
        settings.Validate();
        this.Settings = settings;
        this.extractor = new LineExtractor(settings.Lines);
        this.linker = link ? new TrackLinker(settings.Linking) : null;
    }

    /// <summary>The settings of this run.</summary>
    public TrackingSettings Settings { get; }

    /// <summary>Extracts the lines of one frame with <paramref name="extractor"/> (one per thread).</summary>
    public static FrameLines ExtractLines(MaskFrame frame, LineExtractor extractor)
    {
        ArgumentNullException.ThrowIfNull(frame);
        ArgumentNullException.ThrowIfNull(extractor);
        return TrackedFrame.Extract(frame, extractor);
    }

    /// <summary>Extracts, links and measures one frame (frames in increasing index order).</summary>
    public TrackedFrame Add(MaskFrame frame)
    {
        ArgumentNullException.ThrowIfNull(frame);
        return this.Link(frame, ExtractLines(frame, this.extractor));
    }

    /// <summary>
    /// Extracts the lines of several frames in parallel (one extractor per worker; at most
    /// <paramref name="threads"/> workers), then links and measures them in order: the same result as
    /// <see cref="Add"/> frame by frame, on any thread count.
    /// </summary>
    public IReadOnlyList<TrackedFrame> AddRange(IReadOnlyList<MaskFrame> batch, int threads)
    {
        ArgumentNullException.ThrowIfNull(batch);
        ArgumentOutOfRangeException.ThrowIfLessThan(threads, 1);
        var extracted = new FrameLines[batch.Count];
        if (threads == 1 || batch.Count == 1)
        {
            for (var i = 0; i < batch.Count; i++)
            {
                extracted[i] = ExtractLines(batch[i], this.extractor);
            }
        }
        else
        {
            Parallel.For(
                0,
                batch.Count,
                new ParallelOptions { MaxDegreeOfParallelism = threads },
                () => new LineExtractor(this.Settings.Lines),
                (i, _, extractor) =>
                {
                    extracted[i] = ExtractLines(batch[i], extractor);
                    return extractor;
                },
                _ => { });
        }

        var result = new TrackedFrame[batch.Count];
        for (var i = 0; i < batch.Count; i++)
        {
            result[i] = this.Link(batch[i], extracted[i]);
        }

        return result;
    }

    /// <summary>Links and measures the already extracted lines of <paramref name="frame"/> (frames in increasing index order).</summary>
    public TrackedFrame Link(MaskFrame frame, FrameLines extraction)
    {
        ArgumentNullException.ThrowIfNull(frame);
        ArgumentNullException.ThrowIfNull(extraction);
        if (frame.Index <= this.lastFrame)
        {
            throw new ArgumentException($"Frame {frame.Index} came after frame {this.lastFrame}; frames must arrive in increasing order.", nameof(frame));
        }

        this.lastFrame = frame.Index;
        var found = extraction.Lines;
        var linked = this.linker?.Add(frame.Index, found.Select(l => l.Points).ToList());
        var result = new TrackedLine[found.Count];
        for (var i = 0; i < found.Count; i++)
        {
            var line = found[i];
            var trackId = linked?[i].TrackId ?? 0;
            var points = linked?[i].Points ?? line.Points;
            var measures = LineGeometry.Measure(points, this.Settings.Lines.CurvatureSpan);
            var stress = this.Settings.Tension?.ShearStressesMPa(measures.Curvature, this.Settings.Scale);
            result[i] = new TrackedLine(line, trackId, measures, stress);
            if (linked is not null)
            {
                if (!this.observations.TryGetValue(trackId, out var list))
                {
                    list = [];
                    this.observations.Add(trackId, list);
                }

                list.Add(new TrackObservation(frame.Index, line.Label, points));
            }
        }

        this.frames++;
        this.lines += found.Count;
        this.dropped += extraction.Dropped;
        return new TrackedFrame(frame.Index, frame.Name, frame.Width, frame.Height, extraction, result);
    }

    /// <summary>The tracks, their kinematics and step statistics, the pileups and the neighbour distances.</summary>
    public TrackingResult Complete()
    {
        var tracks = this.observations.Select(kv => new TrackHistory(kv.Key, kv.Value)).ToList();
        var kinematics = tracks.Select(t => TrackKinematics.Compute(t, this.Settings.Scale, this.Settings.Kinematics)).ToList();
        var jerky = kinematics.Select(k => JerkyMotion.Analyze(k, this.Settings.Jerky)).ToList();
        var pileups = PileupGrouping.Group(tracks, kinematics, this.Settings.Pileups);
        var pairs = PairDistances.Neighbours(pileups, tracks);
        return new TrackingResult(this.frames, this.lines, this.dropped, tracks, kinematics, jerky, pileups, pairs);
    }
}
