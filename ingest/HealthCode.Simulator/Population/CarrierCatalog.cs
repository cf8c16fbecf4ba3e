namespace HealthCode.Simulator.Population;

/// <summary>Carrier names as the subscriber feed spells them, their market shares and number prefixes.</summary>
internal static class CarrierCatalog
{
    private static readonly string[] Names = ["China Mobile", "China Unicom", "China Telecom"];

    private static readonly int[][] Prefixes =
    [
        [134, 135, 136, 137, 138, 139, 147, 150, 151, 152, 157, 158, 159, 178, 182, 183, 184, 187, 188, 198],
        [130, 131, 132, 155, 156, 166, 175, 176, 185, 186],
        [133, 153, 173, 177, 180, 181, 189, 191, 199],
    ];

    /// <summary>Approximate subscriber shares, in carrier order.</summary>
    public static ReadOnlySpan<double> Shares => [0.58, 0.24, 0.18];

    public static string NameOf(Carrier carrier) => Names[(int)carrier];

    public static IReadOnlyList<int> PrefixesOf(Carrier carrier) => Prefixes[(int)carrier];
}
