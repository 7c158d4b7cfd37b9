using RlFramework.Envs.RoomRunner;

namespace RlFramework.Envs.Tests.Simulators;

public class RoomRunnerTests
{
    private static readonly int[] Seeds = [.. Enumerable.Range(100, 40)];

    [Fact]
    public void TheRunnerStaysInsideRoomsAndEndsInTheFinalRoom()
    {
        using var env = new RoomRunnerEnv();
        foreach (int seed in Seeds)
        {
            env.Reset(seed: seed);
            var building = env.Building!;
            Room? previous = null;
            foreach (var p in env.Positions)
            {
                var room = building.RoomAt((int)Math.Floor(p.X), (int)Math.Floor(p.Y));
                Assert.NotNull(room); // never through a wall into the void
                // Rooms change only through the door of the room left (walls are never crossed).
                if (previous is not null && room != previous) Assert.Same(previous.ConnectedChild, room);
                previous = room;
            }
            Assert.Same(building.FinalRoom, previous);
            Assert.Equal(env.Positions.Count, env.FrameCount);
        }
    }

    [Fact]
    public void TheFinalRoomIsBlueExactlyWhenTheLabelIsOne()
    {
        using var env = new RoomRunnerEnv();
        int ones = 0;
        foreach (int seed in Seeds)
        {
            var frame = env.Reset(seed: seed).Observation;
            var building = env.Building!;
            var final = Pixel(frame, building.FinalRoom);
            var fake = Pixel(frame, building.FakeRoom);
            var (blue, red) = ((128, 128, 255), (255, 128, 128)); // (0.5, 0.5, 1) and (1, 0.5, 0.5) as bytes
            Assert.Equal(env.Label == 1 ? blue : red, final);
            Assert.Equal(env.Label == 1 ? red : blue, fake);
            ones += env.Label;
        }
        Assert.InRange(ones, 10, 30); // a fair coin over 40 seeds
    }

    /// <summary>The observation pixel at the centre of the room's lower-left cell (4 px per cell, y up).</summary>
    private static (int, int, int) Pixel(byte[] frame, Room room)
    {
        int x = room.X * 4 + 2, y = 63 - (room.Y * 4 + 2);
        int o = (y * 64 + x) * 3;
        return (frame[o], frame[o + 1], frame[o + 2]);
    }

    [Fact]
    public void TheDirectVariantReachesTheFinalRoomNoSlowerOnAverage()
    {
        // Same buildings (the same seeds draw the same buildings until a style draw differs), runner always direct.
        double Mean(bool direct)
        {
            using var env = new RoomRunnerEnv(direct);
            return Seeds.Average(seed => { env.Reset(seed: seed); return env.FrameCount; });
        }
        Assert.True(Mean(true) < Mean(false), $"direct {Mean(true)} frames, mixed {Mean(false)}");
    }

    [Fact]
    public void AveragingBlocksTruncatesTheMeanLikeAUint8Cast()
    {
        byte[] source = new byte[4 * 4 * 3];
        for (int i = 0; i < source.Length; i++) source[i] = (byte)(i * 5);
        var destination = new byte[2 * 2 * 3];
        RoomRunnerEnv.AverageBlocks(source, 4, 2, destination);
        // Block (0, 0), red: pixels (0,0), (1,0), (0,1), (1,1) hold 0, 15, 60, 75 → 150 / 4 = 37.5 → 37.
        Assert.Equal(37, destination[0]);
        // Block (1, 0), green: pixels (2,0), (3,0), (2,1), (3,1) hold 35, 50, 95, 110 → 290 / 4 = 72.5 → 72.
        Assert.Equal(72, destination[4]);
    }
}
