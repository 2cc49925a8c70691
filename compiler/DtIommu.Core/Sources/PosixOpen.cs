using System;
using System.IO;
using System.Runtime.InteropServices;

namespace DtIommu.Sources;

/// <summary>
/// Asks the C library itself whether and why a path does not open, so messages carry dtc's exact strerror text
/// (File name too long, Not a directory, Is a directory, Permission denied) rather than .NET's exception wording.
/// </summary>
public static class PosixOpen
{
    /// <summary>errno for a missing file or directory.</summary>
    public const int NoEntry = 2;

    /// <summary>errno for a FIFO opened for writing without blocking while nobody reads it (it would open for dtc).</summary>
    public const int NoReader = 6;

    private const int ReadOnly = 0, WriteOnly = 1, Create = 0x40, Exclusive = 0x80, NonBlocking = 0x800;
    private const int UserReadWrite = 0x180;
    private const string IsADirectory = "Is a directory";

    /// <summary>Whether the C library can be asked: Linux (the flag values above are Linux's).</summary>
    public static bool IsAvailable => RuntimeInformation.IsOSPlatform(OSPlatform.Linux);

    /// <summary>Why reading <paramref name="path"/> (byte text or real text) fails.</summary>
    public static FileFailure Explain(string path)
    {
        if (!IsAvailable) return Directory.Exists(Latin1.ToText(path)) ? new(true, IsADirectory) : new(false, "No such file or directory");
        var errno = TryOpen(path, ReadOnly);
        if (errno != 0) return new(false, StrError(errno));
        // It opened, so it is something a read fails on: a directory (or a file that went away meanwhile).
        return new(true, Directory.Exists(Latin1.ToText(path)) ? IsADirectory : StrError(5));
    }

    /// <summary>
    /// The errno of opening <paramref name="path"/> for writing (0 when it opens), without truncating it; with
    /// <paramref name="create"/> the file must not exist yet and is created (the caller removes it).
    /// </summary>
    public static int WriteError(string path, bool create) =>
        IsAvailable ? TryOpen(path, WriteOnly | NonBlocking | (create ? Create | Exclusive : 0)) : 0;

    /// <summary>The C library's text for an errno value, as dtc prints it.</summary>
    public static string StrError(int errno) =>
        (IsAvailable ? Marshal.PtrToStringAnsi(strerror(errno)) : null) ?? $"error {errno}";

    private static int TryOpen(string path, int flags)
    {
        // The name as the file system call that failed saw it: .NET opens the UTF-8 of the real text.
        var bytes = System.Text.Encoding.UTF8.GetBytes(Latin1.ToText(path) + "\0");
        var fd = open(bytes, flags, UserReadWrite);
        if (fd < 0) return Marshal.GetLastWin32Error();
        close(fd);
        return 0;
    }

    /// <summary>
    /// The errno of seeking <paramref name="file"/> to <paramref name="offset"/> as dtc's <c>fseek</c> does, or 0: a
    /// file system refuses offsets past its largest file (ext4: 16 TiB), and a negative one is always refused.
    /// </summary>
    public static int SeekError(Microsoft.Win32.SafeHandles.SafeFileHandle file, long offset)
    {
        if (!IsAvailable) return 0;
        return lseek(file.DangerousGetHandle().ToInt32(), offset, 0) < 0 ? Marshal.GetLastWin32Error() : 0;
    }

    [DllImport("libc", SetLastError = true)]
    private static extern long lseek(int fd, long offset, int whence);

    [DllImport("libc", SetLastError = true)]
    private static extern int open(byte[] path, int flags, int mode);

    [DllImport("libc")]
    private static extern int close(int fd);

    [DllImport("libc")]
    private static extern IntPtr strerror(int errnum);
}
