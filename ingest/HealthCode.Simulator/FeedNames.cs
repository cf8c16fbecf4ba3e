namespace HealthCode.Simulator;

/// <summary>The partner feeds the simulator writes, named as in the design's input contract.</summary>
/// <remarks>
/// Internal on purpose: the simulator does not reference HealthCode.Contracts, so that its files and ground truth
/// stay an independent check of ingest; callers use <c>HealthCode.Contracts.Feeds.FeedNames</c>.
/// </remarks>
internal static class FeedNames
{
    /// <summary>Real-name SIM registrations.</summary>
    public const string Subscribers = "subscribers";

    /// <summary>Carrier location pings (the one CSV feed).</summary>
    public const string Pings = "pings";

    /// <summary>Railway passenger manifests.</summary>
    public const string Rail = "rail";

    /// <summary>Civil-aviation passenger manifests.</summary>
    public const string Flights = "flights";

    /// <summary>Case reports: confirmed, suspected, cleared.</summary>
    public const string Cases = "cases";

    /// <summary>Places of cases found by investigation.</summary>
    public const string CaseLocations = "case_locations";

    /// <summary>Self-reported health of people in quarantine.</summary>
    public const string Declarations = "declarations";

    /// <summary>Every feed, in the order the simulator writes them.</summary>
    public static IReadOnlyList<string> All { get; } =
        [Subscribers, Pings, Rail, Flights, Cases, CaseLocations, Declarations];

    /// <summary>The file a feed is written to: <c>pings.csv</c>, otherwise the name plus <c>.jsonl</c>.</summary>
    public static string FileName(string feed) => feed == Pings ? "pings.csv" : feed + ".jsonl";
}
