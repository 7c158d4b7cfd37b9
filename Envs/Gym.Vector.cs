using System.Reflection;
using System.Runtime.CompilerServices;
using RlFramework.Envs.Vector;

namespace RlFramework.Envs;

public static partial class Gym
{
    private static readonly MethodInfo MakeVecTypedMethod = typeof(Gym).GetMethods(BindingFlags.Public | BindingFlags.Static)
        .Single(m => m.Name == nameof(MakeVec) && m.IsGenericMethodDefinition);

    /// <summary>
    /// Builds a vector env of <paramref name="numEnvs"/> copies of the env registered under <paramref name="id"/>, each
    /// made by <see cref="Make(string, IReadOnlyDictionary{string, object?}?, string?, int?, bool)"/> with its standard
    /// wrappers (Gymnasium's <c>make_vec</c>). The env must observe arrays of an unmanaged element type (float[], byte[], ...).
    /// </summary>
    /// <param name="id">The registered id.</param>
    /// <param name="numEnvs">The number of sub-envs (at least 1).</param>
    /// <param name="mode">Sync (one thread) or Parallel (worker threads).</param>
    /// <param name="autoreset">When finished sub-envs are reset.</param>
    /// <param name="kwargs">Keyword arguments for every sub-env, laid over the registered defaults.</param>
    /// <param name="renderMode">The sub-envs' render mode, or null.</param>
    /// <param name="maxEpisodeSteps">Overrides the registered time limit.</param>
    /// <param name="disableEnvChecker">Leaves out the PassiveEnvChecker.</param>
    /// <param name="workerCount">Parallel mode: the number of slices (default the processor count).</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="numEnvs"/> is not positive.</exception>
    /// <exception cref="ArgumentException">Unknown id, or the env does not observe arrays of an unmanaged type.</exception>
    public static IVectorEnv MakeVec(string id, int numEnvs, VectorMode mode = VectorMode.Sync, AutoresetMode autoreset = AutoresetMode.NextStep,
        IReadOnlyDictionary<string, object?>? kwargs = null, string? renderMode = null, int? maxEpisodeSteps = null,
        bool disableEnvChecker = false, int? workerCount = null)
    {
        CheckNumEnvs(numEnvs);
        var spec = Spec(id);
        var element = spec.ObservationType.IsArray && spec.ObservationType.GetArrayRank() == 1 ? spec.ObservationType.GetElementType()! : null;
        if (element is null || !IsUnmanaged(element))
        {
            throw new ArgumentException(
                $"{id} observes {spec.ObservationType.Name}; vector envs batch array observations of an unmanaged element type (float[], byte[], ...).",
                nameof(id));
        }

        try
        {
            return (IVectorEnv)MakeVecTypedMethod.MakeGenericMethod(element, spec.ActionType)
                .Invoke(null, [id, numEnvs, mode, autoreset, kwargs, renderMode, maxEpisodeSteps, disableEnvChecker, workerCount])!;
        }
        catch (TargetInvocationException e) when (e.InnerException is not null)
        {
            System.Runtime.ExceptionServices.ExceptionDispatchInfo.Throw(e.InnerException);
            throw;
        }
    }

    /// <summary>
    /// Builds a typed vector env (see <see cref="MakeVec(string, int, VectorMode, AutoresetMode, IReadOnlyDictionary{string, object?}?, string?, int?, bool, int?)"/>),
    /// e.g. <c>Gym.MakeVec&lt;float, int&gt;("CartPole-v1", 8)</c>.
    /// </summary>
    /// <typeparam name="T">The observation element type (the env observes <typeparamref name="T"/>[]).</typeparam>
    /// <typeparam name="TAct">The env's action type.</typeparam>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="numEnvs"/> is not positive.</exception>
    /// <exception cref="ArgumentException">Unknown id, or the env's observation or action type is not the one asked for.</exception>
    public static IVectorEnv<T, TAct> MakeVec<T, TAct>(string id, int numEnvs, VectorMode mode = VectorMode.Sync,
        AutoresetMode autoreset = AutoresetMode.NextStep, IReadOnlyDictionary<string, object?>? kwargs = null, string? renderMode = null,
        int? maxEpisodeSteps = null, bool disableEnvChecker = false, int? workerCount = null)
        where T : unmanaged where TAct : notnull
    {
        CheckNumEnvs(numEnvs);
        var spec = Spec(id);
        if (spec.ObservationType != typeof(T[]) || spec.ActionType != typeof(TAct))
        {
            throw new ArgumentException(
                $"{id} observes {spec.ObservationType.Name} and takes {spec.ActionType.Name} actions; MakeVec<{typeof(T).Name}, {typeof(TAct).Name}> asked for {typeof(T).Name}[] observations and {typeof(TAct).Name} actions.",
                nameof(id));
        }

        var factories = new Func<IEnv<T[], TAct>>[numEnvs];
        for (int i = 0; i < numEnvs; i++)
            factories[i] = () => Make<T[], TAct>(id, kwargs, renderMode, maxEpisodeSteps, disableEnvChecker);
        VectorEnv<T, TAct> vector = mode switch
        {
            VectorMode.Sync => new SyncVectorEnv<T, TAct>(factories, autoreset),
            VectorMode.Parallel => new ParallelVectorEnv<T, TAct>(factories, autoreset, workerCount),
            _ => throw new ArgumentOutOfRangeException(nameof(mode), mode, "Expected VectorMode.Sync or VectorMode.Parallel."),
        };
        vector.Spec = vector.Envs[0].Spec;
        return vector;
    }

    private static void CheckNumEnvs(int numEnvs)
    {
        if (numEnvs <= 0)
            throw new ArgumentOutOfRangeException(nameof(numEnvs), numEnvs, $"MakeVec needs numEnvs >= 1; got {numEnvs}.");
    }

    private static bool IsUnmanaged(Type type) =>
        type.IsValueType && !(bool)typeof(RuntimeHelpers).GetMethod(nameof(RuntimeHelpers.IsReferenceOrContainsReferences))!
            .MakeGenericMethod(type).Invoke(null, null)!;
}
