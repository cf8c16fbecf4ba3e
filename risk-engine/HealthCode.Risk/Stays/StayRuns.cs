using HealthCode.Contracts.Geo;

namespace HealthCode.Risk.Stays;

/// <summary>
/// The one place the stay rule is carried out: splits pings in time order into runs in one cell with no gap
/// longer than the stay gap. Both the rule library and the engine's compact ping tracks use it.
/// </summary>
internal static class StayRuns
{
    /// <summary>
    /// Whether a ping in <paramref name="cell"/> at <paramref name="ticks"/> continues the run of the one before.
    /// </summary>
    public static bool Continues(
        CellKey previousCell, long previousTicks, CellKey cell, long ticks, long maxGapTicks) =>
        cell == previousCell && ticks - previousTicks <= maxGapTicks;

    /// <summary>The [first, last] index pairs of the runs of <paramref name="count"/> ordered pings.</summary>
    public static IEnumerable<(int First, int Last)> Split(
        int count, Func<int, long> ticksAt, Func<int, CellKey> cellAt, long maxGapTicks)
    {
        var first = 0;

        for (var i = 1; i <= count; i++)
        {
            var continues = i < count && Continues(cellAt(i - 1), ticksAt(i - 1), cellAt(i), ticksAt(i), maxGapTicks);

            if (!continues && count > 0)
            {
                yield return (first, i - 1);
                first = i;
            }
        }
    }
}
