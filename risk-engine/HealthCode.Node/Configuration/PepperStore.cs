using System.Security.Cryptography;
using Microsoft.Extensions.Logging;

namespace HealthCode.Node.Configuration;

/// <summary>
/// Finds the pepper: configuration first, else (embedded mode only) a random one kept in the data folder.
/// </summary>
/// <remarks>
/// The pepper must stay the same across runs, or the same person gets a new key and replays stop being idempotent;
/// it must never be committed. So the embedded default is generated once, stored with owner-only permissions, and
/// reused. Production sets <c>HEALTHCODE_INGEST__PEPPER</c> from a secret store instead.
/// </remarks>
internal static class PepperStore
{
    public static string Resolve(string? configured, string dataDirectory, bool embedded, ILogger logger)
    {
        if (!string.IsNullOrEmpty(configured))
        {
            return configured;
        }

        if (!embedded)
        {
            throw new InvalidOperationException(
                "ingest.pepper is not set; with a real Kafka cluster set HEALTHCODE_INGEST__PEPPER "
                + "from your secrets.");
        }

        var path = Path.Combine(dataDirectory, "pepper");

        if (File.Exists(path))
        {
            return File.ReadAllText(path).Trim();
        }

        Directory.CreateDirectory(dataDirectory);
        var pepper = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(32));
        File.WriteAllText(path, pepper);

        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        }

        logger.LogWarning("No ingest.pepper configured: generated one for embedded mode in {PepperPath}", path);
        return pepper;
    }
}
