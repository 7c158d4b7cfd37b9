using RlFramework.Envs.RoboRally;

namespace RlFramework.Envs.Tests.RoboRally;

public class RoboRallyMapTests
{
    [Theory]
    [InlineData("start 0 0 east\n.G\n.x\n", 3, 2, "unknown cell character 'x'")]
    [InlineData("; c\nstart 0 0 east\n.G.\n..\n", 4, 3, "the row is 2 cells long; the first row has 3")]
    [InlineData("start 0 0 east\n.G\n...\n", 3, 3, "the row is 3 cells long; the first row has 2")]
    [InlineData(".G\n..\n", 1, 1, "expected 'start <x> <y> <heading>'")]
    [InlineData("start 0 0 up\n.G\n", 1, 11, "start heading 'up'")]
    [InlineData("start 0 -1 north\n.G\n", 1, 9, "start y '-1'")]
    [InlineData("start 5 0 north\n.G\n", 1, 7, "off the 2×1 board")]
    [InlineData("start 1 0 north\n#G\n.#\n", 1, 7, "on a goal cell")]
    [InlineData("start 0 0 north\n..\n", 2, 1, "no goal cell")]
    [InlineData("; only a comment\n", 1, 1, "the map is empty")]
    [InlineData("start 0 0 north\n", 2, 1, "no grid rows")]
    public void MalformedMapsNameLineAndColumn(string text, int line, int column, string problem)
    {
        var error = Assert.Throws<RoboRallyMapFormatException>(() => RoboRallyMap.Parse(text, "bad.txt"));
        Assert.Equal((line, column), (error.Line, error.Column));
        Assert.Contains(problem, error.Message);
        Assert.StartsWith($"bad.txt:{line}:{column}: ", error.Message);
    }

    [Fact]
    public void TextRoundTripsAndCoordinatesAreColumnRowFromTheTop()
    {
        var map = RoboRallyMaps.Load("pitahead");
        Assert.Equal((4, 4), (map.Width, map.Height));
        Assert.Equal(new RoboRallyState(0, 3, Heading.North), map.Start);
        Assert.Equal(RoboRallyCell.Goal, map[3, 3]);
        Assert.Equal(RoboRallyCell.Laser, map[0, 2]);
        var again = RoboRallyMap.Parse(map.ToText(), "again");
        Assert.Equal(map.ToText(), again.ToText());
        Assert.Contains(RoboRallyMaps.DefaultName, RoboRallyMaps.Names);
        Assert.Throws<ArgumentException>(() => RoboRallyMaps.Load("nope"));
    }
}
