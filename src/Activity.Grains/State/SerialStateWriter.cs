namespace Activity.Grains.State;

/// <summary>
/// Writes a reentrant grain's state one write at a time: a change made while a write runs is carried by
/// one more write after it. Concurrent writes from one activation would trip the storage's ETag check.
/// </summary>
internal sealed class SerialStateWriter<T>(IPersistentState<T> state)
{
    private Task? _writing;
    private bool _unsaved;

    /// <summary>Completes when a write that started after this call has finished.</summary>
    public Task SaveAsync()
    {
        _unsaved = true;
        if (_writing is null)
        {
            var writing = WriteAsync();
            _writing = writing.IsCompleted ? null : writing;
            return writing;
        }

        return _writing;
    }

    private async Task WriteAsync()
    {
        try
        {
            while (_unsaved)
            {
                _unsaved = false;
                await state.WriteStateAsync();
            }
        }
        finally
        {
            _writing = null;
        }
    }
}
