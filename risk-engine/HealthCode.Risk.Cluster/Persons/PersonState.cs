namespace HealthCode.Risk.Cluster.Persons;

/// <summary>What a person entity knows: every exposure and declaration applied, in journal order.</summary>
/// <remarks>
/// The same type is the snapshot, so it holds plain arrays: the default JSON serializer cannot rebuild sets
/// without help, nor the hidden type a collection expression makes for an <see cref="IReadOnlyList{T}"/>.
/// <see cref="Person"/> rebuilds its id lookups after recovery.
/// </remarks>
/// <param name="Exposures">The exposures applied, oldest first.</param>
/// <param name="Declarations">The declarations applied, oldest first.</param>
public sealed record PersonState(
    IReadOnlyList<ExposureRecorded> Exposures,
    IReadOnlyList<DeclarationRecorded> Declarations)
{
    /// <summary>The state of a person nothing has been recorded for.</summary>
    public static PersonState Empty { get; } =
        new(Array.Empty<ExposureRecorded>(), Array.Empty<DeclarationRecorded>());

    /// <summary>This state with <paramref name="recorded"/> appended.</summary>
    public PersonState With(ExposureRecorded recorded) =>
        this with { Exposures = Exposures.Append(recorded).ToArray() };

    /// <summary>This state with <paramref name="recorded"/> appended.</summary>
    public PersonState With(DeclarationRecorded recorded) =>
        this with { Declarations = Declarations.Append(recorded).ToArray() };
}
