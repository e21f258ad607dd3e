using System.Diagnostics;
using Dislocate.Contracts;

namespace Dislocate.Tests.Support;

/// <summary>One case's outcome: <c>accepted</c>, <c>refused</c> (an error naming the file) or <c>FAILED</c> (a finding).</summary>
public sealed record HostileOutcome(string Class, string Detail)
{
    /// <summary>The file was read and what came out is sound.</summary>
    public static HostileOutcome Accepted { get; } = new("accepted", string.Empty);

    /// <summary>A finding: the case ended in a way no input may cause.</summary>
    public static HostileOutcome Failed(string detail) => new("FAILED", detail);
}

/// <summary>What a suite run saw: outcome counts by kind and class, the failed cases, the slowest case, and the first message of each kind and class.</summary>
public sealed record HostileReport(int Cases, IReadOnlyDictionary<string, int> Counts, IReadOnlyList<string> Failures, TimeSpan Slowest, IReadOnlyDictionary<string, string> Examples)
{
    /// <summary>What the suites print: the case count and slowest case, then each kind and class with its count and first message.</summary>
    public IEnumerable<string> Describe(int seeds)
    {
        yield return $"{this.Cases} cases from {seeds} seed files; slowest {this.Slowest.TotalMilliseconds:F0} ms";
        foreach (var (key, count) in this.Counts.OrderBy(c => c.Key, StringComparer.Ordinal))
        {
            var example = this.Examples[key];
            yield return $"  {key}: {count} (first: {example[..Math.Min(300, example.Length)]})";
        }
    }
}

/// <summary>
/// The hostile-input suites' engine (image and annotation files here, model files in Segment.Tests, which links this
/// source): seeded mutations of valid seed files — truncation, bit flips, extreme 32-bit fields, zeroed and random
/// blocks, appended garbage, another file's header — each written to a file and opened as a command opens it, on a
/// worker with a time limit. A case ends accepted, refused with an <see cref="InputFileException"/> naming the file, or
/// FAILED: any other exception, a message without the file, no answer in time, or what the opener itself reports.
/// </summary>
public static class HostileSuite
{
    /// <summary>Most bytes one case may allocate on its thread (what the suites call a memory blow-up).</summary>
    public const long AllocationLimit = 2L << 30;

    /// <summary>
    /// Runs <paramref name="open"/> and fails the case when it allocated more than <see cref="AllocationLimit"/> on
    /// this thread (managed allocations: a reader that sizes a buffer from a lying header). Work a command hands to the
    /// thread pool is not counted (other tests allocate in the same process meanwhile); bench/hostile/cli_probe.py
    /// measures whole processes' peak memory for that.
    /// </summary>
    public static HostileOutcome WithinAllocation(Func<HostileOutcome> open)
    {
        ArgumentNullException.ThrowIfNull(open);
        var before = GC.GetAllocatedBytesForCurrentThread();
        var outcome = open();
        var allocated = GC.GetAllocatedBytesForCurrentThread() - before;
        return allocated > AllocationLimit ? HostileOutcome.Failed($"allocated {allocated >> 20} MB") : outcome;
    }

    /// <summary>Cases to run: <c>HOSTILE_CASES</c> when set to a positive number (the long runs), else <paramref name="defaultCases"/>.</summary>
    public static int CaseCount(int defaultCases) =>
        int.TryParse(Environment.GetEnvironmentVariable("HOSTILE_CASES"), out var n) && n > 0 ? n : defaultCases;

    /// <summary>
    /// Runs <paramref name="cases"/> mutations of <paramref name="seeds"/> (in turn, seed 20261206) in
    /// <paramref name="folder"/>; <paramref name="kindOf"/> names a seed's kind in the counts.
    /// </summary>
    public static HostileReport Run(
        IReadOnlyList<(string Name, byte[] Bytes)> seeds, int cases, string folder, Func<string, string> kindOf, TimeSpan timeLimit, Func<string, HostileOutcome> open)
    {
        ArgumentNullException.ThrowIfNull(seeds);
        ArgumentNullException.ThrowIfNull(kindOf);
        var counts = new Dictionary<string, int>(StringComparer.Ordinal);
        var examples = new Dictionary<string, string>(StringComparer.Ordinal);
        var failures = new List<string>();
        var slowest = TimeSpan.Zero;
        var rng = new System.Random(20261206);
        for (var k = 0; k < cases; k++)
        {
            var (name, bytes) = seeds[k % seeds.Count];
            var (mutation, mutated) = Mutate(bytes, seeds, rng);
            // The seed's name stays in the case's, so an opener can tell the kinds of one extension apart.
            var path = Path.Combine(folder, $"case-{k:D5}-{name}");
            File.WriteAllBytes(path, mutated);
            var watch = Stopwatch.StartNew();
            var outcome = OpenInTime(path, timeLimit, open);
            slowest = watch.Elapsed > slowest ? watch.Elapsed : slowest;
            var key = $"{kindOf(name)} {outcome.Class}";
            counts[key] = counts.GetValueOrDefault(key) + 1;
            examples.TryAdd(key, $"{mutation}: {outcome.Detail}");
            if (outcome.Class == "FAILED")
            {
                failures.Add($"case {k} ({name}, {mutation}): {outcome.Detail}");
            }

            File.Delete(path);
        }

        return new HostileReport(cases, counts, failures, slowest, examples);
    }

    private static HostileOutcome OpenInTime(string path, TimeSpan timeLimit, Func<string, HostileOutcome> open)
    {
        var task = Task.Run(() =>
        {
            try
            {
                return open(path);
            }
            catch (InputFileException e)
            {
                return e.Message.Contains(path, StringComparison.Ordinal) ? new HostileOutcome("refused", e.Message) : HostileOutcome.Failed($"message without the file: {e.Message}");
            }
#pragma warning disable CA1031 // the point: any other exception is a finding, reported, not thrown
            catch (Exception e)
#pragma warning restore CA1031
            {
                return HostileOutcome.Failed($"{e.GetType().Name}: {e.Message}");
            }
        });
        return task.Wait(timeLimit) ? task.Result : HostileOutcome.Failed($"no answer in {timeLimit.TotalSeconds} s (hang)");
    }

    private static readonly string[] ExtremeValues =
        ["0", "-1", "-0", "1e308", "-1e308", "1e-320", "1e400", "2147483648", "-2147483649", "18446744073709551616", "3.5", "\"NaN\"", "null", "[]", "{}", "\"\""];

    /// <summary>Whether <paramref name="bytes"/> look like text: no control bytes but tab and line ends in the first 4 KB.</summary>
    private static bool IsText(byte[] bytes) =>
        bytes.Length > 0 && !bytes.AsSpan(0, Math.Min(bytes.Length, 4096)).ContainsAnyInRange((byte)0, (byte)8)
        && !bytes.AsSpan(0, Math.Min(bytes.Length, 4096)).ContainsAnyInRange((byte)14, (byte)31);

    /// <summary>One to three numbers of a text file replaced by extreme values (huge, tiny, negative, zero, not a number, another type) or scaled.</summary>
    private static (string Mutation, byte[] Bytes) ReplaceNumbers(byte[] bytes, System.Random rng)
    {
        var text = System.Text.Encoding.UTF8.GetString(bytes);
        var numbers = System.Text.RegularExpressions.Regex.Matches(text, @"-?\d+(\.\d+)?([eE][-+]?\d+)?");
        if (numbers.Count == 0)
        {
            return ("no number to replace", bytes);
        }

        var count = rng.Next(1, 4);
        var picked = Enumerable.Range(0, count).Select(_ => numbers[rng.Next(numbers.Count)]).DistinctBy(m => m.Index).OrderByDescending(m => m.Index).ToList();
        var names = new List<string>();
        foreach (var number in picked)
        {
            // Half extreme, half the same number scaled (often still in range, so the value reaches the code that uses it).
            var value = rng.Next(2) == 0 || !double.TryParse(number.Value, System.Globalization.CultureInfo.InvariantCulture, out var parsed)
                ? ExtremeValues[rng.Next(ExtremeValues.Length)]
                : (parsed * new[] { 10, 0.1, -1, 2, 0.5, 100 }[rng.Next(6)]).ToString("R", System.Globalization.CultureInfo.InvariantCulture);
            text = string.Concat(text.AsSpan(0, number.Index), value, text.AsSpan(number.Index + number.Length));
            names.Add($"{number.Value}→{value} at {number.Index}");
        }

        return ($"numbers replaced: {string.Join(", ", names)}", System.Text.Encoding.UTF8.GetBytes(text));
    }

    /// <summary>One seeded mutation of <paramref name="source"/>, named for the report; <paramref name="seeds"/> lend other files' headers.</summary>
    private static (string Mutation, byte[] Bytes) Mutate(byte[] source, IReadOnlyList<(string Name, byte[] Bytes)> seeds, System.Random rng)
    {
        var bytes = (byte[])source.Clone();
        // Text files (JSON, CSV) also get values changed in place, which byte damage rarely leaves parseable.
        var choice = rng.Next(IsText(source) ? 9 : 7);
        if (choice >= 7)
        {
            return ReplaceNumbers(bytes, rng);
        }

        switch (choice)
        {
            case 0:
                var cut = rng.Next(0, bytes.Length);
                return ($"truncated to {cut}", bytes[..cut]);
            case 1:
                var flips = rng.Next(1, 9);
                for (var i = 0; i < flips; i++)
                {
                    bytes[rng.Next(Math.Min(bytes.Length, rng.Next(2) == 0 ? 512 : bytes.Length))] ^= (byte)(1 << rng.Next(8));
                }

                return ($"{flips} bit flips", bytes);
            case 2:
                uint[] extremes = [0, 1, 0x7FFFFFFF, 0x80000000, 0xFFFFFFFF, 0xFFFF, 65536];
                var at = rng.Next(Math.Max(1, Math.Min(bytes.Length - 4, 1024)));
                BitConverter.TryWriteBytes(bytes.AsSpan(at), extremes[rng.Next(extremes.Length)]);
                return ($"extreme field at {at}", bytes);
            case 3:
                var start = rng.Next(bytes.Length);
                var length = Math.Min(bytes.Length - start, rng.Next(1, 256));
                bytes.AsSpan(start, length).Clear();
                return ($"{length} bytes zeroed at {start}", bytes);
            case 4:
                var from = rng.Next(bytes.Length);
                var size = Math.Min(bytes.Length - from, rng.Next(1, 4096));
                rng.NextBytes(bytes.AsSpan(from, size));
                return ($"{size} random bytes at {from}", bytes);
            case 5:
                var tail = new byte[rng.Next(1, 100_000)];
                rng.NextBytes(tail);
                return ($"{tail.Length} bytes appended", [.. bytes, .. tail]);
            default:
                var other = seeds[rng.Next(seeds.Count)].Bytes;
                var header = Math.Min(other.Length, rng.Next(8, 256));
                other.AsSpan(0, Math.Min(header, bytes.Length)).CopyTo(bytes);
                return ($"another file's first {header} bytes", bytes);
        }
    }
}
