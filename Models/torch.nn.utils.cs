using System.Numerics.Tensors;
using RlFramework.Models.Modules;

namespace RlFramework.Models;

public static partial class torch
{
    public static partial class nn
    {
        /// <summary>Gradient utilities, as <c>torch.nn.utils</c>.</summary>
        public static class utils
        {
            /// <summary>Scales all gradients so their joint L2 norm is at most <paramref name="max_norm"/>; returns the norm before clipping.</summary>
            public static double clip_grad_norm_(IEnumerable<Parameter> parameters, double max_norm, double norm_type = 2.0)
            {
                if (norm_type != 2.0 && !double.IsPositiveInfinity(norm_type)) throw new ArgumentException($"clip_grad_norm_: norm_type {norm_type} not supported (2 or infinity)");
                // Indexed access for lists/arrays (no enumerator allocation on the hot path).
                var list = parameters as IReadOnlyList<Parameter> ?? parameters.ToArray();
                double total = 0;
                for (int i = 0; i < list.Count; i++)
                {
                    var p = list[i];
                    if (p._grad is null) continue;
                    var g = p._grad.Span;
                    if (double.IsPositiveInfinity(norm_type))
                    {
                        total = Math.Max(total, Math.Abs(TensorPrimitives.MaxMagnitude(g)));
                    }
                    else { double n = TensorPrimitives.Norm(g); total += n * n; }
                }
                if (!double.IsPositiveInfinity(norm_type)) total = Math.Sqrt(total);
                float coef = (float)(max_norm / (total + 1e-6));
                if (coef < 1f)
                {
                    for (int i = 0; i < list.Count; i++)
                        if (list[i]._grad is { } gr) TensorPrimitives.Multiply(gr.Span, coef, gr.Span);
                }

                return total;
            }

            /// <summary>Clamps every gradient element into [-clip_value, clip_value].</summary>
            public static void clip_grad_value_(IEnumerable<Parameter> parameters, double clip_value)
            {
                float c = (float)clip_value;
                foreach (var p in parameters)
                {
                    if (p._grad is null) continue;
                    var g = p._grad.Span;
                    for (int i = 0; i < g.Length; i++) g[i] = Math.Clamp(g[i], -c, c);
                }
            }
        }
    }
}
