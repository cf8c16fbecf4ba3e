using HealthCode.Risk.Cluster.Persistence;
using Npgsql;

namespace HealthCode.Risk.Cluster.Tests.Persistence;

public sealed class PostgresPersistenceTests
{
    [Fact]
    public void WithPoolLimit_NoLimitGiven_CapsThePool()
    {
        var limited = PostgresPersistence.WithPoolLimit("Host=db;Database=persons;Username=u;Password=p");

        var builder = new NpgsqlConnectionStringBuilder(limited);
        Assert.Equal(PostgresPersistence.DefaultPoolSize, builder.MaxPoolSize);
        Assert.Equal("db", builder.Host);
        Assert.Equal("p", builder.Password);
    }

    [Fact]
    public void WithPoolLimit_LimitGiven_KeepsIt()
    {
        var limited = PostgresPersistence.WithPoolLimit("Host=db;Database=persons;Maximum Pool Size=60");

        Assert.Equal(60, new NpgsqlConnectionStringBuilder(limited).MaxPoolSize);
    }
}
