namespace Dislocate.Contracts;

/// <summary>A progress report: <paramref name="Done"/> of <paramref name="Total"/> units, with an optional status line.</summary>
public readonly record struct ProgressUpdate(long Done, long Total, string? Message = null)
{
    /// <summary>Fraction done in [0, 1]; 0 when the total is unknown.</summary>
    public double Fraction => this.Total <= 0 ? 0 : Math.Clamp((double)this.Done / this.Total, 0, 1);
}
