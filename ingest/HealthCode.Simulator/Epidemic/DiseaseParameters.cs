using HealthCode.Simulator.Places;

namespace HealthCode.Simulator.Epidemic;

/// <summary>
/// The disease model, loosely after published estimates for the 2020 coronavirus: log-normal incubation with a
/// median near 5 days, infectious from 2 days before onset, about a third of infections without symptoms.
/// </summary>
internal static class DiseaseParameters
{
    public const double IncubationMedianDays = 5.1;
    public const double IncubationSigma = 0.42;
    public const double MinIncubationDays = 2.0;
    public const double PresymptomaticDays = 2.0;
    public const double InfectiousAfterOnsetDays = 7.0;
    public const double AsymptomaticShare = 0.3;
    public const double AsymptomaticInfectivity = 0.5;

    /// <summary>Share of symptomatic people who never seek a test, so are never reported.</summary>
    public const double UnreportedShare = 0.1;

    /// <summary>Median and spread of days from onset to the first report.</summary>
    public const double ReportDelayMedianDays = 1.5;
    public const double ReportDelaySigma = 0.5;

    public const double DirectlyConfirmedShare = 0.4;

    /// <summary>Daily chance that someone healthy has a fever that gets them reported as suspected.</summary>
    public const double FalseSuspectPerDay = 1.5e-5;

    public const double SickDayShare = 0.5;

    public const int HomeQuarantineDays = 14;

    /// <summary>
    /// Infection chance per minute that one infectious and one susceptible person share a place, before the
    /// crowd factor. Indexed by <see cref="PlaceKind"/>.
    /// </summary>
    public static double BetaPerMinute(PlaceKind kind) => kind switch
    {
        PlaceKind.Home => 1.0e-4,
        PlaceKind.Office or PlaceKind.Factory => 3.0e-5,
        PlaceKind.School => 2.0e-5,
        PlaceKind.Hospital => 3.0e-5,
        PlaceKind.Restaurant => 8.0e-5,
        PlaceKind.Shop or PlaceKind.Supermarket => 3.0e-5,
        PlaceKind.Mall => 2.0e-5,
        PlaceKind.Gym => 8.0e-5,
        PlaceKind.Cinema => 6.0e-5,
        PlaceKind.Park or PlaceKind.Attraction => 5.0e-6,
        PlaceKind.RailStation or PlaceKind.Airport => 1.0e-5,
        PlaceKind.Hotel => 1.0e-5,
        PlaceKind.MeetingPlace => 4.0e-5,
        PlaceKind.TrainCarriage => 8.0e-5,
        PlaceKind.Aircraft => 2.0e-4,
        _ => 0.0,
    };

    /// <summary>
    /// People met in a crowd: in a place with more visitors than this in a day, each pair's chance shrinks so
    /// a person meets about this many, because nobody talks to all 300 colleagues.
    /// </summary>
    public static int CrowdReference(PlaceKind kind) => kind switch
    {
        PlaceKind.Home => int.MaxValue,
        PlaceKind.School => 40,
        PlaceKind.Mall or PlaceKind.Park or PlaceKind.RailStation or PlaceKind.Airport => 30,
        PlaceKind.Hotel or PlaceKind.MeetingPlace => 10,
        PlaceKind.TrainCarriage or PlaceKind.Gym or PlaceKind.Shop => 15,
        _ => 20,
    };

    /// <summary>Seat rows apart within which air passengers can infect each other.</summary>
    public const int AircraftRowReach = 2;
}
