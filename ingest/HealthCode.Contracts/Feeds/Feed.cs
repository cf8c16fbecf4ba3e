namespace HealthCode.Contracts.Feeds;

/// <summary>The seven partner feeds of the input contract.</summary>
public enum Feed
{
    /// <summary>Real-name SIM registrations (JSON Lines).</summary>
    Subscribers,

    /// <summary>Carrier location pings (CSV with a header line).</summary>
    Pings,

    /// <summary>Railway passenger manifests (JSON Lines).</summary>
    Rail,

    /// <summary>Civil-aviation passenger manifests (JSON Lines).</summary>
    Flights,

    /// <summary>Case reports (JSON Lines).</summary>
    Cases,

    /// <summary>Case locations from case investigation (JSON Lines).</summary>
    CaseLocations,

    /// <summary>Self-reported health declarations (JSON Lines).</summary>
    Declarations,
}
