namespace Dislocate.Tests.Support;

/// <summary>The project's shared data (../shared/data), read in place: tests never copy it into the repository.</summary>
public static class SharedData
{
    /// <summary>Microscope files with known contents (formats/README.md): Gatan .dm3/.dm4 and FEI TIA .ser.</summary>
    public static string Formats => Path.Combine(Folder(), "data", "formats");

    /// <summary>The shared folder above the test's folder (the one holding data/formats).</summary>
    public static string Folder()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            var shared = Path.Combine(dir.FullName, "shared");
            if (Directory.Exists(Path.Combine(shared, "data", "formats")))
            {
                return shared;
            }
        }

        throw new InvalidOperationException("../shared/data/formats not found above the test folder");
    }
}
