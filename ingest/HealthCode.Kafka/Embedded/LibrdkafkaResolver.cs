using System.Reflection;
using System.Runtime.InteropServices;

namespace HealthCode.Kafka.Embedded;

/// <summary>
/// Finds the librdkafka that Confluent.Kafka loaded, so this assembly's imports bind to the same copy.
/// </summary>
/// <remarks>
/// Confluent.Kafka does not always load <c>librdkafka.so</c>: on a Linux without libsasl2 (this build machine) that
/// file fails to load and it falls back to <c>centos8-librdkafka.so</c> from the same runtimes folder. Resolving by
/// name would then fail, or worse, load a second copy whose handles are foreign to Confluent's. So the resolver
/// lets Confluent.Kafka load first and then opens exactly the file it mapped.
/// </remarks>
internal static class LibrdkafkaResolver
{
    public const string LibraryName = "librdkafka";

    public static nint Resolve(string name, Assembly assembly, DllImportSearchPath? searchPath)
    {
        if (name != LibraryName)
        {
            return 0;
        }

        // Reading the version makes Confluent.Kafka run its own probing and load the library if it has not yet.
        _ = Confluent.Kafka.Library.Version;

        var loaded = LoadedPath();
        if (loaded is not null && NativeLibrary.TryLoad(loaded, out var handle))
        {
            return handle;
        }

        var confluent = typeof(Confluent.Kafka.Library).Assembly;
        return NativeLibrary.TryLoad(LibraryName, confluent, searchPath, out handle) ? handle : 0;
    }

    private static string? LoadedPath()
    {
        const string maps = "/proc/self/maps";
        if (!OperatingSystem.IsLinux() || !File.Exists(maps))
        {
            return null;
        }

        foreach (var line in File.ReadLines(maps))
        {
            var start = line.IndexOf('/', StringComparison.Ordinal);
            if (start < 0)
            {
                continue;
            }

            var path = line[start..];
            var file = Path.GetFileName(path);
            if (file.Contains(LibraryName, StringComparison.Ordinal) && file.EndsWith(".so", StringComparison.Ordinal))
            {
                return path;
            }
        }

        return null;
    }
}
