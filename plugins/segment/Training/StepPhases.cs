using System.Diagnostics;
using System.Globalization;

namespace Dislocate.Segment.Training;

/// <summary>
/// Wall time of a training epoch split by phase: data (samples, crops, augmentation, batch tensors), forward, loss (with
/// the matching), backward, optimiser, and the test evaluation. libtorch runs CPU operations synchronously, so a
/// stopwatch around each call measures it.
/// </summary>
internal sealed class StepPhases
{
    private readonly Stopwatch clock = new();
    private readonly double[] seconds = new double[6];
    private int steps;

    /// <summary>The phases in log order.</summary>
    public enum Phase
    {
        /// <summary>Samples rendered or read, cropped, augmented, stacked into tensors.</summary>
        Data,

        /// <summary>The network's forward pass.</summary>
        Forward,

        /// <summary>The loss (for instance models: Dice matrix and matching).</summary>
        Loss,

        /// <summary>Backpropagation.</summary>
        Backward,

        /// <summary>Adam's update.</summary>
        Optimiser,

        /// <summary>The per-epoch test evaluation.</summary>
        Evaluation,
    }

    /// <summary>Starts timing the next phase.</summary>
    public void Start() => this.clock.Restart();

    /// <summary>Adds the time since <see cref="Start"/> (or the previous <see cref="Stop"/>) to <paramref name="phase"/>.</summary>
    public void Stop(Phase phase)
    {
        this.seconds[(int)phase] += this.clock.Elapsed.TotalSeconds;
        this.clock.Restart();
    }

    /// <summary>Counts one finished training step.</summary>
    public void StepDone() => this.steps++;

    /// <summary>One log line: milliseconds per step for each step phase, seconds for the evaluation, and images per second.</summary>
    public string Describe(int batchSize)
    {
        var perStep = this.seconds.Take(5).Select(s => this.steps > 0 ? 1000 * s / this.steps : 0).ToArray();
        var stepMs = perStep.Sum();
        return string.Create(
            CultureInfo.InvariantCulture,
            $"per step {stepMs:F0} ms (data {perStep[0]:F0}, forward {perStep[1]:F0}, loss {perStep[2]:F0}, backward {perStep[3]:F0}, optimiser {perStep[4]:F0}), {(stepMs > 0 ? 1000 * batchSize / stepMs : 0):F1} training images/s; evaluation {this.seconds[5]:F1} s");
    }
}
