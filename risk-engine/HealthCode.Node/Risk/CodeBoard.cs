using System.Collections.Concurrent;
using V1 = HealthCode.Contracts.Events.V1;

namespace HealthCode.Node.Risk;

/// <summary>
/// The latest published code change of every person this node published for, kept by (person, sequence) the way
/// an app platform consuming <c>code-changes</c> would: a repeated or older change does not replace a newer one.
/// </summary>
/// <remarks>
/// A change is kept without its evidence: the person groups hold the evidence and answer for it, and a board of
/// every published record id would grow with every case (2,600 changes of a thousand record ids each, a case at
/// 100,000 people) and keep all of it alive for the GC to copy.
/// </remarks>
internal sealed class CodeBoard
{
    private readonly ConcurrentDictionary<string, V1.CodeChange> _latest = new(StringComparer.Ordinal);

    /// <summary>Code changes accepted, repeats excluded.</summary>
    public long Accepted => Interlocked.Read(ref _accepted);

    private long _accepted;

    /// <summary>Takes a published change; false when it was a repeat or older than the one held.</summary>
    public bool Accept(V1.CodeChange published)
    {
        var change = published;
        if (change.Evidence.Count > 0)
        {
            change = published.Clone();
            change.Evidence.Clear();
        }

        var accepted = false;
        _latest.AddOrUpdate(
            change.PersonKey,
            _ =>
            {
                accepted = true;
                return change;
            },
            (_, held) =>
            {
                accepted = change.Sequence > held.Sequence;
                return accepted ? change : held;
            });

        if (accepted)
        {
            Interlocked.Increment(ref _accepted);
        }

        return accepted;
    }

    /// <summary>The latest change of every person (without evidence), sorted by person key.</summary>
    public IReadOnlyList<V1.CodeChange> Latest() =>
        [.. _latest.Values.OrderBy(c => c.PersonKey, StringComparer.Ordinal)];
}
