using Microsoft.Extensions.Configuration;

namespace HealthCode.Node.Configuration;

/// <summary>
/// Loads configuration: built-in defaults, then <c>healthcode.json</c>, then <c>HEALTHCODE_</c> variables.
/// </summary>
/// <remarks>
/// Environment variables use double underscores for sections, e.g. <c>HEALTHCODE_KAFKA__BOOTSTRAPSERVERS</c>.
/// Every key with its default and meaning is in <c>healthcode.reference.json</c> beside the node.
/// </remarks>
internal static class NodeConfiguration
{
    public static IConfiguration Load(string? path)
    {
        var builder = new ConfigurationBuilder();
        var file = path ?? Path.Combine(Directory.GetCurrentDirectory(), "healthcode.json");

        if (path is not null && !File.Exists(path))
        {
            throw new FileNotFoundException($"configuration file {path} does not exist", path);
        }

        builder.AddJsonFile(Path.GetFullPath(file), optional: true, reloadOnChange: false);
        builder.AddEnvironmentVariables("HEALTHCODE_");
        return builder.Build();
    }
}
