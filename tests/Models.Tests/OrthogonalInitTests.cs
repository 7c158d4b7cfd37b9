namespace RlFramework.Models.Tests;

/// <summary>torch.nn.init.orthogonal_ against its defining property: W·Wᵀ = gain²·I (fewer rows) or Wᵀ·W = gain²·I (fewer columns).</summary>
public sealed class OrthogonalInitTests
{
    private static double[,] Gram(float[] w, int rows, int cols, bool ofRows)
    {
        int n = ofRows ? rows : cols;
        var gram = new double[n, n];
        for (int i = 0; i < n; i++)
        {
            for (int j = 0; j < n; j++)
            {
                double sum = 0;
                for (int k = 0; k < (ofRows ? cols : rows); k++)
                    sum += ofRows ? (double)w[i * cols + k] * w[j * cols + k] : (double)w[k * cols + i] * w[k * cols + j];
                gram[i, j] = sum;
            }
        }

        return gram;
    }

    [Theory]
    [InlineData(64, 4, 1.4142135623730951)]  // more rows than columns: orthonormal columns
    [InlineData(2, 64, 0.01)]                // fewer rows: orthonormal rows
    [InlineData(64, 64, 1.0)]                // square: orthogonal
    public void TheSmallerSideIsOrthonormalTimesTheGain(int rows, int cols, double gain)
    {
        var t = torch.empty(rows, cols);
        torch.nn.init.orthogonal_(t, gain, new Generator(7));
        var gram = Gram(t.ToArray(), rows, cols, ofRows: rows <= cols);
        for (int i = 0; i < gram.GetLength(0); i++)
        {
            for (int j = 0; j < gram.GetLength(0); j++)
                Assert.Equal(i == j ? gain * gain : 0, gram[i, j], 1e-5 * gain * gain + 1e-12);
        }
    }

    [Fact]
    public void ItIsQOfTheQrOfAGaussianDrawWithRsDiagonalPositive()
    {
        // PyTorch's algorithm on a 3 × 2 draw: Q's first column is the draw's first column normalised (R₁₁ > 0).
        var generator = new Generator(11);
        var drawn = new float[6];
        new Generator(11).FillNormal(drawn, 0, 1);
        var t = torch.empty(3, 2);
        torch.nn.init.orthogonal_(t, 1.0, generator);
        double norm = Math.Sqrt(drawn[0] * drawn[0] + drawn[2] * drawn[2] + drawn[4] * drawn[4]);
        var w = t.ToArray();
        for (int r = 0; r < 3; r++) Assert.Equal(drawn[r * 2] / norm, w[r * 2], 6);
        // And the second column is orthogonal to the first, in the plane of the draw's two columns: its dot with draw column 2 is R₂₂ > 0.
        double dot = 0;
        for (int r = 0; r < 3; r++) dot += w[r * 2 + 1] * drawn[r * 2 + 1];
        Assert.True(dot > 0);
    }

    [Fact]
    public void AVectorIsRefused() => Assert.Throws<ArgumentException>(() => torch.nn.init.orthogonal_(torch.empty(5)));
}
