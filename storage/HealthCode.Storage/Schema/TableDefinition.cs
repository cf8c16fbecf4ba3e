using System.Text;

namespace HealthCode.Storage.Schema;

/// <summary>One analytics table: columns, sorting key, partitioning and the time column its TTL counts from.</summary>
/// <remarks>
/// <para>
/// Every table is a ReplacingMergeTree. A canonical event's sorting key ends with <c>record_id</c>. A record id is
/// a hash of the record's content, so a replayed record has the same sorting key as the first copy and merges
/// collapse the two; until a merge runs, readers deduplicate with FINAL. Deduplicating on insert instead would need
/// a lookup of every incoming id (too slow at pings' rate), and ClickHouse's own insert deduplication only catches
/// a retried identical block, not overlapping batches.
/// </para>
/// <para>
/// A risk decision (a contact flag, a code change) has no record id: its sorting key ends with the decision's own
/// identity, and a <see cref="VersionColumn"/> makes the newest version of it survive the merge rather than an
/// arbitrary one. A later version is a new decision about the same flag, not a copy.
/// </para>
/// </remarks>
internal sealed class TableDefinition
{
    /// <summary>Defines a table; a <paramref name="versionColumn"/> makes its highest value win a merge.</summary>
    public TableDefinition(
        string name,
        string orderBy,
        string timeColumn,
        IReadOnlyList<ColumnDefinition> columns,
        string? versionColumn = null)
    {
        Name = name;
        OrderBy = orderBy;
        TimeColumn = timeColumn;
        Columns = columns;
        VersionColumn = versionColumn;
    }

    /// <summary>The table name.</summary>
    public string Name { get; }

    /// <summary>The sorting key, the order lookups read in.</summary>
    public string OrderBy { get; }

    /// <summary>The event-time column retention and partitions count from.</summary>
    public string TimeColumn { get; }

    /// <summary>The columns in table order.</summary>
    public IReadOnlyList<ColumnDefinition> Columns { get; }

    /// <summary>The ReplacingMergeTree version column, or null when rows with one key are identical copies.</summary>
    public string? VersionColumn { get; }

    /// <summary>The idempotent CREATE TABLE, with a TTL when <paramref name="retentionDays"/> is above 0.</summary>
    public string CreateStatement(string database, int retentionDays)
    {
        var sql = new StringBuilder();
        sql.Append("CREATE TABLE IF NOT EXISTS `").Append(database).Append("`.`").Append(Name).Append("`\n(\n");

        for (var i = 0; i < Columns.Count; i++)
        {
            sql.Append("    `").Append(Columns[i].Name).Append("` ").Append(Columns[i].Type);
            sql.Append(i < Columns.Count - 1 ? ",\n" : "\n");
        }

        sql.Append(")\nENGINE = ReplacingMergeTree");

        if (VersionColumn is not null)
        {
            sql.Append('(').Append(VersionColumn).Append(')');
        }

        sql.Append('\n');

        // Monthly partitions keep a batch to one or two parts and let TTL drop whole months; daily ones would
        // split replays of old data into many parts. A table kept forever has no partitions at all: subscriber
        // registrations span decades, and one batch of them would touch hundreds of months.
        if (retentionDays > 0)
        {
            sql.Append("PARTITION BY toYYYYMM(").Append(TimeColumn).Append(")\n");
        }

        sql.Append("ORDER BY (").Append(OrderBy).Append(")\n");

        if (retentionDays > 0)
        {
            sql.Append("TTL toDateTime(").Append(TimeColumn).Append(") + INTERVAL ").Append(retentionDays)
                .Append(" DAY\n");
        }

        return sql.ToString();
    }
}
