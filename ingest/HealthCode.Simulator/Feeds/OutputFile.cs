namespace HealthCode.Simulator.Feeds;

/// <summary>Opens output files for large sequential asynchronous writes.</summary>
internal static class OutputFile
{
    public static FileStream Create(string path) =>
        new(path, new FileStreamOptions
        {
            Mode = FileMode.Create,
            Access = FileAccess.Write,
            Share = FileShare.Read,
            Options = FileOptions.Asynchronous | FileOptions.SequentialScan,
            BufferSize = 0,
        });
}
