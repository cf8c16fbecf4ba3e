using HealthCode.Risk.Inputs;
using HealthCode.Risk.Rules;

namespace HealthCode.Risk.Codes;

/// <summary>
/// Walks one person's terms and declarations forward in event time, quarantine by quarantine, and returns the
/// code at <c>now</c>. See <see cref="CodeEvaluator"/> for the semantics; this type only carries them out.
/// </summary>
internal sealed class QuarantineWalk
{
    private readonly RuleSettings _settings;
    private readonly DateTimeOffset _now;
    private readonly Queue<QuarantineTerm> _pending;
    private readonly IReadOnlyList<Declaration> _declarations;
    private readonly List<Declaration> _abnormal;
    private int _nextAbnormal;

    /// <summary>Prepares a walk over terms and declarations that are all timestamped at or before now.</summary>
    public QuarantineWalk(
        RuleSettings settings,
        DateTimeOffset now,
        IEnumerable<QuarantineTerm> terms,
        IReadOnlyList<Declaration> declarations)
    {
        _settings = settings;
        _now = now;

        var ordered = terms.ToList();
        ordered.Sort(QuarantineTerm.Compare);
        _pending = new Queue<QuarantineTerm>(ordered);

        _declarations = declarations;
        _abnormal = declarations.Where(d => d.IsAbnormal(settings)).ToList();
    }

    /// <summary>The code at now: that of the quarantine running then, or green when none is.</summary>
    public CodeState Run()
    {
        while (_pending.Count > 0)
        {
            var first = _pending.Dequeue();

            // An abnormal declaration outside every quarantine changes nothing.
            while (_nextAbnormal < _abnormal.Count && _abnormal[_nextAbnormal].DeclaredAt < first.Start)
            {
                _nextAbnormal++;
            }

            var running = Follow([first], first.Start);
            if (running is not null)
            {
                return running;
            }
        }

        return CodeState.Green;
    }

    /// <summary>Follows one quarantine from its start: its code if it runs at now, null once it has ended.</summary>
    private CodeState? Follow(List<QuarantineTerm> active, DateTimeOffset start)
    {
        while (true)
        {
            Absorb(active);

            var termsEnd = EndOf(active.Where(t => !t.IsHold));
            if (termsEnd is not { } end || end > _now)
            {
                return Snapshot(active);
            }

            var hold = active.Where(t => t.IsHold).MaxBy(t => t.Start);
            if (hold is not null && hold.Start >= end)
            {
                // The end of the terms has been checked already; the quarantine lasts as long as its hold.
                return hold.End is null ? Snapshot(active) : null;
            }

            var holdRunsPast = hold is not null && (hold.End is null || hold.End > end);
            if (!holdRunsPast && IsReleased(start, end))
            {
                return null;
            }

            active.AddRange(HoldFrom(active, hold, holdRunsPast, end));
        }
    }

    /// <summary>
    /// Adds to the quarantine every term that starts, and every abnormal declaration made, before its current end.
    /// Each addition can only push the end later, so taking them in time order until none is left is complete.
    /// </summary>
    private void Absorb(List<QuarantineTerm> active)
    {
        while (true)
        {
            var end = EndOf(active);
            var term = _pending.Count > 0 ? _pending.Peek() : null;
            var abnormal = _nextAbnormal < _abnormal.Count ? _abnormal[_nextAbnormal] : null;

            if (term is not null && (abnormal is null || term.Start <= abnormal.DeclaredAt) && Before(term.Start, end))
            {
                active.Add(_pending.Dequeue());
            }
            else if (abnormal is not null && Before(abnormal.DeclaredAt, end))
            {
                active.Add(Restart(abnormal));
                _nextAbnormal++;
            }
            else
            {
                return;
            }
        }
    }

    /// <summary>
    /// The hold that keeps the colour past the end of the terms until the first declaration at or after it. A hold
    /// already running past that end is cut there and the new hold takes the more severe of the two colours, so a
    /// colour never falls without a normal declaration. An abnormal first declaration ends the hold and restarts.
    /// </summary>
    private IEnumerable<QuarantineTerm> HoldFrom(
        List<QuarantineTerm> active, QuarantineTerm? hold, bool holdRunsPast, DateTimeOffset end)
    {
        var ending = active.Where(t => !t.IsHold && t.End == end).ToList();

        if (hold is not null && holdRunsPast)
        {
            active.Remove(hold);
            active.Add(hold with { End = end });
            ending.Add(hold);
        }

        var colour = ending.Max(t => t.Colour);
        var evidence = ending.Where(t => t.Colour == colour).SelectMany(t => t.Evidence).ToList();
        var next = _declarations.FirstOrDefault(d => d.DeclaredAt >= end);

        yield return new QuarantineTerm(colour, end, next?.DeclaredAt, evidence, IsHold: true);

        if (next is not null && next.IsAbnormal(_settings))
        {
            _nextAbnormal = _abnormal.IndexOf(next) + 1;
            yield return Restart(next);
        }
    }

    /// <summary>Whether a normal declaration fell in the last declaration window before the end.</summary>
    private bool IsReleased(DateTimeOffset start, DateTimeOffset end)
    {
        var from = end - _settings.DeclarationWindow;
        var window = new Interval(from > start ? from : start, end);
        return _declarations.Any(d => window.Contains(d.DeclaredAt) && !d.IsAbnormal(_settings));
    }

    private QuarantineTerm Restart(Declaration declaration)
    {
        var at = declaration.DeclaredAt;
        var evidence = new Evidence(
            Rule.AbnormalDeclaration, null, "declaration", new Interval(at, at), [declaration.RecordId],
            _settings.Version);

        return new QuarantineTerm(CodeColour.Red, at, at + _settings.AbnormalRestart, [evidence], IsHold: false);
    }

    /// <summary>
    /// The code at now: the most severe colour running, valid until the latest end among that colour's terms.
    /// </summary>
    private CodeState Snapshot(List<QuarantineTerm> active)
    {
        var running = active.Where(t => t.RunsAt(_now)).ToList();
        var colour = running.Max(t => t.Colour);
        var top = running.Where(t => t.Colour == colour).ToList();

        return new CodeState(colour, EndOf(top), top.Any(t => t.IsHold), top.SelectMany(t => t.Evidence));
    }

    /// <summary>The latest end among terms, or null when any of them is open.</summary>
    private static DateTimeOffset? EndOf(IEnumerable<QuarantineTerm> terms)
    {
        DateTimeOffset? latest = null;

        foreach (var term in terms)
        {
            if (term.End is null)
            {
                return null;
            }

            latest = latest is null || term.End > latest ? term.End : latest;
        }

        return latest;
    }

    private static bool Before(DateTimeOffset instant, DateTimeOffset? end) => end is null || instant < end;
}
