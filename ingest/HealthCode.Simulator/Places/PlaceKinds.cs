using System.Text;

namespace HealthCode.Simulator.Places;

/// <summary>Helpers over <see cref="PlaceKind"/>.</summary>
internal static class PlaceKinds
{
    private static readonly string[] Names = Enum.GetValues<PlaceKind>().Select(ToSnakeCase).ToArray();

    public static string SnakeCase(PlaceKind kind) => Names[(int)kind];

    /// <summary>Kinds that a case investigation names as a venue (everything but a home).</summary>
    public static bool IsVenue(PlaceKind kind) => kind != PlaceKind.Home;

    private static string ToSnakeCase(PlaceKind kind)
    {
        var text = kind.ToString();
        var builder = new StringBuilder(text.Length + 4);

        for (var i = 0; i < text.Length; i++)
        {
            if (char.IsUpper(text[i]) && i > 0)
            {
                builder.Append('_');
            }

            builder.Append(char.ToLowerInvariant(text[i]));
        }

        return builder.ToString();
    }
}
