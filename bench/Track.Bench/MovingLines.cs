using Dislocate.Core.Drawing;
using Dislocate.Core.Geometry;
using Dislocate.Core.Random;

namespace Dislocate.Track.Bench;

/// <summary>
/// A benchmark scene: pileups of bowed lines gliding with stop-go steps, drawn into 16-bit label images (label = true id,
/// constant over the frames), so tracking time and id accuracy can both be read off. Deterministic for a seed.
/// </summary>
internal sealed class MovingLines
{
    private const double HalfWidth = 1.6; // about a 3-px-wide mask, like the generator's default mask width
    private readonly Pileup[] pileups;
    private readonly PolylineDistanceField field;

    public MovingLines(int size, int lines, ulong seed)
    {
        this.field = new PolylineDistanceField(size, size);
        var rng = new Rng(seed);
        var perPileup = 5;
        var count = (lines + perPileup - 1) / perPileup;
        this.pileups = new Pileup[count];
        var id = 1;
        for (var p = 0; p < count; p++)
        {
            // Pileups on a 2 × 2 (or wider) grid of cells so they do not overlap; glide direction varies per pileup.
            var cells = (int)Math.Ceiling(Math.Sqrt(count));
            var cell = size / (double)cells;
            var centre = new PointD(((p % cells) + 0.5) * cell, ((p / cells) + 0.5) * cell);
            var angle = rng.Uniform(0, Math.PI);
            var members = Math.Min(perPileup, lines - (id - 1));
            this.pileups[p] = new Pileup(centre, angle, cell * 0.45, rng.Uniform(10, 16), members, id, rng.Uniform(-0.004, 0.004));
            id += members;
        }
    }

    /// <summary>Draws frame <paramref name="frame"/> into <paramref name="labels"/> (cleared first).</summary>
    public void Draw(int frame, ushort[] labels)
    {
        Array.Clear(labels);
        foreach (var pileup in this.pileups)
        {
            // Stop-go glide: moves 0–4 px in two frames of three, back and forth over a period so lines stay in the cell.
            var phase = (frame % 240) < 120 ? frame % 240 : 240 - (frame % 240);
            var glide = (phase * 2.0 / 3.0 * 1.2) - 48;
            for (var k = 0; k < pileup.Members; k++)
            {
                var points = pileup.Line(k, glide);
                this.field.Compute(points, HalfWidth);
                var indices = this.field.TouchedIndices;
                var distances = this.field.TouchedDistances;
                for (var i = 0; i < indices.Length; i++)
                {
                    if (distances[i] <= HalfWidth)
                    {
                        labels[indices[i]] = (ushort)(pileup.FirstId + k);
                    }
                }

                this.field.Clear();
            }
        }
    }

    private sealed record Pileup(PointD Centre, double Angle, double HalfLength, double Spacing, int Members, int FirstId, double Curvature)
    {
        // Line k of the pileup: a bowed chord across the glide direction, offset k spacings (spacings widen from the lead).
        public PointD[] Line(int k, double glide)
        {
            var t = new PointD(Math.Cos(this.Angle), Math.Sin(this.Angle)); // glide direction
            var n = t.Perpendicular;
            var offset = glide + (k * this.Spacing * (1 + (0.15 * k)));
            var points = new PointD[41];
            for (var i = 0; i < points.Length; i++)
            {
                var s = ((i / 40.0) * 2 - 1) * this.HalfLength;
                var bow = this.Curvature * ((this.HalfLength * this.HalfLength) - (s * s)) / 2;
                points[i] = this.Centre + (t * (offset - (this.Spacing * 2) + bow)) + (n * s);
            }

            return points;
        }
    }
}
