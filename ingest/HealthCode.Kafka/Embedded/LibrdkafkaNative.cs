using System.Runtime.InteropServices;

namespace HealthCode.Kafka.Embedded;

/// <summary>
/// The few librdkafka C functions that Confluent.Kafka does not wrap: client creation for the mock cluster's
/// owner handle, and the mock cluster API of <c>rdkafka_mock.h</c> (experimental, not ABI-stable, so it is pinned to
/// the librdkafka.redist version in Directory.Packages.props).
/// </summary>
internal static unsafe partial class LibrdkafkaNative
{
    private const string Library = LibrdkafkaResolver.LibraryName;

    private const int ProducerType = 0;

    private const int ConfigOk = 0;

    static LibrdkafkaNative()
    {
        // Both libraries must share the one loaded copy of librdkafka; see LibrdkafkaResolver.
        NativeLibrary.SetDllImportResolver(typeof(LibrdkafkaNative).Assembly, LibrdkafkaResolver.Resolve);
    }

    /// <summary>Creates a bare producer handle that only serves as owner of a mock cluster.</summary>
    public static nint CreateOwnerHandle()
    {
        var conf = rd_kafka_conf_new();
        var errors = stackalloc byte[512];

        // The owner never connects anywhere, so only warnings and worse of its own are worth printing.
        if (rd_kafka_conf_set(conf, "log_level", "4", errors, 512) != ConfigOk)
        {
            rd_kafka_conf_destroy(conf);
            throw new InvalidOperationException($"librdkafka rejected log_level: {ReadString(errors)}");
        }

        var handle = rd_kafka_new(ProducerType, conf, errors, 512);
        if (handle == 0)
        {
            rd_kafka_conf_destroy(conf);
            throw new InvalidOperationException($"librdkafka could not create a client: {ReadString(errors)}");
        }

        return handle;
    }

    /// <summary>Reads a NUL-terminated UTF-8 string owned by librdkafka.</summary>
    public static string ReadString(nint text) => Marshal.PtrToStringUTF8(text) ?? string.Empty;

    [LibraryImport(Library)]
    public static partial void rd_kafka_destroy(nint rk);

    [LibraryImport(Library)]
    public static partial nint rd_kafka_mock_cluster_new(nint rk, int brokerCount);

    [LibraryImport(Library)]
    public static partial void rd_kafka_mock_cluster_destroy(nint mcluster);

    [LibraryImport(Library)]
    public static partial nint rd_kafka_mock_cluster_bootstraps(nint mcluster);

    [LibraryImport(Library, StringMarshalling = StringMarshalling.Utf8)]
    public static partial int rd_kafka_mock_topic_create(nint mcluster, string topic, int partitions, int replication);

    [LibraryImport(Library, StringMarshalling = StringMarshalling.Utf8)]
    public static partial int rd_kafka_mock_partition_set_leader(
        nint mcluster, string topic, int partition, int brokerId);

    [LibraryImport(Library)]
    public static partial int rd_kafka_mock_broker_set_down(nint mcluster, int brokerId);

    [LibraryImport(Library)]
    public static partial int rd_kafka_mock_broker_set_up(nint mcluster, int brokerId);

    [LibraryImport(Library)]
    public static partial int rd_kafka_mock_broker_set_rtt(nint mcluster, int brokerId, int rttMs);

    [LibraryImport(Library)]
    public static partial void rd_kafka_mock_push_request_errors_array(
        nint mcluster, short apiKey, nuint count, int[] errors);

    [LibraryImport(Library)]
    public static partial void rd_kafka_mock_clear_request_errors(nint mcluster, short apiKey);

    [LibraryImport(Library)]
    public static partial void rd_kafka_mock_group_initial_rebalance_delay_ms(nint mcluster, int delayMs);

    [LibraryImport(Library)]
    public static partial void rd_kafka_mock_start_request_tracking(nint mcluster);

    [LibraryImport(Library)]
    public static partial void rd_kafka_mock_stop_request_tracking(nint mcluster);

    [LibraryImport(Library)]
    public static partial nint rd_kafka_mock_get_requests(nint mcluster, out nuint count);

    [LibraryImport(Library)]
    public static partial short rd_kafka_mock_request_api_key(nint request);

    [LibraryImport(Library)]
    public static partial void rd_kafka_mock_request_destroy_array(nint requests, nuint count);

    [LibraryImport(Library)]
    private static partial nint rd_kafka_conf_new();

    [LibraryImport(Library)]
    private static partial void rd_kafka_conf_destroy(nint conf);

    [LibraryImport(Library, StringMarshalling = StringMarshalling.Utf8)]
    private static partial int rd_kafka_conf_set(nint conf, string name, string value, byte* errors, nuint size);

    [LibraryImport(Library)]
    private static partial nint rd_kafka_new(int type, nint conf, byte* errors, nuint size);

    private static string ReadString(byte* text) => Marshal.PtrToStringUTF8((nint)text) ?? string.Empty;
}
