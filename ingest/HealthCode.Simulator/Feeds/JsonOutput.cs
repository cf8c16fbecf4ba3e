using System.Text.Encodings.Web;
using System.Text.Json;

namespace HealthCode.Simulator.Feeds;

/// <summary>JSON settings shared by every feed and truth file.</summary>
internal static class JsonOutput
{
    /// <summary>
    /// The relaxed encoder writes <c>+86...</c> and <c>Xi'an</c> as they are instead of <c>\u002B</c> escapes;
    /// the output is still valid JSON and never embedded in HTML.
    /// </summary>
    public static JsonWriterOptions WriterOptions { get; } = new()
    {
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    public static JsonSerializerOptions SerializerOptions { get; } = new()
    {
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };
}
