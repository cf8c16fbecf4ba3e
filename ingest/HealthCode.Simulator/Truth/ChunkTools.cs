using HealthCode.Simulator.Engine;
using HealthCode.Simulator.Mobility;

namespace HealthCode.Simulator.Truth;

/// <summary>Per-thread scratch for re-planning and rasterizing trajectories.</summary>
internal sealed class ChunkTools
{
    public ChunkTools(World world)
    {
        Builder = new TrajectoryBuilder(world.Places);
        Rasterizer = new SegmentRasterizer(world.Grid);
    }

    public TrajectoryBuilder Builder { get; }

    public SegmentRasterizer Rasterizer { get; }

    public List<CellSpan> Spans { get; } = [];
}
