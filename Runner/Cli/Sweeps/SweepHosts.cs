using System.Net;
using System.Net.Sockets;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Orleans.Configuration;

namespace RlFramework.Runner.Cli.Sweeps;

/// <summary>
/// The Orleans hosts of sweeps: the embedded silo (localhost clustering, state in memory) that <c>rl sweep</c> runs
/// without <c>--cluster</c>, a worker silo that joins a PostgreSQL-backed cluster, and the client <c>rl sweep --cluster</c>
/// submits through. Every silo runs the same grains and the same <see cref="TrialWorker"/>.
/// </summary>
public static class SweepHosts
{
    /// <summary>The Orleans cluster id and service id of every sweep cluster.</summary>
    public const string ClusterId = "rl-sweeps";

    /// <summary>The <c>--cluster</c> value that asks for the embedded silo on this machine instead of a PostgreSQL cluster.</summary>
    public const string Local = "local";

    /// <summary>Adds the sweep grains' storage-independent parts to a silo: the trial worker with its options.</summary>
    public static ISiloBuilder AddTrialWorker(this ISiloBuilder silo, WorkerOptions options)
    {
        ArgumentNullException.ThrowIfNull(silo);
        silo.Services.AddSingleton(options);
        silo.Services.AddHostedService<TrialWorker>();
        return silo;
    }

    /// <summary>One silo on 127.0.0.1 (free ports), sweep state in memory, training up to <paramref name="options"/>' slots at once.</summary>
    public static IHost Embedded(WorkerOptions options) => new HostBuilder().UseOrleans(silo => silo
        .UseLocalhostClustering(FreePort(), FreePort(), serviceId: ClusterId, clusterId: ClusterId)
        .AddMemoryGrainStorage(SweepStorage.Name)
        .AddTrialWorker(options)).Build();

    /// <summary>A worker silo in the cluster of <paramref name="database"/>, reachable by the others at <paramref name="address"/>.</summary>
    /// <param name="database">Membership and sweep state.</param>
    /// <param name="options">Slots, polling, log.</param>
    /// <param name="address">The address other silos and clients reach this one at.</param>
    /// <param name="siloPort">Silo-to-silo port (0: a free one).</param>
    /// <param name="gatewayPort">Client gateway port (0: a free one).</param>
    public static IHost Worker(ClusterDatabase database, WorkerOptions options, IPAddress address, int siloPort, int gatewayPort)
    {
        ArgumentNullException.ThrowIfNull(database);
        return new HostBuilder().UseOrleans(silo => silo
            .Configure<ClusterOptions>(o => (o.ClusterId, o.ServiceId) = (ClusterId, ClusterId))
            .Configure<ClusterMembershipOptions>(o => o.ProbeTimeout = TimeSpan.FromSeconds(2))
            .ConfigureEndpoints(address, siloPort == 0 ? FreePort() : siloPort, gatewayPort == 0 ? FreePort() : gatewayPort, listenOnAnyHostAddress: !IPAddress.IsLoopback(address))
            .UseAdoNetClustering(o => (o.Invariant, o.ConnectionString) = (ClusterDatabase.Invariant, database.ConnectionString))
            .AddAdoNetGrainStorage(SweepStorage.Name, o => (o.Invariant, o.ConnectionString) = (ClusterDatabase.Invariant, database.ConnectionString))
            .AddTrialWorker(options)).Build();
    }

    /// <summary>A client of the cluster of <paramref name="database"/> (it trains nothing).</summary>
    public static IHost Client(ClusterDatabase database)
    {
        ArgumentNullException.ThrowIfNull(database);
        return new HostBuilder().UseOrleansClient(client => client
            .Configure<ClusterOptions>(o => (o.ClusterId, o.ServiceId) = (ClusterId, ClusterId))
            .UseAdoNetClustering(o => (o.Invariant, o.ConnectionString) = (ClusterDatabase.Invariant, database.ConnectionString))).Build();
    }

    /// <summary>A TCP port free on 127.0.0.1 right now.</summary>
    public static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
