using System;
using System.Runtime.ExceptionServices;
using System.Runtime.InteropServices;
using System.Threading;

namespace DtIommu.Compilation;

/// <summary>
/// Runs work on a thread with a large stack. Parsing and the tree walks recurse once per nesting level; the parser
/// stops at dtc's depth limit, but a blob has no such limit and the main thread's stack (8 MB) would overflow first.
/// The stack is reserved, not committed, so the size costs only address space.
/// </summary>
public static class LargeStack
{
    /// <summary>Bytes of stack for the worker thread.</summary>
    public const int Size = 1 << 30;

    /// <summary>
    /// Bytes of stack enough for any DTS source: dtc's parser depth limit bounds its nesting, and the deepest
    /// sources dtc accepts (nodes, parentheses, unary operators, <c>?:</c> chains, labels) compile, to every output
    /// format, in less than a megabyte. This is four times that.
    /// </summary>
    public const int BoundedDepthSize = 4 << 20;

    // Stack bytes the current thread is known to have (0: unknown, so work that needs depth gets a thread).
    [ThreadStatic] private static long _stackBytes;

    /// <summary>
    /// Lets <see cref="Run{T}"/> use the calling thread, the process's main thread, for work that needs no more
    /// stack than the system's stack limit gives it. Starting a thread costs a visible part of a small compile.
    /// </summary>
    public static void AdoptMainThread() => _stackBytes = MainThreadStackLimit();

    /// <summary>
    /// Runs <paramref name="work"/>, which needs up to <paramref name="needed"/> bytes of stack, and returns its
    /// result or rethrows its exception: in place on a thread known to have that much (a
    /// <see cref="StartThread"/> thread, or an adopted main thread), else on a new large-stack thread.
    /// </summary>
    public static T Run<T>(Func<T> work, long needed = Size)
    {
        if (_stackBytes >= needed) return work();
        T result = default!;
        ExceptionDispatchInfo? failure = null;
        var thread = new Thread(() =>
        {
            _stackBytes = Size;
            try { result = work(); }
            catch (Exception e) { failure = ExceptionDispatchInfo.Capture(e); }
        }, Size);
        thread.Start();
        thread.Join();
        failure?.Throw();
        return result;
    }

    /// <summary>
    /// Starts a background thread with a large stack, on which <see cref="Run{T}"/> runs its work in place: a process
    /// that compiles many trees (a batch) creates its threads once instead of once per tree.
    /// </summary>
    public static Thread StartThread(Action body)
    {
        var thread = new Thread(() =>
        {
            _stackBytes = Size;
            body();
        }, Size) { IsBackground = true };
        thread.Start();
        return thread;
    }

    // The main thread's stack grows up to RLIMIT_STACK; 0 where that cannot be asked (then threads are used).
    internal static long MainThreadStackLimit()
    {
        if (IntPtr.Size != 8 || !RuntimeInformation.IsOSPlatform(OSPlatform.Linux)) return 0;
        var limit = new RLimit();
        if (getrlimit(RlimitStack, ref limit) != 0) return 0;
        return limit.Current > long.MaxValue ? long.MaxValue : (long)limit.Current;
    }

    private const int RlimitStack = 3;

    [StructLayout(LayoutKind.Sequential)]
    private struct RLimit
    {
        public ulong Current;
        public ulong Maximum;
    }

    [DllImport("libc")]
    private static extern int getrlimit(int resource, ref RLimit limit);
}
