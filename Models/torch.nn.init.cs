namespace RlFramework.Models;

public static partial class torch
{
    public static partial class nn
    {
        /// <summary>In-place initialisers, as <c>torch.nn.init</c> (PyTorch's fan and gain conventions).</summary>
        public static class init
        {
            /// <summary>(fan_in, fan_out) of a weight: dims 1 and 0 times the receptive field size.</summary>
            public static (long fanIn, long fanOut) CalculateFanInAndFanOut(Tensor t)
            {
                if (t.dim() < 2) throw new ArgumentException($"init: fan in/out need at least 2 dimensions, got shape {t.ShapeStr}");
                long rf = 1;
                for (int i = 2; i < t.dim(); i++) rf *= t._shape[i];
                return (t._shape[1] * rf, t._shape[0] * rf);
            }

            /// <summary>Recommended gain for a nonlinearity ("linear", "relu", "leaky_relu", "tanh", "sigmoid").</summary>
            public static double calculate_gain(string nonlinearity, double param = 0.01) => nonlinearity switch
            {
                "linear" or "conv2d" or "sigmoid" => 1.0,
                "tanh" => 5.0 / 3,
                "relu" => Math.Sqrt(2.0),
                "leaky_relu" => Math.Sqrt(2.0 / (1 + param * param)),
                _ => throw new ArgumentException($"calculate_gain: unsupported nonlinearity '{nonlinearity}'"),
            };

            /// <summary>U(low, high).</summary>
            public static Tensor uniform_(Tensor t, double low = 0, double high = 1, Generator? generator = null)
            {
                (generator ?? default_generator).FillUniform(t.Span, low, high);
                return t;
            }

            /// <summary>N(mean, std²).</summary>
            public static Tensor normal_(Tensor t, double mean = 0, double std = 1, Generator? generator = null)
            {
                (generator ?? default_generator).FillNormal(t.Span, mean, std);
                return t;
            }

            /// <summary>Fills with a constant.</summary>
            public static Tensor constant_(Tensor t, double value)
            {
                t.Span.Fill((float)value);
                return t;
            }

            /// <summary>Fills with zeros.</summary>
            public static Tensor zeros_(Tensor t) => constant_(t, 0);

            /// <summary>Fills with ones.</summary>
            public static Tensor ones_(Tensor t) => constant_(t, 1);

            /// <summary>Glorot/Xavier uniform: U(-a, a), a = gain·√(6/(fan_in+fan_out)).</summary>
            public static Tensor xavier_uniform_(Tensor t, double gain = 1.0, Generator? generator = null)
            {
                var (fi, fo) = CalculateFanInAndFanOut(t);
                double a = gain * Math.Sqrt(6.0 / (fi + fo));
                return uniform_(t, -a, a, generator);
            }

            /// <summary>Glorot/Xavier normal: N(0, std²), std = gain·√(2/(fan_in+fan_out)).</summary>
            public static Tensor xavier_normal_(Tensor t, double gain = 1.0, Generator? generator = null)
            {
                var (fi, fo) = CalculateFanInAndFanOut(t);
                return normal_(t, 0, gain * Math.Sqrt(2.0 / (fi + fo)), generator);
            }

            /// <summary>He/Kaiming uniform: U(-b, b), b = gain·√(3/fan) with gain from the nonlinearity and slope a.</summary>
            public static Tensor kaiming_uniform_(Tensor t, double a = 0, bool fanIn = true, string nonlinearity = "leaky_relu", Generator? generator = null)
            {
                var (fi, fo) = CalculateFanInAndFanOut(t);
                double std = calculate_gain(nonlinearity, a) / Math.Sqrt(fanIn ? fi : fo);
                double bound = Math.Sqrt(3.0) * std;
                return uniform_(t, -bound, bound, generator);
            }

            /// <summary>He/Kaiming normal: N(0, std²), std = gain/√fan.</summary>
            public static Tensor kaiming_normal_(Tensor t, double a = 0, bool fanIn = true, string nonlinearity = "leaky_relu", Generator? generator = null)
            {
                var (fi, fo) = CalculateFanInAndFanOut(t);
                return normal_(t, 0, calculate_gain(nonlinearity, a) / Math.Sqrt(fanIn ? fi : fo), generator);
            }

            /// <summary>
            /// A (semi-)orthogonal matrix times <paramref name="gain"/>, by PyTorch's algorithm: draw the weight viewed as
            /// rows × (numel / rows) from N(0, 1), take Q of its QR decomposition (of the transpose when there are fewer
            /// rows than columns), with each column's sign set so that R's diagonal is positive. The rows (or the columns,
            /// whichever are fewer) are then orthonormal before the gain.
            /// </summary>
            /// <exception cref="ArgumentException">The tensor has fewer than 2 dimensions.</exception>
            public static Tensor orthogonal_(Tensor t, double gain = 1.0, Generator? generator = null)
            {
                if (t.dim() < 2) throw new ArgumentException($"orthogonal_: only tensors with 2 or more dimensions are supported, got shape {t.ShapeStr}");
                int rows = (int)t._shape[0], cols = (int)(t.numel() / rows);
                var drawn = new float[rows * cols];
                (generator ?? default_generator).FillNormal(drawn, 0, 1);
                bool transposed = rows < cols;
                int m = transposed ? cols : rows, n = transposed ? rows : cols; // the m × n matrix A (m ≥ n) to decompose
                var q = new double[m * n];
                for (int r = 0; r < rows; r++)
                {
                    for (int c = 0; c < cols; c++)
                        q[transposed ? c * n + r : r * n + c] = drawn[r * cols + c];
                }
                // Modified Gram–Schmidt: A = QR with R's diagonal positive, the sign-corrected Q PyTorch returns.
                for (int j = 0; j < n; j++)
                {
                    for (int k = 0; k < j; k++)
                    {
                        double dot = 0;
                        for (int i = 0; i < m; i++) dot += q[i * n + k] * q[i * n + j];
                        for (int i = 0; i < m; i++) q[i * n + j] -= dot * q[i * n + k];
                    }
                    double norm = 0;
                    for (int i = 0; i < m; i++) norm += q[i * n + j] * q[i * n + j];
                    norm = Math.Sqrt(norm);
                    for (int i = 0; i < m; i++) q[i * n + j] /= norm;
                }
                var span = t.Span;
                for (int r = 0; r < rows; r++)
                {
                    for (int c = 0; c < cols; c++)
                        span[r * cols + c] = (float)(gain * q[transposed ? c * n + r : r * n + c]);
                }

                return t;
            }
        }
    }
}
