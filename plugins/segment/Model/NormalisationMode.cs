namespace Dislocate.Segment.Model;

/// <summary>How <see cref="InputNormalisation"/> chooses the mean and standard deviation it removes.</summary>
public enum NormalisationMode
{
    /// <summary>Each image's own mean and standard deviation (the default): TEM brightness and contrast vary between microscopes and sessions.</summary>
    PerImage,

    /// <summary>A fixed mean and standard deviation for every image, e.g. those of the training set.</summary>
    Fixed,
}
