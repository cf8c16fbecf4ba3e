using HealthCode.Risk.Inputs;

namespace HealthCode.Risk.Rules;

/// <summary>
/// The flight rules: on the same flight and service date as a case that departed inside its exposure window, a
/// passenger within the configured rows of the case's row is a close contact (red), any other passenger a fellow
/// traveller (yellow).
/// </summary>
/// <remarks>
/// Both quarantines run from the flight's arrival. The two manifest records describe the same flight, so they
/// should agree; when they do not, the later arrival is taken so that no quarantine ends early.
/// </remarks>
public sealed class FlightRule
{
    private readonly RuleSettings _settings;

    /// <summary>Creates the rule with the thresholds of <paramref name="settings"/>.</summary>
    public FlightRule(RuleSettings settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        _settings = settings;
    }

    /// <summary>The flag for <paramref name="personTrip"/> against the case's trip, or null if none applies.</summary>
    public ContactFlag? Evaluate(CaseExposure exposure, FlightTrip caseTrip, FlightTrip personTrip)
    {
        ArgumentNullException.ThrowIfNull(exposure);
        ArgumentNullException.ThrowIfNull(caseTrip);
        ArgumentNullException.ThrowIfNull(personTrip);

        var counts = exposure.CountsTrip(caseTrip.PersonKey, caseTrip.RecordId, caseTrip.DepartsAt,
            personTrip.PersonKey);
        var sameService = caseTrip.Flight == personTrip.Flight && caseTrip.ServiceDate == personTrip.ServiceDate;

        if (!counts || !sameService)
        {
            return null;
        }

        var departs = Instants.Earlier(caseTrip.DepartsAt, personTrip.DepartsAt);
        var arrives = Instants.Later(caseTrip.ArrivesAt, personTrip.ArrivesAt);
        var span = new Interval(departs, arrives);
        var close = Math.Abs(personTrip.SeatRow - caseTrip.SeatRow) <= _settings.FlightRowDistance;

        var evidence = new Evidence(
            close ? Rule.FlightCloseContact : Rule.FellowTraveller,
            exposure.CaseKey,
            $"flight {caseTrip.Flight} {caseTrip.ServiceDate}",
            span,
            [exposure.Report.RecordId, caseTrip.RecordId, personTrip.RecordId],
            _settings.Version);

        return new ContactFlag(
            personTrip.PersonKey,
            close ? CodeColour.Red : CodeColour.Yellow,
            exposure.RaisedAt(span),
            arrives + (close ? _settings.FlightCloseContactQuarantine : _settings.FellowTravellerQuarantine),
            evidence);
    }
}
