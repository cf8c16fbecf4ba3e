namespace HealthCode.Storage.Writing;

/// <summary>A buffer of not yet inserted events of one type, whatever their type.</summary>
internal interface IPendingTable
{
    /// <summary>The event type's name, for logs.</summary>
    string Name { get; }

    /// <summary>Events buffered.</summary>
    int Count { get; }

    /// <summary>Inserts every buffered event into each of the type's tables; on failure they stay buffered.</summary>
    Task FlushAsync(CancellationToken cancellationToken);
}
