namespace Dislocate.Core.Plotting;

/// <summary>
/// Box-and-whisker plots of several groups side by side (e.g. a metric against the number of dislocations); see
/// <see cref="BoxStatistics"/> for the quartile and whisker rules. Each group's finite-value count "n = …" is printed
/// under its label.
/// </summary>
/// <param name="Title">The title above the plot; empty for none.</param>
/// <param name="XLabel">The x-axis label; empty for none.</param>
/// <param name="YLabel">The y-axis label; empty for none.</param>
/// <param name="Groups">The groups from left to right: a label and its values (NaN and ±∞ are ignored).</param>
public sealed record BoxChart(string Title, string XLabel, string YLabel, IReadOnlyList<(string Label, double[] Values)> Groups);
