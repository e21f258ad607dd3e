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
        var odd = FailureText.Of(new AggregateException(new InvalidCastException("Unable to cast")));
        Assert.StartsWith("unexpected error: Unable to cast", odd, StringComparison.Ordinal);
        foreach (var text in new[] { odd, FailureText.Of(new IOException("x")), FailureText.Of(new InvalidDataException("y")) })
        {
            Assert.DoesNotContain("Exception", text, StringComparison.Ordinal);
        }
    }
}
