using System.IO.Hashing;
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
    /// <summary>The journal form of <paramref name="flag"/>, with its content id.</summary>
    public static StoredFlag From(ContactFlag flag)
    {
        ArgumentNullException.ThrowIfNull(flag);

        var evidence = StoredEvidence.From(flag.Evidence);
        var raised = flag.RaisedAt.ToUnixTimeMilliseconds();
        var ends = flag.QuarantineEnds.ToUnixTimeMilliseconds();
        var text = string.Join('|', flag.PersonKey, flag.Colour, raised, ends, evidence.Rule, evidence.CaseKey,
            evidence.Place, evidence.FromMs, evidence.ToMs, evidence.RuleSetVersion,
            string.Join(',', evidence.RecordIds));
        var id = Convert.ToHexStringLower(XxHash128.Hash(Encoding.UTF8.GetBytes(text)));

        return new StoredFlag(id, flag.Colour, raised, ends, evidence);
    }

    /// <summary>The flag this stands for, of <paramref name="personKey"/>.</summary>
    public ContactFlag ToFlag(string personKey) => new(personKey, Colour,
        DateTimeOffset.FromUnixTimeMilliseconds(RaisedAtMs), DateTimeOffset.FromUnixTimeMilliseconds(QuarantineEndsMs),
        Evidence.ToEvidence());
}
