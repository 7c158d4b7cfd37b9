using System.Diagnostics;
using System.Globalization;

namespace RlFramework.Runner.Experiments.RoboRally;

/// <summary>
/// Progress lines for a long <see cref="RoboRallyReproduction"/>: training units (episodes and planning steps) and runs
/// done, at most one line per <c>interval</c> plus one when the last run ends. Thread-safe: runs report from several threads.
/// </summary>
public sealed class RoboRallyProgress : IProgress<int>
{
    private readonly TextWriter _writer;
    private readonly int _runs;
    private readonly long _maxUnits;
    private readonly TimeSpan _interval;
    private readonly Stopwatch _clock = Stopwatch.StartNew();
    private readonly Lock _gate = new();
    private long _units;
    private int _runsDone;
    private TimeSpan _lastLine;

    /// <summary>Writes to <paramref name="writer"/> for <paramref name="runs"/> runs of at most <paramref name="maxUnits"/> units in all.</summary>
    public RoboRallyProgress(TextWriter writer, int runs, long maxUnits, TimeSpan interval)
    {
        _writer = writer ?? throw new ArgumentNullException(nameof(writer));
        ArgumentOutOfRangeException.ThrowIfLessThan(runs, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(maxUnits, 1);
        (_runs, _maxUnits, _interval) = (runs, maxUnits, interval);
    }

    /// <summary>Adds <paramref name="value"/> units done.</summary>
    public void Report(int value)
    {
        lock (_gate)
        {
            _units += value;
            WriteIfDue(false);
        }
    }

    /// <summary>Counts one finished run.</summary>
    public void RunDone()
    {
        lock (_gate)
        {
            _runsDone++;
            WriteIfDue(_runsDone == _runs);
        }
    }

    private void WriteIfDue(bool last)
    {
        var now = _clock.Elapsed;
        if (!last && now - _lastLine < _interval) return;
        _lastLine = now;
        _writer.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"roborally: {_runsDone} of {_runs} runs done, {_units:N0} of at most {_maxUnits:N0} episodes and planning steps ({100.0 * _units / _maxUnits:F1}%), {now.TotalSeconds:F0} s"));
    }
}
