using RlFramework.Models;
using RlFramework.Models.Modules;

namespace RlFramework.Agents.Drqn;

/// <summary>
/// The recurrent Q-network: a one-layer <see cref="LSTM"/> and a linear readout (parameters lstm.weight_ih_l0, ...,
/// readout.weight, readout.bias). The input of a step is the observation followed by the previous action one-hot.
/// </summary>
public sealed class DrqnNetwork : Module<Tensor, Tensor>
{
    private readonly LSTM lstm;
    private readonly Linear readout;

    /// <summary>Creates the network; <paramref name="forgetGateBias"/> is added to the forget-gate biases after the usual init.</summary>
    public DrqnNetwork(int inputSize, int hiddenSize, int actionCount, double forgetGateBias = 0, Generator? generator = null) : base("DrqnNetwork")
    {
        lstm = torch.nn.LSTM(inputSize, hiddenSize, generator: generator);
        readout = torch.nn.Linear(hiddenSize, actionCount, generator: generator);
        if (forgetGateBias != 0) Models.EProp.EPropLstm.AddForgetGateBias(lstm, forgetGateBias);
        (InputSize, HiddenSize, ActionCount) = (inputSize, hiddenSize, actionCount);
        RegisterComponents();
    }

    /// <summary>Input size: observation length + number of actions.</summary>
    public int InputSize { get; }

    /// <summary>LSTM units.</summary>
    public int HiddenSize { get; }

    /// <summary>Number of actions (Q-values per step).</summary>
    public int ActionCount { get; }

    /// <summary>The LSTM.</summary>
    public LSTM Lstm => lstm;

    /// <summary>The linear readout.</summary>
    public Linear Readout => readout;

    /// <summary>Q-values [T, B, actions] of a sequence [T, B, input] from the zero state.</summary>
    public override Tensor forward(Tensor input) => readout.forward(lstm.forward(input, null).output);

    /// <summary>One step from state (h, c) [1, B, H]: Q-values [1, B, actions] and the next state.</summary>
    public (Tensor q, Tensor h, Tensor c) Step(Tensor input, Tensor h, Tensor c)
    {
        var (output, hn, cn) = lstm.forward(input, (h, c));
        return (readout.forward(output), hn, cn);
    }
}
