using System.Collections.Concurrent;
using DtIommu.Compilation;

namespace DtIommu.Cli;

/// <summary>A fixed set of large-stack threads that run queued work; a batch's compilations run here.</summary>
internal sealed class LargeStackWorkers : IDisposable
{
    private readonly BlockingCollection<Action> _queue = new();

    /// <summary>Starts <paramref name="count"/> worker threads.</summary>
    public LargeStackWorkers(int count)
    {
        for (var i = 0; i < count; i++)
            LargeStack.StartThread(() =>
            {
                foreach (var work in _queue.GetConsumingEnumerable()) work();
            });
    }

    /// <summary>Queues <paramref name="work"/>; the task completes with its result or its exception.</summary>
    public Task<T> Run<T>(Func<T> work)
    {
        var done = new TaskCompletionSource<T>(TaskCreationOptions.RunContinuationsAsynchronously);
        _queue.Add(() =>
        {
            try { done.SetResult(work()); }
            catch (Exception e) { done.SetException(e); }
        });
        return done.Task;
    }

    /// <summary>Lets the workers finish the queue and end.</summary>
    public void Dispose() => _queue.CompleteAdding();
}
