namespace HealthCode.Risk.Cluster.Persons;

/// <summary>A message for one person entity; sharding routes it by <see cref="PersonKey"/>.</summary>
public interface IPersonMessage
{
    /// <summary>The key of the person the message is for; also the entity id.</summary>
    string PersonKey { get; }
}
