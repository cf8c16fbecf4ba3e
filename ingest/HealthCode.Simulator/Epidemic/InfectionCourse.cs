namespace HealthCode.Simulator.Epidemic;

/// <summary>How one infection unfolds: when and where it happened, when the person was infectious and ill.</summary>
internal sealed class InfectionCourse
{
    /// <summary>Marks a time that never comes (an asymptomatic onset, a clearance after the end).</summary>
    public const int Never = int.MaxValue;

    public required int Person { get; init; }

    public required int InfectedAt { get; init; }

    /// <summary>The infector, or -1 for a seeded infection caught before the simulation starts.</summary>
    public required int Source { get; init; }

    /// <summary>Where infector and infectee were together, or -1 for a seed.</summary>
    public required int PlaceId { get; init; }

    /// <summary>The span both were at <see cref="PlaceId"/> on the day of infection.</summary>
    public required int ExposureFrom { get; init; }

    public required int ExposureTo { get; init; }

    public required int InfectiousFrom { get; init; }

    public required int InfectiousTo { get; init; }

    /// <summary>Relative infectiousness; lower for asymptomatic infections.</summary>
    public required double Infectivity { get; init; }

    public required bool Symptomatic { get; init; }

    public required int OnsetAt { get; init; }

    public required int FeverUntil { get; init; }

    public required int SymptomsUntil { get; init; }

    public bool IsInfectiousDuring(int from, int to) => from < InfectiousTo && to > InfectiousFrom;
}
