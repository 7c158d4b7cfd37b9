// Tests touch process-wide settings (default generator seed, anomaly mode, GEMM thread count), so classes run one at a time.
[assembly: CollectionBehavior(DisableTestParallelization = true)]
