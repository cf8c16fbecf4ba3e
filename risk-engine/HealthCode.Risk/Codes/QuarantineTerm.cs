using HealthCode.Risk.Rules;

namespace HealthCode.Risk.Codes;

/// <summary>
/// One colour running over [<see cref="Start"/>, <see cref="End"/>): from a flag, a case, an abnormal declaration,
/// or a hold past a quarantine's end. A null end means open: a case not yet cleared, or a hold not yet released.
/// </summary>
internal sealed record QuarantineTerm(
    CodeColour Colour, DateTimeOffset Start, DateTimeOffset? End, IReadOnlyList<Evidence> Evidence, bool IsHold)
{
    /// <summary>Whether the term is running at <paramref name="instant"/>.</summary>
    public bool RunsAt(DateTimeOffset instant) => Start <= instant && (End is null || instant < End);

    /// <summary>A total order, so the same set of terms is always walked the same way.</summary>
    public static int Compare(QuarantineTerm a, QuarantineTerm b)
    {
        var byStart = a.Start.CompareTo(b.Start);
        if (byStart != 0)
        {
            return byStart;
        }

        var byEnd = (a.End ?? DateTimeOffset.MaxValue).CompareTo(b.End ?? DateTimeOffset.MaxValue);
        if (byEnd != 0)
        {
            return byEnd;
        }

        // As numbers: an enum's CompareTo takes an object and boxes both sides.
        var byColour = ((int)a.Colour).CompareTo((int)b.Colour);
        return byColour != 0 ? byColour : Rules.Evidence.Compare(a.Evidence[0], b.Evidence[0]);
    }
}
