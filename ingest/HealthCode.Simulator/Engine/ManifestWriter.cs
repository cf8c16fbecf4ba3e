using System.Globalization;
using System.Text.Json;
using HealthCode.Simulator.Feeds;
using HealthCode.Simulator.Time;

namespace HealthCode.Simulator.Engine;

/// <summary>
/// Writes <c>manifest.json</c>: the settings, the period, each feed's file and line counts, and the headline
/// numbers of the run. Nothing in it depends on the machine or the time of the run.
/// </summary>
internal static class ManifestWriter
{
    public static async Task WriteAsync(string path, SimulationSettings settings, SimClock clock,
        SimulationReport report, CancellationToken cancellationToken)
    {
        await using var file = OutputFile.Create(path);
        await using var json = new Utf8JsonWriter(file, JsonOutput.WriterOptions with { Indented = true });

        json.WriteStartObject();
        json.WriteString("generator", "HealthCode.Simulator");
        json.WriteNumber("format_version", 1);
        WriteSettings(json, settings);

        json.WriteStartObject("period");
        json.WriteString("from", clock.Format(0));
        json.WriteString("to", clock.Format(clock.Horizon));
        json.WriteEndObject();

        json.WriteStartObject("feeds");

        foreach (var feed in report.Feeds)
        {
            json.WriteStartObject(feed.Name);
            json.WriteString("file", feed.FileName);
            json.WriteNumber("header_lines", feed.Name == FeedNames.Pings ? 1 : 0);
            json.WriteNumber("valid_lines", feed.ValidLines);
            json.WriteNumber("malformed_lines", feed.MalformedLines);
            json.WriteEndObject();
        }

        json.WriteEndObject();
        json.WriteNumber("people", report.People);
        json.WriteNumber("sim_cards", report.SimCards);
        json.WriteNumber("travellers", report.Travellers);
        json.WriteNumber("infections", report.Infections);
        json.WriteNumber("cases", report.Cases);
        json.WriteNumber("contacts", report.Contacts);
        WriteTruthFiles(json, settings);
        json.WriteEndObject();
        await json.FlushAsync(cancellationToken).ConfigureAwait(false);
    }

    private static void WriteSettings(Utf8JsonWriter json, SimulationSettings settings)
    {
        json.WriteStartObject("settings");
        json.WriteNumber("people", settings.People);
        json.WriteNumber("days", settings.Days);
        json.WriteNumber("seed", settings.Seed);
        json.WriteString("start_date", settings.StartDate.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
        json.WriteString("city", settings.City.Name);
        json.WriteNumber("malformed_per_feed", settings.MalformedPerFeed);
        json.WriteNumber("initial_infections", settings.ResolvedInitialInfections);
        json.WriteNumber("travel_share", settings.TravelShare);
        json.WriteNumber("ping_interval_minutes", settings.PingIntervalMinutes);
        json.WriteNumber("transmission_scale", settings.TransmissionScale);
        json.WriteEndObject();
    }

    private static void WriteTruthFiles(Utf8JsonWriter json, SimulationSettings settings)
    {
        json.WriteStartObject("truth");
        json.WriteString("infections", "truth/infections.jsonl");
        json.WriteString("contacts", "truth/contacts.jsonl");
        json.WriteString("malformed", "truth/malformed.jsonl");

        if (settings.WriteTrajectories)
        {
            json.WriteString("trajectories", "truth/trajectories.jsonl");
        }

        json.WriteEndObject();
    }
}
