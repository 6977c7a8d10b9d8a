using System.Linq.Expressions;
using System.Reflection;
using Activity.Runtime.Catalog;
using Activity.Runtime.Grains;

namespace Activity.Runtime.Calls;

/// <summary>
/// One grain interface method as the runtime sees it: a compiled invoker (no reflection per call)
/// and the typed pieces a call needs when it cannot run inline: a pending result, a timeout, a failure.
/// </summary>
internal abstract class GrainMethod
{
    private readonly Func<object, object?[], Task> _invoke;

    protected GrainMethod(MethodInfo method, Func<object, object?[], Task> invoke, Type? resultType)
    {
        Method = method;
        Name = $"{method.DeclaringType!.Name}.{method.Name}";
        Parameters = method.GetParameters();
        ResultType = resultType;
        _invoke = invoke;
    }

    /// <summary>The interface method.</summary>
    public MethodInfo Method { get; }

    /// <summary>The method's parameters.</summary>
    public ParameterInfo[] Parameters { get; }

    /// <summary>The <c>T</c> of <c>Task&lt;T&gt;</c>, or null for a plain <c>Task</c>.</summary>
    public Type? ResultType { get; }

    /// <summary><c>IFeedGrain.Emit</c>, for errors and logs.</summary>
    public string Name { get; }

    /// <summary>Runs the method on the grain. Never throws: a synchronous exception becomes a faulted task.</summary>
    public Task Invoke(object grain, object?[] args)
    {
        try
        {
            return _invoke(grain, args) ?? FromException(new InvalidOperationException($"{Name} returned a null Task."));
        }
        catch (Exception exception)
        {
            return FromException(exception);
        }
    }

    /// <summary>A call that waits in the activation's mailbox, with a result typed for the caller.</summary>
    public abstract QueuedCall CreateQueuedCall(object?[] args);

    /// <summary>A faulted task of the method's return type.</summary>
    public abstract Task FromException(Exception exception);

    /// <summary>The value of a call that completed successfully (null for a plain <c>Task</c>).</summary>
    public abstract object? ResultOf(Task completed);

    /// <summary>The caller's view of a pending call: the call, or a <see cref="GrainCallTimeoutException"/> after <paramref name="timeout"/>.</summary>
    public abstract Task WithTimeout(Task call, GrainId grainId, TimeSpan timeout, TimeProvider timeProvider);

    /// <summary>Builds the runtime view of <paramref name="method"/>; throws when a grain cannot expose it.</summary>
    public static GrainMethod Create(MethodInfo method)
    {
        var where = $"{method.DeclaringType!.Name}.{method.Name}";
        if (method.IsGenericMethodDefinition)
        {
            throw new InvalidOperationException($"Grain method {where} is generic; grain methods cannot be generic.");
        }

        if (method.GetParameters().Any(p => p.ParameterType.IsByRef))
        {
            throw new InvalidOperationException($"Grain method {where} has a ref or out parameter; grain methods take values only.");
        }

        var resultType = GrainReturnType.ResultOf(method);
        var invoke = CompileInvoker(method);
        var type = typeof(GrainMethod<>).MakeGenericType(resultType);
        return (GrainMethod)Activator.CreateInstance(type, method, invoke, method.ReturnType != typeof(Task))!;
    }

    private static Func<object, object?[], Task> CompileInvoker(MethodInfo method)
    {
        var grain = Expression.Parameter(typeof(object), "grain");
        var args = Expression.Parameter(typeof(object[]), "args");
        var arguments = method.GetParameters().Select((parameter, index) =>
            (Expression)Expression.Convert(Expression.ArrayIndex(args, Expression.Constant(index)), parameter.ParameterType));
        var call = Expression.Call(Expression.Convert(grain, method.DeclaringType!), method, arguments);
        return Expression.Lambda<Func<object, object?[], Task>>(Expression.Convert(call, typeof(Task)), grain, args).Compile();
    }
}

/// <summary>A method returning <c>Task&lt;TResult&gt;</c>, or plain <c>Task</c> when <paramref name="returnsValue"/> is false.</summary>
internal sealed class GrainMethod<TResult>(MethodInfo method, Func<object, object?[], Task> invoke, bool returnsValue)
    : GrainMethod(method, invoke, returnsValue ? typeof(TResult) : null)
{
    public override QueuedCall CreateQueuedCall(object?[] args) => new QueuedCall<TResult>(this, args);

    public override Task FromException(Exception exception) =>
        returnsValue ? Task.FromException<TResult>(exception) : Task.FromException(exception);

    public override object? ResultOf(Task completed) => returnsValue ? ((Task<TResult>)completed).Result : null;

    public override Task WithTimeout(Task call, GrainId grainId, TimeSpan timeout, TimeProvider timeProvider)
    {
        if (call.IsCompleted || timeout == Timeout.InfiniteTimeSpan)
        {
            return call;
        }

        return returnsValue
            ? AwaitValueAsync((Task<TResult>)call, grainId, timeout, timeProvider)
            : AwaitAsync(call, grainId, timeout, timeProvider);
    }

    private async Task<TResult> AwaitValueAsync(Task<TResult> call, GrainId grainId, TimeSpan timeout, TimeProvider timeProvider)
    {
        try
        {
            return await call.WaitAsync(timeout, timeProvider).ConfigureAwait(false);
        }
        catch (TimeoutException) when (!call.IsCompleted)
        {
            throw TimedOut(call, grainId, timeout);
        }
    }

    private async Task AwaitAsync(Task call, GrainId grainId, TimeSpan timeout, TimeProvider timeProvider)
    {
        try
        {
            await call.WaitAsync(timeout, timeProvider).ConfigureAwait(false);
        }
        catch (TimeoutException) when (!call.IsCompleted)
        {
            throw TimedOut(call, grainId, timeout);
        }
    }

    private GrainCallTimeoutException TimedOut(Task call, GrainId grainId, TimeSpan timeout)
    {
        // The caller has gone; the call still finishes on the grain. Observe its outcome so a late
        // failure is not reported as an unobserved task exception.
        _ = call.ContinueWith(static t => _ = t.Exception, CancellationToken.None, TaskContinuationOptions.OnlyOnFaulted | TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
        return new GrainCallTimeoutException(grainId, Name, timeout);
    }
}
