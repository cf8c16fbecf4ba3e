using System.Runtime.InteropServices;

namespace HealthCode.Storage.Chdb;

/// <summary>Owns a <c>chdb_connection*</c> and closes it with <c>chdb_close_conn</c>.</summary>
internal sealed unsafe class ChdbConnectionHandle : SafeHandle
{
    private ChdbConnectionHandle()
        : base(nint.Zero, ownsHandle: true)
    {
    }

    /// <inheritdoc/>
    public override bool IsInvalid => handle == nint.Zero;

    /// <summary>The <c>chdb_connection</c> the query functions take: the value the owned pointer points at.</summary>
    public nint Connection => *(nint*)handle;

    /// <summary>Opens a connection with command-line style arguments; throws when chDB returns NULL.</summary>
    public static ChdbConnectionHandle Open(ChdbApi api, IReadOnlyList<string> arguments)
    {
        var encoded = arguments.Select(a => System.Text.Encoding.UTF8.GetBytes(a + "\0")).ToArray();
        var pins = encoded.Select(b => GCHandle.Alloc(b, GCHandleType.Pinned)).ToArray();

        try
        {
            var argv = stackalloc byte*[encoded.Length];

            for (var i = 0; i < encoded.Length; i++)
            {
                argv[i] = (byte*)pins[i].AddrOfPinnedObject();
            }

            var result = new ChdbConnectionHandle();
            result.SetHandle(api.Connect(encoded.Length, argv));

            if (result.IsInvalid)
            {
                throw new InvalidOperationException(
                    $"chDB refused to connect with '{string.Join(' ', arguments)}'. chDB opens one data path per " +
                    "process; another path may still be open, or the directory is not writable.");
            }

            return result;
        }
        finally
        {
            foreach (var pin in pins)
            {
                pin.Free();
            }
        }
    }

    /// <inheritdoc/>
    protected override bool ReleaseHandle()
    {
        ChdbApi.Instance.CloseConnection(handle);
        return true;
    }
}
