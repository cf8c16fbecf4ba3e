using System.Text.Json;
using HealthCode.Simulator.Engine;
using HealthCode.Simulator.Epidemic;
using HealthCode.Simulator.Reports;

namespace HealthCode.Simulator.Feeds.Records;

/// <summary>The <c>cases</c> feed.</summary>
internal sealed class CaseRecords
{
    private static readonly JsonEncodedText IdNumber = JsonEncodedText.Encode("id_number");
    private static readonly JsonEncodedText Status = JsonEncodedText.Encode("status");
    private static readonly JsonEncodedText ReportedAt = JsonEncodedText.Encode("reported_at");

    private readonly World _world;

    public CaseRecords(World world)
    {
        _world = world;
    }

    public static string StatusName(CaseStatus status) => status switch
    {
        CaseStatus.Confirmed => "confirmed",
        CaseStatus.Suspected => "suspected",
        _ => "cleared",
    };

    public void Write(Utf8JsonWriter writer, CaseReportLine line)
    {
        writer.WriteStartObject();
        writer.WriteString(IdNumber, _world.People[line.Person].IdNumber);
        writer.WriteString(Status, StatusName(line.Status));
        writer.WriteTimestamp(ReportedAt, _world.Clock, line.ReportedAt);
        writer.WriteEndObject();
    }

    public void WriteSample(Utf8JsonWriter writer) =>
        Write(writer, new CaseReportLine(0, CaseStatus.Suspected, 36_000));
}
