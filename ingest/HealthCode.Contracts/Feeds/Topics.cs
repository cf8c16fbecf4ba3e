namespace HealthCode.Contracts.Feeds;

/// <summary>Kafka topic names shared by every role.</summary>
public static class Topics
{
    /// <summary>Colour changes for the app platforms, keyed by person.</summary>
    public const string CodeChanges = "code-changes";

    /// <summary>Contact flags raised and withdrawn by the risk engine, keyed by person, for ClickHouse.</summary>
    public const string Contacts = "contacts";

    /// <summary>The topic carrying a feed's canonical events after ingest.</summary>
    public static string Canonical(Feed feed) => feed.Name();

    /// <summary>The topic carrying a feed's rejected lines with their reasons.</summary>
    public static string DeadLetter(Feed feed) => feed.Name() + ".dead-letter";
}
