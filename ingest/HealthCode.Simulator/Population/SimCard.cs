namespace HealthCode.Simulator.Population;

/// <summary>A real-name registered SIM: its E.164 number, carrier, owner and registration time.</summary>
internal sealed class SimCard
{
    public SimCard(int index, int personIndex, string msisdn, Carrier carrier, long registeredAt)
    {
        Index = index;
        PersonIndex = personIndex;
        Msisdn = msisdn;
        MsisdnUtf8 = System.Text.Encoding.ASCII.GetBytes(msisdn);
        Carrier = carrier;
        RegisteredAt = registeredAt;
    }

    /// <summary>Dense index over all SIMs, in person order; it orders pings of the same second.</summary>
    public int Index { get; }

    public int PersonIndex { get; }

    public string Msisdn { get; }

    public byte[] MsisdnUtf8 { get; }

    public Carrier Carrier { get; }

    /// <summary>Simulation seconds; negative for SIMs registered before the start, as most are.</summary>
    public long RegisteredAt { get; }
}
