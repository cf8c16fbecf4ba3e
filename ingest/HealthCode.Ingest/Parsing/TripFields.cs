namespace HealthCode.Ingest.Parsing;

/// <summary>Checks shared by the manifests: a journey ends no earlier than it starts.</summary>
internal static class TripFields
{
    public static void RequireOrdered(JsonFields fields, int arrivesField, long departsMs, long arrivesMs)
    {
        if (fields.Error is null && arrivesMs < departsMs)
        {
            fields.Invalid(arrivesField, "must not be before departs_at", 0);
        }
    }

    /// <summary>The Kafka key of a service: the same for every passenger of one train or flight on one day.</summary>
    public static string ServiceKey(string service, string serviceDate) => service + "/" + serviceDate;
}
