using System.Runtime.InteropServices;

namespace RlFramework.Runner.Cli;

/// <summary>
/// Turns SIGINT (Ctrl+C), SIGTERM (timeout, docker stop, job schedulers) and SIGHUP (a closed terminal) into a clean
/// stop: the first one cancels <see cref="Token"/>, so the run writes its checkpoint and records itself interrupted; a
/// second one ends the process at once, as the signal would by default. <see cref="ExitCode"/> is then what shells
/// expect of a process the signal ended: 128 + its number.
/// </summary>
internal sealed class StopSignals : IDisposable
{
    private readonly CancellationTokenSource _stop = new();
    private readonly PosixSignalRegistration[] _registrations;
    private PosixSignal? _received;

    /// <summary>Starts handling the three signals (until disposed).</summary>
    public StopSignals() => _registrations = [Handle(PosixSignal.SIGINT), Handle(PosixSignal.SIGTERM), Handle(PosixSignal.SIGHUP)];

    /// <summary>Cancelled by the first signal.</summary>
    public CancellationToken Token => _stop.Token;

    /// <summary>The first signal's name (SIGINT, SIGTERM, SIGHUP), or "cancellation" when none came.</summary>
    public string Received => _received?.ToString() ?? "cancellation";

    /// <summary>130 after SIGINT, 143 after SIGTERM, 129 after SIGHUP (1 if no signal came).</summary>
    public int ExitCode => _received switch
    {
        PosixSignal.SIGINT => 130,
        PosixSignal.SIGTERM => 143,
        PosixSignal.SIGHUP => 129,
        _ => 1,
    };

    private PosixSignalRegistration Handle(PosixSignal signal) => PosixSignalRegistration.Create(signal, context =>
    {
        if (_received is not null) return; // a second signal: default behaviour, the process ends now
        _received = signal;
        context.Cancel = true;
        Console.Error.WriteLine($"{signal}: stopping after this step and writing a checkpoint (send it again to stop at once)");
        _stop.Cancel();
    });

    /// <inheritdoc/>
    public void Dispose()
    {
        foreach (var registration in _registrations) registration.Dispose();
        _stop.Dispose();
    }
}
