using System.CommandLine;
using System.Net;
using Microsoft.Extensions.Hosting;
using RlFramework.Runner.Cli.Sweeps;

namespace RlFramework.Runner.Cli;

/// <summary><c>rl worker --cluster CONN</c>: joins a sweep cluster as a silo that trains up to <c>--slots</c> trials at once, until stopped.</summary>
internal static class WorkerCommand
{
    public static Command Create()
    {
        var cluster = ClusterCommandOptions.Cluster("The cluster's PostgreSQL connection string (membership and sweep state).");
        cluster.Required = true;
        var slots = ClusterCommandOptions.Slots("Trials trained at once (default: the number of cores).");
        var address = new Option<string>("--address") { Description = "The address other machines reach this worker at.", DefaultValueFactory = _ => "127.0.0.1" };
        var port = new Option<int>("--port") { Description = "The silo-to-silo port (0: a free one).", DefaultValueFactory = _ => 11111 };
        var gatewayPort = new Option<int>("--gateway-port") { Description = "The port `rl sweep --cluster` clients connect to (0: a free one).", DefaultValueFactory = _ => 30000 };
        var command = new Command("worker", "Join a sweep cluster as a silo and train its trials (stop with Ctrl+C: running trials checkpoint and go to other workers).")
            { cluster, slots, address, port, gatewayPort };
        command.SetAction(result => CommonOptions.Guard(result, () =>
        {
            int slotCount = result.GetValue(slots);
            if (slotCount < 0) throw new ArgumentException($"--slots must be 0 (coordinate only) or more; got {slotCount}.");
            string addressText = result.GetValue(address)!;
            if (!IPAddress.TryParse(addressText, out var ip)) throw new ArgumentException($"--address '{addressText}' is not an IP address; expected e.g. 10.0.0.5.");
            foreach (var (name, value) in new[] { ("--port", result.GetValue(port)), ("--gateway-port", result.GetValue(gatewayPort)) })
                if (value is < 0 or > 65535) throw new ArgumentException($"{name} must be a TCP port from 0 to 65535; got {value}.");
            var database = ClusterDatabase.Open(result.GetValue(cluster)!);
            using var stop = new StopSignals();
            using var host = SweepHosts.Worker(database, WorkerOptions.Default with { Slots = slotCount, Log = Console.Out }, ip, result.GetValue(port), result.GetValue(gatewayPort));
            host.StartAsync(stop.Token).GetAwaiter().GetResult();
            Console.WriteLine($"worker joined the cluster in {database.Description} at {ip} with {slotCount} slots; Ctrl+C to leave");
            try
            {
                Task.Delay(Timeout.Infinite, stop.Token).GetAwaiter().GetResult();
            }
            catch (OperationCanceledException)
            {
                // a stop signal: leave the cluster cleanly below
            }
            host.StopAsync(CancellationToken.None).GetAwaiter().GetResult();
            return stop.ExitCode;
        }));
        return command;
    }
}
