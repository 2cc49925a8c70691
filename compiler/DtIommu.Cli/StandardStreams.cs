using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Text;

namespace DtIommu.Cli;

/// <summary>
/// Standard output and error written with plain <c>write(2)</c> calls. .NET's console streams initialise the terminal
/// on their first write when standard input is a terminal, which sends terminfo's keypad-transmit sequence
/// (<c>ESC[?1h ESC=</c>) before any output; dtc prints no escape codes, so neither may dtiommu. (A FileStream over the
/// descriptor is no substitute: on a regular file it writes with pwrite at its own offset, so a shell's later writes to
/// the same open file would overwrite ours.)
/// </summary>
internal static class StandardStreams
{
    private static readonly UTF8Encoding Utf8 = new(encoderShouldEmitUTF8Identifier: false);

    /// <summary>Swaps <see cref="Console.Out"/> and <see cref="Console.Error"/> for writers on descriptors 1 and 2, before Main runs.</summary>
    [ModuleInitializer]
    internal static void Install()
    {
        if (OperatingSystem.IsWindows()) return;
        Console.SetOut(new RealTextWriter(new StreamWriter(new DescriptorStream(1), Utf8) { AutoFlush = true }));
        Console.SetError(new RealTextWriter(new StreamWriter(new DescriptorStream(2), Utf8) { AutoFlush = true }));
    }

    /// <summary>
    /// Makes <see cref="Console.Out"/> and <see cref="Console.Error"/> write byte text as its bytes, for the dtc
    /// command: names and strings from sources and arguments come out exactly as dtc prints them.
    /// </summary>
    internal static void UseByteText()
    {
        if (OperatingSystem.IsWindows()) return;
        Console.SetOut(new StreamWriter(new DescriptorStream(1), ByteTextEncoding.Instance) { AutoFlush = true });
        Console.SetError(new StreamWriter(new DescriptorStream(2), ByteTextEncoding.Instance) { AutoFlush = true });
    }

    /// <summary>Standard output as a byte stream that leaves the terminal's modes alone (for binary output to <c>-</c>).</summary>
    public static Stream OpenOutput() => OperatingSystem.IsWindows() ? Console.OpenStandardOutput() : new DescriptorStream(1);

    /// <summary>A write-only stream over a descriptor, one <c>write(2)</c> per buffer (retried on EINTR and short writes).</summary>
    private sealed class DescriptorStream(int descriptor) : Stream
    {
        private const int EINTR = 4;
        private const int EPIPE = 32;
        private bool _closed;

        public override bool CanRead => false;
        public override bool CanSeek => false;
        public override bool CanWrite => true;
        public override long Length => throw new NotSupportedException();
        public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }
        public override void Flush() { }
        public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();
        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
        public override void SetLength(long value) => throw new NotSupportedException();

        public override void Write(byte[] buffer, int offset, int count) => Write(buffer.AsSpan(offset, count));

        public override void Write(ReadOnlySpan<byte> buffer)
        {
            while (!buffer.IsEmpty && !_closed)
            {
                var n = (long)write(descriptor, ref MemoryMarshal.GetReference(buffer), buffer.Length);
                if (n < 0)
                {
                    var errno = Marshal.GetLastPInvokeError();
                    if (errno == EINTR) continue;
                    // The reader went away (`| head`): drop the rest quietly, as dtc does when SIGPIPE ends it.
                    if (errno == EPIPE) { _closed = true; return; }
                    // The errno in HResult, as .NET's own I/O errors carry it, so callers can print strerror's text.
                    throw new IOException(DtIommu.Sources.PosixOpen.StrError(errno), errno);
                }
                buffer = buffer[(int)n..];
            }
        }

        [DllImport("libc", SetLastError = true)]
        private static extern nint write(int fd, ref byte buffer, nint count);
    }
}
