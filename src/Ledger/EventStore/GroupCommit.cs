using System.Threading.Channels;

namespace Ledger.EventStore;

/// <summary>
/// Appends that arrive while transactions are in flight wait and go together in the next one, so one
/// commit serves many grains. Each caller is answered only after the commit that holds its events. Up to
/// <c>maxInFlight</c> transactions overlap: nothing orders them but the rows of streams they share.
/// </summary>
internal sealed class GroupCommit : IAsyncDisposable
{
    private readonly Channel<Pending> _queue = Channel.CreateUnbounded<Pending>(new UnboundedChannelOptions { SingleReader = true });
    private readonly Func<IReadOnlyList<StreamAppend>, CancellationToken, Task<AppendOutcome[]>> _write;
    private readonly int _maxEvents;
    private readonly SemaphoreSlim _inFlight;
    private readonly int _maxInFlight;
    private readonly Task _loop;

    public GroupCommit(Func<IReadOnlyList<StreamAppend>, CancellationToken, Task<AppendOutcome[]>> write, int maxEvents, int maxInFlight = 1)
    {
        _write = write;
        _maxEvents = maxEvents;
        _maxInFlight = Math.Max(1, maxInFlight);
        _inFlight = new SemaphoreSlim(_maxInFlight);
        _loop = Task.Run(RunAsync);
    }

    private long _batches, _appends;

    /// <summary>Batches written so far and the appends they held: the mean batch size under load.</summary>
    public long Batches => Interlocked.Read(ref _batches);
    public long Appends => Interlocked.Read(ref _appends);

    public Task<AppendResult> AppendAsync(StreamAppend append)
    {
        var pending = new Pending(append);
        if (!_queue.Writer.TryWrite(pending)) throw new ObjectDisposedException(nameof(GroupCommit));
        return pending.Completion.Task;
    }

    private async Task RunAsync()
    {
        while (await _queue.Reader.WaitToReadAsync())
        {
            // Wait for a free slot first: appends arriving meanwhile join this batch.
            await _inFlight.WaitAsync();
            var batch = new List<Pending>();
            var events = 0;
            while (events < _maxEvents && _queue.Reader.TryRead(out var p))
            {
                batch.Add(p);
                events += p.Append.Events.Count;
            }
            if (batch.Count == 0) { _inFlight.Release(); continue; }
            _ = WriteThenReleaseAsync(batch);
        }
        // Drain: every slot back means every batch answered.
        for (var i = 0; i < _maxInFlight; i++) await _inFlight.WaitAsync();
    }

    private async Task WriteThenReleaseAsync(List<Pending> batch)
    {
        try { await WriteAsync(batch); }
        finally { _inFlight.Release(); }
    }

    private async Task WriteAsync(List<Pending> batch)
    {
        try
        {
            var outcomes = await _write(batch.Select(p => p.Append).ToList(), CancellationToken.None);
            Interlocked.Increment(ref _batches);
            Interlocked.Add(ref _appends, batch.Count);
            for (var i = 0; i < batch.Count; i++) batch[i].Complete(outcomes[i]);
        }
        catch (Exception) when (batch.Count > 1)
        {
            // Something in the batch broke the whole transaction (a payload the database refuses, a lost
            // connection): write each on its own so that only the guilty append fails.
            foreach (var p in batch) await WriteAsync([p]);
        }
        catch (Exception ex)
        {
            batch[0].Completion.TrySetException(ex);
        }
    }

    public async ValueTask DisposeAsync()
    {
        _queue.Writer.TryComplete();
        await _loop;
    }

    private sealed class Pending(StreamAppend append)
    {
        public StreamAppend Append { get; } = append;
        public TaskCompletionSource<AppendResult> Completion { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public void Complete(AppendOutcome outcome)
        {
            if (outcome.Error is not null) Completion.TrySetException(outcome.Error);
            else Completion.TrySetResult(outcome.Result!);
        }
    }
}
