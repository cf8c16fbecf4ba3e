namespace HealthCode.Kafka.Tests.Support;

/// <summary>Waits for a condition; the timeout only guards against a hang and is never the thing tested.</summary>
internal static class Eventually
{
    public static readonly TimeSpan Guard = TimeSpan.FromSeconds(30);

    public static async Task WaitUntilAsync(Func<bool> condition, string what, TimeSpan? guard = null)
    {
        var deadline = DateTime.UtcNow + (guard ?? Guard);

        while (!condition())
        {
            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"Gave up waiting for {what} after {guard ?? Guard}.");
            }

            await Task.Delay(20);
        }
    }

    public static Task<T> Within<T>(this Task<T> task, string what) => Guarded(task, what);

    public static async Task Within(this Task task, string what)
    {
        try
        {
            await task.WaitAsync(Guard);
        }
        catch (TimeoutException ex)
        {
            throw new TimeoutException($"Gave up waiting for {what} after {Guard}.", ex);
        }
    }

    private static async Task<T> Guarded<T>(Task<T> task, string what)
    {
        try
        {
            return await task.WaitAsync(Guard);
        }
        catch (TimeoutException ex)
        {
            throw new TimeoutException($"Gave up waiting for {what} after {Guard}.", ex);
        }
    }
}
