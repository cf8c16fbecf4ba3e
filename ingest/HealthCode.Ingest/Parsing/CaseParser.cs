using Google.Protobuf;
using HealthCode.Contracts.Events.V1;
using HealthCode.Contracts.Feeds;
using HealthCode.Ingest.Identity;

namespace HealthCode.Ingest.Parsing;

/// <summary>
/// Parses <c>cases</c>: id_number, status (confirmed, suspected, cleared), reported_at. Key: person.
/// </summary>
internal sealed class CaseParser : JsonFeedParser
{
    private const int IdNumber = 0, Status = 1, ReportedAt = 2;

    public CaseParser(Pseudonymiser pseudonymiser)
        : base(Feed.Cases, pseudonymiser, "id_number", "status", "reported_at")
    {
    }

    protected override IMessage? Build(out string key)
    {
        key = PersonKeyOf(IdNumber);
        var statusText = Fields.Text(Status);
        var status = CaseStatus.Unspecified;

        if (Fields.Error is null)
        {
            status = statusText.ToLowerInvariant() switch
            {
                "confirmed" => CaseStatus.Confirmed,
                "suspected" => CaseStatus.Suspected,
                "cleared" => CaseStatus.Cleared,
                _ => Fields.Invalid(Status, "must be confirmed, suspected or cleared", CaseStatus.Unspecified),
            };
        }

        var reportedAt = Fields.Timestamp(ReportedAt);

        return new CaseReport { PersonKey = key, Status = status, ReportedAtMs = reportedAt };
    }

    protected override void SetRecordId(IMessage message, ByteString id) => ((CaseReport)message).RecordId = id;
}
