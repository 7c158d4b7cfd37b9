namespace RlFramework.Models.Modules;

/// <summary>
/// LSTM cell with PyTorch's parameters (weight_ih [4H, in], weight_hh [4H, H], bias_ih, bias_hh; gate order i, f, g, o)
/// and init U(-1/√H, 1/√H). forward(x, (h, c)?) returns (h', c').
/// </summary>
public sealed class LSTMCell : Module<Tensor, (Tensor h, Tensor c)?, (Tensor h, Tensor c)>
{
    /// <summary>Input-to-hidden weights [4H, in].</summary>
    public Parameter weight_ih { get; }

    /// <summary>Hidden-to-hidden weights [4H, H].</summary>
    public Parameter weight_hh { get; }

    /// <summary>Input-to-hidden bias [4H] or null.</summary>
    public Parameter? bias_ih { get; }

    /// <summary>Hidden-to-hidden bias [4H] or null.</summary>
    public Parameter? bias_hh { get; }

    /// <summary>Hidden size H.</summary>
    public int hidden_size { get; }

    /// <summary>Creates the cell.</summary>
    public LSTMCell(long inputSize, long hiddenSize, bool bias = true, Generator? generator = null) : base("LSTMCell")
    {
        hidden_size = (int)hiddenSize;
        (weight_ih, weight_hh, bias_ih, bias_hh) = LSTM.MakeWeights(this, "", (int)inputSize, hidden_size, bias, generator ?? torch.default_generator);
    }

    /// <summary>One step: x [B, in] (or [in]) and optional (h, c) [B, H] (zeros when null).</summary>
    public override (Tensor h, Tensor c) forward(Tensor input, (Tensor h, Tensor c)? state)
    {
        bool unbatched = input.dim() == 1;
        var x = unbatched ? input.unsqueeze(0) : input;
        int b = x._shape[0];
        var h = state?.h ?? Tensor.Empty([b, hidden_size], clear: true);
        var c = state?.c ?? Tensor.Empty([b, hidden_size], clear: true);
        if (unbatched && h.dim() == 1) { h = h.unsqueeze(0); c = c.unsqueeze(0); }
        var hc = Tensor.LstmCell(x, h, c, weight_ih, weight_hh, bias_ih, bias_hh);
        var hn = hc.select(0, 0);
        var cn = hc.select(0, 1);
        return unbatched ? (hn.squeeze(0), cn.squeeze(0)) : (hn, cn);
    }
}
