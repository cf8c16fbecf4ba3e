using System.Buffers;
using System.IO.Hashing;
using System.Runtime.CompilerServices;
using System.Text;
using HealthCode.Risk;
using HealthCode.Risk.Engine;
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
    /// The hash of every field joined by '|' (the record ids by ','), fed to the hash a few kilobytes at a time: a
    /// flag's record ids run to thousands of characters, and building the joined text first was most of the cost of
    /// handing a case's flags to the person groups (and appending each id on its own was still a fifth of it).
    /// </summary>
    private static string IdOf(string personKey, CodeColour colour, long raised, long ends, StoredEvidence evidence)
    {
        var hash = new XxHash128();
        var buffer = ArrayPool<byte>.Shared.Rent(4096);
        var used = 0;

        void Append(ReadOnlySpan<char> text)
        {
            var needed = Encoding.UTF8.GetMaxByteCount(text.Length);
            if (used + needed > buffer.Length)
            {
                hash.Append(buffer.AsSpan(0, used));
                used = 0;
            }

            if (needed > buffer.Length)
            {
                hash.Append(Encoding.UTF8.GetBytes(text.ToString()));
                return;
            }

            used += Encoding.UTF8.GetBytes(text, buffer.AsSpan(used));
        }

        try
        {
            Append(string.Join('|', personKey, colour, raised, ends, evidence.Rule, evidence.CaseKey, evidence.Place,
                evidence.FromMs, evidence.ToMs, evidence.RuleSetVersion));
            Append("|");

            // Packed ids give the same text as their strings would, without making them.
            var packed = evidence.RecordIds as PackedRecordIds;
            Span<char> hex = stackalloc char[32];
            for (var i = 0; i < evidence.RecordIds.Count; i++)
            {
                if (i > 0)
                {
                    Append(",");
                }

                Append(packed is null ? evidence.RecordIds[i] : RecordKeys.Format(packed.Values[i], hex));
            }

            hash.Append(buffer.AsSpan(0, used));
            return Convert.ToHexStringLower(hash.GetCurrentHash());
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
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
