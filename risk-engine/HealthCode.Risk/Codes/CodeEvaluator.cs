using HealthCode.Risk.Inputs;
using HealthCode.Risk.Rules;

namespace HealthCode.Risk.Codes;

/// <summary>
/// Computes a person's health code at an instant from the set of their flags, case reports and declarations.
/// </summary>
/// <remarks>
/// <para>
/// Only inputs timestamped at or before <c>now</c> count: a flag from its <see cref="ContactFlag.RaisedAt"/>, a
/// report from its <c>reported_at</c>, a declaration from its <c>declared_at</c>. The inputs are treated as a set:
/// every step sorts by a total order and repeated records count once, so any delivery order gives the same code.
/// </para>
/// <para>
/// A <b>term</b> is one colour over a half-open span [start, end): a flag runs from its raising to its quarantine
/// end; a case runs red from its first confirmed or suspected report to the cleared-case span after the cleared
/// report that closes it (open-ended until then); an abnormal declaration made during a quarantine adds a red
/// term from the declaration for the abnormal-restart span.
/// </para>
/// <para>
/// A <b>quarantine</b> is a maximal chain of terms in event time: it starts with the earliest term not yet in a
/// quarantine, and every term that starts, and every abnormal declaration made, before the quarantine's current
/// end (the latest end of its terms) joins it and may push that end later. A term starting exactly at the end
/// does not join; it starts the next quarantine if the first is released. Abnormal declarations outside every
/// quarantine are ignored.
/// </para>
/// <para>
/// At the quarantine's end E the code is <b>released</b> to green only if there is a normal declaration in
/// [max(start, E − declaration window), E]. Otherwise a <b>hold</b> keeps the most severe colour of the terms
/// ending at E (with their evidence) from E until the first declaration at or after E: a normal one releases the
/// code then (unless later terms joined meanwhile, whose own end is checked the same way), an abnormal one
/// restarts red. While held the quarantine is still running, so new terms and abnormal declarations join it, and
/// a held colour is never lowered without a normal declaration.
/// </para>
/// <para>
/// Within a running quarantine the code is the most severe colour among the terms running at now, valid until
/// the latest end among the running terms of that colour (null when one is open: an uncleared case or a hold).
/// The colour may fall from red to yellow inside a quarantine when the red terms end before the yellow ones; the
/// declaration check applies only to the return to green.
/// </para>
/// </remarks>
public sealed class CodeEvaluator
{
    private readonly RuleSettings _settings;

    /// <summary>Creates an evaluator for the durations and thresholds of <paramref name="settings"/>.</summary>
    public CodeEvaluator(RuleSettings settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        _settings = settings;
    }

    /// <summary>
    /// The code of <paramref name="personKey"/> at <paramref name="now"/>. Every input must belong to that person;
    /// inputs timestamped after now are ignored.
    /// </summary>
    public CodeState Evaluate(
        string personKey,
        DateTimeOffset now,
        IEnumerable<ContactFlag> flags,
        IEnumerable<CaseReport> reports,
        IEnumerable<Declaration> declarations)
    {
        ArgumentException.ThrowIfNullOrEmpty(personKey);
        ArgumentNullException.ThrowIfNull(flags);
        ArgumentNullException.ThrowIfNull(reports);
        ArgumentNullException.ThrowIfNull(declarations);

        // A flag whose quarantine was over before it could be raised (a case reported late) never colours anyone.
        var flagTerms = flags
            .Where(f => Owned(personKey, f.PersonKey, "flag") && f.RaisedAt <= now && f.QuarantineEnds > f.RaisedAt)
            .Distinct()
            .Select(f => new QuarantineTerm(f.Colour, f.RaisedAt, f.QuarantineEnds, [f.Evidence], IsHold: false));

        var knownReports = reports
            .Where(r => Owned(personKey, r.PersonKey, "case report") && r.ReportedAt <= now)
            .DistinctBy(r => r.RecordId, StringComparer.Ordinal);

        var knownDeclarations = declarations
            .Where(d => Owned(personKey, d.PersonKey, "declaration") && d.DeclaredAt <= now)
            .DistinctBy(d => d.RecordId, StringComparer.Ordinal)
            .OrderBy(d => d.DeclaredAt)
            .ThenBy(d => d.RecordId, StringComparer.Ordinal)
            .ToList();

        var terms = flagTerms.Concat(CaseTerms.Of(knownReports, _settings));
        return new QuarantineWalk(_settings, now, terms, knownDeclarations).Run();
    }

    private static bool Owned(string personKey, string owner, string what)
    {
        // Another person's record would silently colour the wrong person: that is a caller's bug, not a filter.
        if (owner != personKey)
        {
            throw new ArgumentException($"A {what} of person {owner} was given for person {personKey}.", what);
        }

        return true;
    }
}
