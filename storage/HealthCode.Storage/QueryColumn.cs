namespace HealthCode.Storage;

/// <summary>One column of a query result: its name and ClickHouse type, e.g. <c>DateTime64(3, 'UTC')</c>.</summary>
/// <param name="Name">The column name as ClickHouse reports it.</param>
/// <param name="Type">The ClickHouse type name.</param>
public sealed record QueryColumn(string Name, string Type);
