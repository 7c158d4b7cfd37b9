namespace RlFramework.Renders.Tests;

public class ColorTests
{
    [Fact]
    public void HexRoundTrips()
    {
        var c = Color.FromHex("#CA9865");
        Assert.Equal(new Color(202, 152, 101), c);
        Assert.Equal("#CA9865", c.ToHex());
        Assert.Equal(new Color(1, 2, 3, 4), Color.FromHex("01020304"));
        Assert.Equal("#01020304", new Color(1, 2, 3, 4).ToHex());
    }

    [Fact]
    public void BadHexNamesTheValue()
    {
        var e = Assert.Throws<FormatException>(() => Color.FromHex("#12345"));
        Assert.Contains("#12345", e.Message);
    }

    [Fact]
    public void DefaultAlphaIsOpaque()
    {
        Assert.Equal(255, new Color(1, 2, 3).A);
        Assert.Equal(7, Color.White.WithAlpha(7).A);
    }
}
