using System.Runtime.InteropServices;

namespace HealthCode.Storage.Chdb;

/// <summary>Keeps .NET's signal handlers in place across <c>chdb_connect</c>, which replaces some of them.</summary>
/// <remarks>
/// <para>
/// Measured with chDB 26.5: <c>chdb_set_signal_handlers_enabled(0)</c> itself resets SIGILL, SIGTRAP, SIGABRT,
/// SIGBUS, SIGFPE and SIGSEGV to their defaults (without it, <c>chdb_connect</c> installs chDB's own handlers
/// for them and for SIGTSTP and SIGSYS), and connecting always installs a SIGRTMIN handler (ClickHouse's
/// <c>system.stack_trace</c> sampler). .NET needs all of these: SIGSEGV becomes NullReferenceException and
/// SIGRTMIN is how the runtime interrupts threads for garbage collection. Without this guard the first managed
/// null dereference after connecting killed the process. So every disposition is saved before chDB is told
/// anything and put back after the connect; chDB runs queries without them (they are its crash reporter and
/// stack sampler). A consequence: do not query <c>system.stack_trace</c> through chDB.
/// </para>
/// </remarks>
internal static partial class SignalHandlerGuard
{
    // struct sigaction is 152 bytes on x86-64 and arm64 glibc; a larger slot leaves room for other layouts.
    private const int SlotBytes = 512;
    private const int MaxSignal = 64;

    /// <summary>Runs <paramref name="action"/> and restores every signal disposition it changed.</summary>
    public static T Preserve<T>(Func<T> action)
    {
        if (!OperatingSystem.IsLinux())
        {
            return action();
        }

        var saved = new byte[(MaxSignal + 1) * SlotBytes];
        var before = new bool[MaxSignal + 1];

        for (var signal = 1; signal <= MaxSignal; signal++)
        {
            before[signal] = Sigaction(signal, null, saved.AsSpan(signal * SlotBytes, SlotBytes)) == 0;
        }

        try
        {
            return action();
        }
        finally
        {
            for (var signal = 1; signal <= MaxSignal; signal++)
            {
                if (before[signal])
                {
                    Sigaction(signal, saved.AsSpan(signal * SlotBytes, SlotBytes), null);
                }
            }
        }
    }

    private static unsafe int Sigaction(int signal, Span<byte> act, Span<byte> oldAct)
    {
        fixed (byte* newPointer = act)
        fixed (byte* oldPointer = oldAct)
        {
            return SigactionNative(signal, newPointer, oldPointer);
        }
    }

    [LibraryImport("libc", EntryPoint = "sigaction")]
    private static unsafe partial int SigactionNative(int signal, byte* act, byte* oldAct);
}
