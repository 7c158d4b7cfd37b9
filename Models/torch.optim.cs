using RlFramework.Models.Modules;
using RlFramework.Models.Optimizers;

namespace RlFramework.Models;

public static partial class torch
{
    /// <summary>Optimizers and schedulers, as <c>torch.optim</c>.</summary>
    public static class optim
    {
        /// <summary>SGD.</summary>
        public static SGD SGD(IEnumerable<Parameter> parameters, double lr, double momentum = 0, double dampening = 0, double weight_decay = 0, bool nesterov = false) =>
            new(parameters, lr, momentum, dampening, weight_decay, nesterov);

        /// <summary>Adam.</summary>
        public static Adam Adam(IEnumerable<Parameter> parameters, double lr = 1e-3, double beta1 = 0.9, double beta2 = 0.999, double eps = 1e-8, double weight_decay = 0, bool amsgrad = false) =>
            new(parameters, lr, beta1, beta2, eps, weight_decay, amsgrad);

        /// <summary>AdamW.</summary>
        public static AdamW AdamW(IEnumerable<Parameter> parameters, double lr = 1e-3, double beta1 = 0.9, double beta2 = 0.999, double eps = 1e-8, double weight_decay = 1e-2, bool amsgrad = false) =>
            new(parameters, lr, beta1, beta2, eps, weight_decay, amsgrad);

        /// <summary>RMSprop.</summary>
        public static RMSprop RMSprop(IEnumerable<Parameter> parameters, double lr = 0.01, double alpha = 0.99, double eps = 1e-8, double weight_decay = 0, double momentum = 0, bool centered = false) =>
            new(parameters, lr, alpha, eps, weight_decay, momentum, centered);

        /// <summary>Adadelta.</summary>
        public static Adadelta Adadelta(IEnumerable<Parameter> parameters, double lr = 1.0, double rho = 0.9, double eps = 1e-6, double weight_decay = 0) =>
            new(parameters, lr, rho, eps, weight_decay);

        /// <summary>Learning-rate schedulers, as <c>torch.optim.lr_scheduler</c>.</summary>
        public static class lr_scheduler
        {
            /// <summary>Step decay.</summary>
            public static StepLR StepLR(Optimizer optimizer, int step_size, double gamma = 0.1) => new(optimizer, step_size, gamma);

            /// <summary>Exponential decay.</summary>
            public static ExponentialLR ExponentialLR(Optimizer optimizer, double gamma) => new(optimizer, gamma);

            /// <summary>Linear factor schedule.</summary>
            public static LinearLR LinearLR(Optimizer optimizer, double start_factor = 1.0 / 3, double end_factor = 1.0, int total_iters = 5) =>
                new(optimizer, start_factor, end_factor, total_iters);
        }
    }
}
