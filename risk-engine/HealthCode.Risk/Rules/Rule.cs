namespace HealthCode.Risk.Rules;

/// <summary>The rule behind a piece of evidence.</summary>
public enum Rule
{
    /// <summary>The person is a confirmed or suspected case.</summary>
    Case = 1,

    /// <summary>Same flight and service date as a case, within the configured rows of the case's row.</summary>
    FlightCloseContact = 2,

    /// <summary>Same train, service date and carriage as a case, with overlapping journeys.</summary>
    RailCloseContact = 3,

    /// <summary>A stay in a case's cell that overlaps the case's presence there long enough.</summary>
    Companion = 4,

    /// <summary>Same flight or train service as a case without being a close contact.</summary>
    FellowTraveller = 5,

    /// <summary>An abnormal health declaration during a quarantine, which restarts it in red.</summary>
    AbnormalDeclaration = 6,
}
