using DtIommu.Compilation;

namespace DtIommu.Tests.Compiler;

/// <summary>Where <see cref="LargeStack"/> runs work: in place only on a thread known to have the stack it needs.</summary>
public class LargeStackTests
{
    private static int Here() => Environment.CurrentManagedThreadId;

    [Fact]
    public void A_thread_of_unknown_stack_hands_even_bounded_work_to_a_thread_of_its_own()
    {
        var (caller, worker) = OnFreshThread(() => (Here(), LargeStack.Run(Here, LargeStack.BoundedDepthSize)));
        worker.ShouldNotBe(caller);
    }

    [Fact]
    public void An_adopted_thread_keeps_bounded_work_when_the_stack_limit_allows_and_never_keeps_unbounded_work()
    {
        var (caller, bounded, unbounded) = OnFreshThread(() =>
        {
            LargeStack.AdoptMainThread();
            return (Here(), LargeStack.Run(Here, LargeStack.BoundedDepthSize), LargeStack.Run(Here, LargeStack.Size));
        });
        (bounded == caller).ShouldBe(LargeStack.MainThreadStackLimit() >= LargeStack.BoundedDepthSize);
        unbounded.ShouldNotBe(caller);
    }

    [Fact]
    public void Work_started_on_a_large_stack_thread_runs_there_whatever_it_needs()
    {
        var (caller, nested) = LargeStack.Run(() => (Here(), LargeStack.Run(Here)));
        nested.ShouldBe(caller);
    }

    // A thread of the test's own, so what AdoptMainThread records stays off the test runner's threads.
    private static T OnFreshThread<T>(Func<T> work)
    {
        T result = default!;
        var thread = new Thread(() => result = work());
        thread.Start();
        thread.Join();
        return result;
    }
}
