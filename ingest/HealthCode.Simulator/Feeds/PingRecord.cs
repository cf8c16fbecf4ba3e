namespace HealthCode.Simulator.Feeds;

/// <summary>One carrier ping: the SIM, the noisy reported position, its accuracy and the observation second.</summary>
internal readonly record struct PingRecord(int Time, int Sim, double Lat, double Lon, int AccuracyMeters);
