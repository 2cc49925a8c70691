using System.Runtime.CompilerServices;
using System.Text;
using Microsoft.Win32.SafeHandles;

namespace DtIommu.Cli;

/// <summary>
/// Standard output and error as plain file streams. .NET's console streams initialise the terminal on their first
/// write when standard input is a terminal, which sends terminfo's keypad-transmit sequence (<c>ESC[?1h ESC=</c>) to
/// it before any output; dtc prints no escape codes, so neither may dtiommu.
/// </summary>
internal static class StandardStreams
{
    private static readonly UTF8Encoding Utf8 = new(encoderShouldEmitUTF8Identifier: false);

    /// <summary>Swaps <see cref="Console.Out"/> and <see cref="Console.Error"/> for writers on the raw descriptors, before Main runs.</summary>
    [ModuleInitializer]
    internal static void Install()
    {
        if (!OperatingSystem.IsWindows() && Open(1) is { } output && Open(2) is { } error)
        {
            Console.SetOut(new StreamWriter(output, Utf8) { AutoFlush = true });
            Console.SetError(new StreamWriter(error, Utf8) { AutoFlush = true });
        }
    }

    /// <summary>Standard output as a byte stream that leaves the terminal's modes alone (for binary output to <c>-</c>).</summary>
    public static Stream OpenOutput() => (OperatingSystem.IsWindows() ? null : Open(1)) ?? Console.OpenStandardOutput();

    private static FileStream? Open(int descriptor)
    {
        try
        {
            return new FileStream(new SafeFileHandle(descriptor, ownsHandle: false), FileAccess.Write, bufferSize: 0);
        }
        catch (Exception e) when (e is IOException or ArgumentException or UnauthorizedAccessException)
        {
            return null;   // a closed descriptor: keep .NET's console stream, which tolerates it
        }
    }
}
