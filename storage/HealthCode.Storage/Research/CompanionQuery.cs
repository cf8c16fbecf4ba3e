using System.Globalization;

namespace HealthCode.Storage.Research;

/// <summary>
/// The DESIGN companion rule as one ClickHouse query over the stored feeds: an independent peer of the risk
/// engine's stay builder and companion rule, to cross-check it and to benchmark against it.
/// </summary>
/// <remarks>
/// <para>
/// The query maps pings to persons through each SIM's latest registration, builds every person's stays with window
/// functions, turns each case location into one presence per cell its circle touches (the grid's test, row by row
/// over the circle's bounding box), clips the case's presences to [reported_at − window, reported_at] and joins
/// other persons' stays in the same cell, keeping overlaps of at least the minimum. One row per distinct
/// (person, case, cell, overlap).
/// </para>
/// <para>
/// The circle test repeats <c>Grid.CellsTouchedByCircle</c> in Float64; a circle grazing a cell edge to within
/// rounding could in principle land differently if ClickHouse's <c>cos</c> differs from .NET's in the last bit.
/// </para>
/// </remarks>
public sealed class CompanionQuery
{
    private readonly IAnalyticsStore _store;

    /// <summary>Creates the query over the tables of <paramref name="store"/>.</summary>
    public CompanionQuery(IAnalyticsStore store)
    {
        ArgumentNullException.ThrowIfNull(store);
        _store = store;
    }

    /// <summary>
    /// The companions of every confirmed or suspected case report (or of one case, see
    /// <see cref="CompanionQueryOptions.CaseKey"/>), sorted by person, case, cell and overlap.
    /// </summary>
    public async Task<IReadOnlyList<CompanionContact>> FindAsync(
        CompanionQueryOptions options, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(options);
        RequirePositive(options.StayGap, nameof(options.StayGap));
        RequirePositive(options.ExposureWindow, nameof(options.ExposureWindow));
        RequirePositive(options.MinOverlap, nameof(options.MinOverlap));

        if (!(options.CellMetres > 0) || double.IsInfinity(options.CellMetres))
        {
            throw new ArgumentOutOfRangeException(
                nameof(options), options.CellMetres, "CellMetres must be positive metres.");
        }

        // Every number is bound, never spliced, so the same text serves every configuration.
        var parameters = new QueryParameters()
            .Add("gap_ms", Milliseconds(options.StayGap))
            .Add("window_ms", Milliseconds(options.ExposureWindow))
            .Add("min_overlap_ms", Milliseconds(options.MinOverlap))
            .Add("cell_m", options.CellMetres)
            .Add("case_key", options.CaseKey ?? string.Empty);

        var rows = await _store.QueryRowsAsync(Sql(_store.Database), parameters, cancellationToken)
            .ConfigureAwait(false);

        return rows.Map((r, i) => new CompanionContact(
            r.Get<string>(i, "person_key"),
            r.Get<string>(i, "case_key"),
            r.Get<long>(i, "cell"),
            DateTimeOffset.FromUnixTimeMilliseconds(r.Get<long>(i, "overlap_start_ms")),
            DateTimeOffset.FromUnixTimeMilliseconds(r.Get<long>(i, "overlap_end_ms"))));
    }

    private static long Milliseconds(TimeSpan span) => (long)span.TotalMilliseconds;

    private static void RequirePositive(TimeSpan value, string name)
    {
        if (value <= TimeSpan.Zero)
        {
            throw new ArgumentOutOfRangeException(name, value, $"{name} must be a positive duration.");
        }
    }

    // Times are carried as Int64 milliseconds throughout: exact arithmetic, and the gap and overlap tests compare
    // plain integers. Pings are never filtered by cell or time before stays are built, because a ping elsewhere is
    // what ends a stay; filtering first would merge stays the engine keeps apart.
    private static string Sql(string database) => string.Format(
        CultureInfo.InvariantCulture,
        """
        WITH
            cases AS
            (
                SELECT
                    person_key AS case_key,
                    toUnixTimestamp64Milli(reported_at) AS window_end_ms,
                    window_end_ms - {{window_ms:Int64}} AS window_start_ms
                FROM `{0}`.case_reports FINAL
                WHERE status IN ('confirmed', 'suspected')
                    AND ({{case_key:String}} = '' OR person_key = {{case_key:String}})
            ),
            owners AS
            (
                -- A SIM re-registered to someone else belongs to its latest registration.
                SELECT subscriber_key, argMax(person_key, (registered_at, record_id)) AS person_key
                FROM `{0}`.subscribers FINAL
                GROUP BY subscriber_key
            ),
            ordered AS
            (
                -- Time, cell, record id: the engine's total order, so ties depend neither on how the rows were read
                -- nor on the pepper (record ids hash the pseudonymised subscriber key).
                SELECT
                    o.person_key AS person_key,
                    p.cell AS cell,
                    p.record_id AS record_id,
                    toUnixTimestamp64Milli(p.observed_at) AS at_ms,
                    row_number() OVER whole AS n,
                    lagInFrame(p.cell) OVER previous AS prev_cell,
                    lagInFrame(toUnixTimestamp64Milli(p.observed_at)) OVER previous AS prev_ms
                FROM `{0}`.pings_by_subscriber AS p FINAL
                INNER JOIN owners AS o ON o.subscriber_key = p.subscriber_key
                WINDOW
                    whole AS (PARTITION BY o.person_key ORDER BY p.observed_at, p.cell, p.record_id),
                    previous AS (
                        PARTITION BY o.person_key ORDER BY p.observed_at, p.cell, p.record_id
                        ROWS BETWEEN 1 PRECEDING AND CURRENT ROW)
            ),
            numbered AS
            (
                -- A running count of "starts a stay" flags numbers each person's stays.
                SELECT
                    person_key,
                    cell,
                    at_ms,
                    sum(toUInt64(n = 1 OR cell != prev_cell OR at_ms - prev_ms > {{gap_ms:Int64}})) OVER (
                        PARTITION BY person_key ORDER BY at_ms, cell, record_id
                        ROWS BETWEEN UNBOUNDED PRECEDING AND CURRENT ROW) AS stay_no
                FROM ordered
            ),
            stays AS
            (
                SELECT person_key, any(cell) AS cell, min(at_ms) AS start_ms, max(at_ms) AS end_ms
                FROM numbered
                GROUP BY person_key, stay_no
            ),
            location_rows AS
            (
                -- The rows a circle's bounding box spans, as Grid.CellsTouchedByCircle walks them; 111320 is
                -- Grid.MetresPerDegree, the metres in one degree of latitude.
                SELECT
                    case_person_key AS case_key,
                    toUnixTimestamp64Milli(from_at) AS start_ms,
                    toUnixTimestamp64Milli(to_at) AS end_ms,
                    lat,
                    lon,
                    radius_m,
                    {{cell_m:Float64}} / 111320.0 AS d_lat,
                    111320.0 * cos(lat * pi() / 180.0) AS m_per_lon,
                    radius_m / m_per_lon AS radius_lon,
                    row
                FROM `{0}`.case_locations FINAL
                ARRAY JOIN range(
                    toInt64(floor((lat - radius_m / 111320.0) / d_lat)),
                    toInt64(floor((lat + radius_m / 111320.0) / d_lat)) + 1) AS row
                WHERE case_person_key IN (SELECT case_key FROM cases)
            ),
            location_cells AS
            (
                -- Every column of the row's span, kept when the circle reaches the cell's rectangle: dx and dy
                -- are the distances in metres from the centre to the rectangle, zero inside it.
                SELECT
                    case_key,
                    start_ms,
                    end_ms,
                    toInt64(bitOr(bitShiftLeft(row, 32), bitAnd(col, 4294967295))) AS cell
                FROM
                (
                    SELECT
                        case_key,
                        start_ms,
                        end_ms,
                        radius_m,
                        row,
                        col,
                        greatest(
                            (col * col_deg - lon) * m_per_lon, -(((col + 1) * col_deg - lon) * m_per_lon), 0) AS dx,
                        greatest(
                            (row * d_lat - lat) * 111320.0, -(((row + 1) * d_lat - lat) * 111320.0), 0) AS dy
                    FROM
                    (
                        SELECT
                            *,
                            {{cell_m:Float64}} / (111320.0 * cos((row + 0.5) * d_lat * pi() / 180.0)) AS col_deg
                        FROM location_rows
                    )
                    ARRAY JOIN range(
                        toInt64(floor((lon - radius_lon) / col_deg)),
                        toInt64(floor((lon + radius_lon) / col_deg)) + 1) AS col
                )
                WHERE dx * dx + dy * dy <= radius_m * radius_m
            ),
            case_presences AS
            (
                SELECT s.person_key AS case_key, s.cell AS cell, s.start_ms AS start_ms, s.end_ms AS end_ms
                FROM stays AS s
                WHERE s.person_key IN (SELECT case_key FROM cases)
                UNION ALL
                SELECT case_key, cell, start_ms, end_ms
                FROM location_cells
            ),
            clipped AS
            (
                -- Only what the case did inside its window counts, so its presences are clipped to the window.
                SELECT
                    c.case_key AS case_key,
                    p.cell AS cell,
                    greatest(p.start_ms, c.window_start_ms) AS clip_start_ms,
                    least(p.end_ms, c.window_end_ms) AS clip_end_ms
                FROM case_presences AS p
                INNER JOIN cases AS c ON c.case_key = p.case_key
                WHERE clip_start_ms <= clip_end_ms
            )
        SELECT DISTINCT
            o.person_key AS person_key,
            cs.case_key AS case_key,
            cs.cell AS cell,
            greatest(o.start_ms, cs.clip_start_ms) AS overlap_start_ms,
            least(o.end_ms, cs.clip_end_ms) AS overlap_end_ms
        FROM clipped AS cs
        INNER JOIN stays AS o ON o.cell = cs.cell
        WHERE o.person_key != cs.case_key
            AND overlap_end_ms - overlap_start_ms >= {{min_overlap_ms:Int64}}
        ORDER BY person_key, case_key, cell, overlap_start_ms, overlap_end_ms
        """,
        database);
}
