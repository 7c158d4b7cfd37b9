namespace RlFramework.Models;

public static partial class torch
{
    public static partial class nn
    {
        /// <summary>Stateless ops, as <c>torch.nn.functional</c>.</summary>
        public static class functional
        {
            /// <summary>y = x·Wᵀ + b.</summary>
            public static Tensor linear(Tensor input, Tensor weight, Tensor? bias = null) => Tensor.Linear(input, weight, bias);

            /// <summary>ReLU.</summary>
            public static Tensor relu(Tensor x) => x.relu();

            /// <summary>Leaky ReLU.</summary>
            public static Tensor leaky_relu(Tensor x, double negative_slope = 0.01) => x.leaky_relu(negative_slope);

            /// <summary>Tanh.</summary>
            public static Tensor tanh(Tensor x) => x.tanh();

            /// <summary>Sigmoid.</summary>
            public static Tensor sigmoid(Tensor x) => x.sigmoid();

            /// <summary>Softmax over a dimension.</summary>
            public static Tensor softmax(Tensor x, long dim) => x.softmax((int)dim);

            /// <summary>Log-softmax over a dimension.</summary>
            public static Tensor log_softmax(Tensor x, long dim) => x.log_softmax((int)dim);

            /// <summary>One-hot encoding of class indices (num_classes -1 infers it).</summary>
            public static Tensor one_hot(Tensor x, long num_classes = -1) => Tensor.OneHot(x, (int)num_classes);

            /// <summary>Mean-squared error.</summary>
            public static Tensor mse_loss(Tensor input, Tensor target, Reduction reduction = Reduction.Mean) => LossFunctions.MseLoss(input, target, reduction);

            /// <summary>Smooth L1 (quadratic below beta, linear above).</summary>
            public static Tensor smooth_l1_loss(Tensor input, Tensor target, Reduction reduction = Reduction.Mean, double beta = 1.0) => LossFunctions.SmoothL1Loss(input, target, reduction, beta);

            /// <summary>Huber loss (quadratic below delta, delta-scaled linear above).</summary>
            public static Tensor huber_loss(Tensor input, Tensor target, Reduction reduction = Reduction.Mean, double delta = 1.0) => LossFunctions.HuberLoss(input, target, reduction, delta);

            /// <summary>Cross-entropy from logits [N, C] with class indices [N], optional class weights.</summary>
            public static Tensor cross_entropy(Tensor input, Tensor target, Tensor? weight = null, Reduction reduction = Reduction.Mean, long ignore_index = -100) => LossFunctions.CrossEntropy(input, target, weight, reduction, ignore_index);

            /// <summary>Negative log-likelihood on log-probabilities.</summary>
            public static Tensor nll_loss(Tensor input, Tensor target, Tensor? weight = null, Reduction reduction = Reduction.Mean, long ignore_index = -100) => LossFunctions.NllLoss(input, target, weight, reduction, ignore_index);

            /// <summary>Binary cross-entropy on probabilities (logs clamped at -100 as PyTorch).</summary>
            public static Tensor binary_cross_entropy(Tensor input, Tensor target, Tensor? weight = null, Reduction reduction = Reduction.Mean) => LossFunctions.BinaryCrossEntropy(input, target, weight, reduction);

            /// <summary>Binary cross-entropy on logits (numerically stable).</summary>
            public static Tensor binary_cross_entropy_with_logits(Tensor input, Tensor target, Tensor? weight = null, Reduction reduction = Reduction.Mean) => LossFunctions.BinaryCrossEntropyWithLogits(input, target, weight, reduction);

            /// <summary>2-D convolution of [N, C, H, W] with weight [O, C, kh, kw].</summary>
            public static Tensor conv2d(Tensor input, Tensor weight, Tensor? bias = null, long stride = 1, long padding = 0, long dilation = 1) =>
                Tensor.Conv2d(input, weight, bias, (int)stride, (int)padding, (int)dilation);

            /// <summary>2-D transposed convolution of [N, C, H, W] with weight [C, O, kh, kw].</summary>
            public static Tensor conv_transpose2d(Tensor input, Tensor weight, Tensor? bias = null, long stride = 1, long padding = 0, long output_padding = 0, long dilation = 1) =>
                Tensor.ConvTranspose2d(input, weight, bias, (int)stride, (int)padding, (int)output_padding, (int)dilation);
        }
    }
}
