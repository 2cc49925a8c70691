using System;
using System.Runtime.ExceptionServices;
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

    [ThreadStatic] private static bool _onLargeStack;

    /// <summary>
    /// Runs <paramref name="work"/> on a large-stack thread and returns its result or rethrows its exception; on a
    /// thread that already has a large stack (<see cref="StartThread"/>) it runs in place.
    /// </summary>
    public static T Run<T>(Func<T> work)
    {
        if (_onLargeStack) return work();
        T result = default!;
        ExceptionDispatchInfo? failure = null;
        var thread = new Thread(() =>
        {
            _onLargeStack = true;
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
            _onLargeStack = true;
            body();
        }, Size) { IsBackground = true };
        thread.Start();
        return thread;
    }
}
