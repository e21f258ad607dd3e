namespace Dislocate.Track.Tests;

/// <summary>A fresh folder under the system temp folder, deleted on dispose.</summary>
internal sealed class TempFolder : IDisposable
{
    public TempFolder() => Directory.CreateDirectory(this.Path);

    public string Path { get; } = System.IO.Path.Combine(System.IO.Path.GetTempPath(), "dislocate-track-" + Guid.NewGuid().ToString("N"));

    public string File(string name) => System.IO.Path.Combine(this.Path, name);

    public void Dispose()
    {
        if (Directory.Exists(this.Path))
        {
            Directory.Delete(this.Path, recursive: true);
        }
    }
}
