namespace HealthCode.Ingest.Parsing;

/// <summary>Range checks for WGS 84 coordinates.</summary>
internal static class Coordinates
{
    public static bool IsLatitude(double lat) => lat is >= -90 and <= 90;

    public static bool IsLongitude(double lon) => lon is >= -180 and <= 180;

    public static double Latitude(JsonFields fields, int field)
    {
        var lat = fields.Number(field);
        return fields.Error is null && !IsLatitude(lat) ? fields.Invalid(field, "must be from -90 to 90", 0.0) : lat;
    }

    public static double Longitude(JsonFields fields, int field)
    {
        var lon = fields.Number(field);
        return fields.Error is null && !IsLongitude(lon)
            ? fields.Invalid(field, "must be from -180 to 180", 0.0)
            : lon;
    }
}
