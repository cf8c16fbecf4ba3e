namespace HealthCode.Storage.Research;

/// <summary>One companion found by <see cref="CompanionQuery"/>: a person's stay overlapping a case's stay.</summary>
/// <param name="PersonKey">The companion.</param>
/// <param name="CaseKey">The case whose clipped stay the companion's stay overlaps.</param>
/// <param name="Cell">The shared grid cell, packed as (row &lt;&lt; 32) | col.</param>
/// <param name="OverlapStart">The start of the overlap (UTC, millisecond precision).</param>
/// <param name="OverlapEnd">The end of the overlap (UTC, millisecond precision).</param>
public sealed record CompanionContact(
    string PersonKey, string CaseKey, long Cell, DateTimeOffset OverlapStart, DateTimeOffset OverlapEnd);
