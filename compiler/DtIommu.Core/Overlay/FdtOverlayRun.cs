using System;
using System.Collections.Generic;
using System.IO;

namespace DtIommu.Overlay;

/// <summary>What applying overlays produced: the combined blob, or fdtoverlay's message for why there is none.</summary>
/// <param name="Blob">The packed combined blob, or null on failure.</param>
/// <param name="Error">fdtoverlay's stderr text (with its leading blank line), or null on success.</param>
public sealed record FdtOverlayResult(byte[]? Blob, string? Error);

/// <summary>
/// fdtoverlay's driver: each overlay is applied to a fresh copy of the current base in a buffer that grows by
/// 64 KiB whenever libfdt runs out of room, and the result is packed at the end.
/// </summary>
public static class FdtOverlayRun
{
    private const int BufferIncrement = 65536;

    /// <summary>
    /// Applies the overlays named <paramref name="overlays"/> in order to the base named <paramref name="baseName"/>,
    /// reading each through <paramref name="read"/> (which throws <see cref="IOException"/> or
    /// <see cref="UnauthorizedAccessException"/> for a file it cannot read).
    /// </summary>
    public static FdtOverlayResult Apply(string baseName, IReadOnlyList<string> overlays, Func<string, byte[]> read)
    {
        // libfdt's merge recurses once per nesting level of the overlay; a deep blob must not overflow our stack.
        FdtOverlayResult? result = null;
        Exception? failure = null;
        var worker = new System.Threading.Thread(() =>
        {
            try { result = ApplyAll(baseName, overlays, read); }
            catch (Exception e) { failure = e; }
        }, 512 * 1024 * 1024);
        worker.Start();
        worker.Join();
        if (failure != null) System.Runtime.ExceptionServices.ExceptionDispatchInfo.Capture(failure).Throw();
        return result!;
    }

    private static FdtOverlayResult ApplyAll(string baseName, IReadOnlyList<string> overlays, Func<string, byte[]> read)
    {
        var (tree, readSize, readError) = Read(baseName, read);
        if (tree == null) return new FdtOverlayResult(null, readError);
        if (tree.TotalSize > readSize)
            return Fail($"Base blob is incomplete ({readSize} / {tree.TotalSize} bytes read)");
        var overlayTrees = new List<FlatTree>();
        foreach (var name in overlays)
        {
            var (ot, size, error) = Read(name, read);
            if (ot == null) return new FdtOverlayResult(null, error);
            if (ot.TotalSize > size) return Fail($"Overlay '{name}' is incomplete ({size} / {ot.TotalSize} bytes read)");
            overlayTrees.Add(ot);
        }
        var bufferLength = (long)tree.TotalSize;
        for (var i = 0; i < overlays.Count; i++)
        {
            var (next, error) = ApplyOne(tree, overlayTrees[i], ref bufferLength, overlays[i]);
            if (next == null) return new FdtOverlayResult(null, error);
            tree = next;
        }
        tree.Pack();
        return new FdtOverlayResult(tree.ToArray((int)tree.TotalSize), null);
    }

    /// <summary>
    /// utilfdt_read keeps the file in a buffer that doubles from 1 KiB, and fdtoverlay checks the header's size
    /// against that buffer, not against the bytes read.
    /// </summary>
    private static (FlatTree? Tree, long BufferSize, string? Error) Read(string name, Func<string, byte[]> read)
    {
        byte[] bytes;
        try
        {
            bytes = read(name);
        }
        catch (Exception e) when (e is IOException || e is UnauthorizedAccessException)
        {
            return (null, 0, $"Couldn't open blob from '{name}': {ErrorText(e)}\n\nFailed to read '{name}'\n");
        }
        long size = 1024;
        while (size <= bytes.Length) size *= 2;
        var buffer = new byte[Math.Max(bytes.Length, 40)];
        Array.Copy(bytes, buffer, bytes.Length);
        return (new FlatTree(buffer), size, null);
    }

    /// <summary>strerror's text for the usual reasons a file cannot be read.</summary>
    private static string ErrorText(Exception e) => e switch
    {
        FileNotFoundException or DirectoryNotFoundException => "No such file or directory",
        UnauthorizedAccessException => "Permission denied",
        _ => e.Message,
    };

    private static (FlatTree? Tree, string? Error) ApplyOne(FlatTree current, FlatTree overlay, ref long bufferLength, string name)
    {
        var overlaySize = (int)Math.Min(overlay.TotalSize, int.MaxValue);
        // Room the result can need is bounded by what the overlay brings; libfdt reports "no space" for a fixup
        // offset past its property too, which fdtoverlay would retry forever.
        var limit = (long)current.TotalSize + 4L * overlaySize + 2L * BufferIncrement;
        var tmp = new FlatTree([]);
        int err;
        do
        {
            if (bufferLength > int.MaxValue - BufferIncrement) return (null, Message(name, FdtError.NoSpace));
            err = FlatTree.OpenInto(current, tmp, (int)bufferLength);
            if (err != 0) return (null, $"\nFailed to make temporary copy: {FdtError.Describe(err)}\n");
            var overlayCopy = new FlatTree(overlay.ToArray(Math.Max(overlaySize, 40)));
            err = OverlayApplier.Apply(tmp, overlayCopy);
            if (err == FdtError.NoSpace)
            {
                if (bufferLength >= limit) break;
                bufferLength += BufferIncrement;
            }
        } while (err == FdtError.NoSpace);
        return err != 0 ? (null, Message(name, err)) : (tmp, null);
    }

    private static string Message(string name, int err) => $"\nFailed to apply '{name}': {FdtError.Describe(err)}\n";

    private static FdtOverlayResult Fail(string text) => new(null, "\n" + text + "\n");
}
