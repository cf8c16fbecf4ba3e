using System.Collections;

namespace HealthCode.Risk.Engine;

/// <summary>The cases a marked person is recomputed towards: usually one, so a set is made only for more.</summary>
/// <remarks>
/// A new case marks some 20,000 people towards itself alone. A hash set each was three objects per person (the set,
/// its buckets and its entries), among the most numerous objects a case allocated (risk-e2e allocation samples).
/// </remarks>
internal sealed class CaseSet : IReadOnlyCollection<string>
{
    private readonly string _first;
    private HashSet<string>? _more;

    /// <summary>Creates the set holding <paramref name="first"/>.</summary>
    public CaseSet(string first) => _first = first;

    /// <inheritdoc/>
    public int Count => 1 + (_more?.Count ?? 0);

    /// <summary>Adds a case; a case already held changes nothing.</summary>
    public void Add(string caseKey)
    {
        if (caseKey != _first)
        {
            (_more ??= new HashSet<string>(StringComparer.Ordinal)).Add(caseKey);
        }
    }

    /// <summary>Whether the set holds <paramref name="caseKey"/>.</summary>
    public bool Contains(string caseKey) => caseKey == _first || (_more?.Contains(caseKey) ?? false);

    /// <summary>The cases, the first one first; a struct, so that a stay's loop over them allocates nothing.</summary>
    public Enumerator GetEnumerator() => new(this);

    /// <inheritdoc/>
    IEnumerator<string> IEnumerable<string>.GetEnumerator()
    {
        foreach (var caseKey in this)
        {
            yield return caseKey;
        }
    }

    /// <inheritdoc/>
    IEnumerator IEnumerable.GetEnumerator() => ((IEnumerable<string>)this).GetEnumerator();

    /// <summary>Walks the cases of a set.</summary>
    public struct Enumerator
    {
        private readonly CaseSet _set;
        private HashSet<string>.Enumerator _more;
        private bool _started;

        internal Enumerator(CaseSet set)
        {
            _set = set;
            _more = set._more?.GetEnumerator() ?? default;
            Current = string.Empty;
        }

        /// <summary>The current case.</summary>
        public string Current { get; private set; }

        /// <summary>Moves to the next case; false after the last.</summary>
        public bool MoveNext()
        {
            if (!_started)
            {
                _started = true;
                Current = _set._first;
                return true;
            }

            if (_set._more is null || !_more.MoveNext())
            {
                return false;
            }

            Current = _more.Current;
            return true;
        }
    }
}
