using HealthCode.Simulator.Geo;
using HealthCode.Simulator.Travel;

namespace HealthCode.Simulator.Truth;

/// <summary>One ground-truth contact: a person, the case and window, the rule, and where and when they met.</summary>
/// <param name="Person">The contact.</param>
/// <param name="Window">The case and the exposure window the contact falls in.</param>
/// <param name="Rule">The contact rule that applies.</param>
/// <param name="Cell">The shared grid cell of a companion contact.</param>
/// <param name="PersonRide">The contact's ride for the travel rules.</param>
/// <param name="From">Start of the overlap with the case, in the cell or on board.</param>
/// <param name="To">End of that overlap.</param>
internal sealed record TrueContact(int Person, CaseWindow Window, ContactRule Rule, GridCell? Cell, Ride? PersonRide,
    int From, int To);
