namespace Activity.Runtime.Grains;

/// <summary>Marker for grain interfaces. Every method returns <see cref="Task"/> or <see cref="Task{TResult}"/>.</summary>
public interface IGrain;

/// <summary>A grain interface whose grains are identified by a string key (a tenant id, a user id).</summary>
public interface IGrainWithStringKey : IGrain;
