namespace HealthCode.Simulator.Reports;

/// <summary>Who is under observation from when: a start per report that made the person a case or contact.</summary>
internal sealed class Observations
{
    private readonly SortedDictionary<int, SortedSet<int>> _starts = [];

    public int People => _starts.Count;

    public void Add(int person, int from)
    {
        if (!_starts.TryGetValue(person, out var starts))
        {
            starts = [];
            _starts[person] = starts;
        }

        starts.Add(from);
    }

    /// <summary>Each observed person, in index order, with the starts of their observations.</summary>
    public IEnumerable<KeyValuePair<int, SortedSet<int>>> InPersonOrder() => _starts;
}
