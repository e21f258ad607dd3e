namespace Dislocate.Core.Plotting;

/// <summary>An axis range with its tick positions and labels, as computed by <see cref="NiceTicks"/>.</summary>
/// <param name="Min">The axis lower limit (for a log axis the value, not its logarithm).</param>
/// <param name="Max">The axis upper limit, greater than <paramref name="Min"/>.</param>
/// <param name="Step">The distance between ticks: a value for a linear axis, a number of decades for a log axis.</param>
/// <param name="Values">The tick positions in increasing order, all within [Min, Max].</param>
/// <param name="Labels">The tick labels, one per value, in invariant culture.</param>
public sealed record AxisTicks(double Min, double Max, double Step, double[] Values, string[] Labels);
