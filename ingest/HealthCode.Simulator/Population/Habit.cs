namespace HealthCode.Simulator.Population;

/// <summary>Slots of <see cref="Person.Favourites"/>: the venues a person returns to.</summary>
internal enum Habit
{
    RestaurantNearHome,
    RestaurantNearWork,
    Supermarket,
    Shop,
    Mall,
    Gym,
    Cinema,
    Park,
}
