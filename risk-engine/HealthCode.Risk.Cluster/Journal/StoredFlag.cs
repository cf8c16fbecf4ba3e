using System.IO.Hashing;
using System.Runtime.CompilerServices;
using System.Text;
using HealthCode.Risk.Rules;

namespace HealthCode.Risk.Cluster.Journal;

/// <summary>A contact flag as the journal keeps it, with a stable id derived from its content.</summary>
/// <param name="FlagId">32 hex digits of a hash over everything the flag says.</param>
/// <param name="Colour">The colour it asks for.</param>
/// <param name="RaisedAtMs">When it was raised, Unix milliseconds.</param>
/// <param name="QuarantineEndsMs">When its quarantine ends, Unix milliseconds.</param>
/// <param name="Evidence">Why it was raised.</param>
public sealed record StoredFlag(
    string FlagId, CodeColour Colour, long RaisedAtMs, long QuarantineEndsMs, StoredEvidence Evidence)
{
    // The engine keeps a flag it did not recompute as the same object, and hands it over again in every complete
    // flag set of its person: the journal form, id and all, is made once per flag object.
    private static readonly ConditionalWeakTable<ContactFlag, StoredFlag> Made = new();

    // And back: the flag a journal form was made from or last turned into, so a group evaluating a person's code
    // after every update does not rebuild every flag and its evidence each time.
    private static readonly ConditionalWeakTable<StoredFlag, ContactFlag> Origin = new();

    /// <summary>The journal form of <paramref name="flag"/>, with its content id.</summary>
    public static StoredFlag From(ContactFlag flag)
    {
        ArgumentNullException.ThrowIfNull(flag);
        return Made.GetValue(flag, Make);
    }

    private static StoredFlag Make(ContactFlag flag)
    {
        var evidence = StoredEvidence.From(flag.Evidence);
        var raised = flag.RaisedAt.ToUnixTimeMilliseconds();
        var ends = flag.QuarantineEnds.ToUnixTimeMilliseconds();
        var id = IdOf(flag.PersonKey, flag.Colour, raised, ends, evidence);

        var stored = new StoredFlag(id, flag.Colour, raised, ends, evidence);
        Origin.AddOrUpdate(stored, flag);
        return stored;
    }

    /// <summary>
    /// The hash of every field joined by '|' (the record ids by ','), fed to the hash piece by piece: a flag's
    /// record ids run to thousands of characters, and building the joined text first was most of the cost of
    /// handing a case's flags to the person groups.
    /// </summary>
    private static string IdOf(string personKey, CodeColour colour, long raised, long ends, StoredEvidence evidence)
    {
        var hash = new XxHash128();
        Span<byte> buffer = stackalloc byte[256];

        void Append(ReadOnlySpan<char> text, Span<byte> scratch)
        {
            var needed = Encoding.UTF8.GetMaxByteCount(text.Length);
            if (needed <= scratch.Length)
            {
                hash.Append(scratch[..Encoding.UTF8.GetBytes(text, scratch)]);
                return;
            }

            hash.Append(Encoding.UTF8.GetBytes(text.ToString()));
        }

        var head = string.Join('|', personKey, colour, raised, ends, evidence.Rule, evidence.CaseKey, evidence.Place,
            evidence.FromMs, evidence.ToMs, evidence.RuleSetVersion);
        Append(head, buffer);
        Append("|", buffer);
        for (var i = 0; i < evidence.RecordIds.Count; i++)
        {
            if (i > 0)
            {
                Append(",", buffer);
            }

            Append(evidence.RecordIds[i], buffer);
        }

        return Convert.ToHexStringLower(hash.GetCurrentHash());
    }

    /// <summary>The flag this stands for, of <paramref name="personKey"/>.</summary>
    public ContactFlag ToFlag(string personKey)
    {
        if (Origin.TryGetValue(this, out var known) && known.PersonKey == personKey)
        {
            return known;
        }

        var flag = new ContactFlag(personKey, Colour, DateTimeOffset.FromUnixTimeMilliseconds(RaisedAtMs),
            DateTimeOffset.FromUnixTimeMilliseconds(QuarantineEndsMs), Evidence.ToEvidence());
        Origin.AddOrUpdate(this, flag);
        return flag;
    }
}
