namespace Dislocate.Tests.Support;

/// <summary>A fresh folder under the system temp folder (dislocate-tests/), deleted on dispose.</summary>
public sealed class TempFolder : IDisposable
{
    /// <summary>Creates the folder.</summary>
    public TempFolder() => this.Path = Create();

    /// <summary>The folder's full path.</summary>
    public string Path { get; }

    /// <summary>Creates a fresh folder and returns its path, for a test class that deletes it itself.</summary>
    public static string Create()
    {
        var path = System.IO.Path.Combine(System.IO.Path.GetTempPath(), "dislocate-tests", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(path);
        return path;
    }

    /// <summary>The path of <paramref name="name"/> inside the folder.</summary>
    public string File(string name) => System.IO.Path.Combine(this.Path, name);

    /// <summary>Deletes the folder; a file still held open elsewhere leaves it behind rather than failing the test.</summary>
    public void Dispose()
    {
        try
        {
            Directory.Delete(this.Path, recursive: true);
        }
        catch (IOException)
        {
        }
        catch (UnauthorizedAccessException)
        {
        }
    }
}
