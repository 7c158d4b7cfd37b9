using RlFramework.Renders.Video;

namespace RlFramework.Envs.Wrappers;

/// <summary>Wraps an env of any observation and action type in <see cref="RecordVideo{TObs, TAct}"/> (for code that holds an <see cref="IEnv"/>).</summary>
public static class RecordVideoFactory
{
    /// <summary>
    /// Wraps <paramref name="env"/> in a <see cref="RecordVideo{TObs, TAct}"/> of its own types; the arguments mean what
    /// they mean in that constructor.
    /// </summary>
    public static IVideoRecorder Wrap(IEnv env, string videoFolder, Func<int, bool>? episodeTrigger = null, Func<int, bool>? stepTrigger = null,
        int videoLength = 0, string namePrefix = "rl-video", double? fps = null, VideoFormat format = VideoFormat.Gif)
    {
        ArgumentNullException.ThrowIfNull(env);
        var typed = env.GetType().GetInterfaces().FirstOrDefault(i => i.IsGenericType && i.GetGenericTypeDefinition() == typeof(IEnv<,>))
            ?? throw new ArgumentException($"{env} does not implement IEnv<TObs, TAct>.", nameof(env));
        var wrapper = typeof(RecordVideo<,>).MakeGenericType(typed.GetGenericArguments());
        try
        {
            return (IVideoRecorder)Activator.CreateInstance(wrapper, env, videoFolder, episodeTrigger, stepTrigger, videoLength, namePrefix, fps, format)!;
        }
        catch (System.Reflection.TargetInvocationException e) when (e.InnerException is not null)
        {
            System.Runtime.ExceptionServices.ExceptionDispatchInfo.Throw(e.InnerException);
            throw;
        }
    }
}
