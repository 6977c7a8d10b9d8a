namespace Activity.Runtime.Catalog;

/// <summary>One turn waiting in an activation's mailbox: a queued call or a timer tick.</summary>
internal abstract class WorkItem
{
    /// <summary>Whether the turn counts as use of the activation (a timer tick does not keep a grain alive).</summary>
    public virtual bool KeepsAlive => true;

    /// <summary>Whether a deactivated activation hands the item to the grain's next activation.</summary>
    public virtual bool Forwardable => true;

    /// <summary>Starts the turn on the activation's grain. Never throws.</summary>
    public abstract Task Run(Activation activation);

    /// <summary>Called once the turn's task has completed, on the thread that owns the activation.</summary>
    public abstract void OnTurnEnded(Task turn);

    /// <summary>The item will never run (its activation failed, or the silo is stopping).</summary>
    public abstract void Fail(Exception exception);
}
