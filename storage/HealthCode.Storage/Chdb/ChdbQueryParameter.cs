namespace HealthCode.Storage.Chdb;

/// <summary>One <c>{name:Type}</c> binding for chDB: the name and the value in ClickHouse's escaped text.</summary>
internal readonly record struct ChdbQueryParameter(string Name, string Value);
