namespace HealthCode.Storage.Chdb;

/// <summary>Finds <c>libchdb.so</c>: <c>HEALTHCODE_CHDB_LIB</c>, else a <c>.native/chdb</c> above the app.</summary>
internal static class ChdbLibraryLocator
{
    /// <summary>The environment variable the launcher sets to the library's path.</summary>
    public const string EnvironmentVariable = "HEALTHCODE_CHDB_LIB";

    private static readonly string RelativePath = Path.Combine(".native", "chdb", "libchdb.so");

    /// <summary>The library's full path; throws with the fix when it is nowhere to be found.</summary>
    public static string Locate()
    {
        var configured = Environment.GetEnvironmentVariable(EnvironmentVariable);

        if (!string.IsNullOrWhiteSpace(configured))
        {
            if (File.Exists(configured))
            {
                return Path.GetFullPath(configured);
            }

            throw new FileNotFoundException(
                $"{EnvironmentVariable} is '{configured}', but no file is there. Run './healthcode setup' to fetch " +
                "chDB into .native/chdb/libchdb.so, or point the variable at an existing libchdb.so.",
                configured);
        }

        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            var candidate = Path.Combine(dir.FullName, RelativePath);

            if (File.Exists(candidate))
            {
                return candidate;
            }
        }

        throw new FileNotFoundException(
            $"chDB (libchdb.so) was not found: {EnvironmentVariable} is not set and no {RelativePath} exists in " +
            $"{AppContext.BaseDirectory} or any folder above it. Run './healthcode setup' to fetch it " +
            "(the npm package @chdb/lib-linux-x64-gnu), or set the storage mode to server.");
    }
}
