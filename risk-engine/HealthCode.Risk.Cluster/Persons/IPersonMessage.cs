namespace HealthCode.Risk.Cluster.Persons;

/// <summary>A message about one person; sharding routes it to the group of <see cref="PersonKey"/>.</summary>
public interface IPersonMessage
{
    /// <summary>The key of the person the message is for.</summary>
    string PersonKey { get; }
}
