using System.Globalization;

namespace HealthCode.Simulator.Population;

/// <summary>
/// The 18-character resident identity number (GB 11643): 6-digit area code, birth date <c>YYYYMMDD</c>, 3-digit
/// sequence (odd for men) and an ISO 7064 MOD 11-2 check character, which is <c>X</c> for ten.
/// </summary>
internal static class ResidentIdNumber
{
    private const string CheckCharacters = "10X98765432";

    private static readonly int[] Weights = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];

    public static string Create(string areaCode, DateOnly birthDate, int sequence)
    {
        var first17 = string.Create(CultureInfo.InvariantCulture, $"{areaCode}{birthDate:yyyyMMdd}{sequence:000}");
        return first17 + CheckCharacter(first17);
    }

    public static char CheckCharacter(ReadOnlySpan<char> first17)
    {
        var sum = 0;

        for (var i = 0; i < Weights.Length; i++)
        {
            sum += (first17[i] - '0') * Weights[i];
        }

        return CheckCharacters[sum % 11];
    }

    public static bool IsValid(string value) =>
        value.Length == 18 && value.AsSpan(0, 17).ContainsAnyExceptInRange('0', '9') is false
        && value[17] == CheckCharacter(value.AsSpan(0, 17));
}
