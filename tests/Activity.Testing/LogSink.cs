using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;

namespace Activity.Testing;

/// <summary>Keeps every formatted log line of a test host, to assert on what an operator would read.</summary>
public sealed class LogSink : ILoggerProvider, ISupportExternalScope
{
    private readonly ConcurrentQueue<string> _lines = new();
    private readonly ConcurrentQueue<LogEntry> _entries = new();
    private IExternalScopeProvider _scopes = new LoggerExternalScopeProvider();

    /// <summary>The lowest level kept (after the host's own filters). Default Information.</summary>
    public LogLevel Minimum { get; set; } = LogLevel.Information;

    /// <summary>Every line so far, as <c>Level Category: message</c>, with the exception's text when there is one.</summary>
    public IReadOnlyList<string> Lines => [.. _lines];

    /// <summary>Every line so far with the scope values it was logged in (name to value, the innermost scope winning).</summary>
    public IReadOnlyList<LogEntry> Entries => [.. _entries];

    public void SetScopeProvider(IExternalScopeProvider scopeProvider) => _scopes = scopeProvider;

    public ILogger CreateLogger(string categoryName) => new Logger(this, categoryName);

    public void Dispose()
    {
    }

    private sealed class Logger(LogSink sink, string category) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => logLevel >= sink.Minimum;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            if (IsEnabled(logLevel))
            {
                var line = $"{logLevel} {category}: {formatter(state, exception)}{(exception is null ? "" : " " + exception)}";
                var scopes = new Dictionary<string, string?>(StringComparer.Ordinal);
                sink._scopes.ForEachScope(
                    (scope, values) =>
                    {
                        if (scope is IEnumerable<KeyValuePair<string, object?>> pairs)
                        {
                            foreach (var (key, value) in pairs)
                            {
                                values[key] = value?.ToString();
                            }
                        }
                    },
                    scopes);
                sink._lines.Enqueue(line);
                sink._entries.Enqueue(new LogEntry(line, scopes));
            }
        }
    }
}

/// <summary>A log line and the scope values around it.</summary>
public sealed record LogEntry(string Line, IReadOnlyDictionary<string, string?> Scopes);
