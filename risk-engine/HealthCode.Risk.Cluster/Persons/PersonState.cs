namespace HealthCode.Risk.Cluster.Persons;

/// <summary>What a person entity knows: every exposure and declaration applied, in journal order.</summary>
/// <remarks>
/// The same type is the snapshot. It holds plain arrays rather than sets so the default JSON serializer
/// round-trips it; the id lookups are rebuilt by <see cref="Person"/> after recovery.
/// </remarks>
/// <param name="Exposures">The exposures applied, oldest first.</param>
/// <param name="Declarations">The declarations applied, oldest first.</param>
public sealed record PersonState(
    IReadOnlyList<ExposureRecorded> Exposures,
    IReadOnlyList<DeclarationRecorded> Declarations)
{
    /// <summary>The state of a person nothing has been recorded for.</summary>
    public static PersonState Empty { get; } = new([], []);

    /// <summary>This state with <paramref name="recorded"/> appended.</summary>
    public PersonState With(ExposureRecorded recorded) => this with { Exposures = [.. Exposures, recorded] };

    /// <summary>This state with <paramref name="recorded"/> appended.</summary>
    public PersonState With(DeclarationRecorded recorded) => this with { Declarations = [.. Declarations, recorded] };
}
