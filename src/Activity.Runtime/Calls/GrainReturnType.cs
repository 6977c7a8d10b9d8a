using System.Reflection;

namespace Activity.Runtime.Calls;

/// <summary>
/// What a grain method returns. Silo and client agree on one rule: a grain method returns <c>Task</c> or
/// <c>Task&lt;T&gt;</c>, never a value or a <c>ValueTask</c>, so every call can be queued, awaited and timed out alike.
/// </summary>
public static class GrainReturnType
{
    /// <summary>The <c>T</c> of <c>Task&lt;T&gt;</c>, or <see cref="object"/> for a plain <c>Task</c>; throws for anything else.</summary>
    public static Type ResultOf(MethodInfo method)
    {
        var returnType = method.ReturnType;
        if (returnType == typeof(Task))
        {
            return typeof(object);
        }

        if (returnType.IsGenericType && returnType.GetGenericTypeDefinition() == typeof(Task<>))
        {
            return returnType.GetGenericArguments()[0];
        }

        throw new InvalidOperationException(
            $"Grain method {method.DeclaringType!.Name}.{method.Name} returns {returnType.Name}; grain methods return Task or Task<T>.");
    }
}
