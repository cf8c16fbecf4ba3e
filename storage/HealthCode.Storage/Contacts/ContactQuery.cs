using System.Globalization;
using HealthCode.Contracts.Events.V1;

namespace HealthCode.Storage.Contacts;

/// <summary>Reads the current contact flags: each flag's newest version, unless that version withdrew it.</summary>
/// <remarks>
/// The queries pick the newest version per flag themselves rather than reading with FINAL: FINAL collapses rows
/// only within a partition and only once the parts are read together, and on equal decision times it keeps
/// whichever row was inserted last. Ordering by (decided_at, withdrawn) makes a withdrawal win such a tie, so a
/// flag once withdrawn at a given decision time never reappears because of insert order.
/// </remarks>
public static class ContactQuery
{
    /// <summary>The current flags of one case, sorted by person, rule and exposure start.</summary>
    public static async Task<IReadOnlyList<StoredContact>> OfCaseAsync(
        IAnalyticsStore store, string caseKey, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(store);
        ArgumentException.ThrowIfNullOrEmpty(caseKey);

        var parameters = new QueryParameters().Add("case_key", caseKey);
        var rows = await store.QueryRowsAsync(OfCaseSql(store.Database), parameters, cancellationToken)
            .ConfigureAwait(false);

        return rows.Map((r, i) => new StoredContact(
            r.Get<string>(i, "flag_id"),
            r.Get<string>(i, "person_key"),
            r.Get<string>(i, "case_key"),
            r.Get<string>(i, "rule"),
            Colour(r.Get<string>(i, "colour")),
            r.Get<string>(i, "place"),
            At(r.Get<DateTime>(i, "from_at")),
            At(r.Get<DateTime>(i, "to_at")),
            At(r.Get<DateTime>(i, "raised_at")),
            At(r.Get<DateTime>(i, "quarantine_ends")),
            [.. r.Get<object?[]>(i, "record_ids").Cast<string>()],
            r.Get<string>(i, "rule_set_version"),
            At(r.Get<DateTime>(i, "decided_at"))));
    }

    /// <summary>The number of current (not withdrawn) flags per rule, over every case.</summary>
    public static async Task<IReadOnlyDictionary<string, long>> CountByRuleAsync(
        IAnalyticsStore store, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(store);

        var rows = await store.QueryRowsAsync(CountByRuleSql(store.Database), null, cancellationToken)
            .ConfigureAwait(false);

        return rows.Map((r, i) => (Rule: r.Get<string>(i, "rule"), Count: r.Get<long>(i, "contacts")))
            .ToDictionary(c => c.Rule, c => c.Count, StringComparer.Ordinal);
    }

    private static DateTimeOffset At(DateTime utc) => new(utc);

    private static CodeColour Colour(string name) => name switch
    {
        "green" => CodeColour.Green,
        "yellow" => CodeColour.Yellow,
        "red" => CodeColour.Red,
        _ => CodeColour.Unspecified,
    };

    // The case filter is the sorting key's prefix, so only that case's granules are read.
    private static string OfCaseSql(string database) => string.Format(
        CultureInfo.InvariantCulture,
        """
        SELECT
            flag_id, person_key, case_key, rule, colour, place, from_at, to_at, raised_at, quarantine_ends,
            record_ids, rule_set_version, decided_at
        FROM
        (
            SELECT *
            FROM `{0}`.contacts
            WHERE case_key = {{case_key:String}}
            ORDER BY flag_id, decided_at DESC, withdrawn DESC
            LIMIT 1 BY flag_id
        )
        WHERE NOT withdrawn
        ORDER BY person_key, rule, from_at, flag_id
        """,
        database);

    // A flag's rule is part of its id, so any version's rule is the flag's rule.
    private static string CountByRuleSql(string database) => string.Format(
        CultureInfo.InvariantCulture,
        """
        SELECT flag_rule AS rule, count() AS contacts
        FROM
        (
            SELECT
                flag_id,
                any(rule) AS flag_rule,
                argMax(withdrawn, (decided_at, withdrawn)) AS is_withdrawn
            FROM `{0}`.contacts
            GROUP BY flag_id
        )
        WHERE NOT is_withdrawn
        GROUP BY flag_rule
        ORDER BY flag_rule
        """,
        database);
}
