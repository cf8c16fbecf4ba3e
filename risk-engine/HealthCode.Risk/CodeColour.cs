namespace HealthCode.Risk;

/// <summary>A health-code colour; the numeric order is the severity order.</summary>
public enum CodeColour
{
    /// <summary>No running quarantine.</summary>
    Green = 0,

    /// <summary>A companion or fellow traveller quarantine.</summary>
    Yellow = 1,

    /// <summary>A case, a close contact, or an abnormal declaration during a quarantine.</summary>
    Red = 2,
}
