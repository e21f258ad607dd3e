using System.Buffers;

namespace Dislocate.Core.IO;

/// <summary>A growable byte buffer backed by <see cref="ArrayPool{T}.Shared"/>; also usable as a write-only stream target.</summary>
internal sealed class PooledBuffer : Stream
{
    private byte[] buffer;
    private int length;

    /// <summary>Rents an initial buffer of at least <paramref name="capacity"/> bytes.</summary>
    public PooledBuffer(int capacity)
    {
        this.buffer = ArrayPool<byte>.Shared.Rent(Math.Max(capacity, 256));
    }

    /// <summary>The bytes written so far.</summary>
    public ReadOnlySpan<byte> WrittenSpan => this.buffer.AsSpan(0, this.length);

    /// <summary>Number of bytes written so far.</summary>
    public int Count => this.length;

    /// <inheritdoc/>
    public override bool CanRead => false;

    /// <inheritdoc/>
    public override bool CanSeek => false;

    /// <inheritdoc/>
    public override bool CanWrite => true;

    /// <inheritdoc/>
    public override long Length => this.length;

    /// <inheritdoc/>
    public override long Position
    {
        get => this.length;
        set => throw new NotSupportedException();
    }

    /// <summary>Returns a writable span of at least <paramref name="size"/> bytes at the end; call <see cref="Advance"/> after filling it.</summary>
    public Span<byte> GetSpan(int size)
    {
        this.Ensure(size);
        return this.buffer.AsSpan(this.length);
    }

    /// <summary>Marks <paramref name="count"/> bytes of the last <see cref="GetSpan"/> as written.</summary>
    public void Advance(int count) => this.length += count;

    /// <summary>A read-only stream over the bytes written so far (valid until the buffer is written to again or disposed).</summary>
    public MemoryStream OpenRead() => new(this.buffer, 0, this.length, writable: false);

    /// <summary>Forgets the content but keeps the storage.</summary>
    public void Reset() => this.length = 0;

    /// <inheritdoc/>
    public override void Write(ReadOnlySpan<byte> buffer)
    {
        this.Ensure(buffer.Length);
        buffer.CopyTo(this.buffer.AsSpan(this.length));
        this.length += buffer.Length;
    }

    /// <inheritdoc/>
    public override void Write(byte[] buffer, int offset, int count) => this.Write(buffer.AsSpan(offset, count));

    /// <inheritdoc/>
    public override void WriteByte(byte value)
    {
        this.Ensure(1);
        this.buffer[this.length++] = value;
    }

    /// <inheritdoc/>
    public override void Flush()
    {
    }

    /// <inheritdoc/>
    public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();

    /// <inheritdoc/>
    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    /// <inheritdoc/>
    public override void SetLength(long value) => throw new NotSupportedException();

    /// <inheritdoc/>
    protected override void Dispose(bool disposing)
    {
        if (disposing && this.buffer.Length > 0)
        {
            ArrayPool<byte>.Shared.Return(this.buffer);
            this.buffer = [];
            this.length = 0;
        }

        base.Dispose(disposing);
    }

    private void Ensure(int extra)
    {
        var needed = (long)this.length + extra;
        if (needed <= this.buffer.Length)
        {
            return;
        }

        if (needed > Array.MaxLength)
        {
            throw new InvalidOperationException("Buffer would exceed the maximum array size.");
        }

        var next = ArrayPool<byte>.Shared.Rent((int)Math.Min(Array.MaxLength, Math.Max(needed, (long)this.buffer.Length * 2)));
        this.buffer.AsSpan(0, this.length).CopyTo(next);
        ArrayPool<byte>.Shared.Return(this.buffer);
        this.buffer = next;
    }
}
