using System.Numerics;
using System.Numerics.Tensors;
using RlFramework.Models.Kernels;
using RlFramework.Models.Modules;

namespace RlFramework.Models.EProp;

/// <summary>
/// Trains the parameters of an existing <see cref="LSTMCell"/> or one-layer <see cref="LSTM"/> (PyTorch layout, gates
/// i, f, g, o) with e-prop: it runs the cell forward one step at a time and keeps, per sequence of the batch, eligibility
/// vectors for the input, forget and candidate gates of every input, recurrent and bias weight — 3·H·(I+H+1) values,
/// independent of the sequence length — and writes Σ_t L_j(t) e_ji(t) into the parameters' <c>.grad</c>, where an
/// optimizer such as <c>torch.optim.Adam</c> steps them. Equations (presynaptic factor p_i(t) = x_i(t), h_i(t-1) or 1):
/// <code>
/// ε^g_ji(t) = f_j(t) ε^g_ji(t-1) + κ ψ^g_j(t) p_i(t),  ε(0) = 0,  for g in {ι, f, z}
/// ψ^ι = z ι(1-ι),  ψ^f = c_j(t-1) f(1-f),  ψ^z = ι(1-z²)
/// e^g_ji(t) = o_j(t)(1 - tanh²c_j(t)) ε^g_ji(t);  output gate: e^o_ji(t) = tanh(c_j(t)) o_j(t)(1-o_j(t)) p_i(t)
/// </code>
/// This is exactly the gradient autograd computes when h(t-1) and the inputs are detached in the recurrence (only
/// c(t) → c(t-1) carries gradient). Both PyTorch biases (bias_ih, bias_hh) receive the bias gradient.
/// </summary>
/// <remarks>Not thread-safe. The parameters must not change during a sequence (step the optimizer between sequences).</remarks>
public sealed class EPropLstm
{
    private const int TracedGates = 3;
    private readonly Parameter _wih, _whh;
    private readonly Parameter? _bih, _bhh;
    private readonly int _in, _h, _p, _stride;
    private readonly float _kappa;
    private float[] _pre = [], _hidden = [], _cell = [], _cellPrev = [], _gates = [], _tanhC = [], _eps = [], _echo = [];
    private readonly float[] _grad;

    /// <summary>Trains <paramref name="cell"/>'s parameters.</summary>
    public EPropLstm(LSTMCell cell, EPropOptions? options = null)
        : this(NotNull(cell).weight_ih, cell.weight_hh, cell.bias_ih, cell.bias_hh, options) { }

    /// <summary>Trains the parameters of <paramref name="lstm"/>, which must have one layer.</summary>
    public EPropLstm(LSTM lstm, EPropOptions? options = null)
        : this(Layer0(lstm, "weight_ih_l0")!, Layer0(lstm, "weight_hh_l0")!, Layer0(lstm, "bias_ih_l0"), Layer0(lstm, "bias_hh_l0"), options) { }

    private EPropLstm(Parameter wih, Parameter whh, Parameter? bih, Parameter? bhh, EPropOptions? options)
    {
        ArgumentNullException.ThrowIfNull(wih);
        Options = options ?? new EPropOptions();
        Options.Validate();
        (_wih, _whh, _bih, _bhh) = (wih, whh, bih, bhh);
        _h = whh._shape[1];
        _in = wih._shape[1];
        _p = _in + _h + 1;
        _stride = (_p + Vector<float>.Count - 1) / Vector<float>.Count * Vector<float>.Count; // rows padded with zeros to whole vectors
        _kappa = (float)Options.TraceScaling;
        _grad = new float[4 * _h * _stride];
    }

    private static LSTMCell NotNull(LSTMCell cell) => cell ?? throw new ArgumentNullException(nameof(cell));

    private static Parameter? Layer0(LSTM lstm, string name)
    {
        ArgumentNullException.ThrowIfNull(lstm);
        if (lstm.num_layers != 1) throw new ArgumentException($"e-prop trains one LSTM layer; this LSTM has num_layers = {lstm.num_layers}.", nameof(lstm));
        if (lstm.batch_first) throw new ArgumentException("e-prop steps one time step at a time; batch_first does not apply (use batch_first = false).", nameof(lstm));
        return lstm.named_parameters().Where(p => p.name == name).Select(p => p.parameter).FirstOrDefault();
    }

    /// <summary>The options (trace scaling, trace echo).</summary>
    public EPropOptions Options { get; }

    /// <summary>Input size I.</summary>
    public int InputSize => _in;

    /// <summary>Hidden size H.</summary>
    public int HiddenSize => _h;

    /// <summary>Sequences in the batch (set by <see cref="Reset"/>).</summary>
    public int BatchSize { get; private set; }

    /// <summary>Eligibility values kept per sequence, 3·H·(I+H+1) (plus 4·H·(I+H+1) trace sums with trace echo).</summary>
    public int EligibilityValuesPerSequence => (TracedGates + (Options.TraceEcho > 0 ? 4 : 0)) * _h * _p;

    /// <summary>Bytes of every per-batch array this trainer holds (traces, trace sums, state and gate buffers).</summary>
    public long BytesHeld => sizeof(float) * ((long)_pre.Length + _hidden.Length + _cell.Length + _cellPrev.Length + _gates.Length + _tanhC.Length + _eps.Length + _echo.Length);

    /// <summary>The hidden state h(t) of the last step, [B, H] row-major.</summary>
    public ReadOnlySpan<float> Hidden => _hidden;

    /// <summary>The cell state c(t) of the last step, [B, H] row-major.</summary>
    public ReadOnlySpan<float> Cell => _cell;

    /// <summary>Starts <paramref name="batchSize"/> new sequences: zero state h = c = 0 and zero traces.</summary>
    public void Reset(int batchSize)
    {
        if (batchSize <= 0) throw new ArgumentOutOfRangeException(nameof(batchSize), batchSize, "The batch size must be positive.");
        if (batchSize != BatchSize)
        {
            BatchSize = batchSize;
            _pre = new float[batchSize * _stride];
            _hidden = new float[batchSize * _h];
            _cell = new float[batchSize * _h];
            _cellPrev = new float[batchSize * _h];
            _gates = new float[batchSize * 4 * _h];
            _tanhC = new float[batchSize * _h];
            _eps = new float[batchSize * TracedGates * _h * _stride];
            _echo = Options.TraceEcho > 0 ? new float[batchSize * 4 * _h * _stride] : [];
        }
        else
        {
            Array.Clear(_hidden);
            Array.Clear(_cell);
            Array.Clear(_eps);
            Array.Clear(_echo);
        }
    }

    /// <summary>Adds <paramref name="bias"/> to the forget-gate biases (PyTorch's bias_ih rows H..2H) of <paramref name="cell"/>: the +1.8 init extension.</summary>
    public static void AddForgetGateBias(LSTMCell cell, double bias = 1.8)
    {
        ArgumentNullException.ThrowIfNull(cell);
        AddForgetGateBias(cell.bias_ih, cell.hidden_size, bias);
    }

    /// <summary>Adds <paramref name="bias"/> to the forget-gate biases (bias_ih_l0 rows H..2H) of a one-layer <paramref name="lstm"/>.</summary>
    public static void AddForgetGateBias(LSTM lstm, double bias = 1.8) => AddForgetGateBias(Layer0(lstm, "bias_ih_l0"), lstm.hidden_size, bias);

    private static void AddForgetGateBias(Parameter? b, int hidden, double bias)
    {
        if (b is null) throw new ArgumentException("The LSTM has no bias to shift.");
        TensorPrimitives.Add(b.Span.Slice(hidden, hidden), (float)bias, b.Span.Slice(hidden, hidden));
    }

    /// <summary>
    /// One time step for every sequence: <paramref name="input"/> is x(t), [B, I] row-major. Updates h, c and the
    /// eligibility vectors (and the trace sums for trace echo).
    /// </summary>
    public void Step(ReadOnlySpan<float> input)
    {
        if (BatchSize == 0) throw new InvalidOperationException("Call Reset(batchSize) before the first Step.");
        if (input.Length != BatchSize * _in) throw new ArgumentException($"e-prop LSTM step expects [{BatchSize}, {_in}] inputs ({BatchSize * _in} values), got {input.Length}.", nameof(input));
        int h = _h, g4 = 4 * h, p = _stride;
        for (int n = 0; n < BatchSize; n++)
        {
            var pre = _pre.AsSpan(n * p, p);
            input.Slice(n * _in, _in).CopyTo(pre);
            _hidden.AsSpan(n * h, h).CopyTo(pre.Slice(_in, h));
            pre[_p - 1] = 1f;
            var gr = _gates.AsSpan(n * g4, g4);
            if (_bih is not null && _bhh is not null) TensorPrimitives.Add(_bih.Span, _bhh.Span, gr);
            else if ((_bih ?? _bhh) is { } bias) bias.Span.CopyTo(gr);
            else gr.Clear();
        }
        Gemm.Mul(BatchSize, g4, _in, input, _in, false, _wih.Span, _in, true, _gates, g4, true);
        Gemm.Mul(BatchSize, g4, h, _hidden, h, false, _whh.Span, h, true, _gates, g4, true);
        _cell.CopyTo(_cellPrev, 0);
        bool echo = _echo.Length > 0;
        for (int n = 0; n < BatchSize; n++)
        {
            var gr = _gates.AsSpan(n * g4, g4);
            TensorPrimitives.Sigmoid(gr[..(2 * h)], gr[..(2 * h)]);
            TensorPrimitives.Tanh(gr.Slice(2 * h, h), gr.Slice(2 * h, h));
            TensorPrimitives.Sigmoid(gr.Slice(3 * h, h), gr.Slice(3 * h, h));
            var pre = _pre.AsSpan(n * p, p);
            for (int j = 0; j < h; j++)
            {
                int k = n * h + j;
                float i = gr[j], f = gr[h + j], z = gr[2 * h + j], o = gr[3 * h + j], cPrev = _cellPrev[k];
                float c = f * cPrev + i * z, tc = MathF.Tanh(c);
                (_cell[k], _tanhC[k], _hidden[k]) = (c, tc, o * tc);
                int e0 = (n * TracedGates * h + j) * p;
                UpdateTrace(_eps.AsSpan(e0, p), f, _kappa * z * i * (1f - i), pre);
                UpdateTrace(_eps.AsSpan(e0 + h * p, p), f, _kappa * cPrev * f * (1f - f), pre);
                UpdateTrace(_eps.AsSpan(e0 + 2 * h * p, p), f, _kappa * i * (1f - z * z), pre);
                if (!echo) continue;
                float toTrace = o * (1f - tc * tc);
                int s0 = (n * 4 * h + j) * p;
                for (int g = 0; g < TracedGates; g++)
                    AddScaled(_echo.AsSpan(s0 + g * h * p, p), _eps.AsSpan(e0 + g * h * p, p), toTrace);
                AddScaled(_echo.AsSpan(s0 + 3 * h * p, p), pre, tc * o * (1f - o));
            }
        }
    }

    /// <summary>eps = forget · eps + psi · pre in one pass (the spans are short, so one loop beats two library calls).</summary>
    private static void UpdateTrace(Span<float> eps, float forget, float psi, ReadOnlySpan<float> pre)
    {
        int i = 0;
        if (Vector.IsHardwareAccelerated)
        {
            var (vf, vp) = (new Vector<float>(forget), new Vector<float>(psi));
            for (; i <= eps.Length - Vector<float>.Count; i += Vector<float>.Count)
                (vf * new Vector<float>(eps[i..]) + vp * new Vector<float>(pre[i..])).CopyTo(eps[i..]);
        }
        for (; i < eps.Length; i++) eps[i] = forget * eps[i] + psi * pre[i];
    }

    /// <summary>dst += scale · v.</summary>
    private static void AddScaled(Span<float> dst, ReadOnlySpan<float> v, float scale)
    {
        int i = 0;
        if (Vector.IsHardwareAccelerated)
        {
            var vs = new Vector<float>(scale);
            for (; i <= dst.Length - Vector<float>.Count; i += Vector<float>.Count)
                (new Vector<float>(dst[i..]) + vs * new Vector<float>(v[i..])).CopyTo(dst[i..]);
        }
        for (; i < dst.Length; i++) dst[i] += scale * v[i];
    }

    /// <summary>
    /// Adds this step's e-prop gradient to the parameters' <c>.grad</c>: Σ_n L[n, j] e_ji(t) for all four gates, and,
    /// where <paramref name="echoSignal"/> is given, Σ_n echoSignal[n, j] Σ_t' e_ji(t') (the trace echo term; pass
    /// λ_echo·L(T) at a sequence's final step). Both signals are [B, H]; rows of zeros skip a sequence.
    /// </summary>
    public void Accumulate(ReadOnlySpan<float> learningSignal, ReadOnlySpan<float> echoSignal = default)
    {
        int h = _h, p = _stride, size = BatchSize * h;
        if (learningSignal.Length != size) throw new ArgumentException($"e-prop learning signal must be [{BatchSize}, {h}] ({size} values), got {learningSignal.Length}.", nameof(learningSignal));
        if (!echoSignal.IsEmpty && echoSignal.Length != size) throw new ArgumentException($"e-prop echo signal must be empty or [{BatchSize}, {h}] ({size} values), got {echoSignal.Length}.", nameof(echoSignal));
        if (!echoSignal.IsEmpty && _echo.Length == 0) throw new InvalidOperationException("An echo signal needs trace echo (EPropOptions.TraceEcho > 0), which keeps the trace sums.");
        for (int n = 0; n < BatchSize; n++)
        {
            var pre = _pre.AsSpan(n * p, p);
            for (int j = 0; j < h; j++)
            {
                int k = n * h + j;
                float l = learningSignal[k];
                if (l != 0)
                {
                    float o = _gates[n * 4 * h + 3 * h + j], tc = _tanhC[k];
                    float toTrace = l * o * (1f - tc * tc);
                    int e0 = (n * TracedGates * h + j) * p;
                    for (int g = 0; g < TracedGates; g++) AddToGrad(g * h + j, _eps.AsSpan(e0 + g * h * p, p), toTrace);
                    AddToGrad(3 * h + j, pre, l * tc * o * (1f - o));
                }
                float le = echoSignal.IsEmpty ? 0f : echoSignal[k];
                if (le == 0) continue;
                int s0 = (n * 4 * h + j) * p;
                for (int g = 0; g < 4; g++) AddToGrad(g * h + j, _echo.AsSpan(s0 + g * h * p, p), le);
            }
        }
        FlushGradient();
    }

    /// <summary>Adds scale · v to gate row <paramref name="row"/> of the step's gradient buffer (v = [input part, recurrent part, bias]).</summary>
    private void AddToGrad(int row, ReadOnlySpan<float> v, float scale) => AddScaled(_grad.AsSpan(row * _stride, _stride), v, scale);

    /// <summary>Adds the gradient buffer [4H, I+H+1] to the parameters' <c>.grad</c> and clears it.</summary>
    private void FlushGradient()
    {
        int rows = 4 * _h;
        var gw = _wih.GradSpan();
        var gr = _whh.GradSpan();
        var b1 = _bih is null ? default : _bih.GradSpan();
        var b2 = _bhh is null ? default : _bhh.GradSpan();
        for (int row = 0; row < rows; row++)
        {
            var v = _grad.AsSpan(row * _stride, _stride);
            if (!gw.IsEmpty) TensorPrimitives.Add(gw.Slice(row * _in, _in), v[.._in], gw.Slice(row * _in, _in));
            if (!gr.IsEmpty) TensorPrimitives.Add(gr.Slice(row * _h, _h), v.Slice(_in, _h), gr.Slice(row * _h, _h));
            if (!b1.IsEmpty) b1[row] += v[_p - 1];
            if (!b2.IsEmpty) b2[row] += v[_p - 1];
        }
        Array.Clear(_grad);
    }
}
