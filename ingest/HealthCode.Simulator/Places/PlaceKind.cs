namespace HealthCode.Simulator.Places;

/// <summary>What a place is; decides who goes there, how long, and how easily infection spreads there.</summary>
internal enum PlaceKind
{
    Home,
    Office,
    Factory,
    School,
    Hospital,
    IsolationWard,
    Restaurant,
    Shop,
    Supermarket,
    Mall,
    Gym,
    Cinema,
    Park,
    RailStation,
    Airport,
    Hotel,
    MeetingPlace,
    Attraction,
    TrainCarriage,
    Aircraft,
}
