using Activity.Runtime.Grains;

namespace Activity.Testing.Grains;

/// <summary>A message with the shapes JSON must carry faithfully: lists, instants, enums, nulls.</summary>
public sealed record EchoMessage(string Text, IReadOnlyList<int> Numbers, DateTimeOffset At, EchoKind Kind, string? Note);

public enum EchoKind
{
    Plain,
    Fancy,
}

/// <summary>A grain for calls from outside the silo: results, state across calls, exceptions, cancellation.</summary>
public interface IEchoGrain : IGrainWithStringKey
{
    Task<int> Add(int a, int b);

    Task<EchoMessage> Echo(EchoMessage message);

    Task<string> Key();

    Task Remember(string text);

    Task<IReadOnlyList<string>> Remembered();

    /// <summary>Throws: "argument" an ArgumentException, "invalid" an InvalidOperationException, "missing" a KeyNotFoundException, anything else a FormatException.</summary>
    Task Throw(string kind, string message);

    Task<bool> HoldUntilCancelled(CancellationToken cancellationToken);
}

public sealed class EchoGrain(EventLog log) : Grain, IEchoGrain
{
    private readonly List<string> _remembered = [];

    public Task<int> Add(int a, int b) => Task.FromResult(a + b);

    public Task<EchoMessage> Echo(EchoMessage message) => Task.FromResult(message with { Text = message.Text + "!" });

    public Task<string> Key() => Task.FromResult(GetPrimaryKeyString());

    public Task Remember(string text)
    {
        _remembered.Add(text);
        return Task.CompletedTask;
    }

    public Task<IReadOnlyList<string>> Remembered() => Task.FromResult<IReadOnlyList<string>>([.. _remembered]);

    public Task Throw(string kind, string message) => kind switch
    {
        "argument" => throw new ArgumentException(message),
        "invalid" => throw new InvalidOperationException(message),
        "missing" => throw new KeyNotFoundException(message),
        _ => throw new FormatException(message),
    };

    public async Task<bool> HoldUntilCancelled(CancellationToken cancellationToken)
    {
        log.Add($"holding:{GetPrimaryKeyString()}");
        try
        {
            await Task.Delay(Timeout.InfiniteTimeSpan, cancellationToken);
            return false;
        }
        catch (OperationCanceledException)
        {
            log.Add($"cancelled:{GetPrimaryKeyString()}");
            throw;
        }
    }
}
