using HealthCode.Contracts.Geo;
using HealthCode.Risk.Inputs;

namespace HealthCode.Risk.Stays;

/// <summary>Turns a case location into one presence of the case in every cell its circle touches.</summary>
public sealed class CaseLocationCoverage
{
    private readonly Grid _grid;

    /// <summary>Creates a coverage for the grid of <paramref name="settings"/>.</summary>
    public CaseLocationCoverage(RuleSettings settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        _grid = new Grid(settings.CellMetres);
    }

    /// <summary>The case's presences: each touched cell over [from, to], with the location's record id.</summary>
    public IReadOnlyList<Presence> Cover(CaseLocation location)
    {
        ArgumentNullException.ThrowIfNull(location);

        var span = new Interval(location.From, location.To);
        return _grid
            .CellsTouchedByCircle(location.Lat, location.Lon, location.RadiusMetres)
            .Select(cell => new Presence(location.CaseKey, cell, span, [location.RecordId]))
            .ToList();
    }
}
