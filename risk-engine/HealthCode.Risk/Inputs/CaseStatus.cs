namespace HealthCode.Risk.Inputs;

/// <summary>The status a case report gives a person.</summary>
public enum CaseStatus
{
    /// <summary>A laboratory-confirmed case.</summary>
    Confirmed = 1,

    /// <summary>A suspected case, treated like a confirmed one.</summary>
    Suspected = 2,

    /// <summary>The person is no longer a case.</summary>
    Cleared = 3,
}
