namespace HealthCode.Simulator.Randomness;

/// <summary>
/// Names the independent random streams derived from one seed. Each draw site has its own stream, so adding a
/// draw in one place never shifts the numbers another place sees.
/// </summary>
internal enum RandomStream : ulong
{
    City = 1,
    Household = 2,
    Person = 3,
    Identity = 4,
    SimCard = 5,
    Trip = 6,
    Seat = 7,
    Plan = 8,
    Ping = 9,
    MovementPing = 10,
    Disease = 11,
    Seeds = 12,
    FalseSuspect = 13,
    Transmission = 14,
    Investigation = 15,
    Declaration = 16,
    Malformed = 17,
    Destination = 18,
    SickDay = 19,
}
