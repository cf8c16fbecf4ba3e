namespace HealthCode.Simulator.Truth;

/// <summary>
/// An exposure window of a reported case: the union of the 14 days before each confirmed or suspected report of
/// one episode. <see cref="FirstReport"/> starts the quarantine of the contacts found in it.
/// </summary>
internal sealed record CaseWindow(int CasePerson, int From, int To, int FirstReport);
