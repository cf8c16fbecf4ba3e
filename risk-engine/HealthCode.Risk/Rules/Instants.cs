namespace HealthCode.Risk.Rules;

/// <summary>The earlier and the later of two instants, as the manifest rules compare two passengers' times.</summary>
internal static class Instants
{
    public static DateTimeOffset Earlier(DateTimeOffset a, DateTimeOffset b) => a < b ? a : b;

    public static DateTimeOffset Later(DateTimeOffset a, DateTimeOffset b) => a > b ? a : b;
}
