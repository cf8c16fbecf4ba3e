namespace HealthCode.Storage.Schema;

/// <summary>A table column: its name and ClickHouse type.</summary>
internal sealed record ColumnDefinition(string Name, string Type);
