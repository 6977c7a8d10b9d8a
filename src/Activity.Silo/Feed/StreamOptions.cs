namespace Activity.Silo.Feed;

/// <summary>SSE settings, bound from <c>Activity:Stream</c>.</summary>
public sealed class StreamOptions
{
    /// <summary>The configuration section.</summary>
    public const string Section = "Activity:Stream";

    /// <summary>How often an idle stream sends a keepalive comment (proxies close silent connections). Default 25 s.</summary>
    public TimeSpan KeepAlive { get; set; } = TimeSpan.FromSeconds(25);

    /// <summary>How long a write may wait on a client that does not read before the client is cut off. Default 30 s.</summary>
    public TimeSpan WriteTimeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>How many changes a client may fall behind before it is cut off (it resumes with Last-Event-ID). Default 1,024.</summary>
    public int ClientBuffer { get; set; } = 1024;

    /// <summary>
    /// How often this silo checks each tenant it streams for changes its subscription did not deliver
    /// (an item a dying silo took with it), besides checking whenever a silo dies. Default 5 s.
    /// </summary>
    public TimeSpan CatchUpInterval { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>Why these settings cannot run, or null when they can.</summary>
    public string? Problem() => this switch
    {
        { KeepAlive: var k } when k <= TimeSpan.Zero => "Activity:Stream:KeepAlive must be positive.",
        { WriteTimeout: var w } when w <= TimeSpan.Zero => "Activity:Stream:WriteTimeout must be positive.",
        { ClientBuffer: < 1 } => "Activity:Stream:ClientBuffer must be at least 1.",
        { CatchUpInterval: var c } when c <= TimeSpan.Zero => "Activity:Stream:CatchUpInterval must be positive.",
        _ => null,
    };
}
