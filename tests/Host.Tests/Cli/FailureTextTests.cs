using Dislocate.Contracts;
using Dislocate.Hosting;

namespace Dislocate.Host.Tests.Cli;

/// <summary>Failures read as problems in words, without internal exception type names.</summary>
public sealed class FailureTextTests
{
    [Fact]
    public void UnexpectedFailures_AreDescribedByKind_AndWrappedOnesAreUnwrapped()
    {
        Assert.Equal("invalid data: bad block", FailureText.Of(new InvalidDataException("bad block")));
        Assert.Equal("input/output error: disk full", FailureText.Of(new IOException("disk full")));
        Assert.StartsWith("permission denied", FailureText.Of(new UnauthorizedAccessException("x")), StringComparison.Ordinal);
        Assert.Equal("f.tif: bad", FailureText.Of(new AggregateException(new InputFileException("f.tif", null, "bad"))));

        // A parallel loop's failure on two workers reads as the one cause, not "One or more errors occurred".
        var twice = new AggregateException(new ParameterException("slip_width", "nothing fits"), new ParameterException("slip_width", "nothing fits"));
        Assert.Equal(new ParameterException("slip_width", "nothing fits").Message, FailureText.Of(twice));
        var odd = FailureText.Of(new AggregateException(new InvalidCastException("Unable to cast")));
        Assert.StartsWith("unexpected error: Unable to cast", odd, StringComparison.Ordinal);
        foreach (var text in new[] { odd, FailureText.Of(new IOException("x")), FailureText.Of(new InvalidDataException("y")) })
        {
            Assert.DoesNotContain("Exception", text, StringComparison.Ordinal);
        }
    }
}
