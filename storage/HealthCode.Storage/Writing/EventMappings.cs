using HealthCode.Contracts.Events.V1;
using HealthCode.Storage.Schema;

namespace HealthCode.Storage.Writing;

/// <summary>The table mapping of every event and decision; pings and subscribers go to two tables each.</summary>
internal static class EventMappings
{
    /// <summary>Subscribers, by subscriber key and by person key.</summary>
    public static readonly TableMapping<Subscriber> Subscribers = new(
        [EventSchema.Subscribers, EventSchema.SubscribersByPerson],
        NativeColumn<Subscriber>.RecordId(s => s.RecordId),
        NativeColumn<Subscriber>.String("subscriber_key", s => s.SubscriberKey),
        NativeColumn<Subscriber>.String("person_key", s => s.PersonKey),
        NativeColumn<Subscriber>.String("carrier", s => s.Carrier),
        NativeColumn<Subscriber>.Time("registered_at", s => s.RegisteredAtMs));

    /// <summary>Pings, by cell and time and by subscriber and time.</summary>
    public static readonly TableMapping<Ping> Pings = new(
        [EventSchema.Pings, EventSchema.PingsBySubscriber],
        NativeColumn<Ping>.RecordId(p => p.RecordId),
        NativeColumn<Ping>.String("subscriber_key", p => p.SubscriberKey),
        NativeColumn<Ping>.Float64("lat", p => p.Lat),
        NativeColumn<Ping>.Float64("lon", p => p.Lon),
        NativeColumn<Ping>.Float32("accuracy_m", p => p.AccuracyM),
        NativeColumn<Ping>.Time("observed_at", p => p.ObservedAtMs),
        NativeColumn<Ping>.Int64("cell", p => p.Cell));

    /// <summary>Rail passengers by service and carriage.</summary>
    public static readonly TableMapping<RailTrip> RailTrips = new(
        [EventSchema.RailTrips],
        NativeColumn<RailTrip>.RecordId(r => r.RecordId),
        NativeColumn<RailTrip>.String("person_key", r => r.PersonKey),
        NativeColumn<RailTrip>.String("train", r => r.Train),
        NativeColumn<RailTrip>.Date("service_date", r => r.ServiceDate),
        NativeColumn<RailTrip>.Int32("carriage", r => r.Carriage),
        NativeColumn<RailTrip>.String("seat", r => r.Seat),
        NativeColumn<RailTrip>.String("from_station", r => r.From),
        NativeColumn<RailTrip>.String("to_station", r => r.To),
        NativeColumn<RailTrip>.Time("departs_at", r => r.DepartsAtMs),
        NativeColumn<RailTrip>.Time("arrives_at", r => r.ArrivesAtMs));

    /// <summary>Flight passengers by service and seat row.</summary>
    public static readonly TableMapping<FlightTrip> FlightTrips = new(
        [EventSchema.FlightTrips],
        NativeColumn<FlightTrip>.RecordId(f => f.RecordId),
        NativeColumn<FlightTrip>.String("person_key", f => f.PersonKey),
        NativeColumn<FlightTrip>.String("flight", f => f.Flight),
        NativeColumn<FlightTrip>.Date("service_date", f => f.ServiceDate),
        NativeColumn<FlightTrip>.String("seat", f => f.Seat),
        NativeColumn<FlightTrip>.Int32("seat_row", f => f.SeatRow),
        NativeColumn<FlightTrip>.String("seat_letter", f => f.SeatLetter),
        NativeColumn<FlightTrip>.String("from_airport", f => f.From),
        NativeColumn<FlightTrip>.String("to_airport", f => f.To),
        NativeColumn<FlightTrip>.Time("departs_at", f => f.DepartsAtMs),
        NativeColumn<FlightTrip>.Time("arrives_at", f => f.ArrivesAtMs));

    /// <summary>Case reports by person and time.</summary>
    public static readonly TableMapping<CaseReport> CaseReports = new(
        [EventSchema.CaseReports],
        NativeColumn<CaseReport>.RecordId(c => c.RecordId),
        NativeColumn<CaseReport>.String("person_key", c => c.PersonKey),
        NativeColumn<CaseReport>.Enum8(
            "status", ClickHouseTypes.CaseStatus, c => (int)c.Status, (int)CaseStatus.Cleared),
        NativeColumn<CaseReport>.Time("reported_at", c => c.ReportedAtMs));

    /// <summary>Case locations by the case's person and start.</summary>
    public static readonly TableMapping<CaseLocation> CaseLocations = new(
        [EventSchema.CaseLocations],
        NativeColumn<CaseLocation>.RecordId(l => l.RecordId),
        NativeColumn<CaseLocation>.String("case_person_key", l => l.CasePersonKey),
        NativeColumn<CaseLocation>.Float64("lat", l => l.Lat),
        NativeColumn<CaseLocation>.Float64("lon", l => l.Lon),
        NativeColumn<CaseLocation>.Float64("radius_m", l => l.RadiusM),
        NativeColumn<CaseLocation>.Time("from_at", l => l.FromMs),
        NativeColumn<CaseLocation>.Time("to_at", l => l.ToMs),
        NativeColumn<CaseLocation>.String("venue", l => l.Venue));

    /// <summary>Declarations by person and time.</summary>
    public static readonly TableMapping<Declaration> Declarations = new(
        [EventSchema.Declarations],
        NativeColumn<Declaration>.RecordId(d => d.RecordId),
        NativeColumn<Declaration>.String("person_key", d => d.PersonKey),
        NativeColumn<Declaration>.Time("declared_at", d => d.DeclaredAtMs),
        NativeColumn<Declaration>.Float64("temperature_c", d => d.TemperatureC),
        NativeColumn<Declaration>.StringArray("symptoms", d => d.Symptoms));

    /// <summary>Contact flags, every version, by case, person and flag id.</summary>
    public static readonly TableMapping<Contact> Contacts = new(
        [EventSchema.Contacts],
        NativeColumn<Contact>.String("flag_id", c => c.FlagId),
        NativeColumn<Contact>.String("person_key", c => c.PersonKey),
        NativeColumn<Contact>.String("case_key", c => c.CaseKey),
        NativeColumn<Contact>.Label("rule", c => c.Rule),
        NativeColumn<Contact>.Enum8(
            "colour", ClickHouseTypes.CodeColour, c => (int)c.Colour, (int)CodeColour.Red),
        NativeColumn<Contact>.String("place", c => c.Place),
        NativeColumn<Contact>.Time("from_at", c => c.FromMs),
        NativeColumn<Contact>.Time("to_at", c => c.ToMs),
        NativeColumn<Contact>.Time("raised_at", c => c.RaisedAtMs),
        NativeColumn<Contact>.Time("quarantine_ends", c => c.QuarantineEndsMs),
        NativeColumn<Contact>.StringArray("record_ids", c => c.RecordIds),
        NativeColumn<Contact>.Label("rule_set_version", c => c.RuleSetVersion),
        NativeColumn<Contact>.Bool("withdrawn", c => c.Withdrawn),
        NativeColumn<Contact>.Time("decided_at", c => c.DecidedAtMs));

    /// <summary>Code changes by person and sequence, the evidence as parallel arrays.</summary>
    public static readonly TableMapping<CodeChange> CodeChanges = new(
        [EventSchema.CodeChanges],
        NativeColumn<CodeChange>.String("person_key", c => c.PersonKey),
        NativeColumn<CodeChange>.Int64("sequence", c => c.Sequence),
        NativeColumn<CodeChange>.Enum8(
            "old_colour", ClickHouseTypes.CodeColour, c => (int)c.OldColour, (int)CodeColour.Red),
        NativeColumn<CodeChange>.Enum8(
            "new_colour", ClickHouseTypes.CodeColour, c => (int)c.NewColour, (int)CodeColour.Red),
        NativeColumn<CodeChange>.Time("changed_at", c => c.ChangedAtMs),
        NativeColumn<CodeChange>.NullableTime("valid_until", c => c.HasValidUntilMs ? c.ValidUntilMs : null),
        NativeColumn<CodeChange>.Bool("awaiting_declaration", c => c.AwaitingDeclaration),
        NativeColumn<CodeChange>.StringArray("evidence_rule", c => [.. c.Evidence.Select(e => e.Rule)]),
        NativeColumn<CodeChange>.StringArray("evidence_case_ref", c => [.. c.Evidence.Select(e => e.CaseRef)]),
        NativeColumn<CodeChange>.StringArray("evidence_place", c => [.. c.Evidence.Select(e => e.Place)]),
        NativeColumn<CodeChange>.TimeArray("evidence_from", c => [.. c.Evidence.Select(e => e.FromMs)]),
        NativeColumn<CodeChange>.TimeArray("evidence_to", c => [.. c.Evidence.Select(e => e.ToMs)]),
        NativeColumn<CodeChange>.StringArray(
            "evidence_record_ids", c => [.. c.Evidence.Select(e => string.Join(',', e.RecordIds))]),
        NativeColumn<CodeChange>.Label("rule_set_version", c => c.RuleSetVersion),
        NativeColumn<CodeChange>.Time("decided_at", c => c.DecidedAtMs));
}
