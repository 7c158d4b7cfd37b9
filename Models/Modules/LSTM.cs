namespace RlFramework.Models.Modules;

/// <summary>
/// Multi-layer LSTM over a sequence (PyTorch parameter names weight_ih_l{k}, ...; gate order i, f, g, o).
/// forward(input [T, B, in] (or [B, T, in] with batchFirst), (h0, c0)? [L, B, H]) returns all hidden states
/// of the last layer and the final (h_n, c_n) [L, B, H]. Backward runs through time (BPTT).
/// </summary>
public sealed class LSTM : Module<Tensor, (Tensor h0, Tensor c0)?, (Tensor output, Tensor h_n, Tensor c_n)>
{
    private readonly (Parameter wih, Parameter whh, Parameter? bih, Parameter? bhh)[] _layers;
    private readonly Tensor[] _hs, _cs;
    private Tensor[]? _steps;

    /// <summary>Hidden size H.</summary>
    public int hidden_size { get; }

    /// <summary>Number of stacked layers.</summary>
    public int num_layers { get; }

    /// <summary>Whether input and output are [B, T, ...].</summary>
    public bool batch_first { get; }

    /// <summary>Creates the LSTM.</summary>
    public LSTM(long inputSize, long hiddenSize, long numLayers = 1, bool bias = true, bool batchFirst = false, Generator? generator = null) : base("LSTM")
    {
        if (numLayers < 1) throw new ArgumentException($"LSTM: num_layers must be at least 1, got {numLayers}");
        hidden_size = (int)hiddenSize;
        num_layers = (int)numLayers;
        batch_first = batchFirst;
        _layers = new (Parameter, Parameter, Parameter?, Parameter?)[num_layers];
        _hs = new Tensor[num_layers];
        _cs = new Tensor[num_layers];
        var g = generator ?? torch.default_generator;
        for (int k = 0; k < num_layers; k++)
            _layers[k] = MakeWeights(this, "_l" + k, k == 0 ? (int)inputSize : hidden_size, hidden_size, bias, g);
    }

    internal static (Parameter, Parameter, Parameter?, Parameter?) MakeWeights(Module owner, string suffix, int inputSize, int hidden, bool bias, Generator g)
    {
        double bound = 1.0 / Math.Sqrt(hidden);
        var wih = owner.RegisterUniformParameter("weight_ih" + suffix, [4 * hidden, inputSize], bound, g);
        var whh = owner.RegisterUniformParameter("weight_hh" + suffix, [4 * hidden, hidden], bound, g);
        var bih = bias ? owner.RegisterUniformParameter("bias_ih" + suffix, [4 * hidden], bound, g) : null;
        var bhh = bias ? owner.RegisterUniformParameter("bias_hh" + suffix, [4 * hidden], bound, g) : null;
        return (wih, whh, bih, bhh);
    }

    /// <summary>Runs the sequence.</summary>
    public override (Tensor output, Tensor h_n, Tensor c_n) forward(Tensor input, (Tensor h0, Tensor c0)? state)
    {
        if (input.dim() != 3) throw new ArgumentException($"LSTM: input must be 3-D ({(batch_first ? "[B, T, in]" : "[T, B, in]")}), got shape {input.ShapeStr}");
        var x = batch_first ? input.transpose(0, 1) : input;
        int t = x._shape[0], b = x._shape[1];
        if (state is { } s0 && (s0.h0.dim() != 3 || s0.h0._shape[0] != num_layers || s0.h0._shape[1] != b || s0.h0._shape[2] != hidden_size || !s0.c0._shape.AsSpan().SequenceEqual(s0.h0._shape)))
            throw new ArgumentException($"LSTM: initial state shapes {s0.h0.ShapeStr} and {s0.c0.ShapeStr} do not match [num_layers={num_layers}, batch={b}, hidden={hidden_size}]");
        // Scratch arrays are reused across calls (a module is not used from two threads at once).
        var steps = _steps is { } st && st.Length >= t ? _steps : (_steps = new Tensor[t]);
        var hs = _hs;
        var cs = _cs;
        for (int i = 0; i < t; i++) steps[i] = x.select(0, i);
        for (int k = 0; k < num_layers; k++)
        {
            var (wih, whh, bih, bhh) = _layers[k];
            var h = state is { } s ? s.h0.select(0, k) : Tensor.Empty([b, hidden_size], clear: true);
            var c = state is { } s2 ? s2.c0.select(0, k) : Tensor.Empty([b, hidden_size], clear: true);
            for (int i = 0; i < t; i++)
            {
                var hc = Tensor.LstmCell(steps[i], h, c, wih, whh, bih, bhh);
                h = hc.select(0, 0);
                c = hc.select(0, 1);
                steps[i] = h;
            }
            hs[k] = h;
            cs[k] = c;
        }
        var output = Tensor.Stack(steps.AsSpan(0, t), 0);
        Array.Clear(steps, 0, t);
        if (batch_first) output = output.transpose(0, 1);
        var result = (output, Tensor.Stack(hs, 0), Tensor.Stack(cs, 0));
        Array.Clear(hs);
        Array.Clear(cs);
        return result;
    }
}
