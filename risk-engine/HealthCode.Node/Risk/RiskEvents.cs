using Google.Protobuf;
using HealthCode.Contracts.Wire;
using HealthCode.Risk;
using HealthCode.Risk.Cluster.Journal;
using HealthCode.Risk.Rules;
using V1 = HealthCode.Contracts.Events.V1;

namespace HealthCode.Node.Risk;

/// <summary>Maps the engine's decisions to the events it publishes.</summary>
internal static class RiskEvents
{
    [ThreadStatic]
    private static V1.Contact? t_contactHead;

    /// <summary>The <c>code-changes</c> event of one journaled change; the case shows only as its reference.</summary>
    public static V1.CodeChange ToCodeChange(string personKey, CodeChanged change, string ruleSetVersion)
    {
        var message = CodeChangeHead(personKey, change, ruleSetVersion);
        message.Evidence.AddRange(change.Evidence.Select(ToEvidence));
        return message;
    }

    /// <summary>
    /// The wire bytes of <see cref="ToCodeChange"/> for <paramref name="head"/> (a <see cref="CodeChangeHead"/>) and
    /// the change's evidence, with the record ids written from the journal's values (<see cref="RecordIdsWire"/>).
    /// </summary>
    public static byte[] Encode(V1.CodeChange head, CodeChanged change)
    {
        const int evidenceField = 8;
        const int recordIdsField = 6;

        var evidence = change.Evidence
            .Select(e => (Head: EvidenceHead(e), e.RecordIds))
            .Select(e => (e.Head, e.RecordIds, HeadSize: e.Head.CalculateSize(),
                IdsSize: RecordIdsWire.Size(recordIdsField, e.RecordIds)))
            .ToList();
        var headSize = head.CalculateSize();
        var bytes = new byte[headSize + evidence.Sum(e =>
            1 + Varint.Size((uint)(e.HeadSize + e.IdsSize)) + e.HeadSize + e.IdsSize)];

        head.WriteTo(bytes.AsSpan(0, headSize));
        var at = headSize;
        foreach (var (evidenceHead, recordIds, evidenceHeadSize, idsSize) in evidence)
        {
            bytes[at++] = (evidenceField << 3) | 2;
            at += Varint.Write(bytes.AsSpan(at), (uint)(evidenceHeadSize + idsSize));
            evidenceHead.WriteTo(bytes.AsSpan(at, evidenceHeadSize));
            RecordIdsWire.Write(recordIdsField, recordIds, bytes.AsSpan(at + evidenceHeadSize, idsSize));
            at += evidenceHeadSize + idsSize;
        }

        return bytes;
    }

    /// <summary>The <c>code-changes</c> event of one change without its evidence.</summary>
    public static V1.CodeChange CodeChangeHead(string personKey, CodeChanged change, string ruleSetVersion)
    {
        var message = new V1.CodeChange
        {
            PersonKey = personKey,
            Sequence = change.Sequence,
            OldColour = ToColour(change.OldColour),
            NewColour = ToColour(change.NewColour),
            ChangedAtMs = change.ChangedAtMs,
            AwaitingDeclaration = change.AwaitingDeclaration,
            RuleSetVersion = ruleSetVersion,
            DecidedAtMs = change.DecidedAtMs,
        };

        if (change.ValidUntilMs is { } until)
        {
            message.ValidUntilMs = until;
        }

        return message;
    }

    /// <summary>The <c>contacts</c> event of a flag raised or withdrawn.</summary>
    public static V1.Contact ToContact(ContactFlag flag, bool withdrawn, long decidedAtMs)
    {
        var message = ContactHead(new V1.Contact(), flag, withdrawn, decidedAtMs);
        message.RecordIds.AddRange(flag.Evidence.RecordIds);
        return message;
    }

    /// <summary>The wire bytes of <see cref="ToContact"/>, the record ids written from the engine's values.</summary>
    public static byte[] EncodeContact(ContactFlag flag, bool withdrawn, long decidedAtMs) =>
        // One head per thread, every field set again and no id added: only its bytes are kept, and a new message
        // with its empty list of ids was two objects for each of a case's 36,000 contacts (risk-e2e allocations).
        RecordIdsWire.Encode(ContactHead(t_contactHead ??= new V1.Contact(), flag, withdrawn, decidedAtMs), 11,
            flag.Evidence.RecordIds);

    private static V1.Contact ContactHead(V1.Contact head, ContactFlag flag, bool withdrawn, long decidedAtMs)
    {
        head.FlagId = flag.Id;
        head.PersonKey = flag.PersonKey;
        head.CaseKey = flag.Evidence.CaseKey ?? string.Empty;
        head.Rule = RuleName(flag.Evidence.Rule);
        head.Colour = ToColour(flag.Colour);
        head.Place = flag.Evidence.Place;
        head.FromMs = flag.Evidence.Span.Start.ToUnixTimeMilliseconds();
        head.ToMs = flag.Evidence.Span.End.ToUnixTimeMilliseconds();
        head.RaisedAtMs = flag.RaisedAt.ToUnixTimeMilliseconds();
        head.QuarantineEndsMs = flag.QuarantineEnds.ToUnixTimeMilliseconds();
        head.RuleSetVersion = flag.Evidence.RuleSetVersion;
        head.Withdrawn = withdrawn;
        head.DecidedAtMs = decidedAtMs;
        return head;
    }

    /// <summary>The snake_case name of a rule, as events, ClickHouse and the API spell it.</summary>
    public static string RuleName(Rule rule) => rule switch
    {
        Rule.Case => "case",
        Rule.FlightCloseContact => "flight_close_contact",
        Rule.RailCloseContact => "rail_close_contact",
        Rule.Companion => "companion",
        Rule.FellowTraveller => "fellow_traveller",
        Rule.AbnormalDeclaration => "abnormal_declaration",
        _ => throw new ArgumentOutOfRangeException(nameof(rule), rule, "Unknown rule."),
    };

    /// <summary>The lowercase name of a colour.</summary>
    public static string ColourName(CodeColour colour) => colour switch
    {
        CodeColour.Green => "green",
        CodeColour.Yellow => "yellow",
        CodeColour.Red => "red",
        _ => throw new ArgumentOutOfRangeException(nameof(colour), colour, "Unknown colour."),
    };

    private static V1.CodeEvidence ToEvidence(StoredEvidence evidence)
    {
        var message = EvidenceHead(evidence);
        message.RecordIds.AddRange(evidence.RecordIds);
        return message;
    }

    private static V1.CodeEvidence EvidenceHead(StoredEvidence evidence) => new()
        {
            Rule = RuleName(evidence.Rule),
            CaseRef = evidence.CaseKey is null ? string.Empty : CaseReference.Of(evidence.CaseKey),
            Place = evidence.Place,
            FromMs = evidence.FromMs,
            ToMs = evidence.ToMs,
            RuleSetVersion = evidence.RuleSetVersion,
        };

    private static V1.CodeColour ToColour(CodeColour colour) => colour switch
    {
        CodeColour.Green => V1.CodeColour.Green,
        CodeColour.Yellow => V1.CodeColour.Yellow,
        CodeColour.Red => V1.CodeColour.Red,
        _ => throw new ArgumentOutOfRangeException(nameof(colour), colour, "Unknown colour."),
    };
}
