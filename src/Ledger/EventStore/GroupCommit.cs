using System.Threading.Channels;

namespace Ledger.EventStore;

/// <summary>
/// Appends that arrive while a transaction is in flight wait and go together in the next one, so one
/// commit serves many grains. Each caller is answered only after the commit that holds its events.
/// </summary>
internal sealed class GroupCommit : IAsyncDisposable
{
    private readonly Channel<Pending> _queue = Channel.CreateUnbounded<Pending>(new UnboundedChannelOptions { SingleReader = true });
    private readonly Func<IReadOnlyList<StreamAppend>, CancellationToken, Task<AppendOutcome[]>> _write;
    private readonly int _maxEvents;
    private readonly Task _loop;

    public GroupCommit(Func<IReadOnlyList<StreamAppend>, CancellationToken, Task<AppendOutcome[]>> write, int maxEvents)
    {
        _write = write;
        _maxEvents = maxEvents;
        _loop = Task.Run(RunAsync);
    }

    /// <summary>Batches written so far and the appends they held: the mean batch size under load.</summary>
    public long Batches { get; private set; }
    public long Appends { get; private set; }

    public Task<AppendResult> AppendAsync(StreamAppend append)
    {
        var pending = new Pending(append);
        if (!_queue.Writer.TryWrite(pending)) throw new ObjectDisposedException(nameof(GroupCommit));
        return pending.Completion.Task;
    }

    private async Task RunAsync()
    {
        var batch = new List<Pending>();
        while (await _queue.Reader.WaitToReadAsync())
        {
            batch.Clear();
            var events = 0;
            while (events < _maxEvents && _queue.Reader.TryRead(out var p))
            {
                batch.Add(p);
                events += p.Append.Events.Count;
            }
            await WriteAsync(batch);
        }
    }

    private async Task WriteAsync(List<Pending> batch)
    {
        try
        {
            var outcomes = await _write(batch.Select(p => p.Append).ToList(), CancellationToken.None);
            Batches++;
            Appends += batch.Count;
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
