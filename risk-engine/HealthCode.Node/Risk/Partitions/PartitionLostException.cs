namespace HealthCode.Node.Risk.Partitions;

/// <summary>A partition no longer holds the run's state; the pipeline must start again from the history.</summary>
internal sealed class PartitionLostException : Exception
{
    /// <summary>Creates the exception for what the partition answered.</summary>
    public PartitionLostException(PartitionLost lost)
        : base($"Engine partition {lost?.Partition} lost its state: {lost?.Reason}")
    {
    }
}
