using HealthCode.Risk.Inputs;

namespace HealthCode.Risk.Rules;

/// <summary>
/// The rail rules: on the same train and service date as a case that boarded inside its exposure window, a
/// passenger in the same carriage whose journey overlaps the case's is a close contact (red); any other passenger
/// of that service is a fellow traveller (yellow).
/// </summary>
/// <remarks>
/// Journeys overlap when they share a positive span of time: one passenger alighting at the instant the other
/// boards did not ride with them. A same-carriage passenger without overlap is still on the same train, so is a
/// fellow traveller, as is anyone in another carriage. Both quarantines run from the later of the two arrivals.
/// </remarks>
public sealed class RailRule
{
    private readonly RuleSettings _settings;

    /// <summary>Creates the rule with the durations of <paramref name="settings"/>.</summary>
    public RailRule(RuleSettings settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        _settings = settings;
    }

    /// <summary>The flag for <paramref name="personTrip"/> against the case's trip, or null if none applies.</summary>
    public ContactFlag? Evaluate(CaseExposure exposure, RailTrip caseTrip, RailTrip personTrip)
    {
        ArgumentNullException.ThrowIfNull(exposure);
        ArgumentNullException.ThrowIfNull(caseTrip);
        ArgumentNullException.ThrowIfNull(personTrip);

        var counts = exposure.CountsTrip(caseTrip.PersonKey, caseTrip.RecordId, caseTrip.DepartsAt,
            personTrip.PersonKey);
        var sameService = caseTrip.Train == personTrip.Train && caseTrip.ServiceDate == personTrip.ServiceDate;

        if (!counts || !sameService)
        {
            return null;
        }

        var caseJourney = new Interval(caseTrip.DepartsAt, caseTrip.ArrivesAt);
        var personJourney = new Interval(personTrip.DepartsAt, personTrip.ArrivesAt);
        var overlap = caseJourney.Intersect(personJourney);
        var close = caseTrip.Carriage == personTrip.Carriage && overlap is { Duration.Ticks: > 0 };
        var laterArrival = Instants.Later(caseTrip.ArrivesAt, personTrip.ArrivesAt);

        // A close contact's evidence is the time they rode together; a fellow traveller's is both journeys.
        var span = close
            ? overlap!.Value
            : new Interval(Instants.Earlier(caseTrip.DepartsAt, personTrip.DepartsAt), laterArrival);
        var place = close
            ? $"train {caseTrip.Train} {caseTrip.ServiceDate} carriage {caseTrip.Carriage}"
            : $"train {caseTrip.Train} {caseTrip.ServiceDate}";

        var evidence = new Evidence(
            close ? Rule.RailCloseContact : Rule.FellowTraveller,
            exposure.CaseKey,
            place,
            span,
            [exposure.Report.RecordId, caseTrip.RecordId, personTrip.RecordId],
            _settings.Version);

        return new ContactFlag(
            personTrip.PersonKey,
            close ? CodeColour.Red : CodeColour.Yellow,
            exposure.RaisedAt(span),
            laterArrival + (close ? _settings.RailCloseContactQuarantine : _settings.FellowTravellerQuarantine),
            evidence);
    }
}
