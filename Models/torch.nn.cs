using RlFramework.Models.Modules;

namespace RlFramework.Models;

public static partial class torch
{
    /// <summary>Layers, losses, functional ops, initialisers and utilities, as <c>torch.nn</c>.</summary>
    public static partial class nn
    {
        /// <summary>Fully connected layer.</summary>
        public static Linear Linear(long inputSize, long outputSize, bool hasBias = true, Generator? generator = null) =>
            new(inputSize, outputSize, hasBias, generator);

        /// <summary>Chain of modules.</summary>
        public static Sequential Sequential(params Module<Tensor, Tensor>[] modules) => new(modules);

        /// <summary>Chain of named modules.</summary>
        public static Sequential Sequential(params (string name, Module<Tensor, Tensor> module)[] modules) => new(modules);

        /// <summary>ReLU activation.</summary>
        public static Activation ReLU() => new("ReLU", static x => x.relu()) { IsRelu = true };

        /// <summary>Tanh activation.</summary>
        public static Activation Tanh() => new("Tanh", static x => x.tanh());

        /// <summary>Sigmoid activation.</summary>
        public static Activation Sigmoid() => new("Sigmoid", static x => x.sigmoid());

        /// <summary>Leaky ReLU activation.</summary>
        public static Activation LeakyReLU(double negative_slope = 0.01) => new("LeakyReLU", x => x.leaky_relu(negative_slope));

        /// <summary>Softmax over <paramref name="dim"/>.</summary>
        public static Activation Softmax(long dim) => new("Softmax", x => x.softmax((int)dim));

        /// <summary>Log-softmax over <paramref name="dim"/>.</summary>
        public static Activation LogSoftmax(long dim) => new("LogSoftmax", x => x.log_softmax((int)dim));

        /// <summary>Flattens dimensions start_dim..end_dim.</summary>
        public static Activation Flatten(long start_dim = 1, long end_dim = -1) => new("Flatten", x => x.flatten((int)start_dim, (int)end_dim));

        /// <summary>Identity.</summary>
        public static Activation Identity() => new("Identity", static x => x);

        /// <summary>LSTM cell (gates i, f, g, o).</summary>
        public static LSTMCell LSTMCell(long inputSize, long hiddenSize, bool bias = true, Generator? generator = null) =>
            new(inputSize, hiddenSize, bias, generator);

        /// <summary>Multi-step (multi-layer) LSTM.</summary>
        public static LSTM LSTM(long inputSize, long hiddenSize, long numLayers = 1, bool bias = true, bool batchFirst = false, Generator? generator = null) =>
            new(inputSize, hiddenSize, numLayers, bias, batchFirst, generator);

        /// <summary>2-D convolution.</summary>
        public static Conv2d Conv2d(long in_channels, long out_channels, long kernelSize, long stride = 1, long padding = 0, long dilation = 1, bool bias = true, Generator? generator = null) =>
            new(in_channels, out_channels, kernelSize, stride, padding, dilation, bias, generator);

        /// <summary>2-D transposed convolution.</summary>
        public static ConvTranspose2d ConvTranspose2d(long in_channels, long out_channels, long kernelSize, long stride = 1, long padding = 0, long output_padding = 0, long dilation = 1, bool bias = true, Generator? generator = null) =>
            new(in_channels, out_channels, kernelSize, stride, padding, output_padding, dilation, bias, generator);

        /// <summary>Mean-squared-error loss module.</summary>
        public static Loss MSELoss(Reduction reduction = Reduction.Mean) => new("MSELoss", (x, y) => functional.mse_loss(x, y, reduction));

        /// <summary>Smooth-L1 loss module.</summary>
        public static Loss SmoothL1Loss(Reduction reduction = Reduction.Mean, double beta = 1.0) => new("SmoothL1Loss", (x, y) => functional.smooth_l1_loss(x, y, reduction, beta));

        /// <summary>Huber loss module.</summary>
        public static Loss HuberLoss(Reduction reduction = Reduction.Mean, double delta = 1.0) => new("HuberLoss", (x, y) => functional.huber_loss(x, y, reduction, delta));

        /// <summary>Cross-entropy-from-logits loss module.</summary>
        public static Loss CrossEntropyLoss(Tensor? weight = null, Reduction reduction = Reduction.Mean) => new("CrossEntropyLoss", (x, y) => functional.cross_entropy(x, y, weight, reduction));

        /// <summary>Negative-log-likelihood loss module.</summary>
        public static Loss NLLLoss(Tensor? weight = null, Reduction reduction = Reduction.Mean) => new("NLLLoss", (x, y) => functional.nll_loss(x, y, weight, reduction));

        /// <summary>Binary cross-entropy (on probabilities) loss module.</summary>
        public static Loss BCELoss(Tensor? weight = null, Reduction reduction = Reduction.Mean) => new("BCELoss", (x, y) => functional.binary_cross_entropy(x, y, weight, reduction));

        /// <summary>Binary cross-entropy with logits loss module.</summary>
        public static Loss BCEWithLogitsLoss(Tensor? weight = null, Reduction reduction = Reduction.Mean) => new("BCEWithLogitsLoss", (x, y) => functional.binary_cross_entropy_with_logits(x, y, weight, reduction));

        /// <summary>Wraps a tensor as a trainable parameter.</summary>
        public static Parameter Parameter(Tensor data, bool requires_grad = true) => new(data, requires_grad);
    }
}
