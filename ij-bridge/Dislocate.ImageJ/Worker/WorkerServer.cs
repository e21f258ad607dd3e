using System.Collections.Concurrent;
using System.Globalization;
using System.IO.MemoryMappedFiles;
using System.Text;
using Dislocate.Contracts;
using Dislocate.ImageJ.Bridge;

namespace Dislocate.ImageJ.Worker;

/// <summary>
/// The worker mode of the ImageJ bridge (<c>dislocate serve</c>): an ImageJ or Fiji that has no .NET in-process (the
/// drop-in jar) starts this as a child process and runs every command through it, so the worker, and the model it
/// has loaded, stays up across commands. Requests and replies are single lines on standard input and output, fields
/// separated by tabs and escaped as <see cref="ProtocolText"/> escapes them; pixels travel through memory-mapped files.
/// </summary>
/// <remarks>
/// Requests:
/// <list type="bullet">
/// <item><c>describe</c> → <c>D text</c> (the command descriptions of <see cref="ProtocolText.Describe"/>).</item>
/// <item><c>run key options title width height channels slices frames bitDepth pixelWidth pixelHeight frameInterval unit input output</c>
/// (title to input empty without an image input; input: the image's planes, float32 little-endian, in ImageJ stack
/// order) → any number of <c>P fraction message</c> while it runs, then <c>R handle text</c>, the result text of
/// <see cref="ProtocolText.Result"/>; its image outputs' planes are written to <c>output</c> one after the other (no
/// file without image outputs).</item>
/// <item><c>cancel</c> (while a command runs) → the command stops and its <c>R</c> line reports "Cancelled.".</item>
/// <item><c>release handle</c> → <c>K</c>; the result and its output file are gone.</item>
/// <item><c>quit</c>, or the end of standard input (ImageJ quit or died) → the worker exits with 0.</item>
/// </list>
/// Anything else is answered <c>E message</c>. Whatever a command writes to the console goes to standard error, so it
/// can never break a reply.
/// </remarks>
internal sealed class WorkerServer : IDisposable
{
    private readonly TextWriter replies;
    private readonly BlockingCollection<string> requests = new();
    private readonly Dictionary<long, (BridgeResult Result, string? Output)> results = [];
    private volatile bool cancelRequested;
    private long nextHandle;

    private WorkerServer(TextWriter replies) => this.replies = replies;

    /// <summary>Serves requests from <paramref name="input"/> until <c>quit</c> or its end; returns the exit code.</summary>
    public static int Serve(TextReader input, TextWriter output)
    {
        ArgumentNullException.ThrowIfNull(input);
        ArgumentNullException.ThrowIfNull(output);
        using var server = new WorkerServer(output);
        var reader = new Thread(() => server.Read(input)) { IsBackground = true, Name = "dislocate serve: requests" };
        reader.Start();
        try
        {
            foreach (var line in server.requests.GetConsumingEnumerable())
            {
                if (line == "quit")
                {
                    break;
                }

                server.Handle(line);
            }
        }
        finally
        {
            foreach (var (_, output2) in server.results.Values)
            {
                TryDelete(output2);
            }
        }

        return 0;
    }

    /// <summary>Queues each request; a <c>cancel</c> line takes effect at once, even while a command runs.</summary>
    private void Read(TextReader input)
    {
        try
        {
            while (input.ReadLine() is { } line)
            {
                if (line == "cancel")
                {
                    this.cancelRequested = true;
                }
                else
                {
                    this.requests.Add(line);
                }
            }
        }
        catch (IOException)
        {
            // The parent closed the pipe: treat as the end of input.
        }
        catch (Exception e) when (e is ObjectDisposedException or InvalidOperationException)
        {
            return; // the server has quit and disposed its queue
        }

        this.cancelRequested = true;
        try
        {
            this.requests.CompleteAdding();
        }
        catch (ObjectDisposedException)
        {
            // quit came first
        }
    }

    /// <inheritdoc/>
    public void Dispose() => this.requests.Dispose();

    private void Handle(string line)
    {
        var fields = ProtocolText.Fields(line);
        try
        {
            switch (fields[0])
            {
                case "describe":
                    this.Reply("D", BridgeHost.Describe());
                    break;
                case "run" when fields.Length == 16:
                    this.Run(fields);
                    break;
                case "release" when fields.Length == 2 && long.TryParse(fields[1], NumberStyles.None, CultureInfo.InvariantCulture, out var handle):
                    if (this.results.Remove(handle, out var held))
                    {
                        TryDelete(held.Output);
                        if (held.Result.Input is { } input)
                        {
                            PlanePool.Return(input.Planes, held.Result.Images.SelectMany(i => i.Planes));
                        }
                    }

                    this.Reply("K");
                    break;
                default:
                    this.Reply("E", $"unknown request '{Truncate(line)}'");
                    break;
            }
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or FormatException or ArgumentException or OverflowException)
        {
            this.Reply("E", BridgeHost.Message(e));
        }
    }

    private void Run(string[] f)
    {
        var (key, options, title, input, output) = (f[1], f[2], f[3], f[14], f[15]);
        ImageData? image = null;
        if (input.Length > 0)
        {
            image = BridgeHost.WithFrameInterval(ReadImage(input, title, Int(f[4]), Int(f[5]), Int(f[6]), Int(f[7]), Int(f[8]), Int(f[9]), Real(f[10]), Real(f[11]), f[13]), Real(f[12]));
        }

        this.cancelRequested = false;
        var result = BridgeHost.Run(key, options, image, (fraction, message) =>
        {
            if (message is not null)
            {
                this.Reply("P", double.IsNaN(fraction) ? "NaN" : fraction.ToString("R", CultureInfo.InvariantCulture), message);
            }

            return this.cancelRequested;
        });
        string? written = null;
        if (result.Images.Count > 0)
        {
            if (output.Length == 0)
            {
                result = new BridgeResult(ProtocolText.Error("the command made images, but the run request named no output file for their pixels"), []);
            }
            else
            {
                WritePlanes(output, result.Images);
                written = output;
            }
        }

        var handle = ++this.nextHandle;
        this.results[handle] = (result with { Input = image }, written);
        this.Reply("R", handle.ToString(CultureInfo.InvariantCulture), result.Text);
    }

    private static ImageData ReadImage(string path, string title, int width, int height, int channels, int slices, int frames, int bitDepth, double pixelWidth, double pixelHeight, string unit)
    {
        var count = (long)channels * slices * frames;
        var planeLength = (long)width * height;
        if (width < 1 || height < 1 || count < 1 || planeLength > int.MaxValue || count > int.MaxValue)
        {
            throw new ArgumentException($"image '{title}': {width}×{height} with {channels}×{slices}×{frames} planes is not an image this bridge carries");
        }

        var bytes = count * planeLength * sizeof(float);
        var length = new FileInfo(path).Length;
        if (length < bytes)
        {
            throw new ArgumentException($"image '{title}': the pixel file {path} holds {length} bytes, the image needs {bytes}");
        }

        var planes = new float[count][];
        using var file = MemoryMappedFile.CreateFromFile(path, FileMode.Open, null, 0, MemoryMappedFileAccess.Read);
        using var view = file.CreateViewAccessor(0, bytes, MemoryMappedFileAccess.Read);
        for (var p = 0; p < count; p++)
        {
            planes[p] = PlanePool.Rent((int)planeLength);
            view.ReadArray(p * planeLength * sizeof(float), planes[p], 0, (int)planeLength);
        }

        return new ImageData(title.Length > 0 ? title : "image", width, height, channels, slices, frames, planes, bitDepth, pixelWidth, pixelHeight, unit.Length > 0 ? unit : "pixel");
    }

    /// <summary>Writes every plane of every image output, in order, to a new memory-mapped file (temp file, then rename).</summary>
    private static void WritePlanes(string path, IReadOnlyList<ImageStackOutput> images)
    {
        var bytes = images.Sum(i => i.Planes.Sum(p => (long)p.Length * sizeof(float)));
        var temp = path + ".partial";
        using (var file = MemoryMappedFile.CreateFromFile(temp, FileMode.Create, null, Math.Max(bytes, 1), MemoryMappedFileAccess.ReadWrite))
        using (var view = file.CreateViewAccessor(0, Math.Max(bytes, 1), MemoryMappedFileAccess.ReadWrite))
        {
            long offset = 0;
            foreach (var plane in images.SelectMany(i => i.Planes))
            {
                view.WriteArray(offset, plane, 0, plane.Length);
                offset += (long)plane.Length * sizeof(float);
            }

            view.Flush();
        }

        File.Move(temp, path, overwrite: true);
    }

    private void Reply(string kind, params string[] fields)
    {
        var line = new StringBuilder(kind);
        foreach (var field in fields)
        {
            line.Append('\t').Append(ProtocolText.Escape(field));
        }

        lock (this.replies)
        {
            this.replies.Write(line.Append('\n').ToString());
            this.replies.Flush();
        }
    }

    private static int Int(string text) => int.Parse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture);

    private static double Real(string text) => double.Parse(text, NumberStyles.Float, CultureInfo.InvariantCulture);

    private static string Truncate(string text) => text.Length <= 80 ? text : text[..80] + "…";

    private static void TryDelete(string? path)
    {
        if (path is null)
        {
            return;
        }

        try
        {
            File.Delete(path);
        }
        catch (IOException)
        {
            // A leftover temp file is harmless; the Java side made its folder and removes it on exit.
        }
    }
}
